using CareTeams.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareTeams.Web.Data.Configurations;

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.RegionCode).HasMaxLength(6);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class CentreConfiguration : IEntityTypeConfiguration<Centre>
{
    public void Configure(EntityTypeBuilder<Centre> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Phone).HasMaxLength(30);
        builder.Property(c => c.ContractClauses).HasMaxLength(Centre.ContractClausesMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne<County>().WithMany().HasForeignKey(c => c.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.HasIndex(v => new { v.CentreId, v.Name }).IsUnique();
        builder.HasOne<Centre>().WithMany().HasForeignKey(v => v.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(v => v.ResponsibleTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Phone).HasMaxLength(30);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.CentreId, t.Name }).IsUnique();
        builder.HasOne<Centre>().WithMany().HasForeignKey(t => t.CentreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("Staff");
        builder.Property(s => s.Name).HasMaxLength(30);
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.CentreId);
        builder.HasIndex(s => s.TeamId);
        builder.HasOne<Centre>().WithMany().HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
