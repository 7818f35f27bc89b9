using System.Net;
using Bunit;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Layout;
using CareTeams.Web.Components.Pages;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Components;

/// <summary>
/// A referral desk (hospital, care home) has no residents: the menu offers it only the home page and 双向转诊, and the
/// home page a way to its incoming referrals instead of the centre's (empty) figures. A nurse keeps the whole menu.
/// </summary>
public sealed class ReferralDeskNavigation : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static List<string> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => WebUtility.HtmlDecode(a.TextContent).Trim()).Where(t => t.Length > 0).ToList();

    [Fact]
    public void A_referral_desk_sees_only_the_home_page_and_the_referrals()
    {
        var alliance = ReferralAlliance.Create(Database, County);
        SignInAs(alliance.HospitalDesk);
        AddAuthorization().SetRoles(Roles.ReferralDesk);

        var menu = RenderPage<NavMenu>();

        Assert.Equal(["工作台", "双向转诊"], Links(menu));

        var home = RenderPage<Home>();
        home.WaitForAssertion(() => Assert.Equal("referrals", home.Find("[data-testid=home-incoming]").GetAttribute("href")), Patience);
        Assert.Empty(home.FindAll("[data-testid=count-active]"));
    }

    [Fact]
    public void A_nurse_sees_the_referrals_among_her_work()
    {
        SignInAs(County.NurseOfTeamA);
        AddAuthorization().SetRoles(Roles.Nurse);

        var links = Links(RenderPage<NavMenu>());

        Assert.Equal(["工作台", "签约居民", "签约管理", "新签约", "2111 工作清单", "家庭病床", "双向转诊", "我的日程"], links);
    }
}
