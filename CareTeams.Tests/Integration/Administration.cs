using System.Text.Json;
using CareTeams.Domain.Institutions;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>"团队与人员": managers write within their own centre, everyone else is refused by the service itself.</summary>
public sealed class TeamAdministrationTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;

    public TeamAdministrationTests() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private TeamAdministration As(UserScope user) => _database.Service<TeamAdministration>(user);

    private int AuditRowCount()
    {
        using var db = _database.Context(UserScope.System);
        return db.AuditEntries.Count();
    }

    private Team StoredTeam(int id)
    {
        using var db = _database.Context(UserScope.System);
        return db.Teams.AsNoTracking().Single(t => t.Id == id);
    }

    private StaffMember StoredStaff(int id)
    {
        using var db = _database.Context(UserScope.System);
        return db.Staff.AsNoTracking().Single(s => s.Id == id);
    }

    private async Task<StaffMember> AddStaffAsync(Centre centre, string name)
    {
        var result = await As(UserScope.System).AddStaffAsync(new StaffInput { CentreId = centre.Id, Name = name, Phone = "13800001111" });
        Assert.True(result.Succeeded, result.Summary);
        return StoredStaff(result.Id!.Value);
    }

    [Fact]
    public async Task A_manager_creates_a_team_in_their_centre_and_sees_it_with_its_villages_and_members()
    {
        var manager = As(_county.Manager);

        var created = await manager.CreateTeamAsync(new TeamInput { CentreId = _county.Centre.Id, Name = "  第三团队 ", Phone = "0571 3333 3333" });
        Assert.True(created.Succeeded, created.Summary);
        var staff = await AddStaffAsync(_county.Centre, "赵医生");
        var joined = await manager.AssignStaffAsync(staff.Id, staff.Version, created.Id!.Value, TeamRole.TeamLeader);
        var village = await manager.AssignVillageAsync(_county.VillageB.Id, created.Id!.Value);

        Assert.True(joined.Succeeded, joined.Summary);
        Assert.True(village.Succeeded, village.Summary);
        var team = StoredTeam(created.Id!.Value);
        Assert.Equal("第三团队", team.Name);
        Assert.Equal(_county.Centre.Id, team.CentreId);
        Assert.Equal("0571-33333333", team.Phone);

        var overview = await manager.OverviewAsync();
        Assert.Equal([_county.Centre.Id], overview.Centres.Select(c => c.Id));
        Assert.Equal(["第一团队", "第三团队", "第二团队"], overview.Teams.Select(t => t.Name).Order(StringComparer.Ordinal));
        var third = overview.Teams.Single(t => t.Name == "第三团队");
        Assert.Equal(1, third.MemberCount);
        Assert.Equal("团队长", third.Members.Single().RoleName);
        Assert.Equal(["西村"], third.Villages.Select(v => v.Name));
        Assert.Empty(overview.Teams.Single(t => t.Name == "第二团队").Villages);
    }

    [Fact]
    public async Task A_manager_cannot_act_on_another_centres_team_village_or_staff_and_nothing_is_written()
    {
        var otherStaff = await AddStaffAsync(_county.OtherCentre, "钱护士");
        var otherTeam = StoredTeam(_county.OtherCentreTeam.Id);
        var before = AuditRowCount();
        var manager = As(_county.Manager);

        SaveResult[] results =
        [
            await manager.CreateTeamAsync(new TeamInput { CentreId = _county.OtherCentre.Id, Name = "越权团队" }),
            await manager.UpdateTeamAsync(otherTeam.Id, otherTeam.Version, new TeamInput { CentreId = _county.OtherCentre.Id, Name = "改名" }),
            await manager.DeactivateTeamAsync(otherTeam.Id, otherTeam.Version),
            await manager.AssignVillageAsync(_county.OtherCentreVillage.Id, _county.TeamA.Id),
            await manager.AddStaffAsync(new StaffInput { CentreId = _county.OtherCentre.Id, Name = "越权人员" }),
            await manager.AssignStaffAsync(otherStaff.Id, otherStaff.Version, _county.TeamA.Id, TeamRole.Nurse),
            await manager.DeactivateStaffAsync(otherStaff.Id, otherStaff.Version),
        ];

        Assert.All(results, r => Assert.False(r.Succeeded));
        Assert.Equal(TeamAdministration.OtherCentreMessage, results[0].Summary);
        Assert.Equal(before, AuditRowCount());
        var stored = StoredTeam(otherTeam.Id);
        Assert.Equal("外镇团队", stored.Name);
        Assert.True(stored.IsActive);
        Assert.True(StoredStaff(otherStaff.Id).IsActive);
        using var db = _database.Context(UserScope.System);
        Assert.Equal(_county.OtherCentreTeam.Id, db.Villages.Single(v => v.Id == _county.OtherCentreVillage.Id).ResponsibleTeamId);
        Assert.Equal(1, db.Teams.Count(t => t.CentreId == _county.OtherCentre.Id));
        Assert.Equal(1, db.Staff.Count(s => s.CentreId == _county.OtherCentre.Id));
    }

    [Fact]
    public async Task A_team_nurse_calling_the_write_methods_is_refused_and_nothing_is_written()
    {
        var staff = await AddStaffAsync(_county.Centre, "孙医生");
        var teamA = StoredTeam(_county.TeamA.Id);
        var before = AuditRowCount();
        var nurse = As(_county.NurseOfTeamA);

        SaveResult[] results =
        [
            await nurse.CreateTeamAsync(new TeamInput { CentreId = _county.Centre.Id, Name = "护士建的团队" }),
            await nurse.UpdateTeamAsync(teamA.Id, teamA.Version, new TeamInput { CentreId = _county.Centre.Id, Name = "护士改名" }),
            await nurse.DeactivateTeamAsync(teamA.Id, teamA.Version),
            await nurse.ReactivateTeamAsync(teamA.Id, teamA.Version),
            await nurse.AssignVillageAsync(_county.VillageB.Id, _county.TeamA.Id),
            await nurse.AddStaffAsync(new StaffInput { CentreId = _county.Centre.Id, Name = "护士加的人" }),
            await nurse.UpdateStaffAsync(staff.Id, staff.Version, new StaffInput { CentreId = _county.Centre.Id, Name = "改名" }),
            await nurse.AssignStaffAsync(staff.Id, staff.Version, _county.TeamA.Id, TeamRole.TeamLeader),
            await nurse.RemoveFromTeamAsync(staff.Id, staff.Version),
            await nurse.DeactivateStaffAsync(staff.Id, staff.Version),
        ];

        Assert.All(results, r =>
        {
            Assert.False(r.Succeeded);
            Assert.Equal(TeamAdministration.NotAllowedMessage, r.Summary);
        });
        Assert.Equal(before, AuditRowCount());
        Assert.Equal("第一团队", StoredTeam(teamA.Id).Name);
        Assert.Null(StoredStaff(staff.Id).TeamId);
        Assert.Same(TeamsOverview.Empty, await nurse.OverviewAsync());
    }

    [Fact]
    public async Task A_duplicate_team_name_in_the_centre_is_refused_with_the_message_on_the_name_field()
    {
        var manager = As(_county.Manager);
        var teamB = StoredTeam(_county.TeamB.Id);

        var created = await manager.CreateTeamAsync(new TeamInput { CentreId = _county.Centre.Id, Name = " 第一团队 " });
        var renamed = await manager.UpdateTeamAsync(teamB.Id, teamB.Version, new TeamInput { CentreId = _county.Centre.Id, Name = "第一团队" });
        // The same name in another centre is fine.
        var elsewhere = await As(_county.OtherCentreManager).CreateTeamAsync(new TeamInput { CentreId = _county.OtherCentre.Id, Name = "第一团队" });

        foreach (var refused in new[] { created, renamed })
        {
            Assert.False(refused.Succeeded);
            var error = Assert.Single(refused.Errors);
            Assert.Equal(nameof(TeamInput.Name), error.Field);
            Assert.Equal("本机构已有名为“第一团队”的团队，请换一个名称。", error.Message);
        }
        Assert.True(elsewhere.Succeeded, elsewhere.Summary);
        Assert.Equal("第二团队", StoredTeam(teamB.Id).Name);
    }

    [Fact]
    public async Task Staff_put_in_a_team_of_another_centre_is_refused_by_the_domain_rule()
    {
        var staff = await AddStaffAsync(_county.Centre, "周医生");
        // An administrator sees both centres, so the domain's rule is what refuses.
        var result = await As(_county.Admin).AssignStaffAsync(staff.Id, staff.Version, _county.OtherCentreTeam.Id, TeamRole.GeneralPractitioner);

        Assert.False(result.Succeeded);
        Assert.Equal("只能加入本机构的家庭医生团队。", result.Summary);
        Assert.Null(StoredStaff(staff.Id).TeamId);
    }

    [Fact]
    public async Task Two_managers_editing_the_same_team_the_second_gets_a_conflict()
    {
        var team = StoredTeam(_county.TeamA.Id);

        var first = await As(_county.Manager).UpdateTeamAsync(team.Id, team.Version, new TeamInput { Name = "东片团队" });
        var second = await As(_county.Admin).UpdateTeamAsync(team.Id, team.Version, new TeamInput { Name = "一团队" });

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.Conflict);
        Assert.Equal("东片团队", StoredTeam(team.Id).Name);
    }

    [Fact]
    public async Task A_team_keeps_one_leader_and_cannot_be_stopped_while_it_has_members_or_villages()
    {
        var manager = As(_county.Manager);
        var first = await AddStaffAsync(_county.Centre, "吴医生");
        var second = await AddStaffAsync(_county.Centre, "郑医生");
        Assert.True((await manager.AssignStaffAsync(first.Id, first.Version, _county.TeamA.Id, TeamRole.TeamLeader)).Succeeded);

        var twoLeaders = await manager.AssignStaffAsync(second.Id, second.Version, _county.TeamA.Id, TeamRole.TeamLeader);
        var team = StoredTeam(_county.TeamA.Id);
        var stopped = await manager.DeactivateTeamAsync(team.Id, team.Version);

        Assert.Equal("该团队已有团队长（吴医生），请先调整其角色。", twoLeaders.ErrorFor("Role"));
        Assert.Contains("1 名成员", stopped.Summary, StringComparison.Ordinal);
        Assert.True(StoredTeam(team.Id).IsActive);

        var staff = StoredStaff(first.Id);
        Assert.True((await manager.RemoveFromTeamAsync(staff.Id, staff.Version)).Succeeded);
        Assert.Contains("东村", (await manager.DeactivateTeamAsync(team.Id, team.Version)).Summary, StringComparison.Ordinal);
    }
}

/// <summary>"用户账号" through UserManager on the app's own Identity set-up.</summary>
public sealed class UserAdministrationTests : IDisposable
{
    private const string GoodPassword = "Ward#2026x";

    private readonly IdentityTestDatabase _identity = new();
    private readonly SmallCounty _county;

    public UserAdministrationTests() => _county = SmallCounty.Create(_identity.Database);

    public void Dispose() => _identity.Dispose();

    private UserAdministration As(UserScope user) => _identity.Service<UserAdministration>(user);

    private async Task<ApplicationUser?> StoredAsync(string userName) =>
        await _identity.Service<UserManager<ApplicationUser>>(UserScope.System).FindByNameAsync(userName);

    private NewUserInput Doctor(string userName, string password = GoodPassword) => new()
    {
        UserName = userName, DisplayName = "李医生", Role = Roles.Doctor, CentreId = _county.Centre.Id, TeamId = _county.TeamA.Id,
        Password = password, ConfirmPassword = password,
    };

    [Fact]
    public async Task A_manager_creates_a_doctor_in_a_team_of_their_centre()
    {
        var result = await As(_county.Manager).CreateAsync(Doctor("li.doctor"));

        Assert.True(result.Succeeded, result.Summary);
        var user = (await StoredAsync("li.doctor"))!;
        Assert.Equal((_county.County.Id, _county.Centre.Id, _county.TeamA.Id), (user.CountyId!.Value, user.CentreId!.Value, user.TeamId!.Value));
        Assert.Equal([Roles.Doctor], await _identity.Service<UserManager<ApplicationUser>>(UserScope.System).GetRolesAsync(user));
        var row = Assert.Single(await As(_county.Manager).ListAsync());
        Assert.Equal(("li.doctor", "医生", "第一团队"), (row.UserName, row.RoleName, row.TeamName));
        Assert.Empty(await As(_county.OtherCentreManager).ListAsync());
    }

    [Theory]
    [InlineData("abcdefgh", "密码须包含小写字母、大写字母、数字、符号中的至少三类。")]
    [InlineData("Ab1!", "密码至少 8 位。")]
    public async Task A_weak_password_is_refused_with_the_Chinese_message_and_no_account_is_made(string password, string message)
    {
        var result = await As(_county.Manager).CreateAsync(Doctor("weak.one", password));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == "Password" && e.Message == message);
        Assert.Null(await StoredAsync("weak.one"));
    }

    [Fact]
    public async Task A_manager_cannot_create_an_administrator_nor_an_account_in_another_centre()
    {
        var manager = As(_county.Manager);

        var asAdmin = Doctor("sneaky.admin");
        asAdmin.Role = Roles.Admin;
        var inOtherCentre = Doctor("elsewhere");
        (inOtherCentre.CentreId, inOtherCentre.TeamId) = (_county.OtherCentre.Id, _county.OtherCentreTeam.Id);
        var withoutTeam = Doctor("no.team");
        withoutTeam.TeamId = null;

        var admin = await manager.CreateAsync(asAdmin);
        var elsewhere = await manager.CreateAsync(inOtherCentre);
        var noTeam = await manager.CreateAsync(withoutTeam);

        Assert.Equal(UserAdministration.ManagerCannotGrantAdminMessage, admin.ErrorFor("Role"));
        Assert.Equal(TeamAdministration.OtherCentreMessage, elsewhere.ErrorFor("CentreId"));
        Assert.NotNull(noTeam.ErrorFor("TeamId"));
        Assert.Null(await StoredAsync("sneaky.admin"));
        Assert.Null(await StoredAsync("elsewhere"));
        Assert.Null(await StoredAsync("no.team"));
        Assert.DoesNotContain(Roles.Admin, manager.AssignableRoles);

        // An administrator may.
        var byAdmin = await As(_county.Admin).CreateAsync(new NewUserInput
        {
            UserName = "county.admin", DisplayName = "县管理员", Role = Roles.Admin, Password = GoodPassword, ConfirmPassword = GoodPassword,
        });
        Assert.True(byAdmin.Succeeded, byAdmin.Summary);
        Assert.Equal(_county.County.Id, (await StoredAsync("county.admin"))!.CountyId);
    }

    [Fact]
    public async Task Disabling_a_user_changes_the_security_stamp_and_is_audited_once_by_the_interceptor()
    {
        var user = await _identity.AddUserAsync("nurse.a", Roles.Nurse, _county.County.Id, _county.Centre.Id, _county.TeamA.Id);
        var stampBefore = user.SecurityStamp;
        long lastAuditId;
        using (var db = _identity.Context(UserScope.System))
            lastAuditId = db.AuditEntries.Max(a => a.Id);

        var result = await As(_county.Manager).SetDisabledAsync(user.Id, disabled: true);

        Assert.True(result.Succeeded, result.Summary);
        var stored = (await StoredAsync("nurse.a"))!;
        Assert.True(stored.IsDisabled);
        Assert.NotEqual(stampBefore, stored.SecurityStamp);
        using var check = _identity.Context(UserScope.System);
        var audit = Assert.Single(check.AuditEntries.AsNoTracking().Where(a => a.Id > lastAuditId).ToList());
        Assert.Equal((nameof(ApplicationUser), user.Id, AuditAction.Modified, "manager"), (audit.EntityType, audit.EntityKey, audit.Action, audit.UserName));
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(audit.Changes!)!;
        Assert.Equal("[false,true]", changes[nameof(ApplicationUser.IsDisabled)].GetRawText());
        Assert.Equal("[\"***\",\"***\"]", changes[nameof(ApplicationUser.SecurityStamp)].GetRawText());

        Assert.True((await As(_county.Manager).SetDisabledAsync(user.Id, disabled: false)).Succeeded);
        Assert.False((await StoredAsync("nurse.a"))!.IsDisabled);
    }

    [Fact]
    public async Task Resetting_a_password_applies_the_rules_and_unlocking_clears_the_lockout()
    {
        var user = await _identity.AddUserAsync("doctor.b", Roles.Doctor, _county.County.Id, _county.Centre.Id, _county.TeamB.Id);
        var users = _identity.Service<UserManager<ApplicationUser>>(UserScope.System);
        var signingIn = (await users.FindByIdAsync(user.Id))!;
        await users.AccessFailedAsync(signingIn);
        await users.SetLockoutEndDateAsync(signingIn, DateTimeOffset.UtcNow.AddMinutes(15));
        var manager = As(_county.Manager);

        var weak = await manager.ResetPasswordAsync(user.Id, "password", "password");
        var strong = await manager.ResetPasswordAsync(user.Id, GoodPassword, GoodPassword);
        var unlocked = await manager.UnlockAsync(user.Id);

        Assert.Equal("密码须包含小写字母、大写字母、数字、符号中的至少三类。", weak.ErrorFor("Password"));
        Assert.True(strong.Succeeded, strong.Summary);
        Assert.True(unlocked.Succeeded, unlocked.Summary);
        var stored = (await StoredAsync("doctor.b"))!;
        var fresh = _identity.Service<UserManager<ApplicationUser>>(UserScope.System);
        Assert.True(await fresh.CheckPasswordAsync(stored, GoodPassword));
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
        Assert.NotEqual(user.SecurityStamp, stored.SecurityStamp);
    }

    [Fact]
    public async Task Changing_team_and_role_renews_the_stamp_and_a_stale_form_gets_a_conflict()
    {
        var user = await _identity.AddUserAsync("nurse.c", Roles.Nurse, _county.County.Id, _county.Centre.Id, _county.TeamA.Id);
        var row = Assert.Single(await As(_county.Manager).ListAsync());

        var moved = await As(_county.Manager).ChangeAssignmentAsync(row.Id, row.ConcurrencyStamp,
            new UserAssignmentInput { Role = Roles.Doctor, CentreId = _county.Centre.Id, TeamId = _county.TeamB.Id });
        var stale = await As(_county.Manager).ChangeAssignmentAsync(row.Id, row.ConcurrencyStamp,
            new UserAssignmentInput { Role = Roles.Nurse, CentreId = _county.Centre.Id, TeamId = _county.TeamA.Id });

        Assert.True(moved.Succeeded, moved.Summary);
        Assert.True(stale.Conflict);
        var stored = (await StoredAsync("nurse.c"))!;
        Assert.Equal(_county.TeamB.Id, stored.TeamId);
        Assert.NotEqual(user.SecurityStamp, stored.SecurityStamp);
        Assert.Equal([Roles.Doctor], await _identity.Service<UserManager<ApplicationUser>>(UserScope.System).GetRolesAsync(stored));
    }

    private NewUserInput Desk(string userName, int? institutionId) => new()
    {
        UserName = userName, DisplayName = "县医院转诊办", Role = Roles.ReferralDesk, AllianceInstitutionId = institutionId,
        Password = GoodPassword, ConfirmPassword = GoodPassword,
    };

    /// <summary>The scope the account gets when it signs in: the claims the app's principal factory puts in the cookie.</summary>
    private async Task<UserScope> SignedInScopeAsync(string userName)
    {
        var principal = await _identity.Service<IUserClaimsPrincipalFactory<ApplicationUser>>(UserScope.System).CreateAsync((await StoredAsync(userName))!);
        return UserScope.From(principal);
    }

    [Fact]
    public async Task An_administrator_creates_a_referral_desk_for_the_hospital_which_signs_in_with_the_institution_scope()
    {
        var alliance = ReferralAlliance.Create(_identity.Database, _county);
        var admin = As(_county.Admin);
        Assert.Contains(Roles.ReferralDesk, admin.AssignableRoles);
        Assert.Contains(await admin.InstitutionOptionsAsync(), i => i.Id == alliance.Hospital.Id);

        var withoutInstitution = await admin.CreateAsync(Desk("desk.none", null));
        var created = await admin.CreateAsync(Desk("hospital.desk", alliance.Hospital.Id));

        Assert.Equal("请选择所属医共体机构。", withoutInstitution.ErrorFor("AllianceInstitutionId"));
        Assert.Null(await StoredAsync("desk.none"));
        Assert.True(created.Succeeded, created.Summary);
        var user = (await StoredAsync("hospital.desk"))!;
        Assert.Equal((_county.County.Id, alliance.Hospital.Id), (user.CountyId!.Value, user.AllianceInstitutionId!.Value));
        Assert.Equal((null, null, null), (user.CentreId, user.TeamId, user.StaffMemberId));
        Assert.Equal([Roles.ReferralDesk], await _identity.Service<UserManager<ApplicationUser>>(UserScope.System).GetRolesAsync(user));
        var scope = await SignedInScopeAsync("hospital.desk");
        Assert.Equal((ScopeLevel.Institution, _county.County.Id, alliance.Hospital.Id, "县医院转诊办"),
            (scope.Level, scope.CountyId, scope.InstitutionId, scope.DisplayName));
        var row = Assert.Single(await admin.ListAsync(), r => r.UserName == "hospital.desk");
        Assert.Equal(("转诊办（医院/养老机构）", "测试县人民医院", null), (row.RoleName, row.AllianceInstitutionName, row.CentreName));
        // Not a centre's account: its managers do not see or manage it.
        Assert.DoesNotContain(await As(_county.Manager).ListAsync(), r => r.UserName == "hospital.desk");
        Assert.Equal(TeamAdministration.OtherCentreMessage, (await As(_county.Manager).SetDisabledAsync(user.Id, true)).Summary);
    }

    [Fact]
    public async Task Moving_a_desk_to_the_care_home_renews_the_stamp_and_a_doctor_made_desk_leaves_the_centre()
    {
        var alliance = ReferralAlliance.Create(_identity.Database, _county);
        var admin = As(_county.Admin);
        Assert.True((await admin.CreateAsync(Desk("moving.desk", alliance.Hospital.Id))).Succeeded);
        var doctor = await _identity.AddUserAsync("doctor.d", Roles.Doctor, _county.County.Id, _county.Centre.Id, _county.TeamA.Id);
        var stampBefore = (await StoredAsync("moving.desk"))!.SecurityStamp;
        var rows = await admin.ListAsync();

        var moved = await admin.ChangeAssignmentAsync(rows.Single(r => r.UserName == "moving.desk").Id, rows.Single(r => r.UserName == "moving.desk").ConcurrencyStamp,
            new UserAssignmentInput { Role = Roles.ReferralDesk, AllianceInstitutionId = alliance.CareHome.Id });
        var made = await admin.ChangeAssignmentAsync(doctor.Id, rows.Single(r => r.UserName == "doctor.d").ConcurrencyStamp,
            new UserAssignmentInput { Role = Roles.ReferralDesk, CentreId = _county.Centre.Id, TeamId = _county.TeamA.Id, AllianceInstitutionId = alliance.Hospital.Id });

        Assert.True(moved.Succeeded, moved.Summary);
        Assert.True(made.Succeeded, made.Summary);
        var desk = (await StoredAsync("moving.desk"))!;
        Assert.Equal(alliance.CareHome.Id, desk.AllianceInstitutionId);
        Assert.NotEqual(stampBefore, desk.SecurityStamp);
        var former = (await StoredAsync("doctor.d"))!;
        Assert.Equal((alliance.Hospital.Id, null, null), (former.AllianceInstitutionId!.Value, former.CentreId, former.TeamId));
        Assert.NotEqual(doctor.SecurityStamp, former.SecurityStamp);
        Assert.Equal(ScopeLevel.Institution, (await SignedInScopeAsync("doctor.d")).Level);
    }

    [Fact]
    public async Task A_centre_manager_cannot_create_a_referral_desk_nor_make_an_account_one()
    {
        var alliance = ReferralAlliance.Create(_identity.Database, _county);
        var manager = As(_county.Manager);
        var own = await _identity.AddUserAsync("own.nurse", Roles.Nurse, _county.County.Id, _county.Centre.Id, _county.TeamA.Id);
        var row = Assert.Single(await manager.ListAsync());

        var created = await manager.CreateAsync(Desk("manager.desk", alliance.Hospital.Id));
        var changed = await manager.ChangeAssignmentAsync(own.Id, row.ConcurrencyStamp,
            new UserAssignmentInput { Role = Roles.ReferralDesk, AllianceInstitutionId = alliance.Hospital.Id });

        Assert.DoesNotContain(Roles.ReferralDesk, manager.AssignableRoles);
        Assert.Empty(await manager.InstitutionOptionsAsync());
        Assert.Equal(UserAdministration.ManagerCannotGrantDeskMessage, created.ErrorFor("Role"));
        Assert.Equal(UserAdministration.ManagerCannotGrantDeskMessage, changed.ErrorFor("Role"));
        Assert.Null(await StoredAsync("manager.desk"));
        var nurse = (await StoredAsync("own.nurse"))!;
        Assert.Equal((null, _county.TeamA.Id), (nurse.AllianceInstitutionId, nurse.TeamId!.Value));
        Assert.Equal([Roles.Nurse], await _identity.Service<UserManager<ApplicationUser>>(UserScope.System).GetRolesAsync(nurse));
    }

    [Fact]
    public async Task A_manager_cannot_touch_accounts_of_another_centre_and_a_nurse_cannot_touch_any()
    {
        var other = await _identity.AddUserAsync("other.nurse", Roles.Nurse, _county.County.Id, _county.OtherCentre.Id, _county.OtherCentreTeam.Id);
        var own = await _identity.AddUserAsync("own.doctor", Roles.Doctor, _county.County.Id, _county.Centre.Id, _county.TeamA.Id);

        var byManager = await As(_county.Manager).SetDisabledAsync(other.Id, true);
        var byNurse = await As(_county.NurseOfTeamA).SetDisabledAsync(own.Id, true);
        var nurseCreates = await As(_county.NurseOfTeamA).CreateAsync(Doctor("by.nurse"));

        Assert.Equal(TeamAdministration.OtherCentreMessage, byManager.Summary);
        Assert.Equal(TeamAdministration.NotAllowedMessage, byNurse.Summary);
        Assert.Equal(TeamAdministration.NotAllowedMessage, nurseCreates.Summary);
        Assert.False((await StoredAsync("other.nurse"))!.IsDisabled);
        Assert.False((await StoredAsync("own.doctor"))!.IsDisabled);
        Assert.Null(await StoredAsync("by.nurse"));
        Assert.Empty(await As(_county.NurseOfTeamA).ListAsync());
    }
}
