using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Signing, renewing, terminating and counting contracts through <see cref="ContractService"/> (and the
/// catalogue through <see cref="PackageCatalogue"/>) on a real SQLite file, as the pages do.
/// </summary>
public sealed class ContractSigningTests : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;     // 76, hypertension: suits all three packages
    private readonly Resident _adult;     // 46, no key population
    private readonly Resident _inTeamB;

    public ContractSigningTests()
    {
        _county = SmallCounty.Create(_database);
        _catalogue = _county.AddContractCatalogue(_database);
        _elder = _county.AddResident(_database, _county.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        _adult = _county.AddResident(_database, _county.VillageA, "李大姐", new DateOnly(1980, 5, 2));
        _inTeamB = _county.AddResident(_database, _county.VillageB, "周先生", new DateOnly(1975, 7, 3), Sex.Male);
    }

    public void Dispose() => _database.Dispose();

    private DateOnly Today => _database.Clock.Today;

    private ContractService AsDoctorA => _database.Service<ContractService>(_catalogue.DoctorOfTeamA);

    private async Task<int> SignAsync(Resident resident, params ServicePackage[] packages) =>
        await SignAsync(resident, Today, packages);

    private async Task<int> SignAsync(Resident resident, DateOnly start, params ServicePackage[] packages)
    {
        var doctor = resident.TeamId == _county.TeamB.Id ? _catalogue.DoctorB : _catalogue.DoctorA;
        var user = resident.TeamId == _county.TeamB.Id ? _catalogue.DoctorOfTeamB : _catalogue.DoctorOfTeamA;
        var result = await _database.Service<ContractService>(user).SignAsync(_catalogue.Input(resident, doctor, Today, packages) with { Start = start });
        Assert.True(result.Succeeded, result.Summary);
        return result.Id!.Value;
    }

    private async Task<ContractView> ViewAsync(int id, UserScope? user = null) =>
        (await _database.Service<ContractService>(user ?? _county.Manager).GetAsync(id))!;

    [Fact]
    public async Task A_team_doctor_signs_and_the_contract_keeps_packages_items_copied_prices_and_the_fee_to_the_fen()
    {
        var result = await AsDoctorA.SignAsync(_catalogue.Input(_elder, _catalogue.DoctorA, Today, _catalogue.Basic, _catalogue.Elder, _catalogue.Hypertension));

        Assert.True(result.Succeeded, result.Summary);
        await using var db = _database.Context(UserScope.System);
        var contract = await db.Contracts.Include(c => c.Fulfilments).SingleAsync(c => c.Id == result.Id);
        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Equal(1, contract.Sequence);
        Assert.Equal(_elder.Id, contract.ResidentId);
        Assert.Equal(_county.TeamA.Id, contract.TeamId);
        Assert.Equal(_catalogue.DoctorA.Id, contract.ResponsibleDoctorId);
        Assert.Equal(_catalogue.DoctorA.Id, contract.SignedByStaffId);
        Assert.Equal(Today, contract.SignedOn);
        Assert.Equal(new ContractTerm(new DateOnly(2026, 11, 23), new DateOnly(2027, 11, 22)), contract.Term);
        Assert.False(contract.Signatory.IsGuardian);

        Assert.Equal(["JC-01", "GXY-01", "LNR-01"], contract.Packages.Select(p => p.Code).ToArray());
        var elder = contract.Packages.Single(p => p.Code == "LNR-01");
        Assert.Equal((ContractCatalogue.ElderPrice, ContractCatalogue.ElderSubsidy, Money.Of(141.00m), 1),
            (elder.Price, elder.Subsidy, elder.OwnPayment, elder.PriceVersion));
        var hypertension = contract.Packages.Single(p => p.Code == "GXY-01");
        Assert.Equal((ContractCatalogue.HypertensionPrice, ContractCatalogue.HypertensionSubsidy, Money.Of(27.06m)),
            (hypertension.Price, hypertension.Subsidy, hypertension.OwnPayment));

        Assert.Equal(7, contract.Items.Count);
        var items = contract.Items.ToDictionary(i => i.Name);
        Assert.Equal((ServiceKind.HypertensionFollowUp, 4, 0, Money.Of(12.35m)),
            (items["高血压随访"].ServiceKind, items["高血压随访"].Planned, items["高血压随访"].Done, items["高血压随访"].UnitPrice));
        Assert.Equal(Money.Of(18.83m), items["血压血脂检验"].UnitPrice);
        Assert.Equal(Money.Of(45.25m), items["医养结合服务"].UnitPrice);
        Assert.Equal("老年人健康包", items["医养结合服务"].PackageName);
        Assert.Equal(Money.Zero, items["健康指导"].UnitPrice);

        // 0 + 241.00 + 87.06 = 328.06; subsidy 100.00 + 60.00 = 160.00; own payment 168.06.
        Assert.Equal(Money.Of(328.06m), contract.Price);
        Assert.Equal(Money.Of(160.00m), contract.Subsidy);
        Assert.Equal(Money.Of(168.06m), contract.OwnPayment);
        Assert.Equal(Money.Of(328.06m), contract.RefundDue);

        // Signing puts the resident in the team's care; the next contract of the centre is number 2.
        Assert.Equal(_county.TeamA.Id, (await db.Residents.SingleAsync(r => r.Id == _elder.Id)).TeamId);
        var second = await SignAsync(_adult, _catalogue.Basic);
        Assert.Equal(2, (await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == second)).Sequence);
        Assert.Equal("TEST01-000002", (await ViewAsync(second)).Number);
    }

    [Fact]
    public async Task The_preview_shows_the_same_fee_before_anything_is_saved()
    {
        var preview = await AsDoctorA.PreviewAsync(_county.Centre.Id, _elder.Id, [_catalogue.Basic.Id, _catalogue.Elder.Id, _catalogue.Hypertension.Id]);

        Assert.Equal((Money.Of(328.06m), Money.Of(160.00m), Money.Of(168.06m)), (preview.Price, preview.Subsidy, preview.OwnPayment));
        Assert.Equal("¥168.06", preview.OwnPayment.ToString());
        var options = await AsDoctorA.PackagesForAsync(_county.Centre.Id, _adult.Id);
        Assert.False(options.Single(p => p.Code == "LNR-01").SuitsResident);
        Assert.True(options.Single(p => p.Code == "JC-01").SuitsResident);
    }

    [Fact]
    public async Task Signing_a_resident_who_already_has_a_signed_contract_is_refused()
    {
        await SignAsync(_elder, _catalogue.Basic);

        var again = await AsDoctorA.SignAsync(_catalogue.Input(_elder, _catalogue.DoctorA, Today, _catalogue.Basic, _catalogue.Elder));

        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Message == ContractService.AlreadySignedMessage && e.Field == nameof(SignContractInput.ResidentId));
        await using var db = _database.Context(UserScope.System);
        Assert.Equal(1, await db.Contracts.CountAsync(c => c.ResidentId == _elder.Id));
    }

    [Fact]
    public async Task Two_users_signing_the_same_resident_at_the_same_time_make_exactly_one_contract()
    {
        // Two circuits: two scopes, two services, two contexts.
        var first = _database.Service<ContractService>(_catalogue.DoctorOfTeamA);
        var second = _database.Service<ContractService>(_catalogue.ScopeOf(_catalogue.NurseA, "nurse-a"));
        var input = _catalogue.Input(_elder, _catalogue.DoctorA, Today, _catalogue.Basic, _catalogue.Elder);

        var results = await Task.WhenAll(Task.Run(() => first.SignAsync(input)), Task.Run(() => second.SignAsync(input)));

        Assert.Single(results, r => r.Succeeded);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Contains(refused.Errors, e => e.Message == ContractService.AlreadySignedMessage);
        await using var db = _database.Context(UserScope.System);
        var rows = await db.Contracts.AsNoTracking().IgnoreAutoIncludes().Where(c => c.ResidentId == _elder.Id).ToListAsync();
        var only = Assert.Single(rows);
        Assert.Equal(ContractStatus.Signed, only.Status);
    }

    [Fact]
    public async Task Repricing_a_package_after_signing_leaves_the_contract_at_the_prices_it_was_signed_at()
    {
        var id = await SignAsync(_elder, _catalogue.Basic, _catalogue.Elder);
        var catalogue = _database.Service<PackageCatalogue>(_county.Manager);
        var elder = (await catalogue.GetAsync(_catalogue.Elder.Id))!;

        var repriced = await catalogue.RepriceAsync(elder.Id, elder.Version,
        [
            new PackageItemInput { ServiceKind = ServiceKind.PhysicalExam, Name = "健康体检", TimesPerYear = 1, UnitPrice = 150.00m },
            new PackageItemInput { ServiceKind = ServiceKind.IntegratedCare, Name = "医养结合服务", TimesPerYear = 2, UnitPrice = 50.10m },
        ], 120.00m);

        Assert.True(repriced.Succeeded, repriced.Summary);
        var now = (await catalogue.GetAsync(_catalogue.Elder.Id))!;
        Assert.Equal((2, Money.Of(250.20m), Money.Of(120.00m), 2), (now.PriceVersion, now.Price, now.Subsidy, now.Items.Count));
        var contract = await ViewAsync(id);
        var package = contract.Packages.Single(p => p.Code == "LNR-01");
        Assert.Equal((1, ContractCatalogue.ElderPrice, ContractCatalogue.ElderSubsidy), (package.PriceVersion, package.Price, package.Subsidy));
        Assert.Equal(Money.Of(120.00m), contract.Items.Single(i => i.Name == "健康体检").UnitPrice);
        Assert.Contains(contract.Items, i => i.Name == "中医体质辨识");
        Assert.Equal(Money.Of(141.00m), contract.OwnPayment);
    }

    [Fact]
    public async Task Renewal_makes_a_new_signed_contract_linked_to_the_old_one_at_current_prices()
    {
        var oldId = await SignAsync(_elder, _catalogue.Basic, _catalogue.Elder, _catalogue.Hypertension);
        var catalogue = _database.Service<PackageCatalogue>(_county.Manager);
        var elder = (await catalogue.GetAsync(_catalogue.Elder.Id))!;
        Assert.True((await catalogue.RepriceAsync(elder.Id, elder.Version,
            elder.Items.Select(PackageItemInput.From).Select(i => { if (i.Name == "健康体检") i.UnitPrice = 130.00m; return i; }).ToList(),
            100.00m)).Succeeded);
        _database.Clock.Now = new DateTimeOffset(2027, 11, 1, 9, 0, 0, ChinaTime.Offset); // 21 days before the end
        var old = await ViewAsync(oldId);

        var renewed = await AsDoctorA.RenewAsync(oldId, old.Version);

        Assert.True(renewed.Succeeded, renewed.Summary);
        await using var db = _database.Context(UserScope.System);
        var next = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == renewed.Id);
        Assert.Equal((ContractStatus.Signed, (int?)oldId, 2), (next.Status, next.PreviousContractId, next.Sequence));
        Assert.Equal(new ContractTerm(new DateOnly(2027, 11, 23), new DateOnly(2028, 11, 22)), next.Term);
        Assert.Equal(new DateOnly(2027, 11, 1), next.SignedOn);
        var nextElder = next.Packages.Single(p => p.Code == "LNR-01");
        Assert.Equal((2, Money.Of(251.00m)), (nextElder.PriceVersion, nextElder.Price));
        Assert.Equal(Money.Of(130.00m), next.Items.Single(i => i.Name == "健康体检").UnitPrice);
        Assert.Equal(Money.Of(338.06m), next.Price);

        var oldNow = await ViewAsync(oldId);
        Assert.Equal(ContractStatus.Renewed, oldNow.Status);
        Assert.Equal(renewed.Id, oldNow.NextContractId);
        Assert.Equal(Money.Of(120.00m), oldNow.Items.Single(i => i.Name == "健康体检").UnitPrice);
        Assert.Equal(oldId, (await ViewAsync(renewed.Id!.Value)).PreviousContractId);
    }

    [Fact]
    public async Task Batch_renewal_of_three_contracts_reports_two_renewed_and_one_failure_with_its_reason()
    {
        var third = _county.AddResident(_database, _county.VillageA, "陈阿姨", new DateOnly(1960, 1, 9));
        var a = await SignAsync(_elder, _catalogue.Basic);
        var b = await SignAsync(_adult, _catalogue.Basic);
        var c = await SignAsync(third, new DateOnly(2026, 12, 23), _catalogue.Basic); // ends a month after the others
        _database.Clock.Now = new DateTimeOffset(2027, 11, 1, 9, 0, 0, ChinaTime.Offset);
        var reported = new List<int>();

        var outcomes = await AsDoctorA.RenewManyAsync([a, b, c], new ListProgress(reported));

        Assert.Equal([1, 2, 3], reported);
        Assert.Equal(2, outcomes.Count(o => o.Renewed));
        var failure = Assert.Single(outcomes, o => !o.Renewed);
        Assert.Equal(c, failure.ContractId);
        Assert.Equal("协议到期前 30 天内才能续约。", failure.Message);
        Assert.All(outcomes.Where(o => o.Renewed), o => Assert.NotNull(o.NewContractId));
        Assert.Equal(ContractStatus.Signed, (await ViewAsync(c)).Status);
        Assert.Equal(ContractStatus.Renewed, (await ViewAsync(a)).Status);
    }

    [Fact]
    public async Task Termination_stores_the_reason_the_note_and_the_date()
    {
        var id = await SignAsync(_adult, _catalogue.Basic);
        var view = await ViewAsync(id);

        var missingNote = await AsDoctorA.TerminateAsync(id, view.Version, TerminationReason.Other, "  ", Today);
        var done = await AsDoctorA.TerminateAsync(id, view.Version, TerminationReason.MovedAway, "迁往杭州市", Today);

        Assert.Equal("解约原因为“其他”时须填写说明。", missingNote.Summary);
        Assert.True(done.Succeeded, done.Summary);
        var terminated = await ViewAsync(id);
        Assert.Equal((ContractStatus.Terminated, TerminationReason.MovedAway, "迁往杭州市", (DateOnly?)Today),
            (terminated.Status, terminated.TerminationReason, terminated.TerminationNote, terminated.EndedOn));
        // A terminated contract no longer blocks signing again, and cannot change.
        var again = await AsDoctorA.TerminateAsync(id, terminated.Version, TerminationReason.ResidentRequest, null, Today);
        Assert.Equal("已解约的协议不能再修改。", again.Summary);
        await SignAsync(_adult, _catalogue.Basic);
    }

    [Fact]
    public async Task A_contract_past_its_end_is_reported_expired_and_cannot_be_terminated()
    {
        var id = await SignAsync(_adult, _catalogue.Basic);
        _database.Clock.Now = new DateTimeOffset(2027, 11, 23, 9, 0, 0, ChinaTime.Offset); // the day after the end
        var service = AsDoctorA;

        var row = Assert.Single((await service.SearchAsync(new ContractQuery())).Items);
        var view = (await service.GetAsync(id))!;
        var expiredOnly = await service.SearchAsync(new ContractQuery { Status = ContractStatus.Expired });
        var signedOnly = await service.SearchAsync(new ContractQuery { Status = ContractStatus.Signed });
        var terminate = await service.TerminateAsync(id, view.Version, TerminationReason.ResidentRequest, null, _database.Clock.Today);

        Assert.Equal(ContractStatus.Expired, row.Status);
        Assert.Equal(ContractStatus.Expired, view.Status);
        Assert.Single(expiredOnly.Items);
        Assert.Empty(signedOnly.Items);
        Assert.False(terminate.Succeeded);
        Assert.Equal("已到期的协议不能再修改。", terminate.Summary);
    }

    [Fact]
    public async Task A_nurse_of_team_B_neither_opens_nor_lists_a_contract_of_team_A()
    {
        var inA = await SignAsync(_elder, _catalogue.Basic);
        var inB = await SignAsync(_inTeamB, _catalogue.Basic);
        var nurseB = _database.Service<ContractService>(_catalogue.NurseOfTeamB);

        Assert.Null(await nurseB.GetAsync(inA));
        Assert.NotNull(await nurseB.GetAsync(inB));
        Assert.Equal([inB], (await nurseB.SearchAsync(new ContractQuery())).Items.Select(r => r.Id).ToArray());
        Assert.Empty((await nurseB.SearchAsync(new ContractQuery { Search = "王老伯" })).Items);
        Assert.Equal(2, (await _database.Service<ContractService>(_county.Manager).SearchAsync(new ContractQuery())).TotalCount);
        Assert.Empty((await _database.Service<ContractService>(_county.OtherCentreManager).SearchAsync(new ContractQuery())).Items);
    }

    [Fact]
    public async Task The_list_filters_and_sums_money_on_SQLite()
    {
        var elder = await SignAsync(_elder, _catalogue.Basic, _catalogue.Elder, _catalogue.Hypertension);
        var adult = await SignAsync(_adult, new DateOnly(2026, 12, 23), _catalogue.Basic); // ends 51 days after 2027-11-01
        var inB = await SignAsync(_inTeamB, _catalogue.Basic);
        var service = _database.Service<ContractService>(_county.Manager);

        var all = await service.SearchAsync(new ContractQuery());
        var byName = await service.SearchAsync(new ContractQuery { Search = "王老" });
        var byNumber = await service.SearchAsync(new ContractQuery { Search = "TEST01-000002" });
        var teamB = await service.SearchAsync(new ContractQuery { TeamId = _county.TeamB.Id });
        _database.Clock.Now = new DateTimeOffset(2027, 11, 1, 9, 0, 0, ChinaTime.Offset);
        var expiring = await service.SearchAsync(new ContractQuery { ExpiringWithinDays = 30 });

        Assert.Equal(3, all.TotalCount);
        var row = Assert.Single(byName.Items);
        Assert.Equal((elder, "王老伯", "第一团队", "TEST01-000001"), (row.Id, row.ResidentName, row.TeamName, row.Number));
        Assert.Equal(Money.Of(168.06m), row.OwnPayment);
        Assert.Equal(0m, row.FulfilmentRate);
        Assert.Equal(365 - 1, row.DaysLeft);
        Assert.Equal(Money.Zero, all.Items.Single(r => r.Id == adult).OwnPayment);
        Assert.Equal(adult, Assert.Single(byNumber.Items).Id);
        Assert.Equal(inB, Assert.Single(teamB.Items).Id);
        Assert.Equal([elder, inB], expiring.Items.Select(r => r.Id).Order().ToArray());
    }

    [Fact]
    public async Task Fulfilment_by_team_counts_done_against_planned_items_after_services_are_recorded()
    {
        var elder = await SignAsync(_elder, _catalogue.Basic, _catalogue.Elder, _catalogue.Hypertension); // planned 5 + 4 + 6 = 15
        await SignAsync(_adult, _catalogue.Basic);                                                        // planned 5
        await SignAsync(_inTeamB, _catalogue.Basic);                                                      // planned 5, nothing done
        var sourceId = 0;

        async Task<bool> Record(Resident resident, ServiceKind kind)
        {
            await using var db = _database.Context(UserScope.System);
            var counted = await ContractService.RecordServiceAsync(db, resident.Id, kind, Today, "Test", ++sourceId, _catalogue.DoctorA.Id);
            await db.SaveChangesAsync();
            return counted;
        }

        Assert.True(await Record(_elder, ServiceKind.PhysicalExam));
        Assert.True(await Record(_elder, ServiceKind.IntegratedCare));
        Assert.True(await Record(_elder, ServiceKind.IntegratedCare));
        Assert.False(await Record(_elder, ServiceKind.IntegratedCare)); // only 2 promised: the third is not counted
        Assert.True(await Record(_elder, ServiceKind.HypertensionFollowUp));
        Assert.True(await Record(_elder, ServiceKind.HypertensionFollowUp));
        Assert.False(await Record(_elder, ServiceKind.HomeBedRound));   // not promised
        Assert.True(await Record(_adult, ServiceKind.HealthRecord));
        await using (var db = _database.Context(UserScope.System))
        {
            // Recording the same source record twice counts once.
            Assert.False(await ContractService.RecordServiceAsync(db, _adult.Id, ServiceKind.HealthGuidance, Today, "Test", sourceId, null));
        }

        var teams = await _database.Service<ContractService>(_county.Manager).FulfilmentByTeamAsync();

        // Team A: done 1 + 2 + 2 = 5 of 15 for the elder, 1 of 5 for the adult → 6 ÷ 20 = 30 %.
        var a = teams.Single(t => t.TeamId == _county.TeamA.Id);
        Assert.Equal((2, 20, 6, 0.3m), (a.SignedContracts, a.Planned, a.Done, a.Rate));
        var b = teams.Single(t => t.TeamId == _county.TeamB.Id);
        Assert.Equal((1, 5, 0, 0m), (b.SignedContracts, b.Planned, b.Done, b.Rate));
        var view = await ViewAsync(elder);
        Assert.Equal(5m / 15m, view.FulfilmentRate);
        Assert.Equal((2, 2), (view.Items.Single(i => i.Name == "医养结合服务").Planned, view.Items.Single(i => i.Name == "医养结合服务").Done));
        Assert.Equal(5m / 15m, (await _database.Service<ContractService>(_county.Manager).SearchAsync(new ContractQuery { Search = "王老伯" })).Items[0].FulfilmentRate);
    }

    [Fact]
    public async Task Only_the_centres_manager_or_an_administrator_may_change_the_catalogue()
    {
        var asDoctor = _database.Service<PackageCatalogue>(_catalogue.DoctorOfTeamA);
        var basic = (await asDoctor.GetAsync(_catalogue.Basic.Id))!;
        var input = new PackageInput
        {
            CentreId = _county.Centre.Id, Code = "ZY-01", Name = "中医药服务包", Kind = PackageKind.Custom,
            Items = [new PackageItemInput { ServiceKind = ServiceKind.TcmConstitution, Name = "中医体质辨识", TimesPerYear = 1, UnitPrice = 30m }],
        };

        Assert.Equal(PackageCatalogue.NotAllowedMessage, (await asDoctor.SetActiveAsync(basic.Id, basic.Version, false)).Summary);
        Assert.Equal(PackageCatalogue.NotAllowedMessage, (await asDoctor.CreateAsync(input)).Summary);
        Assert.Equal(PackageCatalogue.NotAllowedMessage, (await _database.Service<PackageCatalogue>(_county.OtherCentreManager).CreateAsync(input)).Summary);
        Assert.False((await _database.Service<PackageCatalogue>(_county.OtherCentreManager).SetActiveAsync(basic.Id, basic.Version, false)).Succeeded);

        var created = await _database.Service<PackageCatalogue>(_county.Admin).CreateAsync(input);
        Assert.True(created.Succeeded, created.Summary);
        var manager = _database.Service<PackageCatalogue>(_county.Manager);
        var deactivated = await manager.SetActiveAsync(basic.Id, basic.Version, false);
        Assert.True(deactivated.Succeeded, deactivated.Summary);
        var list = await manager.ListAsync(_county.Centre.Id);
        Assert.Equal(4, list.Count);
        Assert.False(list.Single(p => p.Code == "JC-01").IsActive);
        Assert.DoesNotContain(await AsDoctorA.PackagesForAsync(_county.Centre.Id, null), p => p.Code == "JC-01");
    }

    [Fact]
    public async Task The_catalogue_checks_each_field_and_gives_a_message_per_field()
    {
        var manager = _database.Service<PackageCatalogue>(_county.Manager);

        var result = await manager.CreateAsync(new PackageInput
        {
            CentreId = _county.Centre.Id, Code = "LNR-01", Name = " ", Kind = PackageKind.KeyPopulation,
            Items =
            [
                new PackageItemInput { ServiceKind = ServiceKind.PhysicalExam, Name = "健康体检", TimesPerYear = 1, UnitPrice = -5m },
                new PackageItemInput { ServiceKind = ServiceKind.HomeVisit, Name = "上门访视", TimesPerYear = 0, UnitPrice = 10.005m },
            ],
            Subsidy = -1m,
        });

        Assert.False(result.Succeeded);
        string? Error(string field) => result.Errors.SingleOrDefault(e => e.Field == field)?.Message;
        Assert.Equal("本机构已有编码为“LNR-01”的服务包。", Error("Code"));
        Assert.Equal("请填写服务包名称。", Error("Name"));
        Assert.Equal("个性包须指定服务的重点人群。", Error("TargetPopulation"));
        Assert.Equal("单价不能为负数。", Error("Items[0].UnitPrice"));
        Assert.Equal("每年次数应在 1–365 之间。", Error("Items[1].TimesPerYear"));
        Assert.Equal("单价最多精确到分（两位小数）。", Error("Items[1].UnitPrice"));
        Assert.Equal("补助金额不能为负数。", Error("Subsidy"));

        var elder = (await manager.GetAsync(_catalogue.Elder.Id))!;
        var tooMuch = await manager.RepriceAsync(elder.Id, elder.Version, elder.Items.Select(PackageItemInput.From).ToList(), 241.01m);
        Assert.Equal("补助金额不能超过服务包价格 ¥241.00。", tooMuch.Summary);
        var stale = await manager.RenameAsync(elder.Id, Guid.NewGuid(), "老年人健康服务包", null);
        Assert.True(stale.Conflict);
    }

    private sealed class ListProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value) => reported.Add(value);
    }
}
