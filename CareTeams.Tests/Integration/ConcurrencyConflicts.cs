using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>Two people editing the same resident: the first save wins, the second is told and writes nothing.</summary>
public sealed class ConcurrencyConflicts : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;
    private readonly Resident _resident;

    public ConcurrencyConflicts()
    {
        _county = SmallCounty.Create(_database);
        _resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male, phone: "13911112222");
    }

    public void Dispose() => _database.Dispose();

    private static ResidentInput FormOf(ResidentView view) => new()
    {
        Name = view.Name, IdNumber = view.IdNumber, Sex = view.Sex, DateOfBirth = view.DateOfBirth, Phone = view.Phone,
        Address = view.Address, LivingArrangement = view.LivingArrangement, Tags = view.RecordedTags,
    };

    private Resident Stored()
    {
        using var db = _database.Context(UserScope.System);
        return db.Residents.AsNoTracking().Single(r => r.Id == _resident.Id);
    }

    [Fact]
    public async Task When_two_users_edit_the_same_resident_the_second_save_is_refused_and_the_first_users_values_stay()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var manager = _database.Service<ResidentDirectory>(_county.Manager);
        var nurseForm = (await nurse.GetAsync(_resident.Id))!;
        var managerForm = (await manager.GetAsync(_resident.Id))!;
        Assert.Equal(nurseForm.Version, managerForm.Version);

        var first = await nurse.UpdateAsync(_resident.Id, nurseForm.Version,
            FormOf(nurseForm) with { Phone = "13933334444" }, nurseForm.VillageId);
        var second = await manager.UpdateAsync(_resident.Id, managerForm.Version,
            FormOf(managerForm) with { Name = "张叁", Address = "东村99号", Tags = KeyPopulation.Hypertension }, _county.VillageB.Id);

        Assert.True(first.Succeeded, first.Summary);
        Assert.False(second.Succeeded);
        Assert.True(second.Conflict);
        Assert.Null(second.Id);
        Assert.Equal(SaveResult.ConflictMessage, second.Summary);
        Assert.Equal("保存失败：该记录已被其他人修改。您填写的内容仍保留在页面上，请核对最新内容后再保存。", second.Summary);

        var stored = Stored();
        Assert.Equal("13933334444", stored.Phone);
        Assert.Equal("张三", stored.Name);
        Assert.Equal("ZS", stored.NameInitials);
        Assert.Equal(nurseForm.Address, stored.Address);
        Assert.Equal(KeyPopulation.None, stored.Tags);
        Assert.Equal(_county.VillageA.Id, stored.VillageId);
        Assert.Equal(_county.TeamA.Id, stored.TeamId);
        Assert.Equal(first.Version, stored.Version);
    }

    [Fact]
    public async Task A_user_who_reloads_after_a_conflict_can_save()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var manager = _database.Service<ResidentDirectory>(_county.Manager);
        var nurseForm = (await nurse.GetAsync(_resident.Id))!;
        var managerForm = (await manager.GetAsync(_resident.Id))!;
        Assert.True((await nurse.UpdateAsync(_resident.Id, nurseForm.Version, FormOf(nurseForm) with { Phone = "13933334444" }, nurseForm.VillageId)).Succeeded);
        Assert.True((await manager.UpdateAsync(_resident.Id, managerForm.Version, FormOf(managerForm) with { Address = "东村99号" }, managerForm.VillageId)).Conflict);

        var reloaded = (await manager.GetAsync(_resident.Id))!;
        var retry = await manager.UpdateAsync(_resident.Id, reloaded.Version, FormOf(reloaded) with { Address = "东村99号" }, reloaded.VillageId);

        Assert.True(retry.Succeeded, retry.Summary);
        var stored = Stored();
        Assert.Equal("13933334444", stored.Phone);
        Assert.Equal("东村99号", stored.Address);
    }

    [Fact]
    public async Task Status_changes_check_the_version_too()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var form = (await nurse.GetAsync(_resident.Id))!;
        Assert.True((await nurse.UpdateAsync(_resident.Id, form.Version, FormOf(form) with { Phone = "13933334444" }, form.VillageId)).Succeeded);

        var death = await nurse.RecordDeathAsync(_resident.Id, form.Version, new DateOnly(2026, 11, 20), null);

        Assert.True(death.Conflict);
        Assert.Equal(ResidentStatus.Active, Stored().Status);
    }

    [Fact]
    public void Two_contexts_saving_the_same_resident_the_second_throws_DbUpdateConcurrencyException()
    {
        using var first = _database.Context(UserScope.System);
        using var second = _database.Context(UserScope.System);
        var mine = first.Residents.Single(r => r.Id == _resident.Id);
        var theirs = second.Residents.Single(r => r.Id == _resident.Id);
        Assert.Equal(mine.Version, theirs.Version);
        Assert.True(first.Entry(mine).Property(r => r.Version).Metadata.IsConcurrencyToken);

        mine.RecordMovedAway(new DateOnly(2026, 11, 1), "外出务工", _database.Clock.Today);
        first.SaveChanges();
        theirs.RecordDeath(new DateOnly(2026, 11, 2), "病故", _database.Clock.Today);

        var thrown = Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());
        Assert.Same(theirs, Assert.Single(thrown.Entries).Entity);
        var stored = Stored();
        Assert.Equal(ResidentStatus.MovedAway, stored.Status);
        Assert.Equal("外出务工", stored.StatusNote);
        Assert.Equal(mine.Version, stored.Version);
    }

    [Fact]
    public void A_change_to_an_unversioned_column_alone_is_still_checked_against_the_version()
    {
        // Only the Version decides: even edits to different columns conflict, so nobody saves over a record they have not seen.
        using var first = _database.Context(UserScope.System);
        using var second = _database.Context(UserScope.System);
        var mine = first.Residents.Single(r => r.Id == _resident.Id);
        var theirs = second.Residents.Single(r => r.Id == _resident.Id);
        mine.SetDisabilityFromAssessment(1);
        first.SaveChanges();
        theirs.RecordMovedAway(new DateOnly(2026, 11, 1), null, _database.Clock.Today);

        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());
        Assert.Equal(ResidentStatus.Active, Stored().Status);
    }

    [Fact]
    public async Task Every_save_gives_the_resident_a_new_version()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var versions = new List<Guid> { Stored().Version };
        Assert.NotEqual(Guid.Empty, versions[0]);

        var form = (await nurse.GetAsync(_resident.Id))!;
        Assert.Equal(versions[0], form.Version);
        var edit = await nurse.UpdateAsync(_resident.Id, form.Version, FormOf(form) with { Phone = "13933334444" }, form.VillageId);
        Assert.True(edit.Succeeded, edit.Summary);
        versions.Add(Stored().Version);
        Assert.Equal(edit.Version, versions[^1]);

        var movedAway = await nurse.RecordMovedAwayAsync(_resident.Id, edit.Version!.Value, new DateOnly(2026, 11, 1), "外出");
        Assert.True(movedAway.Succeeded, movedAway.Summary);
        versions.Add(Stored().Version);
        Assert.Equal(movedAway.Version, versions[^1]);

        using (var db = _database.Context(UserScope.System))
        {
            var resident = db.Residents.Single(r => r.Id == _resident.Id);
            resident.SetDisabilityFromAssessment(3);
            db.SaveChanges();
            Assert.Equal(resident.Version, db.Residents.AsNoTracking().Single(r => r.Id == _resident.Id).Version);
        }
        versions.Add(Stored().Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }
}
