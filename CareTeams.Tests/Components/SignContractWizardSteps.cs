using AngleSharp.Dom;
using Bunit;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Contracts;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

/// <summary>The signing wizard, step by step, as a team doctor uses it, over the real services and a SQLite file.</summary>
public sealed class SignContractWizardSteps : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;   // 76 with hypertension: every package suits
    private readonly Resident _adult;   // 46, no key population: the personalised packages do not suit
    private readonly Resident _signed;  // gets a contract before the page opens

    public SignContractWizardSteps()
    {
        _catalogue = County.AddContractCatalogue(Database);
        _elder = County.AddResident(Database, County.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        _adult = County.AddResident(Database, County.VillageA, "李大姐", new DateOnly(1980, 5, 2));
        _signed = County.AddResident(Database, County.VillageA, "陈阿姨", new DateOnly(1958, 1, 9));
        County.AddResident(Database, County.VillageB, "周先生", new DateOnly(1975, 7, 3), Sex.Male); // team B: not listed
        SignInAs(_catalogue.DoctorOfTeamA);
        Services.AddSingleton(Database.Service<ContractService>(_catalogue.DoctorOfTeamA));
    }

    private DateOnly Today => Database.Clock.Today;

    [Fact]
    public void Step_one_lists_the_teams_residents_from_the_database_and_the_box_searches_them()
    {
        var page = RenderPage<SignContractWizard>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=resident-result]").Count), Patience);
        var results = page.Find("[data-testid=resident-results]").TextContent;
        Assert.Contains("王老伯", results);
        Assert.Contains("高血压", results);
        Assert.DoesNotContain("周先生", results);

        Find(page, "resident-search").Input("李");

        page.WaitForAssertion(() => Assert.Contains("李大姐", Assert.Single(page.FindAll("[data-testid=resident-result]")).TextContent), Patience);
    }

    [Fact]
    public async Task A_resident_who_already_has_a_signed_contract_cannot_go_on_to_the_packages()
    {
        var existing = await Database.Service<ContractService>(_catalogue.DoctorOfTeamA)
            .SignAsync(_catalogue.Input(_signed, _catalogue.DoctorA, Today, _catalogue.Basic));
        Assert.True(existing.Succeeded, existing.Summary);
        var page = RenderPage<SignContractWizard>();

        page.WaitForElement($"[data-testid=pick-{_signed.Id}]", Patience).Click();

        page.WaitForAssertion(() =>
        {
            var message = page.Find("[data-testid=already-signed]").TextContent;
            Assert.Contains(ContractService.AlreadySignedMessage, message);
            Assert.Contains("TEST01-000001", message);
        }, Patience);
        page.Find("[data-testid=wizard-next]").Click();
        page.WaitForAssertion(() => Assert.Contains(ContractService.AlreadySignedMessage, page.Find("[data-testid=step-error]").TextContent), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=step-resident]"));
        Assert.Empty(page.FindAll("[data-testid=step-packages]"));
    }

    [Fact]
    public void Step_two_has_the_basic_package_checked_and_an_unsuitable_package_disabled_with_the_reason()
    {
        var page = RenderPage<SignContractWizard>();
        PickAndGoToPackages(page, _adult);

        var basic = PackageRow(page, "JC-01");
        Assert.Equal("true", basic.GetAttribute("data-chosen"));
        var basicBox = Find(page, "package-check-JC-01");
        Assert.True(basicBox.HasAttribute("checked"));
        Assert.True(basicBox.HasAttribute("disabled"));

        var elder = PackageRow(page, "LNR-01");
        Assert.Equal("false", elder.GetAttribute("data-chosen"));
        Assert.True(Find(page, "package-check-LNR-01").HasAttribute("disabled"));
        Assert.Contains("不适用：该包面向老年人，居民不属于该人群", elder.QuerySelector("[data-testid=package-unsuitable]")!.TextContent);
        Assert.True(Find(page, "package-check-GXY-01").HasAttribute("disabled"));
    }

    [Fact]
    public void Step_three_shows_each_package_and_the_total_fee_to_the_fen()
    {
        var page = RenderPage<SignContractWizard>();
        GoToFee(page);

        page.WaitForAssertion(() => Assert.Equal("¥168.06", page.Find("[data-testid=fee-total-own]").TextContent.Trim()), Patience);
        Assert.Equal("¥328.06", page.Find("[data-testid=fee-total-price]").TextContent.Trim());
        Assert.Equal("¥160.00", page.Find("[data-testid=fee-total-subsidy]").TextContent.Trim());
        var rows = page.FindAll("[data-testid=fee-row]").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("老年人健康包") && r.Contains("¥241.00") && r.Contains("¥100.00") && r.Contains("¥141.00"));
        Assert.Contains(rows, r => r.Contains("高血压管理包") && r.Contains("¥87.06") && r.Contains("¥27.06"));
        Assert.Contains("王医生", page.Find("[data-testid=step-fee]").TextContent); // the signed-in doctor is proposed as responsible
    }

    [Fact]
    public void Confirming_creates_the_signed_contract_and_opens_its_page()
    {
        var page = RenderPage<SignContractWizard>();
        GoToFee(page);
        page.WaitForElement("[data-testid=fee-total-own]", Patience);
        page.Find("[data-testid=wizard-next]").Click();
        page.WaitForAssertion(() => Assert.Contains("¥168.06", page.Find("[data-testid=confirm-summary]").TextContent), Patience);

        page.Find("[data-testid=confirm-sign]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("/contracts/", CurrentPath), Patience);
        using var db = Database.Context(UserScope.System);
        var contract = db.Contracts.AsNoTracking().Single(c => c.ResidentId == _elder.Id);
        Assert.Equal($"/contracts/{contract.Id}", CurrentPath);
        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Equal(_catalogue.DoctorA.Id, contract.ResponsibleDoctorId);
        Assert.Equal(ContractTerm.OneYearFrom(Today), contract.Term);
        Assert.Equal(["GXY-01", "JC-01", "LNR-01"], contract.Packages.Select(p => p.Code).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(168.06m, contract.OwnPayment.Yuan);
    }

    /// <summary>Chooses the resident in step 1 and goes on to step 2.</summary>
    private static void PickAndGoToPackages(IRenderedComponent<SignContractWizard> page, Resident resident)
    {
        page.WaitForElement($"[data-testid=pick-{resident.Id}]", Patience).Click();
        page.WaitForElement("[data-testid=selected-resident]", Patience);
        page.Find("[data-testid=wizard-next]").Click();
        page.WaitForElement("[data-testid=step-packages] [data-testid=package-row]", Patience);
    }

    /// <summary>The elder with the elder and hypertension packages added, on step 3.</summary>
    private void GoToFee(IRenderedComponent<SignContractWizard> page)
    {
        PickAndGoToPackages(page, _elder);
        Assert.False(Find(page, "package-check-LNR-01").HasAttribute("disabled"));
        Find(page, "package-check-LNR-01").Change(true);
        page.WaitForAssertion(() => Assert.Equal("true", PackageRow(page, "LNR-01").GetAttribute("data-chosen")), Patience);
        Find(page, "package-check-GXY-01").Change(true);
        page.WaitForAssertion(() => Assert.Equal("true", PackageRow(page, "GXY-01").GetAttribute("data-chosen")), Patience);
        page.Find("[data-testid=wizard-next]").Click();
        page.WaitForElement("[data-testid=step-fee]", Patience);
    }

    private static IElement PackageRow(IRenderedComponent<SignContractWizard> page, string code) =>
        page.Find($"[data-testid=package-row][data-code='{code}']");

    /// <summary>The input of a MudBlazor field or check box by its test id (the id lands on the input itself or on its wrapper).</summary>
    private static IElement Find(IRenderedComponent<SignContractWizard> page, string testId) =>
        page.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input");
}
