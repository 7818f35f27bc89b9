using CareTeams.Domain.Referrals;
using CareTeams.Web.Data;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// The medical alliance of a <see cref="SmallCounty"/>: the leading hospital, the centre's township institution and a
/// village clinic it runs, the other centre's township, and a care home; with the two referral desks (hospital, care
/// home) as users. Saved as the system.
/// </summary>
public sealed class ReferralAlliance
{
    public required AllianceInstitution Hospital { get; init; }
    public required AllianceInstitution Township { get; init; }
    public required AllianceInstitution Clinic { get; init; }
    public required AllianceInstitution OtherTownship { get; init; }
    public required AllianceInstitution CareHome { get; init; }
    public required SmallCounty County { get; init; }

    /// <summary>The hospital's referral desk (转诊办).</summary>
    public UserScope HospitalDesk => Desk(Hospital, "hospital-desk", "县医院转诊办");
    public UserScope CareHomeDesk => Desk(CareHome, "carehome-desk", "福利院");

    /// <summary>A GP of team A (the test residents of village A are this team's).</summary>
    public UserScope GpOfTeamA => County.NurseOfTeamA with { UserName = "gp-a", DisplayName = "王全科" };

    public UserScope Desk(AllianceInstitution institution, string userName, string displayName) =>
        new(ScopeLevel.Institution, County.County.Id, -1, -1, userName, "u-" + userName) { InstitutionId = institution.Id, DisplayName = displayName };

    public static ReferralAlliance Create(TestDatabase database, SmallCounty county) => Create(() => database.Context(UserScope.System), county);

    /// <summary>The same alliance in any database, e.g. a running app's (<c>app.SystemContext</c>).</summary>
    public static ReferralAlliance Create(Func<CareTeamsDbContext> systemContext, SmallCounty county)
    {
        using var db = systemContext();
        var countyId = county.County.Id;
        var hospital = new AllianceInstitution(countyId, "测试县人民医院", AllianceInstitutionKind.LeadingHospital);
        var township = new AllianceInstitution(countyId, county.Centre.Name, AllianceInstitutionKind.TownshipCentre, county.Centre.Id);
        var clinic = new AllianceInstitution(countyId, "东村卫生室", AllianceInstitutionKind.VillageClinic, county.Centre.Id);
        var otherTownship = new AllianceInstitution(countyId, county.OtherCentre.Name, AllianceInstitutionKind.TownshipCentre, county.OtherCentre.Id);
        var careHome = new AllianceInstitution(countyId, "测试县福利院", AllianceInstitutionKind.CareInstitution);
        db.AllianceInstitutions.AddRange(hospital, township, clinic, otherTownship, careHome);
        db.SaveChanges();
        return new ReferralAlliance
        {
            Hospital = hospital, Township = township, Clinic = clinic, OtherTownship = otherTownship, CareHome = careHome, County = county,
        };
    }

    public static ReferralForm UpForm(ReferralUrgency urgency = ReferralUrgency.Routine) =>
        new(ReferralDirection.Up, urgency, "血压控制不佳，头痛三天", "高血压3级", "I10", "硝苯地平控释片 30mg qd", "高血压10年",
            [new AttachmentInput("心电图", "窦性心律，左室高电压")]);

    public static ReferralForm DownForm(bool homeBed = false) =>
        new(ReferralDirection.Down, ReferralUrgency.Routine, "病情稳定，转回社区管理", "高血压3级", "I10", null, null, [],
            new ReturnForm("高血压3级 很高危", "ZY2026-1101", "头颅CT未见异常", "调整降压方案", "继续口服降压药，低盐饮食", "每周测血压两次，两周后复诊"),
            homeBed);

    public static ReferralForm TransferForm() =>
        new(ReferralDirection.Transfer, ReferralUrgency.Routine, "失能加重，需要机构照护", "脑梗死后遗症", "I69.3", null, null, []);
}
