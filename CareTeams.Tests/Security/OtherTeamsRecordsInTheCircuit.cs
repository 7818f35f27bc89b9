using Bunit;
using System.Net;
using CareTeams.Tests.Components;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Security;

/// <summary>
/// The same attempts as <see cref="OtherTeamsRecordsByUrl"/>, rendered as the circuit renders them once
/// interactive (where the pages load their data): each record page, with the other user's scope, shows
/// "not found, or no access" and none of the record's data. The record's own team sees it (the control).
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class OtherTeamsRecordsInTheCircuit : MudBunitTest
{
    private readonly TeamRecords _teamA;
    private readonly TeamRecords _teamB;
    private readonly TeamRecords _otherCentre;

    public OtherTeamsRecordsInTheCircuit()
    {
        var today = Database.Clock.Today;
        _teamA = TeamRecords.Create(() => Database.Context(UserScope.System), County.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        _teamB = TeamRecords.Create(() => Database.Context(UserScope.System), County.VillageB.Id, "司马光明", "13922220002", 2, today);
        _otherCentre = TeamRecords.Create(() => Database.Context(UserScope.System), County.OtherCentreVillage.Id, "诸葛亮亮", "13733330003", 3, today);
    }

    public static TheoryData<string> Attackers => new(SecuredApp.Attackers);

    private UserScope ScopeOf(string userName) => userName switch
    {
        "nurse.a" => County.NurseOfTeamA,
        "doctor.a" => new UserScope(ScopeLevel.Team, County.County.Id, County.Centre.Id, County.TeamA.Id, "doctor.a", "u-doctor-a"),
        "nurse.other" => new UserScope(ScopeLevel.Team, County.County.Id, County.OtherCentre.Id, County.OtherCentreTeam.Id, "nurse.other", "u-nurse-other"),
        "manager.other" => County.OtherCentreManager,
        _ => throw new ArgumentOutOfRangeException(nameof(userName), userName, null),
    };

    private IEnumerable<TeamRecords> ForeignTo(string userName) =>
        userName.EndsWith(".other", StringComparison.Ordinal) ? [_teamA, _teamB] : [_teamB, _otherCentre];

    private void UseAppAs(UserScope user)
    {
        SignInAs(user);
        Services.AddSingleton(Database.Service<ContractService>(user));
    }

    [Theory]
    [MemberData(nameof(Attackers))]
    public void Each_record_page_rendered_for_another_teams_user_says_not_found_and_shows_none_of_the_data(string attacker)
    {
        UseAppAs(ScopeOf(attacker));
        foreach (var records in ForeignTo(attacker))
        {
            foreach (var page in ForeignRecordPages.All)
            {
                SecurityTally.Attempt(SecurityTally.ByUrl, $"{attacker} {page.UrlFor(records)}（电路渲染）", () =>
                {
                    var rendered = RenderPage(page.Page, page.Parameter, page.RecordId(records));
                    rendered.WaitForElement($"[data-testid={page.NotFound}]", TimeSpan.FromSeconds(10));
                    var markup = WebUtility.HtmlDecode(rendered.Markup);
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, markup, StringComparison.Ordinal);
                });
            }
        }
    }

    [Fact]
    public void The_records_own_team_sees_them_on_the_same_pages()
    {
        UseAppAs(new UserScope(ScopeLevel.Team, County.County.Id, County.Centre.Id, County.TeamB.Id, "doctor.b", "u-doctor-b"));
        foreach (var page in ForeignRecordPages.All)
        {
            var rendered = RenderPage(page.Page, page.Parameter, page.RecordId(_teamB));
            rendered.WaitForAssertion(() => Assert.Contains(_teamB.Name, WebUtility.HtmlDecode(rendered.Markup), StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
            Assert.Empty(rendered.FindAll($"[data-testid={page.NotFound}]"));
        }
    }
}
