using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Infrastructure;

/// <summary>2111 plans made through the domain and saved as the system, for worklist and progress tests.</summary>
public static class PlanFixtures
{
    /// <summary>A plan for the year starting 1 January (or <paramref name="startsOn"/>) with its two visits in the given months.</summary>
    public static ElderPlan2111 AddPlan(this TestDatabase database, Resident resident, VisitMonths months, int year = 2026, DateOnly? startsOn = null)
    {
        using var db = database.Context(UserScope.System);
        var saved = db.Residents.Single(r => r.Id == resident.Id);
        var plan = ElderPlan2111.Create(saved, year, startsOn ?? new DateOnly(year, 1, 1), months);
        db.ElderPlans.Add(plan);
        db.SaveChanges();
        return plan;
    }

    /// <summary>Changes a saved plan through the domain (RecordDone, Decline, …) and saves it.</summary>
    public static ElderPlan2111 ChangePlan(this TestDatabase database, int planId, Action<ElderPlan2111> change)
    {
        using var db = database.Context(UserScope.System);
        var plan = db.ElderPlans.Single(p => p.Id == planId);
        change(plan);
        db.SaveChanges();
        return plan;
    }

    /// <summary>Records an item done on a day (the clock's today is the recording day).</summary>
    public static ElderPlan2111 Done(this TestDatabase database, ElderPlan2111 plan, PlanItemKind kind, DateOnly on, int staffMemberId, int sequence = 1) =>
        database.ChangePlan(plan.Id, p => p.RecordDone(p.Item(kind, sequence).Id, on, staffMemberId, database.Clock.Today));

    public static int ItemId(this TestDatabase database, ElderPlan2111 plan, PlanItemKind kind, int sequence = 1)
    {
        using var db = database.Context(UserScope.System);
        return db.ElderPlans.AsNoTracking().Single(p => p.Id == plan.Id).Item(kind, sequence).Id;
    }
}
