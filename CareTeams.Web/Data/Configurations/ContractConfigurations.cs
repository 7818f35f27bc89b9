using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareTeams.Web.Data.Configurations;

/// <summary>Money is stored as whole fen (an integer): exact, and SUM works on every provider.</summary>
internal sealed class MoneyAsFen() : ValueConverter<Money, long>(
    m => (long)(m.Yuan * 100m),
    fen => Money.Of(fen / 100m));

internal sealed class ServicePackageConfiguration : IEntityTypeConfiguration<ServicePackage>
{
    public void Configure(EntityTypeBuilder<ServicePackage> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(50);
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.Subsidy).HasConversion<MoneyAsFen>();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Price);
        builder.Ignore(p => p.OwnPayment);
        builder.HasIndex(p => new { p.CentreId, p.Code }).IsUnique();
        builder.HasOne<Centre>().WithMany().HasForeignKey(p => p.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(p => p.Items, item =>
        {
            item.ToTable("PackageItems");
            item.WithOwner().HasForeignKey("ServicePackageId");
            item.HasKey(i => i.Id);
            item.Property(i => i.Name).HasMaxLength(100);
            item.Property(i => i.UnitPrice).HasConversion<MoneyAsFen>();
            item.Ignore(i => i.Price);
        });
        builder.Navigation(p => p.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsOne(c => c.Term, term =>
        {
            term.Property(t => t.Start).HasColumnName("TermStart");
            term.Property(t => t.End).HasColumnName("TermEnd");
            term.HasIndex(t => t.End);
        });
        builder.Navigation(c => c.Term).IsRequired();
        builder.OwnsOne(c => c.Signatory, s =>
        {
            s.Property(x => x.GuardianName).HasColumnName("GuardianName").HasMaxLength(30);
            s.Property(x => x.GuardianRelation).HasColumnName("GuardianRelation").HasMaxLength(20);
            s.Property(x => x.GuardianPhone).HasColumnName("GuardianPhone").HasMaxLength(30);
            s.Ignore(x => x.IsGuardian);
        });
        builder.Navigation(c => c.Signatory).IsRequired();
        builder.Property(c => c.TerminationNote).HasMaxLength(500);
        builder.Ignore(c => c.Price);
        builder.Ignore(c => c.Subsidy);
        builder.Ignore(c => c.OwnPayment);
        builder.Ignore(c => c.FulfilmentRate);
        builder.Ignore(c => c.RefundDue);

        builder.HasIndex(c => new { c.CentreId, c.Sequence }).IsUnique();
        // At most one signed contract per resident, enforced by the database too (a concurrent
        // double signing fails here). Unquoted column name: valid on SQLite and SQL Server alike.
        builder.HasIndex(c => c.ResidentId).IsUnique().HasFilter("Status = 2").HasDatabaseName("IX_Contracts_OneSignedPerResident");
        builder.HasIndex(c => new { c.ResidentId, c.Status });
        builder.HasIndex(c => new { c.TeamId, c.Status });
        builder.HasIndex(c => new { c.CentreId, c.Status });

        builder.HasOne<Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Centre>().WithMany().HasForeignKey(c => c.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.ResponsibleDoctorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.PreviousContractId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.Packages).WithOne().HasForeignKey("ContractId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Items).WithOne().HasForeignKey("ContractId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Fulfilments).WithOne().HasForeignKey("ContractId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Packages).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Navigation(c => c.Items).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Navigation(c => c.Fulfilments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContractPackageConfiguration : IEntityTypeConfiguration<ContractPackage>
{
    public void Configure(EntityTypeBuilder<ContractPackage> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(50);
        builder.Property(p => p.Price).HasConversion<MoneyAsFen>();
        builder.Property(p => p.Subsidy).HasConversion<MoneyAsFen>();
        builder.Ignore(p => p.OwnPayment);
        builder.HasOne<ServicePackage>().WithMany().HasForeignKey(p => p.ServicePackageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractItemConfiguration : IEntityTypeConfiguration<ContractItem>
{
    public void Configure(EntityTypeBuilder<ContractItem> builder)
    {
        builder.Property(i => i.PackageCode).HasMaxLength(20);
        builder.Property(i => i.PackageName).HasMaxLength(50);
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.UnitPrice).HasConversion<MoneyAsFen>();
        builder.Ignore(i => i.Outstanding);
        builder.HasIndex(i => i.ServiceKind);
    }
}

internal sealed class FulfilmentRecordConfiguration : IEntityTypeConfiguration<FulfilmentRecord>
{
    public void Configure(EntityTypeBuilder<FulfilmentRecord> builder)
    {
        builder.Property(f => f.Source).HasMaxLength(40);
        builder.HasOne<ContractItem>("Item").WithMany().HasForeignKey(f => f.ContractItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.Source, f.SourceId });
        builder.HasIndex(f => f.On);
    }
}
