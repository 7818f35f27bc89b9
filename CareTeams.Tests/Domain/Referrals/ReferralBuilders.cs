using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;

namespace CareTeams.Tests.Domain.Referrals;

/// <summary>
/// A county alliance: the leading hospital, the test county's township centre (one of our centres), a village clinic,
/// a care home and a second township; a resident of the county's team; a GP of the township (<see cref="Gp"/>) and a
/// hospital doctor (<see cref="HospitalDoctor"/>). Requests are sent at <see cref="At"/> (2025-06-15 09:00 China time).
/// </summary>
internal sealed class ReferralWorld
{
    public static readonly ReferralActor Gp = new(71, "王全科");
    public static readonly ReferralActor HospitalDoctor = new(null, "李主任");
    public static readonly DateTimeOffset At = new(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(8));

    private static int nextReferralId = 800_000;

    public ReferralWorld()
    {
        County = new TestCounty();
        var countyId = County.County.Id;
        Hospital = new AllianceInstitution(countyId, "县人民医院", AllianceInstitutionKind.LeadingHospital).WithId(9001);
        Township = new AllianceInstitution(countyId, "城关镇卫生院", AllianceInstitutionKind.TownshipCentre, County.Centre.Id).WithId(9002);
        Clinic = new AllianceInstitution(countyId, "东村卫生室", AllianceInstitutionKind.VillageClinic).WithId(9003);
        CareHome = new AllianceInstitution(countyId, "县福利院", AllianceInstitutionKind.CareInstitution).WithId(9004);
        OtherTownship = new AllianceInstitution(countyId, "西镇卫生院", AllianceInstitutionKind.TownshipCentre).WithId(9005);
        Resident = County.NewResident().WithName("钱大爷").WithBirthDate(1948, 4, 2).Build();
    }

    public TestCounty County { get; }
    public AllianceInstitution Hospital { get; }
    public AllianceInstitution Township { get; }
    public AllianceInstitution Clinic { get; }
    public AllianceInstitution CareHome { get; }
    public AllianceInstitution OtherTownship { get; }
    public Resident Resident { get; }
    public int TeamId => County.Team.Id;

    public static ReferralForm UpForm(ReferralUrgency urgency = ReferralUrgency.Routine, string? icd = "I10") =>
        new(ReferralDirection.Up, urgency, "血压控制不佳，头痛三天", "高血压3级", icd, "硝苯地平控释片 30mg qd", "高血压10年",
            [new AttachmentInput("心电图", "窦性心律，左室高电压")]);

    public static ReferralForm DownForm(bool homeBed = false, string? followUp = "每周测血压两次，两周后复诊") =>
        new(ReferralDirection.Down, ReferralUrgency.Routine, "病情稳定，转回社区管理", "高血压3级", "I10", null, null, [],
            new ReturnForm("高血压3级 很高危", "ZY2025-0612", "头颅CT未见异常", "调整降压方案", "继续口服降压药，低盐饮食", followUp),
            homeBed);

    public static ReferralForm TransferForm() =>
        new(ReferralDirection.Transfer, ReferralUrgency.Routine, "失能加重，需要机构照护", "脑梗死后遗症", "I69.3", null, null, []);

    public Referral Up(ReferralUrgency urgency = ReferralUrgency.Routine, DateTimeOffset? at = null) =>
        Referral.Request(Resident, Township, Hospital, UpForm(urgency), Gp, at ?? At).WithId(Interlocked.Increment(ref nextReferralId));

    /// <summary>An up-referral accepted and arrived at the hospital (a day and two days after <see cref="At"/>).</summary>
    public Referral ArrivedUp()
    {
        var up = Up();
        up.Accept(HospitalDoctor, Hospital.Id, At.AddHours(1));
        up.ConfirmArrival(HospitalDoctor, Hospital.Id, At.AddHours(5));
        return up;
    }

    public Referral Down(Referral? answers = null, bool homeBed = false) =>
        Referral.Request(Resident, Hospital, Township, DownForm(homeBed), HospitalDoctor, At.AddDays(7), answers)
            .WithId(Interlocked.Increment(ref nextReferralId));
}
