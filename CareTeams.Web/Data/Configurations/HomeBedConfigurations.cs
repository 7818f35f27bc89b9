using CareTeams.Domain.Assessments;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareTeams.Web.Data.Configurations;

internal sealed class HomeBedConfiguration : IEntityTypeConfiguration<HomeBed>
{
    /// <summary>The unique index that keeps one open bed per resident; a save it refuses is reported by this name.</summary>
    public const string OneOpenPerResident = "IX_HomeBeds_OneOpenPerResident";

    public void Configure(EntityTypeBuilder<HomeBed> builder)
    {
        builder.ToTable("HomeBeds");
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.OwnsOne(b => b.Application, a =>
        {
            a.Property(x => x.Kind).HasColumnName("Kind");
            a.Property(x => x.Condition).HasColumnName("Condition");
            a.Property(x => x.Summary).HasColumnName("ApplicationSummary").HasMaxLength(HomeBed.SummaryMaxLength);
            a.Property(x => x.Indications).HasColumnName("Indications").HasMaxLength(HomeBed.IndicationsMaxLength);
            a.Property(x => x.DoctorOpinion).HasColumnName("DoctorOpinion").HasMaxLength(HomeBed.OpinionMaxLength);
            a.Property(x => x.AppliedOn).HasColumnName("AppliedOn");
        });
        builder.Navigation(b => b.Application).IsRequired();
        builder.OwnsOne(b => b.Assessment, a =>
        {
            a.Property(x => x.Findings).HasColumnName("AssessmentFindings").HasMaxLength(HomeBed.FindingsMaxLength);
            a.Property(x => x.AbilityLevel).HasColumnName("AssessmentAbilityLevel");
            a.OwnsOne(x => x.Vitals, vitals =>
            {
                vitals.Property(x => x.Systolic).HasColumnName("AdmissionSystolic");
                vitals.Property(x => x.Diastolic).HasColumnName("AdmissionDiastolic");
                vitals.Property(x => x.Pulse).HasColumnName("AdmissionPulse");
                vitals.Property(x => x.TemperatureC).HasColumnName("AdmissionTemperatureC").HasPrecision(4, 1);
                vitals.Property(x => x.FastingGlucose).HasColumnName("AdmissionFastingGlucose").HasPrecision(4, 1);
                vitals.Property(x => x.OxygenSaturation).HasColumnName("AdmissionOxygenSaturation");
                vitals.Property(x => x.WeightKg).HasColumnName("AdmissionWeightKg").HasPrecision(5, 1);
                vitals.Ignore(x => x.Flags);
                vitals.Ignore(x => x.FlagTexts);
                vitals.Ignore(x => x.IsUrgent);
            });
        });
        builder.Navigation(b => b.Assessment).IsRequired();
        builder.OwnsOne(b => b.Consent, c =>
        {
            c.Property(x => x.SignedBy).HasColumnName("ConsentSignedBy").HasMaxLength(HomeBed.NameMaxLength);
            c.Property(x => x.Relation).HasColumnName("ConsentRelation").HasMaxLength(HomeBed.NameMaxLength);
            c.Property(x => x.SignedOn).HasColumnName("ConsentSignedOn");
        });
        builder.Navigation(b => b.Consent).IsRequired();
        builder.Property(b => b.OutcomeNote).HasMaxLength(HomeBed.ReasonMaxLength);
        builder.Property(b => b.ConditionAtClosing).HasMaxLength(HomeBed.ClosingTextMaxLength);
        builder.Property(b => b.ClosingSummary).HasMaxLength(HomeBed.ClosingTextMaxLength);
        builder.Ignore(b => b.Kind);
        builder.Ignore(b => b.IsClosed);
        builder.Ignore(b => b.OpeningDiagnoses);
        builder.Ignore(b => b.ClosingDiagnoses);
        builder.Ignore(b => b.CycleEndsOn);
        builder.Ignore(b => b.BedDays);

        // One open bed per resident, enforced by the database too (two users opening at once). Unquoted
        // column name: valid on SQLite and SQL Server alike. 3 = HomeBedStatus.Closed.
        builder.HasIndex(b => b.ResidentId).IsUnique().HasFilter("Status <> 3").HasDatabaseName(OneOpenPerResident);
        builder.HasIndex(b => new { b.TeamId, b.Status });
        builder.HasIndex(b => new { b.CentreId, b.Status });

        builder.HasOne<Resident>().WithMany().HasForeignKey(b => b.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(b => b.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(b => b.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Village>().WithMany().HasForeignKey(b => b.VillageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(b => b.ResponsibleDoctorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(b => b.ResponsibleNurseId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(b => b.Diagnoses).WithOne().HasForeignKey(d => d.HomeBedId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(b => b.Orders).WithOne().HasForeignKey(o => o.HomeBedId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(b => b.Extensions).WithOne().HasForeignKey(e => e.HomeBedId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Diagnoses).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Navigation(b => b.Orders).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Navigation(b => b.Extensions).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class BedDiagnosisConfiguration : IEntityTypeConfiguration<BedDiagnosis>
{
    public void Configure(EntityTypeBuilder<BedDiagnosis> builder)
    {
        builder.ToTable("BedDiagnoses");
        builder.Property(d => d.Text).HasMaxLength(HomeBed.DiagnosisMaxLength);
        builder.Property(d => d.Icd10Code).HasMaxLength(10);
    }
}

internal sealed class BedOrderConfiguration : IEntityTypeConfiguration<BedOrder>
{
    public void Configure(EntityTypeBuilder<BedOrder> builder)
    {
        builder.ToTable("BedOrders");
        builder.Property(o => o.ItemName).HasMaxLength(HomeBed.ItemNameMaxLength);
        builder.Property(o => o.Instructions).HasMaxLength(HomeBed.InstructionsMaxLength);
        builder.Property(o => o.StopReason).HasMaxLength(HomeBed.ReasonMaxLength);
        builder.OwnsOne(o => o.Frequency, f =>
        {
            f.Property(x => x.Unit).HasColumnName("FrequencyUnit");
            f.Property(x => x.Count).HasColumnName("FrequencyCount");
            f.Ignore(x => x.IntervalDays);
            f.Ignore(x => x.TimesPerDueDay);
        });
        builder.Navigation(o => o.Frequency).IsRequired();
        builder.Ignore(o => o.IsStopped);
        builder.Ignore(o => o.LastDay);
        builder.Ignore(o => o.Title);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(o => o.OrderedByStaffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(o => o.StoppedByStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BedExtensionConfiguration : IEntityTypeConfiguration<BedExtension>
{
    public void Configure(EntityTypeBuilder<BedExtension> builder)
    {
        builder.ToTable("BedExtensions");
        builder.Property(e => e.Reason).HasMaxLength(HomeBed.ReasonMaxLength);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
