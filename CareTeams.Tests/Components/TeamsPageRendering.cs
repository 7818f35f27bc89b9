using Bunit;
using CareTeams.Domain.Institutions;
using CareTeams.Web.Components.Pages.Admin;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

public sealed class TeamsPageRendering : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    // MudBlazor puts a text field's extra attributes on its <input>.
    private const string NameInput = "input[data-testid=team-name-input]";

    public TeamsPageRendering()
    {
        var system = Database.Service<TeamAdministration>(UserScope.System);
        var added = system.AddStaffAsync(new StaffInput { CentreId = County.Centre.Id, Name = "陈医生", Phone = "13800002222" }).GetAwaiter().GetResult();
        var staff = system.OverviewAsync(County.Centre.Id).GetAwaiter().GetResult().Staff.Single(s => s.Id == added.Id);
        system.AssignStaffAsync(staff.Id, staff.Version, County.TeamA.Id, TeamRole.TeamLeader).GetAwaiter().GetResult();

        SignInAs(County.Manager);
        Services.AddSingleton(Database.Service<TeamAdministration>(County.Manager));
        AddAuthorization().SetRoles(Roles.CentreManager);
    }

    [Fact]
    public void A_manager_sees_the_teams_of_their_centre_with_villages_and_members()
    {
        var page = RenderPage<Teams>();

        page.WaitForAssertion(() => Assert.Equal(["第一团队", "第二团队"],
            page.FindAll("[data-testid=team-name]").Select(e => e.TextContent.Trim()).Order(StringComparer.Ordinal)), Patience);
        var first = page.FindAll("[data-testid=team-card]").Single(card => card.TextContent.Contains("第一团队", StringComparison.Ordinal));
        Assert.Contains("东村", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("陈医生", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("团队长", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 名成员", first.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("外镇团队", page.Markup, StringComparison.Ordinal);
        Assert.Contains("测试镇卫生院", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_name_in_the_new_team_dialog_shows_the_message_under_the_field_and_keeps_the_typed_name()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = RenderPage<Teams>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=team-name]").Count), Patience);

        page.Find("[data-testid=add-team]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(NameInput), Patience);
        dialogs.Find(NameInput).Change("第一团队");
        dialogs.Find("[data-testid=team-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("本机构已有名为“第一团队”的团队，请换一个名称。", dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal("第一团队", dialogs.Find(NameInput).GetAttribute("value"));
        Assert.Equal(2, page.FindAll("[data-testid=team-name]").Count);
    }
}
