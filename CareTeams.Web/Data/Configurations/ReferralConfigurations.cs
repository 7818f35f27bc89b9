using CareTeams.Domain.Institutions;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareTeams.Web.Data.Configurations;

internal sealed class AllianceInstitutionConfiguration : IEntityTypeConfiguration<AllianceInstitution>
{
    public void Configure(EntityTypeBuilder<AllianceInstitution> builder)
    {
        builder.ToTable("AllianceInstitutions");
        builder.Property(a => a.Name).HasMaxLength(AllianceInstitution.NameMaxLength);
        builder.HasIndex(a => new { a.CountyId, a.Name }).IsUnique();
        builder.HasIndex(a => a.CentreId);
        builder.HasOne<County>().WithMany().HasForeignKey(a => a.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(a => a.CentreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Reason).HasMaxLength(Referral.ReasonMaxLength);
        builder.Property(r => r.Diagnosis).HasMaxLength(Referral.DiagnosisMaxLength);
        builder.Property(r => r.Icd10Code).HasMaxLength(10);
        builder.Property(r => r.TreatmentSoFar).HasMaxLength(Referral.TreatmentMaxLength);
        builder.Property(r => r.History).HasMaxLength(Referral.HistoryMaxLength);
        builder.Property(r => r.RequestedByName).HasMaxLength(ReferralStep.NameMaxLength);
        builder.Property(r => r.ResidentName).HasMaxLength(ResidentDetails.NameMaxLength);
        builder.OwnsOne(r => r.Return, back =>
        {
            back.Property(x => x.DiagnosisResult).HasColumnName("ReturnDiagnosisResult").HasMaxLength(Referral.DiagnosisMaxLength);
            back.Property(x => x.InpatientNumber).HasColumnName("ReturnInpatientNumber").HasMaxLength(Referral.InpatientNumberMaxLength);
            back.Property(x => x.MainFindings).HasColumnName("ReturnMainFindings").HasMaxLength(Referral.ReturnTextMaxLength);
            back.Property(x => x.Treatment).HasColumnName("ReturnTreatment").HasMaxLength(Referral.ReturnTextMaxLength);
            back.Property(x => x.NextPlan).HasColumnName("ReturnNextPlan").HasMaxLength(Referral.ReturnTextMaxLength);
            back.Property(x => x.FollowUpInstructions).HasColumnName("ReturnFollowUpInstructions").HasMaxLength(Referral.ReturnTextMaxLength);
        });
        builder.Ignore(r => r.IsGreenChannel);
        builder.Ignore(r => r.IsFinal);
        builder.Ignore(r => r.LastStep);
        builder.Ignore(r => r.FollowUpTask);
        builder.Ignore(r => r.FollowUpDueOn);

        // The receiving list: an institution's open requests by status (then sorted by urgency), and its history newest
        // first; the sending side's and the team's lists newest first; the month's counts per centre; the resident's
        // timeline. (bench `referrals`: the history pages read 200 rows off the index instead of sorting 160,000.)
        builder.HasIndex(r => new { r.ToInstitutionId, r.Status });
        builder.HasIndex(r => new { r.ToInstitutionId, r.RequestedAt });
        builder.HasIndex(r => new { r.FromInstitutionId, r.RequestedAt });
        builder.HasIndex(r => new { r.TeamId, r.RequestedAt });
        builder.HasIndex(r => new { r.CentreId, r.RequestedAt });
        builder.HasIndex(r => r.ResidentId);

        builder.HasOne<Resident>().WithMany().HasForeignKey(r => r.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AllianceInstitution>().WithMany().HasForeignKey(r => r.FromInstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AllianceInstitution>().WithMany().HasForeignKey(r => r.ToInstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.RequestedByStaffId).OnDelete(DeleteBehavior.Restrict);
        // The down-referral names the up-referral it answers; the answered one points back at its answer, saved in the
        // same SaveChanges (EF inserts the answer first, then fills ReturnedByReferralId).
        builder.HasOne<Referral>().WithMany().HasForeignKey(r => r.AnswersReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ReturnedBy).WithOne().HasForeignKey<Referral>(r => r.ReturnedByReferralId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReferralId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.ReferralId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Navigation(r => r.Steps).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class ReferralAttachmentConfiguration : IEntityTypeConfiguration<ReferralAttachment>
{
    public void Configure(EntityTypeBuilder<ReferralAttachment> builder)
    {
        builder.ToTable("ReferralAttachments");
        builder.Property(a => a.Title).HasMaxLength(ReferralAttachment.TitleMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(ReferralAttachment.SummaryMaxLength);
    }
}

internal sealed class ReferralStepConfiguration : IEntityTypeConfiguration<ReferralStep>
{
    public void Configure(EntityTypeBuilder<ReferralStep> builder)
    {
        builder.ToTable("ReferralSteps");
        builder.Property(s => s.ByName).HasMaxLength(ReferralStep.NameMaxLength);
        builder.Property(s => s.Note).HasMaxLength(ReferralStep.NoteMaxLength);
        builder.Ignore(s => s.Date);
        builder.HasOne<AllianceInstitution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
