using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Services;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Documents;

/// <summary>The printed contract, read back from the PDF bytes as a person copying its text would.</summary>
public sealed class ContractPdfReadBack : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;
    private readonly int _contractId;

    public ContractPdfReadBack()
    {
        var county = SmallCounty.Create(_database);
        _catalogue = county.AddContractCatalogue(_database);
        _elder = county.AddResident(_database, county.VillageA, "欧阳秀英", new DateOnly(1950, 3, 1),
            tags: KeyPopulation.Hypertension);
        var today = _database.Clock.Today;
        var signed = _database.Service<ContractService>(_catalogue.DoctorOfTeamA).SignAsync(
            _catalogue.Input(_elder, _catalogue.DoctorA, today, _catalogue.Basic, _catalogue.Elder, _catalogue.Hypertension)).GetAwaiter().GetResult();
        Assert.True(signed.Succeeded, signed.Summary);
        _contractId = signed.Id!.Value;
    }

    public void Dispose() => _database.Dispose();

    private (byte[] Pdf, string FileName) Render(CareTeams.Web.Security.UserScope user) =>
        _database.Service<ContractPdf>(user).RenderAsync(_contractId).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("not found");

    [Fact]
    public void The_contract_reads_back_with_the_resident_the_packages_and_the_amounts_character_for_character()
    {
        var (pdf, fileName) = Render(_catalogue.DoctorOfTeamA);

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("家庭医生签约服务协议书", text);
        Assert.Contains("TEST01-000001", text);
        Assert.Contains("欧阳秀英", text);
        Assert.Contains(_elder.MaskedIdNumber, text);
        Assert.DoesNotContain(_elder.IdNumber, text);
        Assert.Contains(_catalogue.Elder.Name, text);
        Assert.Contains(_catalogue.Hypertension.Name, text);
        // 241.00 + 87.06 = 328.06; subsidies 100.00 + 60.00 = 160.00; own payment 168.06.
        Assert.Contains("328.06", text);
        Assert.Contains("160.00", text);
        Assert.Contains("168.06", text);
        Assert.Contains("壹佰陆拾捌元零陆分", text);
        Assert.Contains("第一团队", text);
        Assert.Contains("双方权利和义务", text);
        Assert.Contains($"第 1 页 / 共 {document.NumberOfPages} 页", text);
        Assert.EndsWith(".pdf", fileName);
    }

    [Fact]
    public void A_contract_is_well_under_300_KB()
    {
        var (pdf, _) = Render(_catalogue.DoctorOfTeamA);

        Assert.InRange(pdf.Length, 1_000, 300_000);
    }

    [Fact]
    public void A_centre_s_own_clauses_replace_the_standard_ones()
    {
        using (var db = _database.Context(CareTeams.Web.Security.UserScope.System))
        {
            var centre = db.Centres.Single(c => c.Id == _catalogue.County.Centre.Id);
            centre.SetContractClauses("第一条 本中心提供每周二上门服务。");
            db.SaveChanges();
        }

        var (pdf, _) = Render(_catalogue.DoctorOfTeamA);

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("本中心提供每周二上门服务", text);
        Assert.DoesNotContain("一式两份，甲乙双方各执一份，自双方签字之日起生效", text);
    }

    [Fact]
    public async Task Another_team_s_nurse_gets_nothing()
    {
        Assert.Null(await _database.Service<ContractPdf>(_catalogue.NurseOfTeamB).RenderAsync(_contractId));
    }

    [Theory]
    [InlineData(305.25, "叁佰零伍元贰角伍分")]
    [InlineData(10.05, "壹拾元零伍分")]
    [InlineData(10005, "壹万零伍元整")]
    [InlineData(100000, "壹拾万元整")]
    [InlineData(0, "零元整")]
    [InlineData(0.5, "伍角")]
    public void Amounts_are_written_in_Chinese_capitals(decimal yuan, string expected) =>
        Assert.Equal(expected, ContractDocument.ChineseAmount(CareTeams.Domain.SeedWork.Money.Of(yuan)));
}
