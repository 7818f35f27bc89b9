using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using MudBlazor;

namespace CareTeams.Tests.Components;

public sealed class ResidentPageRendering : MudBunitTest
{
    private readonly Resident _inTeamA;
    private readonly Resident _inTeamB;

    public ResidentPageRendering()
    {
        _inTeamA = County.AddResident(Database, County.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        _inTeamB = County.AddResident(Database, County.VillageB, "王五", new DateOnly(1960, 7, 3), Sex.Male);
    }

    [Fact]
    public void A_nurse_sees_the_full_ID_number_of_a_resident_of_her_team_and_the_view_is_audited_once()
    {
        SignInAs(County.NurseOfTeamA);

        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamA.Id));

        page.WaitForAssertion(() => Assert.Equal(_inTeamA.IdNumber, page.Find("[data-testid=resident-id-number]").TextContent.Trim()));
        Assert.Equal("张三", page.Find("[data-testid=resident-name]").TextContent.Trim());
        Assert.Equal("男", page.Find("[data-testid=resident-sex]").TextContent.Trim());
        Assert.Contains("1950-03-01（76岁）", page.Find("[data-testid=resident-born]").TextContent);
        Assert.Equal("东村", page.Find("[data-testid=resident-village]").TextContent.Trim());
        Assert.Equal("第一团队", page.Find("[data-testid=resident-team]").TextContent.Trim());
        var tags = page.Find("[data-testid=resident-key-populations]").TextContent;
        Assert.Contains("老年人", tags);
        Assert.Contains("高血压", tags);
        Assert.NotEmpty(page.FindAll("[data-testid=edit-resident]"));
        Assert.NotEmpty(page.FindAll("[data-testid=record-moved-away]"));
        Assert.Empty(page.FindAll("[data-testid=record-moved-back]"));

        using var db = Database.Context(UserScope.System);
        var key = _inTeamA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(db.AuditEntries.Where(a => a.Action == AuditAction.Viewed && a.EntityType == nameof(Resident) && a.EntityKey == key),
            a => a.UserName == County.NurseOfTeamA.UserName);
    }

    [Fact]
    public void A_nurse_of_another_team_gets_the_not_found_message_and_no_details()
    {
        SignInAs(County.NurseOfTeamA);

        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamB.Id));

        page.WaitForAssertion(() => Assert.Equal("未找到该居民，或您无权查看。", page.Find("[data-testid=resident-not-found]").TextContent.Trim()));
        Assert.DoesNotContain("王五", page.Markup);
        Assert.DoesNotContain(_inTeamB.IdNumber, page.Markup);
        Assert.DoesNotContain(_inTeamB.IdNumber[..6] + "*", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=edit-resident]"));
    }

    [Fact]
    public async Task A_deceased_residents_page_is_read_only()
    {
        var system = Database.Service<ResidentDirectory>(UserScope.System);
        var saved = await system.RecordDeathAsync(_inTeamA.Id, _inTeamA.Version, new DateOnly(2026, 10, 1), "家属告知");
        Assert.True(saved.Succeeded, saved.Summary);
        SignInAs(County.NurseOfTeamA);

        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamA.Id));

        page.WaitForAssertion(() => Assert.Equal("已死亡", page.Find("[data-testid=resident-status]").TextContent.Trim()));
        Assert.NotEmpty(page.FindAll("[data-testid=resident-read-only]"));
        Assert.Equal("家属告知", page.Find("[data-testid=resident-status-note]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=edit-resident]"));
        Assert.Empty(page.FindAll("[data-testid=record-death]"));
        Assert.Empty(page.FindAll("[data-testid=join-household]"));
    }

    [Fact]
    public void Recording_a_move_away_in_the_dialog_changes_the_status_and_offers_the_move_back()
    {
        SignInAs(County.NurseOfTeamA);
        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamA.Id));
        var dialogs = Render<MudDialogProvider>();
        page.WaitForElement("[data-testid=record-moved-away]").Click();

        dialogs.WaitForElement("input[data-testid=status-date]").Change("2026/11/01");
        dialogs.Find("textarea[data-testid=status-note]").Change("迁往杭州");
        dialogs.Find("[data-testid=status-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("已迁出", page.Find("[data-testid=resident-status]").TextContent.Trim()));
        Assert.Equal("迁往杭州", page.Find("[data-testid=resident-status-note]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=record-moved-back]"));
        Assert.Empty(page.FindAll("[data-testid=record-moved-away]"));
        using var db = Database.Context(UserScope.System);
        var saved = db.Residents.Single(r => r.Id == _inTeamA.Id);
        Assert.Equal(ResidentStatus.MovedAway, saved.Status);
        Assert.Equal(new DateOnly(2026, 11, 1), saved.StatusChangedOn);
    }

    [Fact]
    public void A_date_in_the_future_is_refused_and_the_dialog_keeps_what_was_typed()
    {
        SignInAs(County.NurseOfTeamA);
        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamA.Id));
        var dialogs = Render<MudDialogProvider>();
        page.WaitForElement("[data-testid=record-death]").Click();

        var date = dialogs.WaitForElement("input[data-testid=status-date]");
        date.Change("2027/01/01");
        dialogs.Find("textarea[data-testid=status-note]").Change("家属告知");
        dialogs.Find("[data-testid=status-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("死亡日期不能晚于今天。", dialogs.Find("[data-testid=status-error]").TextContent.Trim()));
        Assert.Equal("2027/01/01", dialogs.Find("input[data-testid=status-date]").GetAttribute("value"));
        Assert.Equal("家属告知", dialogs.Find("textarea[data-testid=status-note]").GetAttribute("value"));
        using var db = Database.Context(UserScope.System);
        Assert.Equal(ResidentStatus.Active, db.Residents.Single(r => r.Id == _inTeamA.Id).Status);
    }

    [Fact]
    public async Task The_household_page_lists_the_members_with_masked_numbers_and_the_head()
    {
        var system = Database.Service<ResidentDirectory>(UserScope.System);
        var wife = County.AddResident(Database, County.VillageA, "李梅", new DateOnly(1952, 4, 2));
        var started = await system.JoinHouseholdAsync(_inTeamA.Id, _inTeamA.Version, null, "东村1号", asHead: true);
        Assert.True(started.Succeeded, started.Summary);
        var household = HouseholdOf(_inTeamA.Id)!.Value;
        var joined = await system.JoinHouseholdAsync(wife.Id, wife.Version, household, null, asHead: false);
        Assert.True(joined.Succeeded, joined.Summary);
        SignInAs(County.NurseOfTeamA);

        var page = RenderPage<HouseholdPage>(p => p.Add(x => x.Id, household));

        page.WaitForAssertion(() => Assert.Equal("张三", page.Find("[data-testid=household-head-name]").TextContent.Trim()));
        var members = page.Find("[data-testid=household-members]").TextContent;
        Assert.Contains("李梅", members);
        Assert.Contains("户主", members);
        Assert.Contains(ResidentIdNumber.Mask(_inTeamA.IdNumber), members);
        Assert.DoesNotContain(_inTeamA.IdNumber, page.Markup);
        Assert.Equal("东村", page.Find("[data-testid=household-village]").TextContent.Trim());
    }

    [Fact]
    public async Task Starting_a_new_household_in_the_dialog_makes_the_resident_its_head()
    {
        SignInAs(County.NurseOfTeamA);
        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _inTeamA.Id));
        var dialogs = Render<MudDialogProvider>();
        page.WaitForElement("[data-testid=join-household]").Click();

        dialogs.WaitForElements("[data-testid=household-mode] input[type=radio], .mud-radio-group input[type=radio]")[1].Click();
        dialogs.WaitForAssertion(() => Assert.Equal("东村1号", dialogs.Find("input[data-testid=household-address]").GetAttribute("value")));
        dialogs.Find("input[data-testid=household-as-head]").Change(true);
        dialogs.Find("[data-testid=household-save]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=household-head]")));
        Assert.Contains("东村1号", page.Find("[data-testid=resident-household]").TextContent);
        var household = HouseholdOf(_inTeamA.Id);
        Assert.NotNull(household);
        Assert.Equal($"households/{household}", page.Find("[data-testid=resident-household] a").GetAttribute("href"));
        var found = await Database.Service<ResidentDirectory>(County.NurseOfTeamA).FindHouseholdsAsync(County.VillageA.Id, "张");
        Assert.Equal(("东村1号", "张三", 1), found.Select(h => (h.Address, h.HeadName, h.MemberCount)).Single());
    }

    private int? HouseholdOf(int residentId)
    {
        using var db = Database.Context(UserScope.System);
        return db.Residents.Single(r => r.Id == residentId).HouseholdId;
    }
}
