using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.HomeBeds;

/// <summary>Which visits a bed accepts, how a visit log becomes a schedule input, and a bed following its resident.</summary>
public class BedVisitsAndMoves
{
    private readonly BedBuilder builder = new();

    [Fact]
    public void A_bed_accepts_rounds_and_visits_for_its_orders_within_the_episode()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];
        var resident = builder.Resident.Id;

        bed.EnsureAcceptsVisit(resident, VisitKind.BedRound, null, D(2025, 6, 1));
        bed.EnsureAcceptsVisit(resident, VisitKind.NursingVisit, order.Id, D(2025, 6, 15));

        Refused.By("bed.visit-resident", () => bed.EnsureAcceptsVisit(resident + 1, VisitKind.BedRound, null, D(2025, 6, 2)));
        Refused.By("bed.visit-kind", () => bed.EnsureAcceptsVisit(resident, VisitKind.NursingVisit, null, D(2025, 6, 2)));
        Refused.By("bed.order-missing", () => bed.EnsureAcceptsVisit(resident, VisitKind.NursingVisit, -1, D(2025, 6, 2)));
        Refused.By("bed.visit-date", () => bed.EnsureAcceptsVisit(resident, VisitKind.BedRound, null, D(2025, 5, 31)));
        Refused.By("bed.visit-order-date", () => bed.EnsureAcceptsVisit(resident, VisitKind.NursingVisit, order.Id, D(2025, 5, 31)));
    }

    [Fact]
    public void A_closed_bed_accepts_late_entries_up_to_its_closing_day_only()
    {
        var bed = builder.Open();
        bed.Close(BedBuilder.Closing(D(2025, 6, 10)), builder.Doctor.Id, D(2025, 6, 12));

        bed.EnsureAcceptsVisit(builder.Resident.Id, VisitKind.BedRound, null, D(2025, 6, 10));
        var ex = Refused.By("bed.visit-date", () => bed.EnsureAcceptsVisit(builder.Resident.Id, VisitKind.BedRound, null, D(2025, 6, 11)));
        Assert.Equal("该家庭病床已于 2025-06-10 撤床，不能登记之后的服务。", ex.Message);
    }

    [Fact]
    public void A_stopped_order_takes_no_visits_from_its_stop_day()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];
        bed.StopOrder(order.Id, D(2025, 6, 10), "伤口愈合", builder.Nurse.Id, BedBuilder.Today);

        bed.EnsureAcceptsVisit(builder.Resident.Id, VisitKind.NursingVisit, order.Id, D(2025, 6, 9));
        Refused.By("bed.visit-order-date", () => bed.EnsureAcceptsVisit(builder.Resident.Id, VisitKind.NursingVisit, order.Id, D(2025, 6, 10)));
    }

    [Fact]
    public void A_logged_visit_gives_the_schedule_its_date_kind_and_order()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];
        var details = new VisitDetails(new DateTime(2025, 6, 12, 9, 0, 0), new DateTime(2025, 6, 12, 9, 40, 0), VisitPlace.Home,
            VisitKind.NursingVisit, ServiceKind.HomeVisit, VitalSigns.Create(systolic: 150, diastolic: 85));
        var visit = VisitLog.Record(builder.Resident, builder.Nurse, details, new DateTime(2025, 6, 12, 10, 0, 0), homeBedId: bed.Id, bedOrderId: order.Id);

        var input = BedVisit.Of(visit);

        Assert.Equal(new BedVisit(D(2025, 6, 12), VisitKind.NursingVisit, order.Id), input);
        Assert.Equal(D(2025, 6, 15), BedSchedule.NextForOrder(bed, order, [input], BedBuilder.Today)!.DueOn);
    }

    [Fact]
    public void An_open_bed_follows_its_resident_within_the_centre()
    {
        var bed = builder.Open();
        var team2 = builder.County.AddTeam(builder.County.Centre, "第二团队");
        var village2 = builder.County.AddVillage(builder.County.Centre, "南村", team2);

        Assert.False(bed.FollowResident(builder.Resident));
        builder.Resident.MoveTo(village2);
        Assert.True(bed.FollowResident(builder.Resident));

        Assert.Equal((village2.Id, team2.Id), (bed.VillageId, bed.TeamId));
    }

    [Fact]
    public void A_move_to_another_centre_leaves_the_bed_where_it_was()
    {
        var bed = builder.Open();
        var centre2 = builder.County.AddCentre("WS02", "河口镇卫生院");
        var village2 = builder.County.AddVillage(centre2, "河口村", builder.County.AddTeam(centre2, "河口团队"));

        builder.Resident.MoveTo(village2);

        Assert.False(bed.FollowResident(builder.Resident));
        Assert.Equal((builder.County.Village.Id, builder.County.Team.Id), (bed.VillageId, bed.TeamId));
    }

    [Fact]
    public void A_closed_bed_keeps_where_the_resident_lived()
    {
        var bed = builder.Open();
        bed.Close(BedBuilder.Closing(BedBuilder.Today), builder.Doctor.Id, BedBuilder.Today);
        var village2 = builder.County.AddVillage(builder.County.Centre, "南村", builder.County.AddTeam(builder.County.Centre, "第二团队"));

        builder.Resident.MoveTo(village2);

        Assert.False(bed.FollowResident(builder.Resident));
        Assert.Equal(builder.County.Village.Id, bed.VillageId);
        Assert.Throws<ArgumentException>(() => bed.FollowResident(new BedBuilder(builder.County).Resident));
    }
}
