using CareTeams.Domain.Institutions;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// The demo county's medical alliance (the leading county hospital, the demo centre and the village clinics it runs, a
/// neighbouring township, two care institutions) and referrals of the first two teams' elders in every state: a green
/// channel request waiting at the hospital, an urgent and a routine one, an accepted one, one that arrived and was
/// answered by a down-referral (with a home-bed proposal, so the team has a follow-up to do), a declined one, a
/// transfer to a care home and a closed one. Made through the domain, as of their own times.
/// </summary>
internal static class DemoReferrals
{
    public const string HospitalName = "示范县人民医院";
    public const string CareHomeName = "示范县社会福利中心";

    public sealed record Alliance(AllianceInstitution Hospital, AllianceInstitution Township, AllianceInstitution CareHome);

    public static async Task<(Alliance Alliance, int Referrals)> SeedAsync(CareTeamsDbContext db, County county, Centre centre, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var hospital = new AllianceInstitution(county.Id, HospitalName, AllianceInstitutionKind.LeadingHospital);
        var township = new AllianceInstitution(county.Id, centre.Name, AllianceInstitutionKind.TownshipCentre, centre.Id);
        var neighbour = new AllianceInstitution(county.Id, "东岭乡卫生院", AllianceInstitutionKind.TownshipCentre);
        var careHome = new AllianceInstitution(county.Id, CareHomeName, AllianceInstitutionKind.CareInstitution);
        var nursingHome = new AllianceInstitution(county.Id, "康乐颐养院", AllianceInstitutionKind.CareInstitution);
        var villages = await db.Villages.Where(v => v.CentreId == centre.Id).OrderBy(v => v.Id).Take(3).ToListAsync(cancellationToken);
        var clinics = villages.Select(v => new AllianceInstitution(county.Id, v.Name + "卫生室", AllianceInstitutionKind.VillageClinic, centre.Id)).ToList();
        db.AllianceInstitutions.AddRange([hospital, township, neighbour, careHome, nursingHome, .. clinics]);
        await db.SaveChangesAsync(cancellationToken);

        var today = ChinaTime.DateOf(now);
        var teams = await db.Teams.Where(t => t.CentreId == centre.Id).OrderBy(t => t.Id).Take(2).Select(t => t.Id).ToListAsync(cancellationToken);
        var elders = await db.Residents
            .Where(r => r.CentreId == centre.Id && r.Status == ResidentStatus.Active && r.TeamId != null && teams.Contains(r.TeamId.Value))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        elders = elders.Where(r => r.AgeOn(today) >= 65).ToList();
        var gps = await db.Staff.Where(s => s.CentreId == centre.Id && s.TeamId != null && s.TeamRole == TeamRole.GeneralPractitioner)
            .ToDictionaryAsync(s => s.TeamId!.Value, cancellationToken);
        var hospitalDoctor = new ReferralActor(null, "陈立新（县人民医院转诊办）");
        var careHomeStaff = new ReferralActor(null, "刘慧（社会福利中心）");
        var referrals = new List<Referral>();
        var next = 0;

        Resident Elder(int team) => elders.Where(r => r.TeamId == teams[team % teams.Count]).Skip(next++ / 2).First();
        ReferralActor Gp(Resident r) => gps.TryGetValue(r.TeamId!.Value, out var gp) ? new ReferralActor(gp.Id, gp.Name) : new ReferralActor(null, "签约医生");
        Referral Up(int team, ReferralUrgency urgency, double hoursAgo, string reason, string diagnosis, string icd)
        {
            var resident = Elder(team);
            var form = new ReferralForm(ReferralDirection.Up, urgency, reason, diagnosis, icd, "已予对症处理，监测生命体征。", "高血压病史多年。",
                [new AttachmentInput("近期检查", "血常规、心电图结果见附页摘要：心电图窦性心律。")]);
            var referral = Referral.Request(resident, township, hospital, form, Gp(resident), now.AddHours(-hoursAgo));
            referrals.Add(referral);
            return referral;
        }

        // Waiting at the hospital: the green channel first in its list.
        Up(0, ReferralUrgency.GreenChannel, 2, "突发胸痛2小时，含服硝酸甘油不缓解，心电图示ST段抬高。", "急性冠脉综合征？", "I24.9");
        Up(1, ReferralUrgency.Urgent, 20, "血压 186/112 mmHg，头痛、视物模糊，经处理后仍不降。", "高血压急症", "I10");
        Up(0, ReferralUrgency.Routine, 30, "血糖控制不佳，空腹血糖反复 > 13 mmol/L，需调整治疗方案。", "2型糖尿病", "E11.9");
        // Accepted, waiting for the resident to arrive.
        Up(1, ReferralUrgency.Routine, 72, "反复咳嗽咳痰伴气促加重一周。", "慢性阻塞性肺疾病急性加重", "J44.1")
            .Accept(hospitalDoctor, hospital.Id, now.AddHours(-70));
        // Arrived, treated, and answered by a down-referral to the team (with a home-bed proposal).
        var answered = Up(0, ReferralUrgency.Urgent, 24 * 12, "左侧肢体无力半天。", "脑梗死", "I63.9");
        answered.Accept(hospitalDoctor, hospital.Id, now.AddHours(-24 * 12 + 1));
        answered.ConfirmArrival(hospitalDoctor, hospital.Id, now.AddHours(-24 * 12 + 3));
        // Declined.
        Up(1, ReferralUrgency.Routine, 24 * 9, "膝关节疼痛，要求专家门诊。", "膝骨关节炎", "M17.9")
            .Decline(hospitalDoctor, hospital.Id, "专家号已满，建议先在社区康复治疗，两周后再转。", now.AddHours(-24 * 9 + 4));
        // Closed after treatment without a down-referral.
        var closed = Up(1, ReferralUrgency.Routine, 24 * 40, "白内障影响视力，需手术。", "老年性白内障", "H25.9");
        closed.Accept(hospitalDoctor, hospital.Id, now.AddHours(-24 * 40 + 2));
        closed.ConfirmArrival(hospitalDoctor, hospital.Id, now.AddDays(-38));
        closed.Close(hospitalDoctor, hospital.Id, "门诊手术后回家，无需回转。", now.AddDays(-36));
        db.Referrals.AddRange(referrals);
        await db.SaveChangesAsync(cancellationToken);

        var down = Referral.Request(Resident(answered.ResidentId), hospital, township,
            new ReferralForm(ReferralDirection.Down, ReferralUrgency.Routine, "病情稳定，转回社区继续康复治疗。", "脑梗死恢复期", "I63.9", null, null, [],
                new ReturnForm("脑梗死（右侧基底节区）", "ZY" + today.Year + "-0817", "头颅MRI：右侧基底节区急性梗死灶。", "抗血小板、调脂、改善循环治疗10天。",
                    "继续阿司匹林 100mg qd、阿托伐他汀 20mg qn；康复训练。", "两周内上门随访，监测血压，评估肢体功能。"), ProposesHomeBed: true),
            hospitalDoctor, now.AddDays(-3), answered);
        // A transfer of a disabled elder to the care home, arrived.
        var frail = Elder(1);
        var transfer = Referral.Request(frail, township, careHome,
            new ReferralForm(ReferralDirection.Transfer, ReferralUrgency.Routine, "失能加重，家中无人照护，家属申请入住养老机构。", "脑梗死后遗症", "I69.3", null,
                "脑梗死病史3年。", [new AttachmentInput("能力评估", "老年人能力评估：重度失能。")]),
            Gp(frail), now.AddDays(-20));
        transfer.Accept(careHomeStaff, careHome.Id, now.AddDays(-19));
        transfer.ConfirmArrival(careHomeStaff, careHome.Id, now.AddDays(-17));
        db.Referrals.AddRange(down, transfer);
        await db.SaveChangesAsync(cancellationToken);
        return (new Alliance(hospital, township, careHome), referrals.Count + 2);

        Resident Resident(int id) => elders.First(r => r.Id == id);
    }
}
