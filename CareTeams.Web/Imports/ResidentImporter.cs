using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Imports;

/// <summary>How far an import has got: the phase in words, and rows done of the total.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>What an import did, row by row, and the sheet handed back with its result column.</summary>
public sealed record ResidentImportResult(int Rows, int Added, int Updated, int Unchanged,
    IReadOnlyList<ImportRowError> Errors, IReadOnlyList<string> Updates, byte[] ResultWorkbook)
{
    public int FailedRows => Errors.Select(e => e.RowNumber).Distinct().Count();
}

/// <summary>
/// Bulk import of a centre's residents from the template sheet. Every row passes the resident form's
/// rules (<see cref="ResidentImportRules"/>); good rows are added, or update the resident with the same
/// ID number; bad rows are reported and left out whole. Everything is written in one transaction: a
/// failure or a cancellation part-way leaves the database as it was. Importing the same file again adds
/// nothing. For centre managers (their centre), administrators (any centre of the county) and jobs.
/// </summary>
public sealed class ResidentImporter(IDbContextFactory<CareTeamsDbContext> contexts, IClock clock, ICurrentUser currentUser)
{
    public const int BatchSize = 500;

    public bool MayImport => currentUser.Scope.Level is ScopeLevel.Centre or ScopeLevel.County or ScopeLevel.System;

    /// <summary>The centres the user may import into (code and name).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CentresAsync(CancellationToken cancellationToken = default)
    {
        if (!MayImport)
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var centres = await db.Centres.OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(cancellationToken);
        return centres.Select(c => (c.Code, c.Name)).ToList();
    }

    /// <summary>The template with the centre's villages in its drop-down; null when the centre is not the user's.</summary>
    public async Task<byte[]?> TemplateAsync(string centreCode, CancellationToken cancellationToken = default)
    {
        if (!MayImport)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Centres.FirstOrDefaultAsync(c => c.Code == centreCode, cancellationToken) is not { } centre)
            return null;
        var villages = await db.Villages.Where(v => v.CentreId == centre.Id).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync(cancellationToken);
        return ResidentImportSheet.Template(villages);
    }

    public async Task<ResidentImportResult> ImportAsync(string centreCode, byte[] workbook, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!MayImport)
            throw new DomainException("import.forbidden", "只有机构管理员或县区管理员可以批量导入居民。");
        progress?.Report(new ImportProgress("读取文件", 0, 0));
        var rows = ResidentImportSheet.Read(new MemoryStream(workbook));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var centre = await db.Centres.AsNoTracking().FirstOrDefaultAsync(c => c.Code == centreCode, cancellationToken)
            ?? throw new DomainException("import.centre", $"找不到机构“{centreCode}”，或您无权向该机构导入。");
        var villages = await db.Villages.AsNoTracking().Where(v => v.CentreId == centre.Id).ToListAsync(cancellationToken);
        var villagesById = villages.ToDictionary(v => v.Id);
        var today = clock.Today;

        progress?.Report(new ImportProgress("检查数据", 0, rows.Count));
        var (checkedRows, ruleErrors) = ResidentImportRules.Check(rows, villages.ToDictionary(v => v.Name, v => v.Id, StringComparer.Ordinal), today);
        var errors = ruleErrors.ToList();
        var good = checkedRows.ToList();

        // ID numbers are unique in the county: one already registered at another centre cannot be imported here.
        // (A top-level, single-purpose check: the scope filter would hide the other centre's resident.)
        var ids = good.Select(r => r.Details.IdNumber.Value).ToList();
        var registered = await InChunksAsync(ids, chunk => db.Residents.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CountyId == centre.CountyId && chunk.Contains(r.IdNumber))
            .Select(r => new { r.IdNumber, r.CentreId, r.VillageId, r.Status })
            .ToListAsync(cancellationToken));
        var registeredById = registered.ToDictionary(r => r.IdNumber, StringComparer.Ordinal);
        Reject(good, errors, r => registeredById.TryGetValue(r.Details.IdNumber.Value, out var found) && found.CentreId != centre.Id
            ? (ResidentImportColumns.IdNumber, "该身份证号已在本县其他机构登记，不能重复登记；如居民迁入本机构，请联系县区管理员办理。")
            : null);

        // A head of household must be a resident of the same village: in this file, or already registered here.
        var headIds = good.Where(r => r.HeadIdNumber is not null).Select(r => r.HeadIdNumber!).Distinct().ToList();
        var existingHeads = (await InChunksAsync(headIds, chunk => db.Residents.AsNoTracking()
                .Where(r => r.CentreId == centre.Id && chunk.Contains(r.IdNumber))
                .Select(r => new { r.IdNumber, r.VillageId, r.Status })
                .ToListAsync(cancellationToken)))
            .ToDictionary(r => r.IdNumber, StringComparer.Ordinal);
        var goodById = good.ToDictionary(r => r.Details.IdNumber.Value, StringComparer.Ordinal);
        var idsInFile = rows.Where(r => r.IdNumber is not null).Select(r => r.IdNumber!.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        Reject(good, errors, r =>
        {
            if (r.HeadIdNumber is not { } head || head == r.Details.IdNumber.Value)
                return null;
            if (goodById.TryGetValue(head, out var headRow))
            {
                if (headRow.HeadIdNumber is { } own && own != head)
                    return (ResidentImportColumns.HeadIdNumber, "户主本人的“户主身份证号”应为空或填本人号码。");
                return headRow.VillageId == r.VillageId ? null : (ResidentImportColumns.HeadIdNumber, "户主须与本人在同一村/社区。");
            }
            if (existingHeads.TryGetValue(head, out var existing))
            {
                if (existing.Status == ResidentStatus.Deceased)
                    return (ResidentImportColumns.HeadIdNumber, "该户主已登记死亡，请填写新的户主。");
                return existing.VillageId == r.VillageId ? null : (ResidentImportColumns.HeadIdNumber, "户主须与本人在同一村/社区。");
            }
            return idsInFile.Contains(head)
                ? (ResidentImportColumns.HeadIdNumber, "户主所在行有错误，未导入；请先改正户主那一行。")
                : (ResidentImportColumns.HeadIdNumber, "户主不在本文件中，也不是本机构已登记的居民。");
        });
        // A resident already registered here and recorded as deceased is read-only.
        Reject(good, errors, r => registeredById.TryGetValue(r.Details.IdNumber.Value, out var found) && found.Status == ResidentStatus.Deceased
            ? (ResidentImportColumns.IdNumber, "该居民已登记死亡，档案只读，不能通过导入修改。")
            : null);

        var outcome = new Dictionary<int, string>();
        var updates = new List<string>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var done = 0;
            foreach (var batch in good.Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batchIds = batch.Select(r => r.Details.IdNumber.Value).ToList();
                var existing = await db.Residents.Where(r => r.CentreId == centre.Id && batchIds.Contains(r.IdNumber))
                    .ToDictionaryAsync(r => r.IdNumber, StringComparer.Ordinal, cancellationToken);
                foreach (var row in batch)
                {
                    var village = villagesById[row.VillageId];
                    if (existing.TryGetValue(row.Details.IdNumber.Value, out var resident))
                    {
                        var changes = Differences(resident, row.Details, village);
                        if (changes.Count == 0)
                        {
                            outcome[row.RowNumber] = "无变化";
                            continue;
                        }
                        // An empty address cell keeps the address on record.
                        resident.UpdateDetails(row.Details.Address is null && resident.Address is { } address
                            ? WithAddress(row.Details, address, today)
                            : row.Details);
                        resident.MoveTo(village);
                        outcome[row.RowNumber] = "更新：" + string.Join("、", changes);
                        updates.Add($"第 {row.RowNumber} 行 {row.Details.Name}：{string.Join("、", changes)}");
                    }
                    else
                    {
                        db.Residents.Add(Resident.Register(village, row.Details));
                        outcome[row.RowNumber] = "新增";
                    }
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                done += batch.Length;
                progress?.Report(new ImportProgress("写入居民", done, good.Count));
            }

            await PlaceInHouseholdsAsync(db, centre, villagesById, good, outcome, updates, progress, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(cancellationToken);
        });

        // A row that only changed household counts as updated.
        var added = outcome.Values.Count(v => v == "新增");
        var updated = outcome.Values.Count(v => v.StartsWith("更新", StringComparison.Ordinal));
        var unchanged = outcome.Values.Count(v => v == "无变化");
        foreach (var group in errors.GroupBy(e => e.RowNumber))
            outcome[group.Key] = "未导入：" + string.Join(" ", group.Select(e => $"【{e.Column}】{e.Message}"));
        progress?.Report(new ImportProgress("生成结果", rows.Count, rows.Count));
        var result = ResidentImportSheet.WithResults(workbook, outcome, errors.Select(e => e.RowNumber).ToHashSet());
        return new ResidentImportResult(rows.Count, added, updated, unchanged,
            errors.OrderBy(e => e.RowNumber).ToList(), updates, result);
    }

    /// <summary>Households: each head gets one (made from the head's address when new), and the rows naming that head join it.</summary>
    private static async Task PlaceInHouseholdsAsync(CareTeamsDbContext db, Centre centre, IReadOnlyDictionary<int, Village> villages,
        IReadOnlyList<CheckedImportRow> rows, Dictionary<int, string> outcome, List<string> updates, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var rowById = rows.ToDictionary(r => r.Details.IdNumber.Value, StringComparer.Ordinal);
        void Note(string idNumber, string what)
        {
            var row = rowById[idNumber];
            var text = outcome.GetValueOrDefault(row.RowNumber);
            if (text == "新增")
                return;
            outcome[row.RowNumber] = text is null || text == "无变化" ? $"更新：{what}" : $"{text}、{what}";
            updates.Add($"第 {row.RowNumber} 行 {row.Details.Name}：{what}");
        }

        var groups = rows.Where(r => r.HeadIdNumber is not null).GroupBy(r => r.HeadIdNumber!).ToList();
        var done = 0;
        foreach (var batch in groups.Chunk(BatchSize / 5))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var people = batch.SelectMany(g => g.Select(r => r.Details.IdNumber.Value).Append(g.Key)).Distinct().ToList();
            var residents = await db.Residents.Where(r => r.CentreId == centre.Id && people.Contains(r.IdNumber))
                .ToDictionaryAsync(r => r.IdNumber, StringComparer.Ordinal, cancellationToken);
            var householdIds = residents.Values.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).Distinct().ToList();
            var households = await db.Households.Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);

            // The heads' households first, all new ones saved together so they have their ids.
            var householdOfHead = new Dictionary<string, Household>(StringComparer.Ordinal);
            foreach (var group in batch)
            {
                var head = residents[group.Key];
                if (head.HouseholdId is { } own && households[own] is var current && (current.HeadResidentId == head.Id || current.HeadResidentId is null))
                    householdOfHead[group.Key] = current;
                else
                    db.Households.Add(householdOfHead[group.Key] = new Household(villages[head.VillageId], head.Address ?? villages[head.VillageId].Name));
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var household in householdOfHead.Values)
                households[household.Id] = household;

            foreach (var group in batch)
            {
                var head = residents[group.Key];
                var household = householdOfHead[group.Key];
                if (head.HouseholdId != household.Id || household.HeadResidentId != head.Id)
                {
                    if (head.HouseholdId is { } previous && previous != household.Id)
                        head.LeaveHousehold(households[previous]);
                    head.JoinHousehold(household);
                    household.MakeHead(head);
                    Note(head.IdNumber, "户主");
                }
                foreach (var row in group.Where(r => r.Details.IdNumber.Value != group.Key))
                {
                    var member = residents[row.Details.IdNumber.Value];
                    if (member.HouseholdId == household.Id)
                        continue;
                    if (member.HouseholdId is { } previous)
                    {
                        if (!households.TryGetValue(previous, out var old))
                            households[previous] = old = await db.Households.SingleAsync(h => h.Id == previous, cancellationToken);
                        member.LeaveHousehold(old);
                    }
                    member.JoinHousehold(household);
                    Note(member.IdNumber, "家庭户");
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Length;
            progress?.Report(new ImportProgress("建立家庭户", done, groups.Count));
        }
    }

    /// <summary>
    /// A lookup by many ID numbers, a chunk at a time: EF Core 10 sends a list as one parameter per item,
    /// and SQLite takes at most 32,766 parameters in a statement.
    /// </summary>
    private static async Task<List<T>> InChunksAsync<T>(IReadOnlyList<string> ids, Func<string[], Task<List<T>>> query)
    {
        var found = new List<T>();
        foreach (var chunk in ids.Chunk(BatchSize))
            found.AddRange(await query(chunk));
        return found;
    }

    private static ResidentDetails WithAddress(ResidentDetails details, string address, DateOnly today) =>
        ResidentDetails.Validate(new ResidentInput
        {
            Name = details.Name, IdNumber = details.IdNumber.Value, Phone = details.Phone?.Value, Address = address,
            LivingArrangement = details.LivingArrangement, Tags = details.Tags,
        }, today).Details ?? details;

    private static List<string> Differences(Resident resident, ResidentDetails details, Village village)
    {
        var changes = new List<string>();
        if (resident.Name != details.Name) changes.Add("姓名");
        if (resident.Phone != details.Phone?.Value) changes.Add("联系电话");
        if ((resident.Address ?? "") != (details.Address ?? "") && details.Address is not null) changes.Add("住址");
        if (resident.LivingArrangement != details.LivingArrangement) changes.Add("居住状态");
        if ((resident.Tags & KeyPopulations.HandRecorded) != details.Tags) changes.Add("重点人群");
        if (resident.VillageId != village.Id) changes.Add("村/社区");
        return changes;
    }

    private static void Reject(List<CheckedImportRow> good, List<ImportRowError> errors, Func<CheckedImportRow, (string Column, string Message)?> problem)
    {
        for (var i = good.Count - 1; i >= 0; i--)
        {
            if (problem(good[i]) is { } p)
            {
                errors.Add(new ImportRowError(good[i].RowNumber, p.Column, p.Message));
                good.RemoveAt(i);
            }
        }
    }
}
