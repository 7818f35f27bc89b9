using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// A synthetic county for measurements: N residents over up to 25 centres (codes S01…S25), 8 teams
/// and 20 villages per centre, with the demo's distributions (<see cref="SyntheticPeople"/>). Each run
/// adds a new county SCALE1, SCALE2, … (region 330602, 330603, …), so it also runs on a database that
/// holds the demo or an earlier scale county. The few institutions are saved through EF (audited row by
/// row as usual); households and residents are built through the domain and bulk-inserted with
/// prepared, parameterised ADO.NET commands on the context's connection, one transaction per batch of
/// about 20,000 residents. The SQL is standard (parameters @p0…, no provider-specific syntax) so the
/// same code serves SQL Server; only the parameter values of Guid and date columns differ by provider.
/// </summary>
public static class ScaleSeeder
{
    public const string CountyCodePrefix = "SCALE";
    public const string AuditEntityType = "ScaleSeed";

    private const int MaxCentres = 25;
    private const int TeamsPerCentre = 8;
    private const int VillagesPerCentre = 20;
    private const int ResidentsPerCentre = 2_000; // fewer residents, fewer centres (at least one)
    private const int BatchSize = 20_000;

    private static readonly string[] Towns =
    [
        "城关", "江南", "新合", "分水", "百江", "瑶琳", "富春", "横村", "凤川", "钟山", "莪山", "合村", "旧县",
        "江北", "凤鸣", "柳溪", "青山", "石岭", "桃花", "东溪", "南坞", "西岭", "北山", "双溪", "龙门",
    ];

    private static readonly string[] TeamNumbers = ["一", "二", "三", "四", "五", "六", "七", "八"];

    public static async Task SeedAsync(IServiceProvider services, int residents, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(residents, 1);
        var started = Stopwatch.StartNew();
        var clock = services.GetRequiredService<IClock>();
        var today = clock.Today;
        await using var db = await SystemContexts.CreateAsync(services, cancellationToken);

        var existing = await db.Counties.Where(c => c.Code.StartsWith(CountyCodePrefix)).Select(c => c.Code).ToListAsync(cancellationToken);
        var number = 1 + existing
            .Select(c => int.TryParse(c.AsSpan(CountyCodePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        if (number > 98)
            throw new InvalidOperationException("Too many scale counties in this database (98 at most): use a fresh database file.");
        var countyCode = CountyCodePrefix + number.ToString(CultureInfo.InvariantCulture);
        var regionCode = "3306" + (number + 1).ToString("00", CultureInfo.InvariantCulture);
        // Centre codes are unique across counties: S01… for the first scale county, S2C01… for the second.
        var centreCodePrefix = number == 1 ? "S" : $"S{number}C";

        var random = new Random(2026 + number);
        var people = new SyntheticPeople(random, today, regionCode);
        progress($"Seeding scale county {countyCode} (region {regionCode}) with {residents:N0} residents as of {today:yyyy-MM-dd} …");

        // ----- Institutions, through the domain and EF -----
        var county = new County(countyCode, $"规模测试县{number}", regionCode);
        db.Counties.Add(county);
        await db.SaveChangesAsync(cancellationToken);

        var centreCount = Math.Clamp(residents / ResidentsPerCentre, 1, MaxCentres);
        var centres = Enumerable.Range(0, centreCount).Select(i =>
        {
            // The first two are urban (街道) community health service centres, the rest township centres.
            var community = i < 2;
            var town = Towns[i % Towns.Length] + (i >= Towns.Length ? (i / Towns.Length).ToString(CultureInfo.InvariantCulture) : string.Empty);
            return new Centre(county, $"{centreCodePrefix}{i + 1:00}", community ? $"{town}街道社区卫生服务中心" : $"{town}镇卫生院",
                community ? CentreKind.CommunityHealthServiceCentre : CentreKind.TownshipHealthCentre);
        }).ToList();
        db.Centres.AddRange(centres);
        await db.SaveChangesAsync(cancellationToken);

        var teams = centres.ToDictionary(c => c, c => Enumerable.Range(0, TeamsPerCentre)
            .Select(i => new Team(c, $"第{TeamNumbers[i]}家庭医生团队", "0575-" + (86000000 + random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture)))
            .ToList());
        db.Teams.AddRange(teams.Values.SelectMany(t => t));
        await db.SaveChangesAsync(cancellationToken);

        var villages = new List<Village>();
        foreach (var centre in centres)
        {
            var names = new HashSet<string>();
            for (var i = 0; i < VillagesPerCentre; i++)
            {
                // Community centres cover communities; a township's first two are the town seat's communities.
                var kind = centre.Kind == CentreKind.CommunityHealthServiceCentre || i < 2 ? VillageKind.Community : VillageKind.AdministrativeVillage;
                villages.Add(new Village(centre, VillageName(random, names, kind), kind, teams[centre][i % TeamsPerCentre]));
            }
        }
        db.Villages.AddRange(villages);

        var staff = new List<StaffMember>();
        foreach (var team in teams.Values.SelectMany(t => t))
        {
            var centre = centres.First(c => c.Id == team.CentreId);
            foreach (var role in Enum.GetValues<TeamRole>())
            {
                var sex = role == TeamRole.Nurse || random.Next(2) == 0 ? Sex.Female : Sex.Male;
                var member = new StaffMember(centre, people.PersonName(sex, today.Year - 26 - random.Next(30)), people.Mobile());
                member.JoinTeam(team, role);
                staff.Add(member);
            }
        }
        db.Staff.AddRange(staff);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        progress($"  {centres.Count} centres, {teams.Values.Sum(t => t.Count)} teams, {villages.Count} villages, {staff.Count} staff ({started.Elapsed.TotalSeconds:F1} s)");

        // ----- Households and residents, built through the domain, bulk-inserted -----
        var perVillage = Share(residents, centres.Count, random);
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        // SQLite only: a 64 MB page cache (default 2 MB) keeps the hot pages of the ten resident indexes in
        // memory while they grow, which halves the I/O; reset below, as the connection returns to the pool.
        if (sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536;", cancellationToken);
        var inserted = 0;
        var householdCount = 0;
        try
        {
            var bulkStarted = Stopwatch.StartNew();
            var next = 0;
            while (next < villages.Count)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                using var writer = new BulkWriter(connection, transaction, sqlite);
                var batch = 0;
                while (next < villages.Count && batch < BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var village = villages[next];
                    var plan = people.Village(village.Name, village.Kind, perVillage[next]);
                    next++;
                    batch += WriteVillage(writer, village, plan, today);
                    householdCount += plan.Count;
                }
                await transaction.CommitAsync(cancellationToken);
                inserted += batch;
                var seconds = bulkStarted.Elapsed.TotalSeconds;
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"  residents {inserted}/{residents} ({100.0 * inserted / residents:F0}%), households {householdCount}, {seconds:F1} s, {inserted / Math.Max(seconds, 0.001):N0} residents/s"));
            }
        }
        finally
        {
            if (sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }

        // One audit row for the whole job instead of one per bulk-inserted row: 500,000 rows of
        // "created" JSON would double the database and the run time and say nothing a reviewer needs;
        // the data are synthetic and the row records who made them, when, and how many.
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.Now.UtcDateTime,
            UserName = db.CurrentUser.Scope.UserName,
            UserId = db.CurrentUser.Scope.UserId,
            Action = AuditAction.Created,
            EntityType = AuditEntityType,
            EntityKey = county.Id.ToString(CultureInfo.InvariantCulture),
            Changes = JsonSerializer.Serialize(new
            {
                County = countyCode,
                Centres = centres.Count,
                Teams = centres.Count * TeamsPerCentre,
                Villages = villages.Count,
                Staff = staff.Count,
                Households = householdCount,
                Residents = inserted,
                Note = "Synthetic data (seed-scale). Institutions are audited row by row; households and residents were bulk-inserted and are audited by this row only.",
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        progress($"Scale county {countyCode} ready in {started.Elapsed.TotalSeconds:F1} s: {inserted:N0} residents in {householdCount:N0} households.");
    }

    /// <summary>
    /// Writes one village's households and residents; returns the number of residents. Households
    /// first (their ids read back by address, unique in the village), then the residents with their
    /// household, then each household's head: its first member, the one inserted with the lowest id
    /// (always an active adult, see <see cref="SyntheticHousehold.Members"/>).
    /// </summary>
    private static int WriteVillage(BulkWriter writer, Village village, IReadOnlyList<SyntheticHousehold> plan, DateOnly today)
    {
        foreach (var planned in plan)
            writer.InsertHousehold(new Household(village, planned.Address));
        var householdIds = writer.HouseholdIdsByAddress(village.Id);

        var count = 0;
        foreach (var planned in plan)
        {
            var householdId = householdIds[planned.Address];
            foreach (var person in planned.Members)
            {
                var (details, errors) = ResidentDetails.Validate(person.ToInput(planned.Address), today);
                if (details is null)
                    throw new InvalidOperationException($"Generated resident {person.Name} is invalid: {string.Join("; ", errors.Select(e => e.Message))}");
                var resident = Resident.Register(village, details);
                int? inHousehold = householdId;
                switch (person.Status)
                {
                    case ResidentStatus.MovedAway:
                        resident.RecordMovedAway(person.StatusChangedOn!.Value, person.StatusNote, today);
                        inHousehold = null; // they left the household
                        break;
                    case ResidentStatus.Deceased:
                        resident.RecordDeath(person.StatusChangedOn!.Value, person.StatusNote, today);
                        break;
                }
                writer.InsertResident(resident, inHousehold);
                count++;
            }
        }
        writer.SetHeads(village.Id);
        return count;
    }

    /// <summary>How many residents each village gets: centres and villages of uneven size, the total exact.</summary>
    private static int[] Share(int residents, int centres, Random random)
    {
        var weights = new double[centres * VillagesPerCentre];
        for (var c = 0; c < centres; c++)
        {
            var centreWeight = 0.6 + (0.8 * random.NextDouble());
            for (var v = 0; v < VillagesPerCentre; v++)
                weights[(c * VillagesPerCentre) + v] = centreWeight * (0.5 + random.NextDouble());
        }
        var total = weights.Sum();
        var counts = weights.Select(w => (int)(residents * w / total)).ToArray();
        for (var i = 0; counts.Sum() < residents; i = (i + 1) % counts.Length)
            counts[i]++;
        return counts;
    }

    private const string VillageFirst = "东西南北上下前后大小新高石青白黄桃杨柳竹梅松枫龙凤金云平安河";
    private const string VillageSecond = "山溪塘桥湾岭坞源坑田口庄林浦头园墩岗洋湖";

    /// <summary>A village or community name not yet used in the centre (东山村, 桃源社区).</summary>
    private static string VillageName(Random random, HashSet<string> used, VillageKind kind)
    {
        while (true)
        {
            var first = VillageFirst[random.Next(VillageFirst.Length)];
            var second = VillageSecond[random.Next(VillageSecond.Length)];
            var name = string.Concat(first.ToString(), second.ToString(), kind == VillageKind.Community ? "社区" : "村");
            if (used.Add(name))
                return name;
        }
    }

    /// <summary>
    /// Prepared INSERT / SELECT / UPDATE commands reused for every row of a batch, on the context's
    /// connection and the batch's transaction. Column names and value forms are the EF model's: enums
    /// as integers, Guid and DateOnly as EF stores them (SQLite: upper-case text and 'yyyy-MM-dd';
    /// SQL Server: uniqueidentifier and date).
    /// </summary>
    private sealed class BulkWriter : IDisposable
    {
        private readonly bool _sqlite;
        private readonly DbCommand _insertHousehold;
        private readonly DbCommand _householdIds;
        private readonly DbCommand _insertResident;
        private readonly DbCommand _setHeads;

        public BulkWriter(DbConnection connection, DbTransaction transaction, bool sqlite)
        {
            _sqlite = sqlite;
            _insertHousehold = Command(connection, transaction,
                "INSERT INTO Households (CountyId, CentreId, VillageId, Address, HeadResidentId, Version) VALUES (@p0, @p1, @p2, @p3, NULL, @p4)",
                (DbType.Int32, 0), (DbType.Int32, 0), (DbType.Int32, 0), (DbType.String, 200), GuidType);
            _householdIds = Command(connection, transaction,
                "SELECT Id, Address FROM Households WHERE VillageId = @p0",
                (DbType.Int32, 0));
            _insertResident = Command(connection, transaction,
                "INSERT INTO Residents (CountyId, CentreId, VillageId, TeamId, HouseholdId, Name, NameInitials, Sex, DateOfBirth, IdNumber, "
                + "Phone, Address, LivingArrangement, Status, StatusChangedOn, StatusNote, Tags, Version) "
                + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17)",
                (DbType.Int32, 0), (DbType.Int32, 0), (DbType.Int32, 0), (DbType.Int32, 0), (DbType.Int32, 0),
                (DbType.String, ResidentDetails.NameMaxLength), (DbType.String, ResidentDetails.NameMaxLength), (DbType.Int32, 0), DateType,
                (DbType.AnsiString, 18), (DbType.AnsiString, 30), (DbType.String, ResidentDetails.AddressMaxLength), (DbType.Int32, 0),
                (DbType.Int32, 0), DateType, (DbType.String, Resident.StatusNoteMaxLength), (DbType.Int32, 0), GuidType);
            _setHeads = Command(connection, transaction,
                "UPDATE Households SET HeadResidentId = (SELECT MIN(r.Id) FROM Residents r WHERE r.HouseholdId = Households.Id) WHERE VillageId = @p0",
                (DbType.Int32, 0));
        }

        private (DbType, int) GuidType => _sqlite ? (DbType.String, 36) : (DbType.Guid, 0);
        private (DbType, int) DateType => _sqlite ? (DbType.String, 10) : (DbType.Date, 0);

        private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params (DbType Type, int Size)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Constant SQL; every value is a parameter.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.DbType = parameters[i].Type;
                if (parameters[i].Size > 0)
                    parameter.Size = parameters[i].Size;
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            return command;
        }

        private object Guid(Guid value) => _sqlite ? value.ToString("D").ToUpperInvariant() : value;

        private object Date(DateOnly? value) =>
            value is not { } day ? DBNull.Value : _sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day;

        private static object Nullable(object? value) => value ?? DBNull.Value;

        public void InsertHousehold(Household household)
        {
            var p = _insertHousehold.Parameters;
            p[0].Value = household.CountyId;
            p[1].Value = household.CentreId;
            p[2].Value = household.VillageId;
            p[3].Value = household.Address;
            p[4].Value = Guid(household.Version);
            _insertHousehold.ExecuteNonQuery();
        }

        public Dictionary<string, int> HouseholdIdsByAddress(int villageId)
        {
            _householdIds.Parameters[0].Value = villageId;
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            using var reader = _householdIds.ExecuteReader();
            while (reader.Read())
                ids[reader.GetString(1)] = reader.GetInt32(0);
            return ids;
        }

        public void InsertResident(Resident resident, int? householdId)
        {
            var p = _insertResident.Parameters;
            p[0].Value = resident.CountyId;
            p[1].Value = resident.CentreId;
            p[2].Value = resident.VillageId;
            p[3].Value = Nullable(resident.TeamId);
            p[4].Value = Nullable(householdId);
            p[5].Value = resident.Name;
            p[6].Value = resident.NameInitials;
            p[7].Value = (int)resident.Sex;
            p[8].Value = Date(resident.DateOfBirth);
            p[9].Value = resident.IdNumber;
            p[10].Value = Nullable(resident.Phone);
            p[11].Value = Nullable(resident.Address);
            p[12].Value = (int)resident.LivingArrangement;
            p[13].Value = (int)resident.Status;
            p[14].Value = Date(resident.StatusChangedOn);
            p[15].Value = Nullable(resident.StatusNote);
            p[16].Value = (int)resident.Tags;
            p[17].Value = Guid(resident.Version);
            _insertResident.ExecuteNonQuery();
        }

        public void SetHeads(int villageId)
        {
            _setHeads.Parameters[0].Value = villageId;
            _setHeads.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insertHousehold.Dispose();
            _householdIds.Dispose();
            _insertResident.Dispose();
            _setHeads.Dispose();
        }
    }
}
