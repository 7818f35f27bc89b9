using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Visits;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareTeams.Web.Data;

/// <summary>
/// The one database: the domain's aggregates, Identity and the audit trail. Each provider has a
/// subclass with its own migrations (<see cref="SqliteCareTeamsDbContext"/>,
/// <see cref="SqlServerCareTeamsDbContext"/>). Every context is built for one user: the query filters
/// named <see cref="ScopeFilter"/> narrow every query to what that user may see, so no page can forget.
/// </summary>
public abstract class CareTeamsDbContext(DbContextOptions options, ICurrentUser currentUser)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The name of the row-level scope filter on every scoped entity.</summary>
    public const string ScopeFilter = "Scope";

    private readonly UserScope _scope = currentUser.Scope;

    public ICurrentUser CurrentUser { get; } = currentUser;

    // The filters read these per context instance; EF turns them into query parameters.
    internal bool ScopeSeesAll => _scope.Level == ScopeLevel.System;
    internal int ScopeCountyId => _scope.Level == ScopeLevel.County ? _scope.CountyId : -1;
    internal int ScopeCentreId => _scope.Level == ScopeLevel.Centre ? _scope.CentreId : -1;
    internal int ScopeTeamId => _scope.Level == ScopeLevel.Team ? _scope.TeamId : -1;
    internal int ScopeAnyCountyId => _scope.Level is ScopeLevel.Nothing or ScopeLevel.System ? -1 : _scope.CountyId;
    internal int ScopeInstitutionId => _scope.Level == ScopeLevel.Institution ? _scope.InstitutionId : -1;
    internal int ScopeAnyCentreId => _scope.Level is ScopeLevel.Centre or ScopeLevel.Team ? _scope.CentreId : -1;

    public DbSet<County> Counties => Set<County>();
    public DbSet<Centre> Centres => Set<Centre>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<ServicePackage> ServicePackages => Set<ServicePackage>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ElderPlan2111> ElderPlans => Set<ElderPlan2111>();
    public DbSet<VisitLog> Visits => Set<VisitLog>();
    public DbSet<HomeBed> HomeBeds => Set<HomeBed>();
    public DbSet<AllianceInstitution> AllianceInstitutions => Set<AllianceInstitution>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The Data Protection key ring, shared by every web instance on this database (sign-in cookies, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CareTeamsDbContext).Assembly);
        // SQLite has no type for an instant with an offset: the referral times are stored as their UTC ticks, so that ORDER
        // BY and comparisons run in SQL on the instant whatever offset a time was given in (EF's DateTimeOffsetToBinaryConverter
        // orders by wall-clock time at each value's own offset: a UTC time and a China time would compare 8 hours apart).
        // They read back at offset 0. SQL Server keeps datetimeoffset; Identity's columns stay as they are.
        if (Database.IsSqlite())
        {
            builder.Entity<Referral>().Property(r => r.RequestedAt).HasConversion(UtcTicks);
            builder.Entity<ReferralStep>().Property(s => s.At).HasConversion(UtcTicks);
        }

        // Row-level scope. A team user sees the team's residents; a centre manager the centre's; an
        // admin the county's; a job everything. Reference data (villages, teams, staff) is visible
        // across the user's centre so that pickers and filters work.
        builder.Entity<Resident>().HasQueryFilter(ScopeFilter, r =>
            ScopeSeesAll || r.CountyId == ScopeCountyId || r.CentreId == ScopeCentreId || r.TeamId == ScopeTeamId);
        builder.Entity<Household>().HasQueryFilter(ScopeFilter, h =>
            ScopeSeesAll || h.CountyId == ScopeCountyId || h.CentreId == ScopeCentreId ||
            (ScopeTeamId > 0 && Residents.Any(r => r.HouseholdId == h.Id && r.TeamId == ScopeTeamId)));
        builder.Entity<County>().HasQueryFilter(ScopeFilter, c =>
            ScopeSeesAll || c.Id == ScopeAnyCountyId);
        // The audit trail holds personal data: only administrators and jobs read it directly.
        builder.Entity<AuditEntry>().HasQueryFilter(ScopeFilter, a => ScopeSeesAll || ScopeCountyId > 0);
        builder.Entity<Centre>().HasQueryFilter(ScopeFilter, c =>
            ScopeSeesAll || c.CountyId == ScopeCountyId || c.Id == ScopeAnyCentreId);
        builder.Entity<Village>().HasQueryFilter(ScopeFilter, v =>
            ScopeSeesAll || v.CountyId == ScopeCountyId || v.CentreId == ScopeAnyCentreId);
        builder.Entity<Team>().HasQueryFilter(ScopeFilter, t =>
            ScopeSeesAll || Centres.Any(c => c.Id == t.CentreId) );
        builder.Entity<StaffMember>().HasQueryFilter(ScopeFilter, s =>
            ScopeSeesAll || Centres.Any(c => c.Id == s.CentreId));
        builder.Entity<ServicePackage>().HasQueryFilter(ScopeFilter, p =>
            ScopeSeesAll || Centres.Any(c => c.Id == p.CentreId));
        // Contracts like residents: the team's own, the centre's, the county's.
        builder.Entity<Contract>().HasQueryFilter(ScopeFilter, c =>
            ScopeSeesAll || c.CountyId == ScopeCountyId || c.CentreId == ScopeCentreId || c.TeamId == ScopeTeamId);
        // 2111 plans and visits like residents; plan items are reached only through their plans.
        builder.Entity<ElderPlan2111>().HasQueryFilter(ScopeFilter, p =>
            ScopeSeesAll || p.CountyId == ScopeCountyId || p.CentreId == ScopeCentreId || p.TeamId == ScopeTeamId);
        builder.Entity<VisitLog>().HasQueryFilter(ScopeFilter, v =>
            ScopeSeesAll || v.CountyId == ScopeCountyId || v.CentreId == ScopeCentreId || v.TeamId == ScopeTeamId);
        // Home beds like residents; orders, diagnoses and extensions are reached only through their beds.
        builder.Entity<HomeBed>().HasQueryFilter(ScopeFilter, b =>
            ScopeSeesAll || b.CountyId == ScopeCountyId || b.CentreId == ScopeCentreId || b.TeamId == ScopeTeamId);

        // The alliance's institutions are the county's address book: every signed-in user of the county sees them.
        builder.Entity<AllianceInstitution>().HasQueryFilter(ScopeFilter, a => ScopeSeesAll || a.CountyId == ScopeAnyCountyId);
        // A referral: the resident's team (and its centre's manager, the county's admin), the receiving institution's
        // staff (its referral desk, or the manager of the centre it is sent to), and the sending institution's desk (a
        // centre's own staff see what they sent through the team). Nobody else (Referral.IsVisibleTo).
        builder.Entity<Referral>().HasQueryFilter(ScopeFilter, r =>
            ScopeSeesAll || r.CountyId == ScopeCountyId || r.CentreId == ScopeCentreId || r.TeamId == ScopeTeamId
            || r.ToInstitutionId == ScopeInstitutionId || r.FromInstitutionId == ScopeInstitutionId
            || (ScopeCentreId > 0 && AllianceInstitutions.Any(a => a.Id == r.ToInstitutionId && a.CentreId == ScopeCentreId)));
    }

    // EF Core does not report a concurrency conflict to SaveChangesFailed: release the audit
    // interceptor's transaction here, so the context stays usable and SQLite's write lock is freed.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateConcurrencyException)
        {
            AuditInterceptor.RollBack(this);
            throw;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await AuditInterceptor.RollBackAsync(this, CancellationToken.None);
            throw;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Enums as readable text would cost index space at 500,000 rows; they stay integers, and
        // strings default to a bounded length so SQL Server can index them.
        configurationBuilder.Properties<string>().HaveMaxLength(256);

    }
}
