using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

public enum ResidentSort
{
    Name,
    DateOfBirth,
    Village,
    IdNumber,
}

/// <summary>What the resident list asks for: free-text search plus filters, sorting and a page.</summary>
public sealed record ResidentQuery
{
    /// <summary>A name or its beginning, pinyin initials (ZS), a full or partial ID number, or a phone number.</summary>
    public string? Search { get; init; }
    public int? VillageId { get; init; }
    public int? TeamId { get; init; }
    public KeyPopulation? Tag { get; init; }
    public ResidentStatus? Status { get; init; } = ResidentStatus.Active;
    public ResidentSort SortBy { get; init; } = ResidentSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record ResidentRow(int Id, string Name, Sex Sex, DateOnly DateOfBirth, int Age, string MaskedIdNumber,
    string? Phone, string VillageName, string? TeamName, ResidentStatus Status, KeyPopulation KeyPopulations);

public sealed record ResidentView(int Id, Guid Version, string Name, Sex Sex, DateOnly DateOfBirth, int Age, string IdNumber,
    string? Phone, string? Address, LivingArrangement LivingArrangement, ResidentStatus Status, DateOnly? StatusChangedOn,
    string? StatusNote, KeyPopulation RecordedTags, KeyPopulation KeyPopulations, int CentreId, string CentreName,
    int VillageId, string VillageName, int? TeamId, string? TeamName, int? HouseholdId, string? HouseholdAddress, bool IsHouseholdHead);

public sealed record HouseholdMember(int Id, string Name, Sex Sex, int Age, string MaskedIdNumber, ResidentStatus Status, bool IsHead);

public sealed record HouseholdView(int Id, Guid Version, string Address, int VillageId, string VillageName, int? HeadResidentId,
    IReadOnlyList<HouseholdMember> Members);

/// <summary>A household offered in the "join a household" picker: its address, head and how many members the user sees.</summary>
public sealed record HouseholdOption(int Id, string Address, string? HeadName, int MemberCount);

/// <summary>
/// The resident registry as pages and jobs use it. Every query goes through the scoped context, so a
/// resident outside the user's scope is simply not found.
/// </summary>
public sealed class ResidentDirectory(IDbContextFactory<CareTeamsDbContext> contexts, IClock clock, AuditLog audit)
{
    public const int MaxPageSize = 200;

    public async Task<PagedResult<ResidentRow>> SearchAsync(ResidentQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var residents = Filter(db, query, today);

        var total = await residents.CountAsync(cancellationToken);
        residents = (query.SortBy, query.Descending) switch
        {
            (ResidentSort.DateOfBirth, false) => residents.OrderBy(r => r.DateOfBirth).ThenBy(r => r.Id),
            (ResidentSort.DateOfBirth, true) => residents.OrderByDescending(r => r.DateOfBirth).ThenBy(r => r.Id),
            (ResidentSort.Village, false) => residents.OrderBy(r => r.VillageId).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (ResidentSort.Village, true) => residents.OrderByDescending(r => r.VillageId).ThenBy(r => r.Name).ThenBy(r => r.Id),
            (ResidentSort.IdNumber, false) => residents.OrderBy(r => r.IdNumber),
            (ResidentSort.IdNumber, true) => residents.OrderByDescending(r => r.IdNumber),
            (_, false) => residents.OrderBy(r => r.Name).ThenBy(r => r.Id),
            (_, true) => residents.OrderByDescending(r => r.Name).ThenBy(r => r.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await residents
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.Name, r.Sex, r.DateOfBirth, r.IdNumber, r.Phone, r.Status, r.Tags,
                Village = db.Villages.Where(v => v.Id == r.VillageId).Select(v => v.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<ResidentRow>(rows.Select(r => new ResidentRow(r.Id, r.Name, r.Sex, r.DateOfBirth,
            Age.On(r.DateOfBirth, today), ResidentIdNumber.Mask(r.IdNumber), r.Phone, r.Village ?? string.Empty, r.Team, r.Status,
            r.Tags | Resident.DerivedKeyPopulations(r.DateOfBirth, today))).ToList(), total);
    }

    /// <summary>Counts residents matching a query (the same filters as the list), for figures that must agree with it.</summary>
    public async Task<int> CountAsync(ResidentQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filter(db, query, clock.Today).CountAsync(cancellationToken);
    }

    private static IQueryable<Resident> Filter(CareTeamsDbContext db, ResidentQuery query, DateOnly today)
    {
        var residents = db.Residents.AsNoTracking();
        if (query.Status is { } status)
            residents = residents.Where(r => r.Status == status);
        if (query.VillageId is { } village)
            residents = residents.Where(r => r.VillageId == village);
        if (query.TeamId is { } team)
            residents = residents.Where(r => r.TeamId == team);
        if (query.Tag is { } tag)
        {
            if (tag == KeyPopulation.Elderly65)
            {
                var bornBy = today.AddYears(-65);
                residents = residents.Where(r => r.DateOfBirth <= bornBy);
            }
            else if (tag == KeyPopulation.Child0To6)
            {
                var bornAfter = today.AddYears(-7);
                residents = residents.Where(r => r.DateOfBirth > bornAfter);
            }
            else
            {
                residents = residents.Where(r => (r.Tags & tag) == tag);
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
            residents = ApplySearch(db, residents, query.Search.Trim());
        return residents;
    }

    /// <summary>
    /// One box finds a resident by whatever the user has: digits are an ID number (full or its
    /// beginning) or a phone number; Latin letters are pinyin initials; anything else is the
    /// beginning of a name. Each uses an index (prefix matches are ranges, see <see cref="Prefix"/>).
    /// </summary>
    private static IQueryable<Resident> ApplySearch(CareTeamsDbContext db, IQueryable<Resident> residents, string search)
    {
        var compact = search.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (compact.Length == 18 && compact[..17].All(char.IsAsciiDigit))
        {
            var id = compact.ToUpperInvariant();
            return residents.Where(r => r.IdNumber == id);
        }
        if (compact.All(char.IsAsciiDigit))
        {
            if (compact.Length == 11 && compact[0] == '1')
                return residents.Where(r => r.Phone == compact);
            if (compact.Length >= 6)
            {
                var (from, to) = Prefix(compact);
                return residents.Where(r => (r.IdNumber.CompareTo(from) >= 0 && r.IdNumber.CompareTo(to) < 0)
                    || (r.Phone!.CompareTo(from) >= 0 && r.Phone!.CompareTo(to) < 0));
            }
            // Too short to be selective: the last digits of a phone number.
            return residents.Where(r => r.Phone!.EndsWith(compact));
        }
        if (compact.All(char.IsAsciiLetter))
        {
            var (from, to) = Prefix(compact.ToUpperInvariant());
            return residents.Where(r => r.NameInitials.CompareTo(from) >= 0 && r.NameInitials.CompareTo(to) < 0);
        }
        var (nameFrom, nameTo) = Prefix(search);
        return residents.Where(r => r.Name.CompareTo(nameFrom) >= 0 && r.Name.CompareTo(nameTo) < 0);
    }

    /// <summary>
    /// A prefix as a half-open range [prefix, prefix with its last character raised), which both
    /// SQLite and SQL Server answer from an index, unlike LIKE with a parameter.
    /// </summary>
    internal static (string From, string To) Prefix(string prefix)
    {
        var last = prefix[^1];
        return (prefix, last == char.MaxValue ? prefix + char.MaxValue : string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(last + 1)).ToString()));
    }

    /// <summary>The resident's page: the full ID number is shown there, so the view is audited.</summary>
    public async Task<ResidentView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var found = await db.Residents.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                Resident = r,
                // No IgnoreQueryFilters here: it would lift the scope filter from the whole query.
                Centre = db.Centres.Where(c => c.Id == r.CentreId).Select(c => c.Name).FirstOrDefault(),
                Village = db.Villages.Where(v => v.Id == r.VillageId).Select(v => v.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
                Household = db.Households.Where(h => h.Id == r.HouseholdId)
                    .Select(h => new { h.Address, h.HeadResidentId }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var r = found.Resident;
        await audit.RecordViewAsync(nameof(Resident), r.Id, "resident page (full ID number)", cancellationToken);
        return new ResidentView(r.Id, r.Version, r.Name, r.Sex, r.DateOfBirth, r.AgeOn(today), r.IdNumber, r.Phone, r.Address,
            r.LivingArrangement, r.Status, r.StatusChangedOn, r.StatusNote, r.Tags, r.KeyPopulationsOn(today), r.CentreId,
            found.Centre ?? string.Empty, r.VillageId, found.Village ?? string.Empty, r.TeamId, found.Team, r.HouseholdId,
            found.Household?.Address, found.Household?.HeadResidentId == r.Id);
    }

    public async Task<HouseholdView?> GetHouseholdAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
            return null;
        var today = clock.Today;
        var village = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.Name).FirstAsync(cancellationToken);
        // Members outside the user's scope stay hidden: the household shows who the user may see.
        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id).OrderBy(r => r.DateOfBirth).ToListAsync(cancellationToken);
        return new HouseholdView(household.Id, household.Version, household.Address, household.VillageId, village, household.HeadResidentId,
            members.Select(m => new HouseholdMember(m.Id, m.Name, m.Sex, m.AgeOn(today), m.MaskedIdNumber, m.Status,
                household.HeadResidentId == m.Id)).ToList());
    }

    /// <summary>
    /// The households of a village the user may see, for the "join a household" picker: those whose address
    /// contains <paramref name="search"/> or whose head's name begins with it (all when it is empty).
    /// </summary>
    public async Task<IReadOnlyList<HouseholdOption>> FindHouseholdsAsync(int villageId, string? search, int take = 20,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var households = db.Households.AsNoTracking().Where(h => h.VillageId == villageId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            households = households.Where(h => h.Address.Contains(text)
                || db.Residents.Any(r => r.Id == h.HeadResidentId && r.Name.StartsWith(text)));
        }
        return await households.OrderBy(h => h.Address).ThenBy(h => h.Id).Take(Math.Clamp(take, 1, 100))
            .Select(h => new HouseholdOption(h.Id, h.Address,
                db.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.Name).FirstOrDefault(),
                db.Residents.Count(r => r.HouseholdId == h.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Registers a new resident in a village the user may see; every field is checked on the server.</summary>
    public async Task<SaveResult> RegisterAsync(ResidentInput input, int villageId, CancellationToken cancellationToken = default)
    {
        var (details, errors) = ResidentDetails.Validate(input, clock.Today);
        if (details is null)
            return SaveResult.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var village = await db.Villages.FirstOrDefaultAsync(v => v.Id == villageId, cancellationToken);
        if (village is null)
            return SaveResult.Invalid("VillageId", "请选择村/社区。");
        if (await IdNumberTakenAsync(db, details.IdNumber.Value, village.CountyId, exceptId: null, cancellationToken))
            return SaveResult.Invalid(nameof(ResidentInput.IdNumber), "该身份证号码已登记在本县区的居民档案中。");
        return await VersionedChange.CreateAsync(db, () => Resident.Register(village, details),
            new ValidationError(nameof(ResidentInput.IdNumber), "该身份证号码已登记在本县区的居民档案中。"), cancellationToken);
    }

    /// <summary>
    /// Saves an edit made on a form loaded at <paramref name="version"/>. If someone saved the resident
    /// since, nothing is written and the result says so; the caller keeps the user's input.
    /// </summary>
    public async Task<SaveResult> UpdateAsync(int id, Guid version, ResidentInput input, int villageId, CancellationToken cancellationToken = default)
    {
        var (details, errors) = ResidentDetails.Validate(input, clock.Today);
        if (details is null)
            return SaveResult.Invalid(errors);
        return await ChangeAsync(id, version, async (db, resident) =>
        {
            if (await IdNumberTakenAsync(db, details.IdNumber.Value, resident.CountyId, resident.Id, cancellationToken))
                return SaveResult.Invalid(nameof(ResidentInput.IdNumber), "该身份证号码已登记在本县区的居民档案中。");
            resident.UpdateDetails(details);
            if (villageId != resident.VillageId)
            {
                var village = await db.Villages.FirstOrDefaultAsync(v => v.Id == villageId, cancellationToken);
                if (village is null)
                    return SaveResult.Invalid("VillageId", "请选择村/社区。");
                resident.MoveTo(village);
                await ElderPlanGeneration.ApplyResidentChangeAsync(db, resident, clock.Today, cancellationToken);
            }
            return null;
        }, cancellationToken);
    }

    public Task<SaveResult> RecordMovedAwayAsync(int id, Guid version, DateOnly on, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, async (db, r) =>
        {
            r.RecordMovedAway(on, note, clock.Today);
            await ClearHeadIfAsync(db, r, cancellationToken);
            await ElderPlanGeneration.ApplyResidentChangeAsync(db, r, clock.Today, cancellationToken);
            return null;
        }, cancellationToken);

    public Task<SaveResult> RecordDeathAsync(int id, Guid version, DateOnly on, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, async (db, r) =>
        {
            r.RecordDeath(on, note, clock.Today);
            await ClearHeadIfAsync(db, r, cancellationToken);
            await ElderPlanGeneration.ApplyResidentChangeAsync(db, r, clock.Today, cancellationToken);
            return null;
        }, cancellationToken);

    public Task<SaveResult> RecordMovedBackAsync(int id, Guid version, DateOnly? on = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, r) =>
        {
            r.RecordMovedBack(on ?? clock.Today, clock.Today);
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);

    /// <summary>Puts the resident in a household of their village (a new one when <paramref name="householdId"/> is null), optionally as head.</summary>
    public Task<SaveResult> JoinHouseholdAsync(int id, Guid version, int? householdId, string? newHouseholdAddress, bool asHead,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, async (db, r) =>
        {
            Household? household;
            if (householdId is { } existing)
            {
                household = await db.Households.FirstOrDefaultAsync(h => h.Id == existing, cancellationToken);
                if (household is null)
                    return SaveResult.Invalid("HouseholdId", "该家庭户不存在，或您无权访问。");
            }
            else
            {
                var village = await db.Villages.FirstAsync(v => v.Id == r.VillageId, cancellationToken);
                household = new Household(village, newHouseholdAddress ?? r.Address ?? string.Empty);
                db.Households.Add(household);
                await db.SaveChangesAsync(cancellationToken);
            }
            if (r.HouseholdId is { } previous && previous != household.Id)
            {
                var old = await db.Households.IgnoreQueryFilters().FirstAsync(h => h.Id == previous, cancellationToken);
                r.LeaveHousehold(old);
            }
            r.JoinHousehold(household);
            if (asHead)
                household.MakeHead(r);
            return null;
        }, cancellationToken);

    private static async Task ClearHeadIfAsync(CareTeamsDbContext db, Resident resident, CancellationToken cancellationToken)
    {
        if (resident.HouseholdId is not { } householdId)
            return;
        var household = await db.Households.IgnoreQueryFilters().FirstAsync(h => h.Id == householdId, cancellationToken);
        household.ClearHead(resident);
    }

    private async Task<SaveResult> ChangeAsync(int id, Guid version, Func<CareTeamsDbContext, Resident, Task<SaveResult?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return await VersionedChange.SaveAsync(db, resident, version, r => change(db, r), cancellationToken);
    }

    private static Task<bool> IdNumberTakenAsync(CareTeamsDbContext db, string idNumber, int countyId, int? exceptId, CancellationToken cancellationToken) =>
        db.Residents.IgnoreQueryFilters().AnyAsync(r => r.IdNumber == idNumber && r.CountyId == countyId && r.Id != exceptId, cancellationToken);
}
