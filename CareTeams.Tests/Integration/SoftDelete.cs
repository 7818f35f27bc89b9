using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>A resident is never deleted: the record stays, with a status that says why they left.</summary>
public sealed class SoftDelete : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;
    private readonly Resident _resident;

    public SoftDelete()
    {
        _county = SmallCounty.Create(_database);
        _resident = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
    }

    public void Dispose() => _database.Dispose();

    private int AuditRowCount()
    {
        using var db = _database.Context(UserScope.System);
        return db.AuditEntries.Count();
    }

    [Fact]
    public void Removing_a_resident_through_the_context_is_refused_and_the_row_stays()
    {
        var before = AuditRowCount();
        using (var db = _database.Context(UserScope.System))
        {
            db.Residents.Remove(db.Residents.Single(r => r.Id == _resident.Id));

            var refused = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            Assert.Contains("never deleted", refused.Message, StringComparison.Ordinal);
        }

        using var check = _database.Context(UserScope.System);
        var stored = check.Residents.AsNoTracking().Single(r => r.Id == _resident.Id);
        Assert.Equal(ResidentStatus.Active, stored.Status);
        Assert.Equal(_resident.Version, stored.Version);
        Assert.Equal(before, AuditRowCount());
    }

    [Fact]
    public async Task Removing_a_resident_alongside_other_changes_saves_none_of_them()
    {
        using (var db = _database.Context(UserScope.System))
        {
            var team = db.Teams.Single(t => t.Id == _county.TeamA.Id);
            team.Update("改名团队", null);
            db.Residents.Remove(db.Residents.Single(r => r.Id == _resident.Id));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        using var check = _database.Context(UserScope.System);
        Assert.True(check.Residents.Any(r => r.Id == _resident.Id));
        Assert.Equal("第一团队", check.Teams.Single(t => t.Id == _county.TeamA.Id).Name);
    }

    [Fact]
    public async Task Recording_a_death_keeps_the_row_as_Deceased_and_the_list_of_all_statuses_still_finds_it()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = (await residents.GetAsync(_resident.Id))!;

        var result = await residents.RecordDeathAsync(_resident.Id, view.Version, new DateOnly(2026, 11, 20), " 病故 ");

        Assert.True(result.Succeeded, result.Summary);
        using (var db = _database.Context(UserScope.System))
        {
            var stored = db.Residents.AsNoTracking().Single(r => r.Id == _resident.Id);
            Assert.Equal(ResidentStatus.Deceased, stored.Status);
            Assert.Equal(new DateOnly(2026, 11, 20), stored.StatusChangedOn);
            Assert.Equal("病故", stored.StatusNote);
            Assert.Equal(_resident.IdNumber, stored.IdNumber);
        }

        var all = await residents.SearchAsync(new ResidentQuery { Status = null });
        var row = Assert.Single(all.Items);
        Assert.Equal(_resident.Id, row.Id);
        Assert.Equal(ResidentStatus.Deceased, row.Status);
        Assert.Equal(1, await residents.CountAsync(new ResidentQuery { Status = null }));
        Assert.Single((await residents.SearchAsync(new ResidentQuery { Status = ResidentStatus.Deceased })).Items);
        // The default list shows the active registry only.
        Assert.Empty((await residents.SearchAsync(new ResidentQuery())).Items);
        Assert.Equal(0, await residents.CountAsync(new ResidentQuery()));
        // The record can still be opened.
        var after = (await residents.GetAsync(_resident.Id))!;
        Assert.Equal(ResidentStatus.Deceased, after.Status);
    }

    [Fact]
    public async Task A_deceased_residents_record_is_read_only()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = (await residents.GetAsync(_resident.Id))!;
        var died = await residents.RecordDeathAsync(_resident.Id, view.Version, new DateOnly(2026, 11, 20), null);
        Assert.True(died.Succeeded, died.Summary);

        var edit = await residents.UpdateAsync(_resident.Id, died.Version!.Value, new ResidentInput
        {
            Name = view.Name, IdNumber = view.IdNumber, Phone = "13933334444", Address = view.Address,
        }, view.VillageId);

        Assert.False(edit.Succeeded);
        Assert.False(edit.Conflict);
        Assert.Contains("已登记死亡", edit.Summary, StringComparison.Ordinal);
        using var db = _database.Context(UserScope.System);
        Assert.Equal(_resident.Phone, db.Residents.AsNoTracking().Single(r => r.Id == _resident.Id).Phone);
    }

    [Fact]
    public async Task A_household_head_who_dies_is_no_longer_head_and_stays_a_member()
    {
        int householdId;
        using (var db = _database.Context(UserScope.System))
        {
            var village = db.Villages.Single(v => v.Id == _county.VillageA.Id);
            var home = new Household(village, "东村1号");
            db.Households.Add(home);
            db.SaveChanges();
            var resident = db.Residents.Single(r => r.Id == _resident.Id);
            resident.JoinHousehold(home);
            home.MakeHead(resident);
            db.SaveChanges();
            householdId = home.Id;
        }
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = (await residents.GetAsync(_resident.Id))!;
        Assert.True(view.IsHouseholdHead);

        Assert.True((await residents.RecordDeathAsync(_resident.Id, view.Version, new DateOnly(2026, 11, 20), null)).Succeeded);

        var household = (await residents.GetHouseholdAsync(householdId))!;
        Assert.Null(household.HeadResidentId);
        var member = Assert.Single(household.Members);
        Assert.Equal(ResidentStatus.Deceased, member.Status);
    }
}
