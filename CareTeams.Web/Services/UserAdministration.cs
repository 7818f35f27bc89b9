using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>One sign-in account as the accounts page lists it.</summary>
public sealed record UserAccountRow(string Id, string ConcurrencyStamp, string UserName, string DisplayName, string? Role,
    int? CentreId, string? CentreName, int? TeamId, string? TeamName, int? StaffMemberId, string? StaffName,
    bool IsDisabled, bool IsLockedOut, DateTimeOffset? LockoutEnd, int AccessFailedCount, DateTime PasswordChangedAtUtc,
    int? AllianceInstitutionId = null, string? AllianceInstitutionName = null)
{
    public string RoleName => Role is null ? string.Empty : Roles.ChineseName(Role);
}

/// <summary>A staff member an account can be linked to.</summary>
public sealed record StaffOption(int Id, string Name, int? TeamId, string? TeamName);

/// <summary>
/// Where an account sits: its role, and for centre staff the centre, team and linked staff member; for a referral desk
/// the alliance institution it works for.
/// </summary>
public interface IAccountPlacement
{
    string Role { get; set; }
    int? CentreId { get; set; }
    int? TeamId { get; set; }
    int? StaffMemberId { get; set; }
    int? AllianceInstitutionId { get; set; }
}

/// <summary>What the new-account form sends (mutable: the dialog keeps it when a save is refused).</summary>
public sealed class NewUserInput : IAccountPlacement
{
    public string UserName { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string Role { get; set; } = Roles.Doctor;
    public int? CentreId { get; set; }
    public int? TeamId { get; set; }
    public int? StaffMemberId { get; set; }
    public int? AllianceInstitutionId { get; set; }
    public string Password { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>What the role-and-team form sends.</summary>
public sealed class UserAssignmentInput : IAccountPlacement
{
    public string Role { get; set; } = Roles.Doctor;
    public int? CentreId { get; set; }
    public int? TeamId { get; set; }
    public int? StaffMemberId { get; set; }
    public int? AllianceInstitutionId { get; set; }
}

/// <summary>
/// "用户账号": sign-in accounts of the centres the user manages (an administrator: the county).
/// Every write goes through <see cref="UserManager{TUser}"/>, whose store uses the scoped
/// <see cref="CareTeamsDbContext"/> from DI (the one registered in <c>CareTeamsApp</c>, built by the
/// factory with the audit interceptor): each change to an account is audited by that interceptor,
/// with secrets masked, so nothing here writes audit rows itself. Changes that must end open sessions
/// (disable, role or team) renew the security stamp, which the circuit's revalidation checks.
/// </summary>
public sealed class UserAdministration(
    UserManager<ApplicationUser> users,
    CareTeamsDbContext identityContext,
    IDbContextFactory<CareTeamsDbContext> contexts,
    ICurrentUser currentUser,
    IClock clock)
{
    public const string ManagerCannotGrantAdminMessage = "机构管理员只能创建或授予医生、护士和机构管理员账号，不能授予系统管理员。";
    public const string ManagerCannotGrantDeskMessage = "机构管理员只能创建或授予医生、护士和机构管理员账号，转诊办账号请由系统管理员创建。";
    public const string InstitutionRequiredMessage = "请选择所属医共体机构。";

    private static readonly SaveResult Ok = new(true, null, null, []);

    /// <summary>The roles this user may give: an administrator all, a centre manager all but administrator.</summary>
    public IReadOnlyList<string> AssignableRoles => currentUser.Scope.Level switch
    {
        ScopeLevel.County or ScopeLevel.System => Roles.All,
        ScopeLevel.Centre => [Roles.Doctor, Roles.Nurse, Roles.CentreManager],
        _ => [],
    };

    public async Task<IReadOnlyList<UserAccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (!TeamAdministration.IsManager(scope))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Centres, teams and staff through the scope filters: the names the user may see.
        var centres = await db.Centres.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var centreIds = centres.Keys.ToList();
        var accounts = db.Users.AsNoTracking();
        accounts = scope.Level switch
        {
            ScopeLevel.System => accounts,
            ScopeLevel.County => accounts.Where(u => u.CountyId == scope.CountyId || (u.CentreId != null && centreIds.Contains(u.CentreId.Value))),
            _ => accounts.Where(u => u.CentreId == scope.CentreId),
        };
        var found = await accounts.OrderBy(u => u.CentreId).ThenBy(u => u.UserName).ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name).FirstOrDefault());
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var staffIds = found.Where(u => u.StaffMemberId != null).Select(u => u.StaffMemberId!.Value).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var institutionIds = found.Where(u => u.AllianceInstitutionId != null).Select(u => u.AllianceInstitutionId!.Value).Distinct().ToList();
        var institutions = await db.AllianceInstitutions.AsNoTracking().Where(a => institutionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var now = clock.Now;
        return found
            .Select(u => new UserAccountRow(u.Id, u.ConcurrencyStamp ?? string.Empty, u.UserName ?? string.Empty, u.DisplayName,
                roles.GetValueOrDefault(u.Id), u.CentreId, u.CentreId is { } c ? centres.GetValueOrDefault(c) : null,
                u.TeamId, u.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                u.StaffMemberId, u.StaffMemberId is { } s ? staff.GetValueOrDefault(s) : null,
                u.IsDisabled, u.LockoutEnd is { } end && end > now, u.LockoutEnd, u.AccessFailedCount, u.PasswordChangedAtUtc,
                u.AllianceInstitutionId, u.AllianceInstitutionId is { } a ? institutions.GetValueOrDefault(a) : null))
            // A centre manager does not see (or act on) administrators.
            .Where(r => scope.Level != ScopeLevel.Centre || r.Role != Roles.Admin)
            .ToList();
    }

    /// <summary>Active staff of a centre the user may manage, for linking an account to a person.</summary>
    public async Task<IReadOnlyList<StaffOption>> StaffOptionsAsync(int centreId, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (!TeamAdministration.IsManager(scope) || (scope.Level == ScopeLevel.Centre && centreId != scope.CentreId))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Staff.AsNoTracking().Where(s => s.CentreId == centreId && s.IsActive).OrderBy(s => s.Name)
            .Select(s => new StaffOption(s.Id, s.Name, s.TeamId, db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The alliance institutions a referral-desk account can be linked to (an administrator's county; any kind, though
    /// desks are for the leading hospital and care institutions); none for a centre manager, who cannot create desks.
    /// </summary>
    public async Task<IReadOnlyList<InstitutionOption>> InstitutionOptionsAsync(CancellationToken cancellationToken = default)
    {
        if (!AssignableRoles.Contains(Roles.ReferralDesk))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var institutions = db.AllianceInstitutions.AsNoTracking();
        if (currentUser.Scope.Level == ScopeLevel.County)
            institutions = institutions.Where(a => a.CountyId == currentUser.Scope.CountyId);
        return await institutions.OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new InstitutionOption(a.Id, a.Name, a.Kind, a.CentreId)).ToListAsync(cancellationToken);
    }

    public async Task<SaveResult> CreateAsync(NewUserInput input, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (!TeamAdministration.IsManager(scope))
            return SaveResult.Invalid(string.Empty, TeamAdministration.NotAllowedMessage);
        var errors = new List<ValidationError>();
        var userName = (input.UserName ?? string.Empty).Trim();
        var displayName = (input.DisplayName ?? string.Empty).Trim();
        if (userName.Length == 0)
            errors.Add(new(nameof(NewUserInput.UserName), "请填写用户名。"));
        else if (userName.Length > 50)
            errors.Add(new(nameof(NewUserInput.UserName), "用户名不能超过 50 个字符。"));
        if (displayName.Length == 0)
            errors.Add(new(nameof(NewUserInput.DisplayName), "请填写姓名。"));
        else if (displayName.Length > 50)
            errors.Add(new(nameof(NewUserInput.DisplayName), "姓名不能超过 50 个字。"));
        if (string.IsNullOrEmpty(input.Password))
            errors.Add(new(nameof(NewUserInput.Password), "请填写初始密码。"));
        else if (input.Password != input.ConfirmPassword)
            errors.Add(new(nameof(NewUserInput.ConfirmPassword), "两次输入的密码不一致。"));
        identityContext.ChangeTracker.Clear();
        var (placement, placementErrors) = await PlaceAsync(scope, input, null, cancellationToken);
        errors.AddRange(placementErrors);
        if (errors.Count > 0 || placement is null)
            return SaveResult.Invalid(errors);

        var user = new ApplicationUser
        {
            UserName = userName,
            DisplayName = displayName,
            CountyId = placement.CountyId,
            CentreId = placement.CentreId,
            TeamId = placement.TeamId,
            StaffMemberId = placement.StaffMemberId,
            AllianceInstitutionId = placement.AllianceInstitutionId,
            PasswordChangedAtUtc = clock.Now.UtcDateTime,
        };
        // The account and its role land together or not at all.
        await using var transaction = await identityContext.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
            return FromIdentity(created);
        var role = await users.AddToRoleAsync(user, placement.Role);
        if (!role.Succeeded)
            return FromIdentity(role);
        await transaction.CommitAsync(cancellationToken);
        return Ok;
    }

    /// <summary>Sets a new password (Identity's validators apply: at least 8 characters, 3 of 4 classes); open sessions end.</summary>
    public async Task<SaveResult> ResetPasswordAsync(string userId, string newPassword, string confirmPassword, CancellationToken cancellationToken = default)
    {
        var (user, refused) = await FindManageableAsync(userId, cancellationToken);
        if (user is null)
            return refused!;
        if (string.IsNullOrEmpty(newPassword))
            return SaveResult.Invalid("Password", "请填写新密码。");
        if (newPassword != confirmPassword)
            return SaveResult.Invalid("ConfirmPassword", "两次输入的密码不一致。");
        // Saved with the new hash in the one update ResetPasswordAsync makes (and not at all if the password is refused).
        user.PasswordChangedAtUtc = clock.Now.UtcDateTime;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return FromIdentity(await users.ResetPasswordAsync(user, token, newPassword));
    }

    /// <summary>Ends a lockout and clears the failed sign-in count.</summary>
    public async Task<SaveResult> UnlockAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (user, refused) = await FindManageableAsync(userId, cancellationToken);
        if (user is null)
            return refused!;
        await using var transaction = await identityContext.Database.BeginTransactionAsync(cancellationToken);
        if (user.LockoutEnabled)
        {
            var unlocked = await users.SetLockoutEndDateAsync(user, null);
            if (!unlocked.Succeeded)
                return FromIdentity(unlocked);
        }
        var reset = await users.ResetAccessFailedCountAsync(user);
        if (!reset.Succeeded)
            return FromIdentity(reset);
        await transaction.CommitAsync(cancellationToken);
        return Ok;
    }

    /// <summary>Disables or enables an account; a new security stamp ends open circuits at their next revalidation.</summary>
    public async Task<SaveResult> SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        var (user, refused) = await FindManageableAsync(userId, cancellationToken);
        if (user is null)
            return refused!;
        if (disabled && user.Id == currentUser.Scope.UserId)
            return SaveResult.Invalid(string.Empty, "不能停用自己的账号。");
        user.IsDisabled = disabled;
        // UpdateSecurityStampAsync saves the user: the flag and the new stamp in one update.
        return FromIdentity(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Changes an account's role, centre, team or linked staff member; checked against the stamp the form was loaded at.</summary>
    public async Task<SaveResult> ChangeAssignmentAsync(string userId, string concurrencyStamp, UserAssignmentInput input,
        CancellationToken cancellationToken = default)
    {
        var (user, refused) = await FindManageableAsync(userId, cancellationToken);
        if (user is null)
            return refused!;
        if (user.ConcurrencyStamp != concurrencyStamp)
            return SaveResult.ConcurrencyConflict();
        var scope = currentUser.Scope;
        if (user.Id == scope.UserId)
            return SaveResult.Invalid(string.Empty, "不能修改自己的角色和团队，请由其他管理员操作。");
        var (placement, errors) = await PlaceAsync(scope, input, user.Id, cancellationToken);
        if (errors.Count > 0 || placement is null)
            return SaveResult.Invalid(errors);

        await using var transaction = await identityContext.Database.BeginTransactionAsync(cancellationToken);
        user.CountyId = placement.CountyId;
        user.CentreId = placement.CentreId;
        user.TeamId = placement.TeamId;
        user.StaffMemberId = placement.StaffMemberId;
        user.AllianceInstitutionId = placement.AllianceInstitutionId;
        var current = await users.GetRolesAsync(user);
        var stale = current.Where(r => r != placement.Role).ToList();
        if (stale.Count > 0 && FromIdentity(await users.RemoveFromRolesAsync(user, stale)) is { Succeeded: false } removeFailed)
            return removeFailed;
        if (!current.Contains(placement.Role) && FromIdentity(await users.AddToRoleAsync(user, placement.Role)) is { Succeeded: false } addFailed)
            return addFailed;
        // The cookie carries role, centre, team and institution: a new stamp makes open sessions sign in again.
        if (FromIdentity(await users.UpdateSecurityStampAsync(user)) is { Succeeded: false } stampFailed)
            return stampFailed;
        await transaction.CommitAsync(cancellationToken);
        return Ok;
    }

    private sealed record Placement(string Role, int? CountyId, int? CentreId, int? TeamId, int? StaffMemberId, int? AllianceInstitutionId = null);

    /// <summary>
    /// Where an account with this role may sit, for this user: an administrator belongs to the county,
    /// a centre manager to a centre, a doctor or nurse to a team of that centre; the linked staff member
    /// (optional) must be of the same centre, in no other team, and without another account. A referral desk
    /// (granted by an administrator only) belongs to an alliance institution of the county and to no centre or team.
    /// </summary>
    private async Task<(Placement?, List<ValidationError>)> PlaceAsync(UserScope scope, IAccountPlacement input, string? userId,
        CancellationToken cancellationToken)
    {
        var (role, centreId, teamId, staffId) = (input.Role, input.CentreId, input.TeamId, input.StaffMemberId);
        var errors = new List<ValidationError>();
        if (role is null || !Roles.All.Contains(role))
        {
            errors.Add(new("Role", "请选择角色。"));
            return (null, errors);
        }
        if (!AssignableRoles.Contains(role))
        {
            errors.Add(new("Role", role == Roles.ReferralDesk ? ManagerCannotGrantDeskMessage : ManagerCannotGrantAdminMessage));
            return (null, errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (role == Roles.Admin)
        {
            var county = scope.Level == ScopeLevel.County
                ? scope.CountyId
                : await db.Counties.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            return (new Placement(role, county, null, null, null), errors);
        }
        if (role == Roles.ReferralDesk)
        {
            var institution = input.AllianceInstitutionId is { } institutionId
                ? await db.AllianceInstitutions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == institutionId, cancellationToken)
                : null;
            if (institution is null || (scope.Level == ScopeLevel.County && institution.CountyId != scope.CountyId))
            {
                errors.Add(new(nameof(IAccountPlacement.AllianceInstitutionId), InstitutionRequiredMessage));
                return (null, errors);
            }
            return (new Placement(role, institution.CountyId, null, null, null, institution.Id), errors);
        }

        if (scope.Level == ScopeLevel.Centre)
        {
            centreId ??= scope.CentreId;
            if (centreId != scope.CentreId)
            {
                errors.Add(new("CentreId", TeamAdministration.OtherCentreMessage));
                return (null, errors);
            }
        }
        if (centreId is null)
        {
            errors.Add(new("CentreId", "请选择所属机构。"));
            return (null, errors);
        }
        var centre = await db.Centres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centreId, cancellationToken);
        if (centre is null || (scope.Level == ScopeLevel.County && centre.CountyId != scope.CountyId))
        {
            errors.Add(new("CentreId", TeamAdministration.OtherCentreMessage));
            return (null, errors);
        }

        int? team = null;
        if (role is Roles.Doctor or Roles.Nurse)
        {
            var found = teamId is { } id ? await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
            if (found is null)
                errors.Add(new("TeamId", "医生和护士账号须选择本机构的一个团队。"));
            else if (found.CentreId != centre.Id)
                errors.Add(new("TeamId", "所选团队不属于该机构。"));
            else if (!found.IsActive)
                errors.Add(new("TeamId", "该团队已停用，请选择其他团队。"));
            else
                team = found.Id;
        }

        if (staffId is { } sid)
        {
            var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, cancellationToken);
            if (staff is null || staff.CentreId != centre.Id)
                errors.Add(new("StaffMemberId", "所选人员不属于该机构。"));
            else if (!staff.IsActive)
                errors.Add(new("StaffMemberId", "该人员已停用。"));
            else if (team is not null && staff.TeamId is { } staffTeam && staffTeam != team)
                errors.Add(new("StaffMemberId", "该人员在其他团队，请先在“团队与人员”中调整，或选择该人员所在的团队。"));
            else if (await db.Users.AnyAsync(u => u.StaffMemberId == sid && u.Id != userId, cancellationToken))
                errors.Add(new("StaffMemberId", "该人员已有账号。"));
        }
        return errors.Count > 0 ? (null, errors) : (new Placement(role, centre.CountyId, centre.Id, team, staffId), errors);
    }

    /// <summary>
    /// The account, fresh from the database, if this user may manage it. The scoped context lives as
    /// long as the circuit: it is cleared first, so a stale copy or a refused change of an earlier
    /// call is never saved by this one.
    /// </summary>
    private async Task<(ApplicationUser?, SaveResult?)> FindManageableAsync(string userId, CancellationToken cancellationToken)
    {
        var scope = currentUser.Scope;
        if (!TeamAdministration.IsManager(scope))
            return (null, SaveResult.Invalid(string.Empty, TeamAdministration.NotAllowedMessage));
        identityContext.ChangeTracker.Clear();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return (null, SaveResult.NotFound());
        var allowed = scope.Level switch
        {
            ScopeLevel.System => true,
            ScopeLevel.County => user.CountyId == scope.CountyId || (user.CentreId is { } centre && await CentreVisibleAsync(centre, cancellationToken)),
            ScopeLevel.Centre => user.CentreId == scope.CentreId && !await users.IsInRoleAsync(user, Roles.Admin),
            _ => false,
        };
        return allowed ? (user, null) : (null, SaveResult.Invalid(string.Empty, TeamAdministration.OtherCentreMessage));
    }

    private async Task<bool> CentreVisibleAsync(int centreId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Centres.AnyAsync(c => c.Id == centreId, cancellationToken);
    }

    /// <summary>Identity's (Chinese) errors on the fields they concern; a stale concurrency stamp as a conflict.</summary>
    private static SaveResult FromIdentity(IdentityResult result)
    {
        if (result.Succeeded)
            return Ok;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            return SaveResult.ConcurrencyConflict();
        return SaveResult.Invalid(result.Errors.Select(e => new ValidationError(FieldOf(e.Code), e.Description)).ToList());
    }

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) && code != nameof(IdentityErrorDescriber.PasswordMismatch) ? "Password"
        : code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
        : string.Empty;
}
