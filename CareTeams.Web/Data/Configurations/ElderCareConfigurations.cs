using CareTeams.Domain.Assessments;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareTeams.Web.Data.Configurations;

internal sealed class ElderPlan2111Configuration : IEntityTypeConfiguration<ElderPlan2111>
{
    public void Configure(EntityTypeBuilder<ElderPlan2111> builder)
    {
        builder.ToTable("ElderPlans2111");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsComplete);
        builder.Ignore(p => p.ItemsInOrder);
        // One plan per resident and year: generation is idempotent, and a concurrent second run fails here.
        builder.HasIndex(p => new { p.ResidentId, p.Year }).IsUnique();
        builder.HasIndex(p => new { p.TeamId, p.Year, p.VillageId });
        builder.HasIndex(p => new { p.CentreId, p.Year });
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Village>().WithMany().HasForeignKey(p => p.VillageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(p => p.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.ElderPlan2111Id).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Items).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> builder)
    {
        builder.ToTable("PlanItems2111");
        builder.Property(i => i.Reason).HasMaxLength(ElderPlan2111.ReasonMaxLength);
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.Title);
        builder.HasIndex(i => new { i.ElderPlan2111Id, i.Status, i.WindowStart });
        builder.HasIndex(i => new { i.Status, i.ClosedOn });
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(i => i.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitLogConfiguration : IEntityTypeConfiguration<VisitLog>
{
    public void Configure(EntityTypeBuilder<VisitLog> builder)
    {
        builder.ToTable("VisitLogs");
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.VisitDate);
        builder.OwnsOne(v => v.Vitals, vitals =>
        {
            vitals.Property(x => x.Systolic).HasColumnName("Systolic");
            vitals.Property(x => x.Diastolic).HasColumnName("Diastolic");
            vitals.Property(x => x.Pulse).HasColumnName("Pulse");
            vitals.Property(x => x.TemperatureC).HasColumnName("TemperatureC").HasPrecision(4, 1);
            vitals.Property(x => x.FastingGlucose).HasColumnName("FastingGlucose").HasPrecision(4, 1);
            vitals.Property(x => x.OxygenSaturation).HasColumnName("OxygenSaturation");
            vitals.Property(x => x.WeightKg).HasColumnName("WeightKg").HasPrecision(5, 1);
            vitals.Ignore(x => x.Flags);
            vitals.Ignore(x => x.FlagTexts);
            vitals.Ignore(x => x.IsUrgent);
        });
        builder.Property(v => v.VitalFlags).HasMaxLength(200);
        builder.Property(v => v.Notes).HasMaxLength(VisitLog.NotesMaxLength);
        builder.Property(v => v.SignedBy).HasMaxLength(VisitLog.SignedByMaxLength);
        builder.Property(v => v.SignedRelation).HasMaxLength(20);
        builder.Property(v => v.FormAnswers).HasMaxLength(8000);
        builder.Property(v => v.FormResult).HasMaxLength(500);
        builder.HasIndex(v => new { v.ResidentId, v.StartedAt });
        builder.HasIndex(v => new { v.TeamId, v.StartedAt });
        builder.HasIndex(v => new { v.CentreId, v.StartedAt });
        builder.HasIndex(v => new { v.StaffMemberId, v.StartedAt });
        builder.HasIndex(v => v.PlanItemId);
        builder.HasIndex(v => new { v.HomeBedId, v.Kind, v.StartedAt });
        builder.HasIndex(v => new { v.BedOrderId, v.StartedAt });
        builder.HasOne<Resident>().WithMany().HasForeignKey(v => v.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(v => v.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(v => v.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Village>().WithMany().HasForeignKey(v => v.VillageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanItem>().WithMany().HasForeignKey(v => v.PlanItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CareTeams.Domain.HomeBeds.HomeBed>().WithMany().HasForeignKey(v => v.HomeBedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CareTeams.Domain.HomeBeds.BedOrder>().WithMany().HasForeignKey(v => v.BedOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
