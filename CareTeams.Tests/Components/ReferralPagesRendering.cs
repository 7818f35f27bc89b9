using System.Net;
using Bunit;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Referrals;
using CareTeams.Web.Components.Pages.Residents;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CareTeams.Tests.Components;

/// <summary>
/// The referral pages on a real SQLite file: the GP of team A refers two residents up to the county hospital (a
/// routine one, then a green-channel one); the hospital's desk works its incoming list and the referral page; the
/// resident's team sees the follow-up of a down-referral; another team sees nothing.
/// </summary>
public sealed class ReferralPagesRendering : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ReferralAlliance _alliance;
    private readonly Resident _routineResident;
    private readonly Resident _greenResident;
    private readonly int _routineId;
    private readonly int _greenId;

    public ReferralPagesRendering()
    {
        _alliance = ReferralAlliance.Create(Database, County);
        _routineResident = County.AddResident(Database, County.VillageA, "钱大爷", new DateOnly(1948, 4, 2), Sex.Male, KeyPopulation.Hypertension);
        _greenResident = County.AddResident(Database, County.VillageA, "孙奶奶", new DateOnly(1950, 6, 9), Sex.Female, KeyPopulation.Hypertension);
        _routineId = SendUp(_routineResident, ReferralUrgency.Routine);
        Database.Clock.Now = Database.Clock.Now.AddMinutes(5);
        _greenId = SendUp(_greenResident, ReferralUrgency.GreenChannel);
    }

    private ReferralService As(UserScope user) => Database.Service<ReferralService>(user);

    private int SendUp(Resident resident, ReferralUrgency urgency)
    {
        var sent = As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(resident.Id, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm(urgency))).GetAwaiter().GetResult();
        Assert.True(sent.Succeeded, sent.Summary);
        return sent.Id!.Value;
    }

    private Referral Saved(int id)
    {
        using var db = Database.Context(UserScope.System);
        return db.Referrals.AsNoTracking().AsSplitQuery().Single(r => r.Id == id);
    }

    [Fact]
    public void The_hospital_desk_sees_its_incoming_referrals_with_the_green_channel_first()
    {
        SignInAs(_alliance.HospitalDesk);

        var page = RenderPage<ReferralList>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=referral-row]").Count), Patience);
        var rows = page.FindAll("tr.referral-green-channel");
        Assert.Single(rows);
        Assert.Contains("孙奶奶", rows[0].TextContent);
        Assert.Contains("绿色通道", rows[0].TextContent);
        var names = page.FindAll("[data-testid=referral-row]").Select(c => c.TextContent).ToList();
        Assert.Contains("孙奶奶", names[0]);
        Assert.Contains("女 76岁", names[0]);
        Assert.Contains("钱大爷", names[1]);
        var first = page.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("上转", first);
        Assert.Contains($"{_alliance.Township.Name} → 测试县人民医院", first);
        Assert.Contains("2026-11-23 09:05", first);
        Assert.Contains("王全科", first);
        Assert.Contains("高血压3级", first);
        Assert.Contains("待接收", first);
        Assert.Equal("/referrals/new", "/" + page.Find("[data-testid=referral-new]").GetAttribute("href"));
        // A desk has no team: no follow-up section.
        Assert.Empty(page.FindAll("[data-testid=referral-follow-ups]"));
    }

    [Fact]
    public async Task The_status_filter_narrows_the_list()
    {
        var desk = As(_alliance.HospitalDesk);
        var accepted = await desk.AcceptAsync(_routineId, Saved(_routineId).Version);
        Assert.True(accepted.Succeeded, accepted.Summary);
        SignInAs(_alliance.HospitalDesk);
        var page = RenderPage<ReferralList>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=referral-row]").Count), Patience);

        page.Find("[data-testid=referral-status-Requested]").Click();
        page.WaitForAssertion(() => Assert.Contains("孙奶奶", Assert.Single(page.FindAll("[data-testid=referral-row]")).TextContent), Patience);

        page.Find("[data-testid=referral-status-Accepted]").Click();
        page.WaitForAssertion(() => Assert.Contains("钱大爷", Assert.Single(page.FindAll("[data-testid=referral-row]")).TextContent), Patience);

        page.Find("[data-testid=referral-status-Finished]").Click();
        page.WaitForAssertion(() => Assert.Equal("没有符合条件的接收转诊。", page.Find("[data-testid=referral-list-empty]").TextContent.Trim()), Patience);
    }

    [Fact]
    public void The_referral_page_shows_the_hospital_desk_the_residents_summary_and_the_form()
    {
        SignInAs(_alliance.HospitalDesk);

        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, _routineId));

        page.WaitForAssertion(() => Assert.Equal("待接收", page.Find("[data-testid=referral-status]").TextContent.Trim()), Patience);
        var resident = page.Find("[data-testid=referral-resident]").TextContent;
        Assert.Contains("钱大爷", resident);
        Assert.Contains("男 · 78岁", resident);
        Assert.Contains(ResidentIdNumber.Mask(_routineResident.IdNumber), resident);
        Assert.DoesNotContain(_routineResident.IdNumber, page.Markup);
        Assert.Equal($"东村 / {County.TeamA.Name} / {County.Centre.Name}", page.Find("[data-testid=referral-resident-place]").TextContent.Trim());
        // The desk does not see the register: the name is not a link to the resident's page.
        Assert.Empty(page.FindAll("[data-testid=referral-resident-name] a"));
        Assert.Equal("血压控制不佳，头痛三天", page.Find("[data-testid=referral-reason]").TextContent.Trim());
        Assert.Equal("高血压3级（ICD-10：I10）", page.Find("[data-testid=referral-diagnosis]").TextContent.Trim());
        Assert.Equal("窦性心律，左室高电压", page.Find("[data-testid=referral-attachment]").TextContent.Trim());
        Assert.Contains("附件：心电图", page.Find("[data-testid=referral-form]").TextContent);
        Assert.Contains("测试县人民医院", page.Find("[data-testid=referral-to]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=referral-return]"));
        Assert.Contains("待接收 2026-11-23 09:00 · 王全科", page.Find("[data-testid=referral-step]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=referral-accept]"));
        Assert.NotEmpty(page.FindAll("[data-testid=referral-decline]"));
        Assert.Empty(page.FindAll("[data-testid=referral-cancel]"));
        Assert.Equal($"referrals/{_routineId}/slip.pdf", page.Find("[data-testid=referral-print]").GetAttribute("href"));
    }

    [Fact]
    public void Accepting_moves_the_status_and_saves_the_step()
    {
        SignInAs(_alliance.HospitalDesk);
        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, _greenId));

        page.WaitForElement("[data-testid=referral-accept]", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal("已接收", page.Find("[data-testid=referral-status]").TextContent.Trim()), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=referral-arrived]"));
        Assert.Empty(page.FindAll("[data-testid=referral-accept]"));
        var saved = Saved(_greenId);
        Assert.Equal(ReferralStatus.Accepted, saved.Status);
        Assert.Equal([ReferralStatus.Requested, ReferralStatus.Accepted], saved.Steps.OrderBy(s => s.Id).Select(s => s.Status));
        Assert.Equal(("县医院转诊办", _alliance.Hospital.Id), (saved.LastStep.ByName, saved.LastStep.InstitutionId!.Value));
    }

    [Fact]
    public async Task Accepting_what_someone_else_changed_shows_the_conflict_and_the_latest()
    {
        SignInAs(_alliance.HospitalDesk);
        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, _greenId));
        var accept = page.WaitForElement("[data-testid=referral-accept]", Patience);
        var cancelled = await As(_alliance.GpOfTeamA).CancelAsync(_greenId, Saved(_greenId).Version, "家属要求暂缓");
        Assert.True(cancelled.Succeeded, cancelled.Summary);

        accept.Click();

        page.WaitForAssertion(() => Assert.Contains(SaveResult.ConflictMessage, page.Find("[data-testid=referral-conflict]").TextContent), Patience);
        Assert.Equal("已撤销", page.Find("[data-testid=referral-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=referral-accept]"));
        Assert.Equal(ReferralStatus.Cancelled, Saved(_greenId).Status);
    }

    [Fact]
    public void Declining_with_a_blank_reason_shows_the_message_and_saves_nothing()
    {
        SignInAs(_alliance.HospitalDesk);
        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, _routineId));
        var dialogs = Render<MudDialogProvider>();
        page.WaitForElement("[data-testid=referral-decline]", Patience).Click();

        dialogs.WaitForElement("textarea[data-testid=step-text]", Patience).Input("   ");
        dialogs.Find("[data-testid=step-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("请填写拒绝原因。", dialogs.Find("[data-testid=step-error]").TextContent.Trim()), Patience);
        var saved = Saved(_routineId);
        Assert.Equal(ReferralStatus.Requested, saved.Status);
        Assert.Single(saved.Steps);

        dialogs.Find("textarea[data-testid=step-text]").Input("床位已满，请转市级医院");
        dialogs.Find("[data-testid=step-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("已拒绝", page.Find("[data-testid=referral-status]").TextContent.Trim()), Patience);
        Assert.Contains("床位已满，请转市级医院", page.Find("[data-testid=referral-step-note]").TextContent);
        Assert.Equal(("床位已满，请转市级医院", ReferralStatus.Declined), (Saved(_routineId).LastStep.Note, Saved(_routineId).Status));
    }

    [Fact]
    public void A_user_of_another_team_gets_the_not_found_message()
    {
        SignInAs(County.DoctorOfTeamB);

        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, _routineId));

        page.WaitForAssertion(() => Assert.Equal("未找到该转诊，或您无权查看。", page.Find("[data-testid=referral-not-found]").TextContent.Trim()), Patience);
        Assert.DoesNotContain("钱大爷", WebUtility.HtmlDecode(page.Markup));
        Assert.DoesNotContain("血压控制不佳", WebUtility.HtmlDecode(page.Markup));
    }

    [Fact]
    public async Task The_residents_team_sees_the_follow_up_of_a_down_referral_with_the_visit_and_home_bed_links()
    {
        var desk = As(_alliance.HospitalDesk);
        var accepted = await desk.AcceptAsync(_routineId, Saved(_routineId).Version);
        Assert.True((await desk.ConfirmArrivalAsync(_routineId, accepted.Version!.Value)).Succeeded);
        var down = await desk.RequestAsync(new ReferralInput(null, null, _alliance.Hospital.Id, _alliance.Township.Id,
            ReferralAlliance.DownForm(homeBed: true), AnswersReferralId: _routineId));
        Assert.True(down.Succeeded, down.Summary);
        SignInAs(_alliance.GpOfTeamA);

        var page = RenderPage<ReferralPage>(p => p.Add(x => x.Id, down.Id!.Value));

        var panel = page.WaitForElement("[data-testid=referral-follow-up]", Patience);
        Assert.Contains("下转随访：高血压3级 很高危", panel.TextContent);
        Assert.Equal("应于 2026-12-07 前随访", page.Find("[data-testid=referral-follow-up-due]").TextContent.Trim());
        Assert.Equal($"visits/new?residentId={_routineResident.Id}", page.Find("[data-testid=referral-follow-up-visit]").GetAttribute("href"));
        Assert.Equal($"home-beds/new?residentId={_routineResident.Id}", page.Find("[data-testid=referral-follow-up-bed]").GetAttribute("href"));
        Assert.Equal("继续口服降压药，低盐饮食", page.Find("[data-testid=referral-return-plan]").TextContent.Trim());
        Assert.Equal($"referrals/{_routineId}", page.Find("[data-testid=referral-answers] a").GetAttribute("href"));
        Assert.Equal($"residents/{_routineResident.Id}", page.Find("[data-testid=referral-resident-name] a").GetAttribute("href"));

        // The list shows the team the same follow-up, due in two weeks.
        var list = RenderPage<ReferralList>();
        var row = list.WaitForElement("[data-testid=referral-follow-up]", Patience);
        Assert.Contains("钱大爷", row.TextContent);
        Assert.Equal("2026-12-07", list.Find("[data-testid=follow-up-due]").TextContent.Trim());
    }

    [Fact]
    public void The_team_finds_its_sent_referrals_under_the_outgoing_tab()
    {
        SignInAs(_alliance.GpOfTeamA);
        var page = RenderPage<ReferralList>();
        page.WaitForAssertion(() => Assert.Equal("没有符合条件的接收转诊。", page.Find("[data-testid=referral-list-empty]").TextContent.Trim()), Patience);
        Assert.Equal(["接收", "转出"], page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Equal("暂无待随访的下转居民。", page.Find("[data-testid=referral-follow-ups-empty]").TextContent.Trim());

        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "转出").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=referral-row]").Count), Patience);
        // Outgoing: newest first.
        Assert.Contains("孙奶奶", page.FindAll("[data-testid=referral-row]")[0].TextContent);
    }

    [Fact]
    public void The_resident_page_shows_the_referrals_and_offers_a_new_one()
    {
        SignInAs(_alliance.GpOfTeamA);

        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _greenResident.Id));

        var row = page.WaitForElement("[data-testid=resident-referral]", Patience);
        Assert.Contains("2026-11-23 09:05", row.TextContent);
        Assert.Contains("上转", row.TextContent);
        Assert.Contains("绿色通道", row.TextContent);
        Assert.Contains($"{_alliance.Township.Name} → 测试县人民医院", row.TextContent);
        Assert.Contains("待接收", row.TextContent);
        Assert.Contains("高血压3级", row.TextContent);
        Assert.Equal($"referrals/{_greenId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"referrals/new?residentId={_greenResident.Id}", page.Find("[data-testid=resident-refer]").GetAttribute("href"));
    }
}
