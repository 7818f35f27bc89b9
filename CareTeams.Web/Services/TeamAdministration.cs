using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>What the team form sends (a mutable model: the dialog keeps it when a save is refused).</summary>
public sealed class TeamInput
{
    public int CentreId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Phone { get; set; }
}

/// <summary>What the staff form sends.</summary>
public sealed class StaffInput
{
    public int CentreId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Phone { get; set; }
}

public sealed record AdminStaff(int Id, Guid Version, int CentreId, string Name, string? Phone, int? TeamId, TeamRole? Role, bool IsActive)
{
    public string RoleName => Role?.ChineseName() ?? string.Empty;
}

public sealed record AdminVillage(int Id, int CentreId, string Name, VillageKind Kind, int? ResponsibleTeamId, string? ResponsibleTeamName);

public sealed record AdminTeam(int Id, Guid Version, int CentreId, string CentreName, string Name, string? Phone, bool IsActive,
    IReadOnlyList<AdminVillage> Villages, IReadOnlyList<AdminStaff> Members)
{
    public int MemberCount => Members.Count;
}

/// <summary>One centre's teams (each with its villages and members), its staff and its villages, as the admin page shows them.</summary>
public sealed record TeamsOverview(IReadOnlyList<Option> Centres, int? CentreId, IReadOnlyList<AdminTeam> Teams,
    IReadOnlyList<AdminStaff> Staff, IReadOnlyList<AdminVillage> Villages)
{
    public static readonly TeamsOverview Empty = new([], null, [], [], []);

    public IReadOnlyList<AdminStaff> Unassigned => Staff.Where(s => s.TeamId is null).ToList();
}

/// <summary>
/// "团队与人员": teams, staff and village catchments of a centre. Only a centre manager (own centre)
/// or an administrator (the county) may write; the check is here, not only on the page, so a
/// doctor or nurse who calls a method is refused before anything is loaded or written. Every change
/// goes through the domain's methods, and edits of a team or staff member are checked against the
/// version the form was loaded at.
/// </summary>
public sealed class TeamAdministration(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser)
{
    public const string NotAllowedMessage = "只有机构管理员和系统管理员可以管理团队、人员和账号。";
    public const string OtherCentreMessage = "只能管理本机构的团队、人员和账号。";

    public static string DuplicateTeamNameMessage(string name) => $"本机构已有名为“{name}”的团队，请换一个名称。";

    /// <summary>May this user manage teams, staff and accounts at all?</summary>
    public static bool IsManager(UserScope scope) => scope.Level is ScopeLevel.Centre or ScopeLevel.County or ScopeLevel.System;

    /// <summary>The centres the user may manage (scoped by the query filters), with one centre's teams, staff and villages.</summary>
    public async Task<TeamsOverview> OverviewAsync(int? centreId = null, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (!IsManager(scope))
            return TeamsOverview.Empty;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var centres = await db.Centres.AsNoTracking().OrderBy(c => c.Code).Select(c => new Option(c.Id, c.Name)).ToListAsync(cancellationToken);
        if (scope.Level == ScopeLevel.Centre)
            centres = centres.Where(c => c.Id == scope.CentreId).ToList();
        var centre = centres.FirstOrDefault(c => c.Id == centreId) ?? centres.FirstOrDefault();
        if (centre is null)
            return TeamsOverview.Empty;

        var teams = await db.Teams.AsNoTracking().Where(t => t.CentreId == centre.Id)
            .OrderByDescending(t => t.IsActive).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().Where(s => s.CentreId == centre.Id)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.TeamRole).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var villages = await db.Villages.AsNoTracking().Where(v => v.CentreId == centre.Id).OrderBy(v => v.Name).ToListAsync(cancellationToken);

        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        var staffRows = staff.Select(s => new AdminStaff(s.Id, s.Version, s.CentreId, s.Name, s.Phone, s.TeamId, s.TeamRole, s.IsActive)).ToList();
        var villageRows = villages.Select(v => new AdminVillage(v.Id, v.CentreId, v.Name, v.Kind, v.ResponsibleTeamId,
            v.ResponsibleTeamId is { } t ? teamNames.GetValueOrDefault(t) : null)).ToList();
        var teamRows = teams.Select(t => new AdminTeam(t.Id, t.Version, t.CentreId, centre.Name, t.Name, t.Phone, t.IsActive,
            villageRows.Where(v => v.ResponsibleTeamId == t.Id).ToList(),
            staffRows.Where(s => s.TeamId == t.Id && s.IsActive).ToList())).ToList();
        return new TeamsOverview(centres, centre.Id, teamRows, staffRows, villageRows);
    }

    public async Task<SaveResult> CreateTeamAsync(TeamInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RefuseCentreAsync(db, input.CentreId, cancellationToken) is { } refused)
            return refused;
        var (name, phone, errors) = CheckTeam(input);
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);
        if (await TeamNameTakenAsync(db, input.CentreId, name, exceptId: null, cancellationToken))
            return SaveResult.Invalid(nameof(TeamInput.Name), DuplicateTeamNameMessage(name));
        var centre = await db.Centres.FirstAsync(c => c.Id == input.CentreId, cancellationToken);
        return await VersionedChange.CreateAsync(db, () => new Team(centre, name, phone),
            new ValidationError(nameof(TeamInput.Name), DuplicateTeamNameMessage(name)), cancellationToken);
    }

    /// <summary>Renames a team or changes its phone; <paramref name="version"/> is the one the form was loaded at.</summary>
    public Task<SaveResult> UpdateTeamAsync(int id, Guid version, TeamInput input, CancellationToken cancellationToken = default) =>
        ChangeTeamAsync(id, version, async (db, team) =>
        {
            var (name, phone, errors) = CheckTeam(input);
            if (errors.Count > 0)
                return SaveResult.Invalid(errors);
            if (await TeamNameTakenAsync(db, team.CentreId, name, team.Id, cancellationToken))
                return SaveResult.Invalid(nameof(TeamInput.Name), DuplicateTeamNameMessage(name));
            team.Update(name, phone);
            return null;
        }, cancellationToken);

    /// <summary>Stops a team; refused while it still has members or villages, so no resident is left with a stopped team.</summary>
    public Task<SaveResult> DeactivateTeamAsync(int id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeTeamAsync(id, version, async (db, team) =>
        {
            var members = await db.Staff.CountAsync(s => s.TeamId == team.Id && s.IsActive, cancellationToken);
            if (members > 0)
                return SaveResult.Invalid(string.Empty, $"该团队还有 {members} 名成员，请先将他们调到其他团队或移出团队，再停用。");
            var villages = await db.Villages.Where(v => v.ResponsibleTeamId == team.Id).Select(v => v.Name).ToListAsync(cancellationToken);
            if (villages.Count > 0)
                return SaveResult.Invalid(string.Empty, $"该团队仍负责{string.Join("、", villages)}，请先把这些村/社区指定给其他团队，再停用。");
            team.Deactivate();
            return null;
        }, cancellationToken);

    public Task<SaveResult> ReactivateTeamAsync(int id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeTeamAsync(id, version, (_, team) =>
        {
            team.Reactivate();
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);

    /// <summary>Makes a team responsible for a village (责任片区). A village has no version: the last assignment wins.</summary>
    public async Task<SaveResult> AssignVillageAsync(int villageId, int teamId, CancellationToken cancellationToken = default)
    {
        if (RefuseNonManager() is { } notAllowed)
            return notAllowed;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var village = await db.Villages.FirstOrDefaultAsync(v => v.Id == villageId, cancellationToken);
        if (village is null)
            return SaveResult.NotFound();
        if (await RefuseCentreAsync(db, village.CentreId, cancellationToken) is { } refused)
            return refused;
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
            return SaveResult.Invalid("TeamId", "请选择团队。");
        if (!team.IsActive)
            return SaveResult.Invalid("TeamId", "该团队已停用，不能负责村/社区。");
        try
        {
            village.AssignResponsibleTeam(team);
            await db.SaveChangesAsync(cancellationToken);
            return new SaveResult(true, village.Id, null, []);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
    }

    public async Task<SaveResult> AddStaffAsync(StaffInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RefuseCentreAsync(db, input.CentreId, cancellationToken) is { } refused)
            return refused;
        var (name, phone, errors) = CheckStaff(input);
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);
        try
        {
            var centre = await db.Centres.FirstAsync(c => c.Id == input.CentreId, cancellationToken);
            var staff = new StaffMember(centre, name, phone);
            db.Staff.Add(staff);
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(staff.Id, staff.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
    }

    public Task<SaveResult> UpdateStaffAsync(int id, Guid version, StaffInput input, CancellationToken cancellationToken = default) =>
        ChangeStaffAsync(id, version, (_, staff) =>
        {
            var (name, phone, errors) = CheckStaff(input);
            if (errors.Count > 0)
                return Task.FromResult<SaveResult?>(SaveResult.Invalid(errors));
            staff.Update(name, phone);
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);

    /// <summary>Puts a staff member in a team with a role (moving them out of any other team). A team has one leader.</summary>
    public Task<SaveResult> AssignStaffAsync(int staffId, Guid version, int teamId, TeamRole role, CancellationToken cancellationToken = default) =>
        ChangeStaffAsync(staffId, version, async (db, staff) =>
        {
            if (!Enum.IsDefined(role))
                return SaveResult.Invalid("Role", "请选择团队角色。");
            if (!staff.IsActive)
                return SaveResult.Invalid(string.Empty, "该人员已停用，不能加入团队。");
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            if (team is null)
                return SaveResult.Invalid("TeamId", "请选择团队。");
            if (role == TeamRole.TeamLeader)
            {
                var leader = await db.Staff.Where(s => s.TeamId == team.Id && s.TeamRole == TeamRole.TeamLeader && s.IsActive && s.Id != staff.Id)
                    .Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
                if (leader is not null)
                    return SaveResult.Invalid("Role", $"该团队已有团队长（{leader}），请先调整其角色。");
            }
            staff.JoinTeam(team, role);
            return null;
        }, cancellationToken);

    public Task<SaveResult> RemoveFromTeamAsync(int staffId, Guid version, CancellationToken cancellationToken = default) =>
        ChangeStaffAsync(staffId, version, (_, staff) =>
        {
            staff.LeaveTeam();
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);

    /// <summary>Stops a staff member (who also leaves their team). Their sign-in account, if any, is disabled on the accounts page.</summary>
    public Task<SaveResult> DeactivateStaffAsync(int staffId, Guid version, CancellationToken cancellationToken = default) =>
        ChangeStaffAsync(staffId, version, (_, staff) =>
        {
            staff.Deactivate();
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);

    private SaveResult? RefuseNonManager() =>
        IsManager(currentUser.Scope) ? null : SaveResult.Invalid(string.Empty, NotAllowedMessage);

    /// <summary>Null when the user may manage the centre; otherwise the refusal. Reads the centre through the scoped context.</summary>
    private async Task<SaveResult?> RefuseCentreAsync(CareTeamsDbContext db, int centreId, CancellationToken cancellationToken)
    {
        var scope = currentUser.Scope;
        if (!IsManager(scope))
            return SaveResult.Invalid(string.Empty, NotAllowedMessage);
        if (scope.Level == ScopeLevel.Centre && centreId != scope.CentreId)
            return SaveResult.Invalid(string.Empty, OtherCentreMessage);
        var centre = await db.Centres.AsNoTracking().Where(c => c.Id == centreId).Select(c => new { c.CountyId }).FirstOrDefaultAsync(cancellationToken);
        if (centre is null || (scope.Level == ScopeLevel.County && centre.CountyId != scope.CountyId))
            return SaveResult.Invalid(string.Empty, OtherCentreMessage);
        return null;
    }

    private async Task<SaveResult> ChangeTeamAsync(int id, Guid version, Func<CareTeamsDbContext, Team, Task<SaveResult?>> change,
        CancellationToken cancellationToken)
    {
        if (RefuseNonManager() is { } notAllowed)
            return notAllowed;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is not null && await RefuseCentreAsync(db, team.CentreId, cancellationToken) is { } refused)
            return refused;
        try
        {
            return await VersionedChange.SaveAsync(db, team, version, t => change(db, t), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Not a concurrency conflict (that is a result already): the unique (centre, name) index.
            return SaveResult.Invalid(nameof(TeamInput.Name), DuplicateTeamNameMessage(team!.Name));
        }
    }

    private async Task<SaveResult> ChangeStaffAsync(int id, Guid version, Func<CareTeamsDbContext, StaffMember, Task<SaveResult?>> change,
        CancellationToken cancellationToken)
    {
        if (RefuseNonManager() is { } notAllowed)
            return notAllowed;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (staff is not null && await RefuseCentreAsync(db, staff.CentreId, cancellationToken) is { } refused)
            return refused;
        return await VersionedChange.SaveAsync(db, staff, version, s => change(db, s), cancellationToken);
    }

    private static Task<bool> TeamNameTakenAsync(CareTeamsDbContext db, int centreId, string name, int? exceptId, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(t => t.CentreId == centreId && t.Name == name && t.Id != exceptId, cancellationToken);

    private static (string Name, string? Phone, List<ValidationError> Errors) CheckTeam(TeamInput input)
    {
        var errors = new List<ValidationError>();
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length == 0)
            errors.Add(new(nameof(TeamInput.Name), "请填写团队名称。"));
        else if (name.Length > 100)
            errors.Add(new(nameof(TeamInput.Name), "团队名称不能超过 100 个字。"));
        var phone = OptionalPhone(input.Phone, nameof(TeamInput.Phone), errors);
        return (name, phone, errors);
    }

    private static (string Name, string? Phone, List<ValidationError> Errors) CheckStaff(StaffInput input)
    {
        var errors = new List<ValidationError>();
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length == 0)
            errors.Add(new(nameof(StaffInput.Name), "请填写姓名。"));
        else if (name.Length > 30)
            errors.Add(new(nameof(StaffInput.Name), "姓名不能超过 30 个字。"));
        var phone = OptionalPhone(input.Phone, nameof(StaffInput.Phone), errors);
        return (name, phone, errors);
    }

    /// <summary>An optional phone, normalised like residents' phones (mobile or landline with area code).</summary>
    private static string? OptionalPhone(string? input, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;
        var parsed = PhoneNumber.Parse(input);
        if (parsed.Ok)
            return parsed.Value!.Value;
        errors.Add(new(field, parsed.Error!));
        return null;
    }
}

/// <summary>Reading a <see cref="SaveResult"/> back onto a form: a field's message, and the rest for the alert.</summary>
public static class SaveResultForms
{
    public static string? ErrorFor(this SaveResult? result, string field) =>
        result?.Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>Messages for no field or for a field the form does not show, joined for an alert.</summary>
    public static string? OtherErrors(this SaveResult? result, params string[] shownFields)
    {
        if (result is null || result.Succeeded)
            return null;
        var rest = result.Errors.Where(e => !shownFields.Contains(e.Field)).Select(e => e.Message).ToList();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
