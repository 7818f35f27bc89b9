using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareTeams.Web.Data.Configurations;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(ResidentDetails.NameMaxLength);
        builder.Property(r => r.NameInitials).HasMaxLength(ResidentDetails.NameMaxLength);
        builder.Property(r => r.IdNumber).HasMaxLength(18).IsUnicode(false);
        builder.Property(r => r.Phone).HasMaxLength(30).IsUnicode(false);
        builder.Property(r => r.Address).HasMaxLength(ResidentDetails.AddressMaxLength);
        builder.Property(r => r.StatusNote).HasMaxLength(Resident.StatusNoteMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.MaskedIdNumber);

        // Unique within the county; the number leads so that a search by number alone uses it.
        builder.HasIndex(r => new { r.IdNumber, r.CountyId }).IsUnique();
        // The list and the searches, each under the scope column it is filtered by.
        builder.HasIndex(r => new { r.TeamId, r.Name });
        builder.HasIndex(r => new { r.CentreId, r.Name });
        builder.HasIndex(r => new { r.VillageId, r.Name });
        builder.HasIndex(r => r.Name);
        builder.HasIndex(r => r.NameInitials);
        builder.HasIndex(r => r.Phone);
        builder.HasIndex(r => r.HouseholdId);
        builder.HasIndex(r => r.DateOfBirth);

        builder.HasOne<County>().WithMany().HasForeignKey(r => r.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Village>().WithMany().HasForeignKey(r => r.VillageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.Property(h => h.Address).HasMaxLength(ResidentDetails.AddressMaxLength);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasIndex(h => new { h.VillageId, h.Address });
        builder.HasIndex(h => h.CentreId);
        builder.HasOne<Village>().WithMany().HasForeignKey(h => h.VillageId).OnDelete(DeleteBehavior.Restrict);
        // The head is a resident of the household; no FK so that a household and its head can be created in one save.
        builder.HasIndex(h => h.HeadResidentId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityKey).HasMaxLength(100);
        builder.Property(a => a.Changes).HasMaxLength(int.MaxValue);
        builder.HasIndex(a => new { a.EntityType, a.EntityKey });
        builder.HasIndex(a => a.AtUtc);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.HasIndex(u => u.TeamId);
        builder.HasIndex(u => u.CentreId);
        builder.HasOne<CareTeams.Domain.Referrals.AllianceInstitution>().WithMany().HasForeignKey(u => u.AllianceInstitutionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
