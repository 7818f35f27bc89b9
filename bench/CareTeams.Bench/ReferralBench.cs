using System.Globalization;
using CareTeams.Domain.Referrals;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// Referrals at county scale: gives a seed-scale database its alliance (the leading hospital, each centre's township
/// institution, two care homes) and bulk-inserts synthetic referrals (prepared ADO inserts, two timeline steps each)
/// over the last two years up to <c>--count</c> (default 200,000): 80 % up to the hospital, 15 % down, 5 % transfers;
/// 5 % green channel, 15 % urgent; the last week's still open. Then measures through the app's service, as the
/// hospital's referral desk and as a GP of the busiest team: the receiving list, the referral page, the team's list,
/// the resident's timeline and follow-ups — median, p95 and SQL statements per call — and the expiry job once.
///   dotnet run -c Release --project bench/CareTeams.Bench -- referrals --db &lt;seed-scale file&gt; [--count 200000] [--runs 100]
/// </summary>
internal static class ReferralBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("db", out var dbPath) || !File.Exists(dbPath))
        {
            Console.Error.WriteLine("Usage: CareTeams.Bench referrals --db <seed-scale sqlite file> [--count 200000] [--runs 100] [--out results.md]");
            return 2;
        }
        var target = options.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 200_000;
        var runs = options.TryGetValue("runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 100;
        var connectionString = $"Data Source={Path.GetFullPath(dbPath)};Default Timeout=30";

        var user = new SwitchableUser();
        await using var app = await BenchApp.StartAsync(connectionString, user);

        user.Scope = UserScope.System;
        var (countyId, hospitalId) = await EnsureAllianceAsync(app.Services);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var insert = await InsertReferralsAsync(connection, hospitalId, target);
        await BenchSql.Exec(connection, "ANALYZE;");

        var total = (await BenchSql.Ints(connection, "SELECT COUNT(*) FROM Referrals"))[0];
        var toHospital = (await BenchSql.Ints(connection, $"SELECT COUNT(*) FROM Referrals WHERE ToInstitutionId = {hospitalId}"))[0];
        var openAtHospital = (await BenchSql.Ints(connection, $"SELECT COUNT(*) FROM Referrals WHERE ToInstitutionId = {hospitalId} AND Status IN (0, 1, 5)"))[0];
        var teamRow = await BenchSql.Ints(connection, "SELECT CentreId, TeamId, COUNT(*) FROM Referrals GROUP BY TeamId ORDER BY COUNT(*) DESC LIMIT 1");
        var (centreId, teamId, teamReferrals) = (teamRow[0], teamRow[1], teamRow[2]);
        var gpStaff = (await BenchSql.Ints(connection, $"SELECT Id FROM Staff WHERE TeamId = {teamId} ORDER BY Id LIMIT 1"))[0];
        var referralIds = await BenchSql.Ints(connection, $"SELECT Id FROM Referrals WHERE ToInstitutionId = {hospitalId} ORDER BY Id DESC LIMIT 400");
        var residentIds = await BenchSql.Ints(connection, $"SELECT DISTINCT ResidentId FROM Referrals WHERE TeamId = {teamId} ORDER BY ResidentId LIMIT 400");

        var desk = new UserScope(ScopeLevel.Institution, countyId, -1, -1, "bench-desk", null) { InstitutionId = hospitalId, DisplayName = "转诊办" };
        var gp = new UserScope(ScopeLevel.Team, countyId, centreId, teamId, "bench-gp", null) { StaffMemberId = gpStaff, DisplayName = "全科医生" };
        var rows = new List<(Timing Timing, double Statements, string Example)>();
        async Task Measure(string name, UserScope who, Func<ReferralService, int, Task<string>> operation)
        {
            user.Scope = who;
            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<ReferralService>();
            var example = await operation(service, 0);
            using var counter = new CommandCounter();
            var timing = await Timing.OfAsync(name, runs, async i => await operation(service, i));
            rows.Add((timing, counter.Count / (double)(runs + 5), example));
            Console.WriteLine($"{name,-44} median {timing.MedianMs,8:F2} ms p95 {timing.P95Ms,8:F2} ms, {counter.Count / (double)(runs + 5):F1} statements; {example}");
        }

        await Measure("hospital: incoming, open (first 200)", desk, async (s, _) =>
        {
            var list = await s.ListAsync(new ReferralQuery { Box = ReferralBox.Incoming, Status = ReferralStatusFilter.Open });
            return $"{list.Count} rows, first {list.FirstOrDefault()?.Urgency}";
        });
        await Measure("hospital: incoming, every status (first 200)", desk, async (s, _) =>
            $"{(await s.ListAsync(new ReferralQuery { Box = ReferralBox.Incoming, Status = ReferralStatusFilter.Any })).Count} rows");
        await Measure("hospital: incoming, name search", desk, async (s, i) =>
            $"{(await s.ListAsync(new ReferralQuery { Box = ReferralBox.Incoming, Status = ReferralStatusFilter.Any, Search = i % 2 == 0 ? "王" : "李" })).Count} rows");
        await Measure("hospital: the referral page", desk, async (s, i) =>
            (await s.GetAsync(referralIds[i % referralIds.Count]))?.Resident.Name ?? "not found");
        await Measure("GP: outgoing, every status (first 200)", gp, async (s, _) =>
            $"{(await s.ListAsync(new ReferralQuery { Box = ReferralBox.Outgoing, Status = ReferralStatusFilter.Any })).Count} rows");
        await Measure("GP: the resident's referral timeline", gp, async (s, i) =>
            $"{(await s.ForResidentAsync(residentIds[i % residentIds.Count])).Count} referrals");
        await Measure("GP: down-referral follow-ups", gp, async (s, _) =>
            $"{(await s.FollowUpsAsync(DateOnly.FromDateTime(DateTime.Today).AddDays(14))).Count} follow-ups");

        user.Scope = UserScope.System;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var expired = await scope.ServiceProvider.GetRequiredService<ReferralService>().ExpireUnansweredAsync();
            Console.WriteLine($"expire-referrals: {expired:N0} expired in {started.Elapsed.TotalSeconds:F2} s");
            rows.Add((new Timing("expire-referrals (once)", 1, started.Elapsed.TotalMilliseconds, started.Elapsed.TotalMilliseconds,
                started.Elapsed.TotalMilliseconds), 0, $"{expired:N0} expired"));
        }

        await BenchReport.EmitAsync(
            string.Create(CultureInfo.InvariantCulture,
                $"Referrals on {total:N0} referrals ({insert}); {toHospital:N0} to the leading hospital ({openAtHospital:N0} open); busiest team {teamId}: {teamReferrals:N0}. {runs} runs after 5 warm-up runs."),
            "| query | median (ms) | p95 (ms) | SQL statements per call | first sample |",
            "| --- | ---: | ---: | ---: | --- |",
            rows.Select(x => string.Create(CultureInfo.InvariantCulture,
                $"| {x.Timing.Name} | {x.Timing.MedianMs:F2} | {x.Timing.P95Ms:F2} | {x.Statements:F1} | {x.Example} |")),
            options);
        return 0;
    }

    /// <summary>The leading hospital, a township institution per centre and two care homes, made once through EF as the system.</summary>
    private static async Task<(int CountyId, int HospitalId)> EnsureAllianceAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync();
        var countyId = await db.Centres.OrderBy(x => x.Id).Select(x => x.CountyId).FirstAsync();
        if (await db.AllianceInstitutions.FirstOrDefaultAsync(a => a.Kind == AllianceInstitutionKind.LeadingHospital) is { } existing)
            return (countyId, existing.Id);
        var hospital = new AllianceInstitution(countyId, "基准县人民医院", AllianceInstitutionKind.LeadingHospital);
        db.AllianceInstitutions.Add(hospital);
        foreach (var centre in await db.Centres.Where(x => x.CountyId == countyId).ToListAsync())
            db.AllianceInstitutions.Add(new AllianceInstitution(countyId, centre.Name, AllianceInstitutionKind.TownshipCentre, centre.Id));
        db.AllianceInstitutions.Add(new AllianceInstitution(countyId, "基准县福利院", AllianceInstitutionKind.CareInstitution));
        db.AllianceInstitutions.Add(new AllianceInstitution(countyId, "基准县颐养院", AllianceInstitutionKind.CareInstitution));
        await db.SaveChangesAsync();
        return (countyId, hospital.Id);
    }

    /// <summary>How the app stores an instant on SQLite (CareTeamsDbContext: UTC ticks).</summary>
    private static long Stored(DateTimeOffset at) => at.UtcTicks;

    private static async Task<string> InsertReferralsAsync(SqliteConnection connection, int hospitalId, int target)
    {
        var existing = (await BenchSql.Ints(connection, "SELECT COUNT(*) FROM Referrals"))[0];
        if (existing >= target)
            return $"{existing:N0} already present";
        var townships = new Dictionary<int, int>();
        var careHomes = new List<int>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, Kind, CentreId FROM AllianceInstitutions";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetInt32(1) == (int)AllianceInstitutionKind.TownshipCentre && !reader.IsDBNull(2))
                    townships[reader.GetInt32(2)] = reader.GetInt32(0);
                else if (reader.GetInt32(1) == (int)AllianceInstitutionKind.CareInstitution)
                    careHomes.Add(reader.GetInt32(0));
            }
        }
        var residents = new List<(int Id, int County, int Centre, int Team, string Name, int Sex, string DateOfBirth)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, CountyId, CentreId, TeamId, Name, Sex, DateOfBirth FROM Residents WHERE Status = 1 AND TeamId IS NOT NULL ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                residents.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetInt32(5),
                    reader.GetString(6)));
        }
        var random = new Random(20261201);
        var now = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var referral = connection.CreateCommand();
        referral.Transaction = transaction;
        referral.CommandText = """
            INSERT INTO Referrals (CountyId, CentreId, TeamId, ResidentId, ResidentName, ResidentSex, ResidentDateOfBirth, FromInstitutionId, FromKind, ToInstitutionId, ToKind, Direction, Urgency,
                Reason, Diagnosis, Icd10Code, ReturnDiagnosisResult, ReturnNextPlan, ProposesHomeBed, RequestedByName, RequestedAt, Status, Version)
            VALUES ($county, $centre, $team, $resident, $name, $sex, $born, $from, $fromKind, $to, $toKind, $direction, $urgency,
                '血压控制不佳，头痛三天', '高血压3级', 'I10', $returnDiagnosis, $returnPlan, 0, '基准医生', $at, $status, $version);
            SELECT last_insert_rowid();
            """;
        string[] names = ["$county", "$centre", "$team", "$resident", "$name", "$sex", "$born", "$from", "$fromKind", "$to", "$toKind", "$direction", "$urgency",
            "$returnDiagnosis", "$returnPlan", "$at", "$status", "$version"];
        foreach (var name in names)
            referral.Parameters.Add(new SqliteParameter { ParameterName = name });
        await using var step = connection.CreateCommand();
        step.Transaction = transaction;
        step.CommandText = "INSERT INTO ReferralSteps (ReferralId, Status, ByName, InstitutionId, At, Note) VALUES ($referral, $status, '基准', $institution, $at, NULL)";
        foreach (var name in new[] { "$referral", "$status", "$institution", "$at" })
            step.Parameters.Add(new SqliteParameter { ParameterName = name });

        ReferralStatus[] finished = [ReferralStatus.Returned, ReferralStatus.Closed, ReferralStatus.Closed, ReferralStatus.Declined, ReferralStatus.Expired];
        ReferralStatus[] open = [ReferralStatus.Requested, ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Arrived];
        for (var i = existing; i < target; i++)
        {
            var resident = residents[random.Next(residents.Count)];
            var township = townships[resident.Centre];
            var roll = random.Next(100);
            var (direction, from, fromKind, to, toKind) = roll < 80
                ? (ReferralDirection.Up, township, AllianceInstitutionKind.TownshipCentre, hospitalId, AllianceInstitutionKind.LeadingHospital)
                : roll < 95
                    ? (ReferralDirection.Down, hospitalId, AllianceInstitutionKind.LeadingHospital, township, AllianceInstitutionKind.TownshipCentre)
                    : (ReferralDirection.Transfer, township, AllianceInstitutionKind.TownshipCentre, careHomes[random.Next(careHomes.Count)],
                        AllianceInstitutionKind.CareInstitution);
            var urgencyRoll = random.Next(100);
            var urgency = direction == ReferralDirection.Up && urgencyRoll < 5 ? ReferralUrgency.GreenChannel
                : urgencyRoll < 20 ? ReferralUrgency.Urgent : ReferralUrgency.Routine;
            var at = now.AddMinutes(-random.Next(2 * 365 * 24 * 60));
            var status = at > now.AddDays(-7) ? open[random.Next(open.Length)] : finished[random.Next(finished.Length)];
            if (direction == ReferralDirection.Down && status == ReferralStatus.Returned)
                status = ReferralStatus.Closed;
            object[] values = [resident.County, resident.Centre, resident.Team, resident.Id, resident.Name, resident.Sex, resident.DateOfBirth, from, (int)fromKind, to, (int)toKind, (int)direction,
                (int)urgency, direction == ReferralDirection.Down ? "高血压3级 很高危" : DBNull.Value,
                direction == ReferralDirection.Down ? "继续口服降压药，低盐饮食" : DBNull.Value, Stored(at), (int)status,
                Guid.NewGuid().ToString().ToUpperInvariant()];
            for (var p = 0; p < values.Length; p++)
                referral.Parameters[p].Value = values[p];
            var id = (long)(await referral.ExecuteScalarAsync())!;
            await Step(id, ReferralStatus.Requested, from, at);
            if (status != ReferralStatus.Requested)
                await Step(id, status, status == ReferralStatus.Expired ? null : to, at.AddHours(2));
        }
        await transaction.CommitAsync();
        return $"{target - existing:N0} inserted in {started.Elapsed.TotalSeconds:F1} s";

        async Task Step(long referralId, ReferralStatus status, int? institution, DateTimeOffset at)
        {
            step.Parameters[0].Value = referralId;
            step.Parameters[1].Value = (int)status;
            step.Parameters[2].Value = institution is { } x ? x : DBNull.Value;
            step.Parameters[3].Value = Stored(at);
            await step.ExecuteNonQueryAsync();
        }
    }
}
