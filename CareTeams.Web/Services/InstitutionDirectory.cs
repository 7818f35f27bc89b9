using CareTeams.Domain.Institutions;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

public sealed record Option(int Id, string Name);
public sealed record VillageOption(int Id, string Name, int CentreId, int? ResponsibleTeamId);
public sealed record TeamOption(int Id, string Name, int CentreId, string CentreName);
public sealed record DoctorOption(int Id, string Name, TeamRole Role, string? Phone);

/// <summary>Centres, villages and teams the user may see, for pickers and filters (scoped by the query filters).</summary>
public sealed class InstitutionDirectory(IDbContextFactory<CareTeamsDbContext> contexts)
{
    public async Task<IReadOnlyList<Option>> CentresAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Centres.AsNoTracking().OrderBy(c => c.Code).Select(c => new Option(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VillageOption>> VillagesAsync(int? centreId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var villages = db.Villages.AsNoTracking();
        if (centreId is { } centre)
            villages = villages.Where(v => v.CentreId == centre);
        return await villages.OrderBy(v => v.CentreId).ThenBy(v => v.Name)
            .Select(v => new VillageOption(v.Id, v.Name, v.CentreId, v.ResponsibleTeamId)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamOption>> TeamsAsync(int? centreId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teams = db.Teams.AsNoTracking().Where(t => t.IsActive);
        if (centreId is { } centre)
            teams = teams.Where(t => t.CentreId == centre);
        return await teams
            .Join(db.Centres, t => t.CentreId, c => c.Id, (t, c) => new { t, c })
            .OrderBy(x => x.c.Code).ThenBy(x => x.t.Name)
            .Select(x => new TeamOption(x.t.Id, x.t.Name, x.c.Id, x.c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The active members of a team who may be a contract's responsible doctor (团队长, 全科医生, 乡村医生): team leader first.</summary>
    public async Task<IReadOnlyList<DoctorOption>> TeamDoctorsAsync(int teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().Where(s => s.TeamId == teamId && s.IsActive && s.TeamRole != null).ToListAsync(cancellationToken);
        return staff.Where(s => s.TeamRole!.Value.IsDoctor())
            .OrderBy(s => s.TeamRole).ThenBy(s => s.Name)
            .Select(s => new DoctorOption(s.Id, s.Name, s.TeamRole!.Value, s.Phone)).ToList();
    }
}
