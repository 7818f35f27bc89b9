using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Security;

/// <summary>
/// What a tampered circuit event could ask for: the services the pages call (the same ones, in the
/// same DI scope a circuit has) with another team's or centre's ids. Each call is refused as "not
/// found" (or "not yours"), returns nothing of the record, and writes nothing: no row changes and no
/// audit row is added.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class CircuitEvents : IDisposable
{
    private readonly IdentityTestDatabase _identity = new();
    private readonly SmallCounty _county;
    private readonly TeamRecords _teamA;
    private readonly TeamRecords _teamB;
    private readonly TeamRecords _otherCentre;

    public CircuitEvents()
    {
        var database = _identity.Database;
        _county = SmallCounty.Create(database);
        var today = database.Clock.Today;
        _teamA = TeamRecords.Create(() => database.Context(UserScope.System), _county.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        _teamB = TeamRecords.Create(() => database.Context(UserScope.System), _county.VillageB.Id, "司马光明", "13922220002", 2, today);
        _otherCentre = TeamRecords.Create(() => database.Context(UserScope.System), _county.OtherCentreVillage.Id, "诸葛亮亮", "13733330003", 3, today);
    }

    public void Dispose() => _identity.Dispose();

    /// <summary>A team user who is a staff member of team A (signs as them), as the claims would say.</summary>
    private UserScope DoctorOfTeamA => new(ScopeLevel.Team, _county.County.Id, _county.Centre.Id, _county.TeamA.Id, "doctor.a", "u-doctor-a")
    {
        StaffMemberId = _teamA.DoctorId,
    };

    private UserScope NurseOfOtherCentre =>
        new(ScopeLevel.Team, _county.County.Id, _county.OtherCentre.Id, _county.OtherCentreTeam.Id, "nurse.other", "u-nurse-other");

    private T As<T>(UserScope user) where T : notnull => _identity.Service<T>(user);

    /// <summary>Everything a refused call must leave as it was: every row version of the records, and the count of audit rows of writes.</summary>
    private string Snapshot()
    {
        using var db = _identity.Database.Context(UserScope.System);
        var residents = db.Residents.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Version + ":" + r.Status + ":" + r.HouseholdId + ":" + r.VillageId);
        var households = db.Households.OrderBy(h => h.Id).Select(h => h.Id + ":" + h.Version + ":" + h.HeadResidentId);
        var contracts = db.Contracts.IgnoreAutoIncludes().OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status);
        var teams = db.Teams.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Version + ":" + t.IsActive);
        var staff = db.Staff.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Version + ":" + s.TeamId + ":" + s.IsActive);
        var villages = db.Villages.OrderBy(v => v.Id).Select(v => v.Id + ":" + v.ResponsibleTeamId);
        var users = db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.ConcurrencyStamp + ":" + u.PasswordHash + ":" + u.IsDisabled + ":" + u.LockoutEnd);
        var writes = db.AuditEntries.Count(a => a.Action != AuditAction.Viewed);
        return string.Join("|", residents.Concat(households).Concat(contracts).Concat(teams).Concat(staff).Concat(villages).Concat(users)) + "|audit:" + writes;
    }

    /// <summary>One tampered call: refused (not a success), and nothing written.</summary>
    private async Task RefusedAsync(string what, Func<Task<SaveResult>> call)
    {
        await SecurityTally.AttemptAsync(SecurityTally.CircuitEvents, what, async () =>
        {
            var before = Snapshot();
            var result = await call();
            Assert.False(result.Succeeded, $"{what} succeeded.");
            Assert.Equal(before, Snapshot());
        });
    }

    /// <summary>One tampered read: nothing comes back, and no row changes.</summary>
    private async Task NothingAsync<T>(string what, Func<Task<T>> read, Func<T, bool> isEmpty)
    {
        await SecurityTally.AttemptAsync(SecurityTally.CircuitEvents, what, async () =>
        {
            var before = Snapshot();
            var result = await read();
            Assert.True(isEmpty(result), $"{what} returned data.");
            Assert.Equal(before, Snapshot());
        });
    }

    private Guid VersionOfResident(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Residents.Single(r => r.Id == id).Version;
    }

    private Guid VersionOfContract(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Contracts.IgnoreAutoIncludes().Single(c => c.Id == id).Version;
    }

    [Fact]
    public async Task Resident_and_household_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        foreach (var (user, foreign) in new[] { (DoctorOfTeamA, _teamB), (NurseOfOtherCentre, _teamB), (NurseOfOtherCentre, _teamA) })
        {
            var residents = As<ResidentDirectory>(user);
            var who = user.UserName;
            var version = VersionOfResident(foreign.ResidentId);
            var today = _identity.Clock.Today;
            var input = new ResidentInput { Name = "改名", IdNumber = foreign.IdNumber, Phone = "13000000000", Address = "改地址" };

            await NothingAsync($"{who} 读取居民 {foreign.ResidentId}", () => residents.GetAsync(foreign.ResidentId), v => v is null);
            await NothingAsync($"{who} 读取家庭户 {foreign.HouseholdId}", () => residents.GetHouseholdAsync(foreign.HouseholdId), v => v is null);
            await NothingAsync($"{who} 搜索其他团队居民（按身份证号）", () => residents.SearchAsync(new ResidentQuery { Search = foreign.IdNumber }),
                v => v.TotalCount == 0 && v.Items.Count == 0);
            await NothingAsync($"{who} 搜索其他团队居民（按团队）", () => residents.SearchAsync(new ResidentQuery { TeamId = foreign.TeamId, Status = null }),
                v => v.TotalCount == 0);
            await RefusedAsync($"{who} 编辑居民 {foreign.ResidentId}", () => residents.UpdateAsync(foreign.ResidentId, version, input, _county.VillageA.Id));
            await RefusedAsync($"{who} 登记迁出 {foreign.ResidentId}", () => residents.RecordMovedAwayAsync(foreign.ResidentId, version, today, "x"));
            await RefusedAsync($"{who} 登记死亡 {foreign.ResidentId}", () => residents.RecordDeathAsync(foreign.ResidentId, version, today, "x"));
            await RefusedAsync($"{who} 登记迁回 {foreign.ResidentId}", () => residents.RecordMovedBackAsync(foreign.ResidentId, version, today));
            await RefusedAsync($"{who} 将其他团队居民加入家庭户", () => residents.JoinHouseholdAsync(foreign.ResidentId, version, null, "新户", asHead: true));
        }

        // Into someone else's household or village: the user's own resident cannot be put there.
        var doctor = As<ResidentDirectory>(DoctorOfTeamA);
        var own = VersionOfResident(_teamA.ResidentId);
        await RefusedAsync("doctor.a 将本团队居民加入其他机构的家庭户",
            () => doctor.JoinHouseholdAsync(_teamA.ResidentId, own, _otherCentre.HouseholdId, null, asHead: false));
        await RefusedAsync("doctor.a 在其他机构的村登记居民",
            () => doctor.RegisterAsync(ResidentInputs.Valid("新居民", new DateOnly(1970, 1, 1), Sex.Male, 201), _county.OtherCentreVillage.Id));
        await RefusedAsync("doctor.a 把本团队居民迁到其他机构的村",
            () => doctor.UpdateAsync(_teamA.ResidentId, own,
                new ResidentInput { Name = _teamA.Name, IdNumber = _teamA.IdNumber, Phone = _teamA.Phone, Address = _teamA.HouseholdAddress },
                _county.OtherCentreVillage.Id));
        await NothingAsync("doctor.a 列出其他团队村的家庭户", () => doctor.FindHouseholdsAsync(_county.VillageB.Id, null), v => v.Count == 0);
        await NothingAsync("doctor.a 列出其他机构村的家庭户", () => doctor.FindHouseholdsAsync(_county.OtherCentreVillage.Id, null), v => v.Count == 0);
    }

    [Fact]
    public async Task Contract_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        var today = _identity.Clock.Today;
        foreach (var (user, foreign) in new[] { (DoctorOfTeamA, _teamB), (NurseOfOtherCentre, _teamB), (NurseOfOtherCentre, _teamA) })
        {
            var contracts = As<ContractService>(user);
            var pdf = As<ContractPdf>(user);
            var who = user.UserName;
            var version = VersionOfContract(foreign.ContractId);

            await NothingAsync($"{who} 读取协议 {foreign.ContractId}", () => contracts.GetAsync(foreign.ContractId), v => v is null);
            await NothingAsync($"{who} 生成协议 PDF {foreign.ContractId}", () => pdf.RenderAsync(foreign.ContractId), v => v is null);
            await NothingAsync($"{who} 搜索其他团队协议", () => contracts.SearchAsync(new ContractQuery { TeamId = foreign.TeamId }), v => v.TotalCount == 0);
            await NothingAsync($"{who} 按姓名搜索其他团队协议", () => contracts.SearchAsync(new ContractQuery { Search = foreign.Name }), v => v.TotalCount == 0);
            await RefusedAsync($"{who} 解约 {foreign.ContractId}",
                () => contracts.TerminateAsync(foreign.ContractId, version, TerminationReason.MovedAway, "x", today));
            await RefusedAsync($"{who} 未履约处理 {foreign.ContractId}",
                () => contracts.SettleUndeliveredAsync(foreign.ContractId, version, UndeliveredSettlement.Refunded));
            await RefusedAsync($"{who} 续约 {foreign.ContractId}", () => contracts.RenewAsync(foreign.ContractId, version));
            await NothingAsync($"{who} 批量续约 {foreign.ContractId}", () => contracts.RenewManyAsync([foreign.ContractId]),
                v => v.All(o => !o.Renewed));
            await RefusedAsync($"{who} 为其他团队居民签约", () => contracts.SignAsync(new SignContractInput
            {
                ResidentId = foreign.ResidentId, TeamId = foreign.TeamId, ResponsibleDoctorId = foreign.DoctorId, PackageIds = [],
                Start = today, SignedOn = today,
            }));
        }

        // The user's own resident, signed in another team's name or with another team's doctor.
        var doctor = As<ContractService>(DoctorOfTeamA);
        var fresh = _county.AddResident(_identity.Database, _county.VillageA, "新签居民", new DateOnly(1980, 2, 2));
        await RefusedAsync("doctor.a 以其他团队名义签约", () => doctor.SignAsync(new SignContractInput
        {
            ResidentId = fresh.Id, TeamId = _teamB.TeamId, ResponsibleDoctorId = _teamB.DoctorId, PackageIds = [], Start = today, SignedOn = today,
        }));
        await RefusedAsync("doctor.a 签约时指定其他团队的责任医生", () => doctor.SignAsync(new SignContractInput
        {
            ResidentId = fresh.Id, TeamId = _teamA.TeamId, ResponsibleDoctorId = _teamB.DoctorId, PackageIds = [], Start = today, SignedOn = today,
        }));
        await RefusedAsync("doctor.a 签约时选择其他机构的服务包", async () =>
        {
            await using var db = _identity.Database.Context(UserScope.System);
            var foreignPackage = await db.ServicePackages.Where(p => p.CentreId == _otherCentre.CentreId).Select(p => p.Id).FirstAsync();
            return await doctor.SignAsync(new SignContractInput
            {
                ResidentId = fresh.Id, TeamId = _teamA.TeamId, ResponsibleDoctorId = _teamA.DoctorId, PackageIds = [foreignPackage],
                Start = today, SignedOn = today,
            });
        });
    }

    [Fact]
    public async Task Administration_events_on_another_centres_teams_staff_and_accounts_are_refused_and_write_nothing()
    {
        var manager = _county.OtherCentreManager;
        var teams = As<TeamAdministration>(manager);
        var accounts = As<UserAdministration>(manager);
        var doctorB = await _identity.AddUserAsync("doctor.b", Roles.Doctor, _county.County.Id, _county.Centre.Id, _county.TeamB.Id);
        Guid TeamVersion()
        {
            using var db = _identity.Database.Context(UserScope.System);
            return db.Teams.Single(t => t.Id == _teamB.TeamId).Version;
        }
        Guid StaffVersion()
        {
            using var db = _identity.Database.Context(UserScope.System);
            return db.Staff.Single(s => s.Id == _teamB.DoctorId).Version;
        }

        // Asking for another centre's overview falls back to the manager's own centre: none of the other centre's rows.
        await NothingAsync("manager.other 查看其他机构的团队", () => teams.OverviewAsync(_county.Centre.Id),
            o => o.CentreId != _county.Centre.Id && o.Teams.All(t => t.CentreId != _county.Centre.Id) && o.Staff.All(s => s.CentreId != _county.Centre.Id)
                 && o.Centres.All(c => c.Id != _county.Centre.Id));
        await RefusedAsync("manager.other 在其他机构建团队", () => teams.CreateTeamAsync(new TeamInput { CentreId = _county.Centre.Id, Name = "冒名团队" }));
        await RefusedAsync("manager.other 修改其他机构的团队", () => teams.UpdateTeamAsync(_teamB.TeamId, TeamVersion(), new TeamInput { CentreId = _county.Centre.Id, Name = "改名" }));
        await RefusedAsync("manager.other 停用其他机构的团队", () => teams.DeactivateTeamAsync(_teamB.TeamId, TeamVersion()));
        await RefusedAsync("manager.other 把其他机构的村分给自己的团队", () => teams.AssignVillageAsync(_county.VillageB.Id, _county.OtherCentreTeam.Id));
        await RefusedAsync("manager.other 在其他机构添加人员", () => teams.AddStaffAsync(new StaffInput { CentreId = _county.Centre.Id, Name = "冒名医生" }));
        await RefusedAsync("manager.other 修改其他机构的人员", () => teams.UpdateStaffAsync(_teamB.DoctorId, StaffVersion(), new StaffInput { CentreId = _county.Centre.Id, Name = "改名" }));
        await RefusedAsync("manager.other 把其他机构的人员调入自己的团队",
            () => teams.AssignStaffAsync(_teamB.DoctorId, StaffVersion(), _county.OtherCentreTeam.Id, CareTeams.Domain.Institutions.TeamRole.GeneralPractitioner));
        await RefusedAsync("manager.other 将其他机构的人员移出团队", () => teams.RemoveFromTeamAsync(_teamB.DoctorId, StaffVersion()));
        await RefusedAsync("manager.other 停用其他机构的人员", () => teams.DeactivateStaffAsync(_teamB.DoctorId, StaffVersion()));

        await NothingAsync("manager.other 列出其他机构的账号", () => accounts.ListAsync(), rows => rows.All(r => r.UserName != "doctor.b"));
        await RefusedAsync("manager.other 重置其他机构账号的密码", () => accounts.ResetPasswordAsync(doctorB.Id, "Taken#2026a", "Taken#2026a"));
        await RefusedAsync("manager.other 解锁其他机构的账号", () => accounts.UnlockAsync(doctorB.Id));
        await RefusedAsync("manager.other 停用其他机构的账号", () => accounts.SetDisabledAsync(doctorB.Id, true));
        await RefusedAsync("manager.other 把其他机构的账号调到本机构", () => accounts.ChangeAssignmentAsync(doctorB.Id, doctorB.ConcurrencyStamp!,
            new UserAssignmentInput { Role = Roles.Doctor, CentreId = _county.OtherCentre.Id, TeamId = _county.OtherCentreTeam.Id }));
        await RefusedAsync("manager.other 在其他机构建账号", () => accounts.CreateAsync(new NewUserInput
        {
            UserName = "intruder", DisplayName = "冒名", Role = Roles.Doctor, CentreId = _county.Centre.Id, TeamId = _county.TeamB.Id, Password = "Intrude#2026",
        }));
        await RefusedAsync("manager.other 创建系统管理员账号", () => accounts.CreateAsync(new NewUserInput
        {
            UserName = "intruder.admin", DisplayName = "冒名", Role = Roles.Admin, Password = "Intrude#2026",
        }));
    }
}
