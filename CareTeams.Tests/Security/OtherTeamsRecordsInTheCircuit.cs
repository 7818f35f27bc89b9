using Bunit;
using System.Net;
using CareTeams.Tests.Components;
using CareTeams.Tests.Infrastructure;
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
    private readonly ReferralAlliance _alliance;
    private readonly CareTeams.Domain.Referrals.AllianceInstitution _otherHospital;

    public OtherTeamsRecordsInTheCircuit()
    {
        var today = Database.Clock.Today;
        _alliance = ReferralAlliance.Create(Database, County);
        _teamA = TeamRecords.Create(() => Database.Context(UserScope.System), County.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        _teamB = TeamRecords.Create(() => Database.Context(UserScope.System), County.VillageB.Id, "司马光明", "13922220002", 2, today);
        _otherCentre = TeamRecords.Create(() => Database.Context(UserScope.System), County.OtherCentreVillage.Id, "诸葛亮亮", "13733330003", 3, today);
        _otherHospital = TeamRecords.SecondHospital(() => Database.Context(UserScope.System), County.County.Id);
    }

    public static TheoryData<string> Attackers => new(SecuredApp.Attackers);

    private UserScope ScopeOf(string userName) => userName switch
    {
        "nurse.a" => County.NurseOfTeamA,
        "doctor.a" => new UserScope(ScopeLevel.Team, County.County.Id, County.Centre.Id, County.TeamA.Id, "doctor.a", "u-doctor-a"),
        "nurse.other" => new UserScope(ScopeLevel.Team, County.County.Id, County.OtherCentre.Id, County.OtherCentreTeam.Id, "nurse.other", "u-nurse-other"),
        "manager.other" => County.OtherCentreManager,
        SecuredApp.CareHomeDesk => _alliance.Desk(_alliance.CareHome, SecuredApp.CareHomeDesk, "福利院转诊"),
        SecuredApp.OtherHospitalDesk => _alliance.Desk(_otherHospital, SecuredApp.OtherHospitalDesk, "县中医院转诊办"),
        SecuredApp.HospitalDesk => _alliance.Desk(_alliance.Hospital, SecuredApp.HospitalDesk, "县医院转诊办"),
        _ => throw new ArgumentOutOfRangeException(nameof(userName), userName, null),
    };

    private IEnumerable<TeamRecords> ForeignTo(string userName) =>
        SecuredApp.IsDesk(userName) ? [_teamA, _teamB, _otherCentre]
        : userName.EndsWith(".other", StringComparison.Ordinal) ? [_teamA, _teamB] : [_teamB, _otherCentre];

    /// <summary>The element the page shows the user for another's record: "not found", or what a desk gets instead.</summary>
    private static string Refusal(ForeignRecordPage page, string userName) =>
        SecuredApp.IsDesk(userName) && page.DeskGets is { } desk ? desk : page.NotFound;

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
                    rendered.WaitForElement($"[data-testid={Refusal(page, attacker)}]", TimeSpan.FromSeconds(10));
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
        foreach (var page in ForeignRecordPages.All.Where(p => p.OwnerSees))
        {
            var rendered = RenderPage(page.Page, page.Parameter, page.RecordId(_teamB));
            rendered.WaitForAssertion(() => Assert.Contains(_teamB.Name, WebUtility.HtmlDecode(rendered.Markup), StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
            Assert.Empty(rendered.FindAll($"[data-testid={page.NotFound}]"));
        }
    }

    /// <summary>
    /// The county hospital's desk receives every team's up-referral: it sees the referral page (the control), answers the
    /// referral once the patient arrived, and reaches none of the residents' other records — their register pages say
    /// "not found" and show none of their data.
    /// </summary>
    [Fact]
    public async Task The_county_hospitals_desk_sees_the_teams_referrals_and_no_other_record_of_theirs()
    {
        var scope = ScopeOf(SecuredApp.HospitalDesk);
        UseAppAs(scope);
        var referralPage = ForeignRecordPages.All.Single(p => p.Page == typeof(CareTeams.Web.Components.Pages.Referrals.ReferralPage));
        var answerPage = ForeignRecordPages.All.Single(p => !p.OwnerSees);
        foreach (var records in new[] { _teamA, _teamB, _otherCentre })
        {
            var seen = RenderPage(referralPage.Page, referralPage.Parameter, referralPage.RecordId(records));
            seen.WaitForAssertion(() => Assert.Contains(records.Name, WebUtility.HtmlDecode(seen.Markup), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            foreach (var page in ForeignRecordPages.All.Where(p => p != referralPage && p != answerPage))
            {
                SecurityTally.Attempt(SecurityTally.ByUrl, $"{SecuredApp.HospitalDesk} {page.UrlFor(records)}（电路渲染）", () =>
                {
                    var rendered = RenderPage(page.Page, page.Parameter, page.RecordId(records));
                    rendered.WaitForElement($"[data-testid={Refusal(page, SecuredApp.HospitalDesk)}]", TimeSpan.FromSeconds(10));
                    var markup = WebUtility.HtmlDecode(rendered.Markup);
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, markup, StringComparison.Ordinal);
                });
            }
        }

        // Once team B's patient arrived, the hospital answers the referral: the form names the resident.
        var referrals = Database.Service<ReferralService>(scope);
        var accepted = await referrals.AcceptAsync(_teamB.ReferralId, (await referrals.GetAsync(_teamB.ReferralId))!.Referral.Version);
        Assert.True(accepted.Succeeded, accepted.Summary);
        Assert.True((await referrals.ConfirmArrivalAsync(_teamB.ReferralId, accepted.Version!.Value)).Succeeded);
        var answer = RenderPage(answerPage.Page, answerPage.Parameter, answerPage.RecordId(_teamB));
        answer.WaitForAssertion(() => Assert.Contains(_teamB.Name, WebUtility.HtmlDecode(answer.Markup), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(answer.FindAll($"[data-testid={answerPage.NotFound}]"));
    }
}
