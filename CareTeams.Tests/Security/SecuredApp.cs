using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Security;

/// <summary>
/// The real app for the security suite: the small county (a centre with teams A and B, another centre),
/// each team's <see cref="TeamRecords"/>, and a signed-in account for each kind of attacker.
/// </summary>
public sealed class SecuredApp : IAsyncLifetime
{
    public const string Password = "Secure#2026a";

    public RunningApp App { get; private set; } = default!;
    public SmallCounty County { get; private set; } = default!;
    public TeamRecords TeamA { get; private set; } = default!;
    public TeamRecords TeamB { get; private set; } = default!;
    public TeamRecords OtherCentre { get; private set; } = default!;

    /// <summary>The county's alliance: the teams' up-referrals go from their townships to its hospital.</summary>
    public ReferralAlliance Alliance { get; private set; } = default!;

    /// <summary>A second hospital-kind institution of the county (its desk is party to none of the teams' referrals).</summary>
    public CareTeams.Domain.Referrals.AllianceInstitution OtherHospital { get; private set; } = default!;

    /// <summary>The users who try to reach team B's records, by their account names.</summary>
    public static readonly IReadOnlyList<string> Attackers = ["nurse.a", "doctor.a", "nurse.other", "manager.other", CareHomeDesk, OtherHospitalDesk];

    /// <summary>Referral desks: the care home's and a second hospital's attack every team; the county hospital's receives the teams' referrals.</summary>
    public const string CareHomeDesk = "carehome.desk";
    public const string OtherHospitalDesk = "otherhospital.desk";
    public const string HospitalDesk = "hospital.desk";

    public static bool IsDesk(string userName) => userName.EndsWith(".desk", StringComparison.Ordinal);

    /// <summary>Every team's records the user must not reach: all but their own team's (a centre manager's: all but their centre's; a desk's: all).</summary>
    public IReadOnlyList<TeamRecords> ForeignTo(string userName) => userName switch
    {
        "nurse.a" or "doctor.a" => [TeamB, OtherCentre],
        "nurse.other" or "manager.other" => [TeamA, TeamB],
        _ when IsDesk(userName) => [TeamA, TeamB, OtherCentre],
        _ => throw new ArgumentOutOfRangeException(nameof(userName), userName, null),
    };

    private readonly Dictionary<string, AppClient> _signedIn = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync();
        County = SmallCounty.Create(App.SystemContext);
        var today = App.Services.GetRequiredService<IClock>().Today;
        // The county's alliance first, so that each team's up-referral goes from its township to this hospital.
        Alliance = ReferralAlliance.Create(App.SystemContext, County);
        TeamA = TeamRecords.Create(App.SystemContext, County.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        TeamB = TeamRecords.Create(App.SystemContext, County.VillageB.Id, "司马光明", "13922220002", 2, today);
        OtherCentre = TeamRecords.Create(App.SystemContext, County.OtherCentreVillage.Id, "诸葛亮亮", "13733330003", 3, today);
        OtherHospital = TeamRecords.SecondHospital(App.SystemContext, County.County.Id);

        var c = County;
        await App.CreateUserAsync("nurse.a", Password, Roles.Nurse, c.County.Id, c.Centre.Id, c.TeamA.Id, "甲队护士");
        await App.CreateUserAsync("doctor.a", Password, Roles.Doctor, c.County.Id, c.Centre.Id, c.TeamA.Id, "甲队医生");
        await App.CreateUserAsync("doctor.b", Password, Roles.Doctor, c.County.Id, c.Centre.Id, c.TeamB.Id, "乙队医生");
        await App.CreateUserAsync("nurse.other", Password, Roles.Nurse, c.County.Id, c.OtherCentre.Id, c.OtherCentreTeam.Id, "外镇护士");
        await App.CreateUserAsync("manager.other", Password, Roles.CentreManager, c.County.Id, c.OtherCentre.Id, null, "外镇院长");
        await App.CreateUserAsync("manager", Password, Roles.CentreManager, c.County.Id, c.Centre.Id, null, "院长");
        await App.CreateUserAsync(HospitalDesk, Password, Roles.ReferralDesk, c.County.Id, null, null, "县医院转诊办", Alliance.Hospital.Id);
        await App.CreateUserAsync(CareHomeDesk, Password, Roles.ReferralDesk, c.County.Id, null, null, "福利院转诊", Alliance.CareHome.Id);
        await App.CreateUserAsync(OtherHospitalDesk, Password, Roles.ReferralDesk, c.County.Id, null, null, "县中医院转诊办", OtherHospital.Id);
    }

    /// <summary>A client signed in as the user (one per user, kept for the run: signing in is the slow part).</summary>
    public async Task<AppClient> SignedInAsync(string userName)
    {
        lock (_signedIn)
        {
            if (_signedIn.TryGetValue(userName, out var known))
                return known;
        }
        var client = App.CreateClient();
        using var response = await client.SignInAsync(userName, Password);
        if (!client.HasAuthCookie)
            throw new InvalidOperationException($"{userName} could not sign in ({(int)response.StatusCode}).");
        lock (_signedIn)
            _signedIn[userName] = client;
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _signedIn.Values)
            client.Dispose();
        await App.DisposeAsync();
    }
}
