using Bunit;
using CareTeams.Domain.Referrals;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Admin;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Components;

/// <summary>
/// The county administrator's list of the alliance's institutions (/admin/alliance) and the service behind it: adding,
/// renaming, duplicate names and blank names refused with the message under the field, and only the admin writes.
/// </summary>
public sealed class AllianceInstitutionsPage : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ReferralAlliance _alliance;

    public AllianceInstitutionsPage()
    {
        _alliance = ReferralAlliance.Create(Database, County);
        SignInAs(County.Admin);
        AddAuthorization().SetRoles(Roles.Admin);
    }

    [Fact]
    public void The_admin_sees_the_institutions_adds_one_and_a_blank_or_duplicate_name_is_refused_under_the_field()
    {
        var page = RenderPage<AllianceInstitutions>();
        page.WaitForAssertion(() => Assert.Contains("测试县人民医院", page.Find("[data-testid=alliance-table]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("养老机构", page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=alliance-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("请填写机构名称。", page.Markup, StringComparison.Ordinal), Patience);

        page.Find("input[data-testid=alliance-name]").Change("测试县人民医院");
        page.Find("[data-testid=alliance-add]").Click();
        page.WaitForAssertion(() => Assert.Contains(AllianceDirectory.DuplicateNameMessage, page.Markup, StringComparison.Ordinal), Patience);

        page.Find("input[data-testid=alliance-name]").Change("测试县中医院");
        page.Find("[data-testid=alliance-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("测试县中医院", page.Find("[data-testid=alliance-table]").TextContent, StringComparison.Ordinal), Patience);
        using var db = Database.Context(UserScope.System);
        var added = db.AllianceInstitutions.Single(a => a.Name == "测试县中医院");
        Assert.Equal((AllianceInstitutionKind.LeadingHospital, County.County.Id, (int?)null), (added.Kind, added.CountyId, added.CentreId));
    }

    [Fact]
    public async Task Renaming_keeps_the_referrals_and_only_the_county_admin_writes()
    {
        var admin = Database.Service<AllianceDirectory>(County.Admin);
        Assert.True((await admin.RenameAsync(_alliance.CareHome.Id, "测试县社会福利中心")).Succeeded);
        Assert.Equal("测试县社会福利中心", (await admin.ListAsync()).Single(r => r.Id == _alliance.CareHome.Id).Name);
        Assert.Contains(AllianceDirectory.DuplicateNameMessage, (await admin.RenameAsync(_alliance.CareHome.Id, "测试县人民医院")).Summary, StringComparison.Ordinal);
        var linked = await admin.AddAsync("南村卫生室", AllianceInstitutionKind.VillageClinic, County.Centre.Id);
        Assert.True(linked.Succeeded, linked.Summary);
        var hospitalWithCentre = await admin.AddAsync("某专科医院", AllianceInstitutionKind.LeadingHospital, County.Centre.Id);
        Assert.Contains(hospitalWithCentre.Errors, e => e.Field == "CentreId");

        foreach (var user in new[] { County.Manager, County.NurseOfTeamA, _alliance.HospitalDesk })
        {
            var service = Database.Service<AllianceDirectory>(user);
            Assert.Equal(AllianceDirectory.NotAdminMessage, (await service.AddAsync("外来医院", AllianceInstitutionKind.LeadingHospital, null)).Summary);
            Assert.Equal(AllianceDirectory.NotAdminMessage, (await service.RenameAsync(_alliance.Hospital.Id, "改名")).Summary);
        }
        await using var db = Database.Context(UserScope.System);
        Assert.Equal("测试县人民医院", (await db.AllianceInstitutions.SingleAsync(a => a.Id == _alliance.Hospital.Id)).Name);
        Assert.False(await db.AllianceInstitutions.AnyAsync(a => a.Name == "外来医院"));
    }
}
