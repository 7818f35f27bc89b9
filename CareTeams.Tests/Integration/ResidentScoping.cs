using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;

namespace CareTeams.Tests.Integration;

public sealed class ResidentScoping : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;
    private readonly Resident _inA;
    private readonly Resident _inB;
    private readonly Resident _elsewhere;

    public ResidentScoping()
    {
        _county = SmallCounty.Create(_database);
        _inA = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        _inB = _county.AddResident(_database, _county.VillageB, "李四", new DateOnly(1980, 5, 2));
        _elsewhere = _county.AddResident(_database, _county.OtherCentreVillage, "王五", new DateOnly(1990, 7, 3), Sex.Male);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_nurse_of_team_A_who_opens_a_resident_of_team_B_gets_not_found()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);

        Assert.NotNull(await residents.GetAsync(_inA.Id));
        Assert.Null(await residents.GetAsync(_inB.Id));
        Assert.Null(await residents.GetAsync(_elsewhere.Id));
    }

    [Fact]
    public async Task The_list_and_the_count_show_each_role_only_its_scope()
    {
        async Task<string[]> Names(UserScope user) =>
            (await _database.Service<ResidentDirectory>(user).SearchAsync(new ResidentQuery())).Items.Select(r => r.Name).Order().ToArray();

        Assert.Equal(["张三"], await Names(_county.NurseOfTeamA));
        Assert.Equal(["李四"], await Names(_county.DoctorOfTeamB));
        Assert.Equal(["张三", "李四"], (await Names(_county.Manager)).Order().ToArray());
        Assert.Equal(3, (await Names(_county.Admin)).Length);
        Assert.Empty(await Names(UserScope.Nobody));
        Assert.Equal(1, await _database.Service<ResidentDirectory>(_county.NurseOfTeamA).CountAsync(new ResidentQuery()));
    }

    [Fact]
    public async Task A_search_by_an_out_of_scope_ID_number_finds_nothing()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);

        Assert.Empty((await residents.SearchAsync(new ResidentQuery { Search = _inB.IdNumber })).Items);
        Assert.Single((await residents.SearchAsync(new ResidentQuery { Search = _inA.IdNumber })).Items);
    }
}
