using System.Text.Json;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>Every write leaves an audit row in the same save; reads of personal data are recorded; secrets never are.</summary>
public sealed class AuditTrail : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;

    public AuditTrail() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private List<AuditEntry> AuditRows(string entityType, string key)
    {
        using var db = _database.Context(UserScope.System);
        return db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityKey == key).OrderBy(a => a.Id).ToList();
    }

    private int AuditRowCount()
    {
        using var db = _database.Context(UserScope.System);
        return db.AuditEntries.Count();
    }

    private static Dictionary<string, JsonElement> ChangesOf(AuditEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(entry.Changes!)!;

    [Fact]
    public async Task Registering_a_resident_writes_a_Created_row_with_the_user_the_generated_key_and_the_values()
    {
        var nurse = _county.NurseOfTeamA;
        var input = ResidentInputs.Valid("王小红", new DateOnly(1958, 4, 12), Sex.Female, 101, phone: "13912345678");

        var result = await _database.Service<ResidentDirectory>(nurse).RegisterAsync(input, _county.VillageA.Id);

        Assert.True(result.Succeeded, result.Summary);
        var key = result.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var row = Assert.Single(AuditRows("Resident", key));
        Assert.Equal(AuditAction.Created, row.Action);
        Assert.Equal("nurse-a", row.UserName);
        Assert.Equal("u-nurse-a", row.UserId);
        Assert.Equal(_database.Clock.Now.UtcDateTime, row.AtUtc);
        var changes = ChangesOf(row);
        Assert.Equal(result.Id.Value, changes["Id"].GetInt32());
        Assert.Equal("王小红", changes["Name"].GetString());
        Assert.Equal("WXH", changes["NameInitials"].GetString());
        Assert.Equal(input.IdNumber, changes["IdNumber"].GetString());
        Assert.Equal("13912345678", changes["Phone"].GetString());
        Assert.Equal("1958-04-12", changes["DateOfBirth"].GetString());
        Assert.Equal(_county.VillageA.Id, changes["VillageId"].GetInt32());
        Assert.Equal(_county.TeamA.Id, changes["TeamId"].GetInt32());
        // The version is bookkeeping, not a field anyone typed.
        Assert.False(changes.ContainsKey("Version"));
    }

    [Fact]
    public async Task An_update_writes_a_Modified_row_with_exactly_the_changed_fields_as_old_and_new()
    {
        var nurse = _county.NurseOfTeamA;
        var residents = _database.Service<ResidentDirectory>(nurse);
        var input = ResidentInputs.Valid("王小红", new DateOnly(1958, 4, 12), Sex.Female, 102, phone: "13912345678");
        var registered = await residents.RegisterAsync(input, _county.VillageA.Id);
        Assert.True(registered.Succeeded, registered.Summary);

        var updated = await residents.UpdateAsync(registered.Id!.Value, registered.Version!.Value,
            input with { Phone = "13687654321" }, _county.VillageA.Id);

        Assert.True(updated.Succeeded, updated.Summary);
        var rows = AuditRows("Resident", registered.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([AuditAction.Created, AuditAction.Modified], rows.Select(r => r.Action));
        var modified = rows[1];
        Assert.Equal("nurse-a", modified.UserName);
        var changes = ChangesOf(modified);
        Assert.Equal(["Phone"], changes.Keys);
        Assert.Equal(["13912345678", "13687654321"], changes["Phone"].EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Saving_the_same_values_again_writes_no_audit_row()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var input = ResidentInputs.Valid("王小红", new DateOnly(1958, 4, 12), Sex.Female, 103);
        var registered = await residents.RegisterAsync(input, _county.VillageA.Id);
        var before = AuditRowCount();

        var again = await residents.UpdateAsync(registered.Id!.Value, registered.Version!.Value, input, _county.VillageA.Id);

        Assert.True(again.Succeeded, again.Summary);
        Assert.Equal(before, AuditRowCount());
    }

    [Fact]
    public async Task Opening_a_resident_page_writes_a_Viewed_row()
    {
        var resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        var key = resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([AuditAction.Created], AuditRows("Resident", key).Select(r => r.Action));

        var view = await _database.Service<ResidentDirectory>(_county.NurseOfTeamA).GetAsync(resident.Id);

        Assert.NotNull(view);
        var viewed = AuditRows("Resident", key).Last();
        Assert.Equal(AuditAction.Viewed, viewed.Action);
        Assert.Equal("nurse-a", viewed.UserName);
        Assert.Equal("u-nurse-a", viewed.UserId);
        Assert.Contains("viewed", viewed.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_resident_outside_the_scope_records_no_view()
    {
        var resident = _county.AddResident(_database, _county.VillageB, "李四", new DateOnly(1980, 5, 2));
        var before = AuditRowCount();

        Assert.Null(await _database.Service<ResidentDirectory>(_county.NurseOfTeamA).GetAsync(resident.Id));

        Assert.Equal(before, AuditRowCount());
    }

    [Fact]
    public async Task A_save_refused_for_a_concurrency_conflict_writes_no_audit_row_and_no_change()
    {
        var resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male, phone: "13911112222");
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = (await residents.GetAsync(resident.Id))!;
        var input = new ResidentInput { Name = view.Name, IdNumber = view.IdNumber, Phone = "13933334444", Address = view.Address };
        Assert.True((await residents.UpdateAsync(resident.Id, view.Version, input, view.VillageId)).Succeeded);
        var before = AuditRowCount();

        var stale = await residents.UpdateAsync(resident.Id, view.Version, input with { Phone = "13955556666" }, view.VillageId);

        Assert.True(stale.Conflict);
        Assert.Equal(before, AuditRowCount());
        using var db = _database.Context(UserScope.System);
        Assert.Equal("13933334444", db.Residents.AsNoTracking().Single(r => r.Id == resident.Id).Phone);
    }

    [Fact]
    public void A_save_that_fails_in_the_database_writes_no_audit_row_and_no_change()
    {
        var resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male, phone: "13911112222");
        var before = AuditRowCount();
        using var first = _database.Context(UserScope.System);
        using var second = _database.Context(UserScope.System);
        var mine = first.Residents.Single(r => r.Id == resident.Id);
        var theirs = second.Residents.Single(r => r.Id == resident.Id);
        mine.RecordMovedAway(new DateOnly(2026, 11, 1), "外出务工", _database.Clock.Today);
        theirs.SetDisabilityFromAssessment(2);
        first.SaveChanges();
        var afterFirst = AuditRowCount();

        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, AuditRowCount());
        using var check = _database.Context(UserScope.System);
        var stored = check.Residents.AsNoTracking().Single(r => r.Id == resident.Id);
        Assert.Equal(ResidentStatus.MovedAway, stored.Status);
        Assert.Equal(KeyPopulation.None, stored.Tags & KeyPopulation.Disabled);
    }

    [Fact]
    public async Task After_a_concurrency_conflict_the_context_lets_go_of_the_database_and_its_next_save_is_committed()
    {
        // Identity's user store catches DbUpdateConcurrencyException and carries on with the same
        // (request- or circuit-scoped) context, so a conflict must not leave the save's transaction open.
        var resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        await using var first = _database.Context(UserScope.System);
        await using var second = _database.Context(UserScope.System);
        (await first.Residents.SingleAsync(r => r.Id == resident.Id)).RecordMovedAway(new DateOnly(2026, 11, 1), null, _database.Clock.Today);
        (await second.Residents.SingleAsync(r => r.Id == resident.Id)).SetDisabilityFromAssessment(2);
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Null(second.Database.CurrentTransaction);
        // Another user can write at once (SQLite has one writer: an open transaction would block this).
        await using (var other = _database.Context(UserScope.System))
        {
            (await other.Teams.SingleAsync(t => t.Id == _county.TeamB.Id)).Update("第二团队（改）", null);
            await other.SaveChangesAsync();
        }
        // The user reloads and saves again on the same context: it is written, with its audit row.
        var before = AuditRowCount();
        second.ChangeTracker.Clear();
        (await second.Residents.SingleAsync(r => r.Id == resident.Id)).SetDisabilityFromAssessment(2);
        await second.SaveChangesAsync();
        Assert.Null(second.Database.CurrentTransaction);

        Assert.Equal(before + 1, AuditRowCount());
        await using var check = _database.Context(UserScope.System);
        var stored = await check.Residents.AsNoTracking().SingleAsync(r => r.Id == resident.Id);
        Assert.Equal(KeyPopulation.Disabled, stored.Tags & KeyPopulation.Disabled);
        Assert.Equal(ResidentStatus.MovedAway, stored.Status);
    }

    [Fact]
    public void A_save_refused_by_a_unique_index_rolls_back_every_row_and_its_audit_rows()
    {
        var before = AuditRowCount();
        using var db = _database.Context(UserScope.System);
        var village = db.Villages.Single(v => v.Id == _county.VillageA.Id);
        var input = ResidentInputs.Valid("赵六", new DateOnly(1970, 1, 1), Sex.Male, 104);
        var (details, _) = ResidentDetails.Validate(input, _database.Clock.Today);
        var (otherDetails, _) = ResidentDetails.Validate(ResidentInputs.Valid("钱七", new DateOnly(1971, 1, 1), Sex.Male, 105), _database.Clock.Today);
        var (sameNumber, _) = ResidentDetails.Validate(input with { Name = "赵六六" }, _database.Clock.Today);
        db.Residents.AddRange(Resident.Register(village, otherDetails!), Resident.Register(village, details!), Resident.Register(village, sameNumber!));

        Assert.ThrowsAny<DbUpdateException>(() => db.SaveChanges());

        using var check = _database.Context(UserScope.System);
        Assert.False(check.Residents.Any(r => r.Name == "钱七" || r.Name == "赵六"));
        Assert.Equal(before, AuditRowCount());
    }

    [Fact]
    public void Audit_rows_never_contain_password_hashes_or_security_stamps()
    {
        const string hash = "AQAAAAIAAYagAAAAEPretendHashValueThatMustNeverBeCopied==";
        const string newHash = "AQAAAAIAAYagAAAAESecondPretendHashThatMustNeverBeCopied==";
        const string stamp = "STAMPVALUETHATMUSTNOTBECOPIED";
        var user = new ApplicationUser
        {
            UserName = "nurse.wang",
            NormalizedUserName = "NURSE.WANG",
            DisplayName = "王护士",
            PasswordHash = hash,
            SecurityStamp = stamp,
            CentreId = _county.Centre.Id,
            TeamId = _county.TeamA.Id,
        };
        using (var db = _database.Context(_county.Manager))
        {
            db.Users.Add(user);
            db.SaveChanges();
            user.PasswordHash = newHash;
            user.DisplayName = "王护士长";
            db.SaveChanges();
        }

        var rows = AuditRows(nameof(ApplicationUser), user.Id);
        Assert.Equal([AuditAction.Created, AuditAction.Modified], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("manager", r.UserName));
        var created = ChangesOf(rows[0]);
        Assert.Equal("***", created["PasswordHash"].GetString());
        Assert.Equal("***", created["SecurityStamp"].GetString());
        Assert.Equal("nurse.wang", created["UserName"].GetString());
        var modified = ChangesOf(rows[1]);
        Assert.Equal(["***", "***"], modified["PasswordHash"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["王护士", "王护士长"], modified["DisplayName"].EnumerateArray().Select(e => e.GetString()));
        foreach (var row in rows)
        {
            Assert.DoesNotContain(hash, row.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain(newHash, row.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain(stamp, row.Changes, StringComparison.Ordinal);
        }
    }
}
