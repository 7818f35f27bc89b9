using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>One item of a package as the catalogue form edits it (a plain class, so the form can bind to it).</summary>
public sealed class PackageItemInput
{
    public ServiceKind ServiceKind { get; set; } = ServiceKind.HealthGuidance;
    public string Name { get; set; } = string.Empty;
    public int TimesPerYear { get; set; } = 1;
    public decimal UnitPrice { get; set; }

    public static PackageItemInput From(PackageItemView item) =>
        new() { ServiceKind = item.ServiceKind, Name = item.Name, TimesPerYear = item.TimesPerYear, UnitPrice = item.UnitPrice.Yuan };
}

/// <summary>A new package as the catalogue form sends it.</summary>
public sealed class PackageInput
{
    public int CentreId { get; set; }
    public string Code { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public PackageKind Kind { get; set; } = PackageKind.KeyPopulation;
    public KeyPopulation TargetPopulation { get; set; }
    public string? Description { get; set; }
    public List<PackageItemInput> Items { get; set; } = [];
    public decimal Subsidy { get; set; }
}

/// <summary>A package as the catalogue page lists it, inactive ones included.</summary>
public sealed record CataloguePackage(int Id, Guid Version, int CentreId, string Code, string Name, PackageKind Kind,
    KeyPopulation TargetPopulation, string? Description, Money Price, Money Subsidy, Money OwnPayment, int PriceVersion, bool IsActive,
    IReadOnlyList<PackageItemView> Items);

/// <summary>
/// A centre's service package catalogue (服务包目录). Anyone in the centre may read it; only the
/// centre's own manager or a county administrator may change it. Every field is checked here (with a
/// message per field) and again by the domain; edits go through <see cref="VersionedChange"/>.
/// Repricing makes a new price version: signed contracts keep the prices they copied.
/// </summary>
public sealed class PackageCatalogue(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser)
{
    public const string NotAllowedMessage = "只有本机构的机构管理员或系统管理员可以维护服务包。";
    public const decimal MaxUnitPrice = 99_999.99m;

    /// <summary>The error key of an item's field: <c>Items[2].UnitPrice</c>.</summary>
    public static string ItemField(int index, string field) => $"{nameof(PackageInput.Items)}[{index}].{field}";

    /// <summary>Whether the current user may change this centre's catalogue (the page hides buttons with it; the service checks again).</summary>
    public bool MayManage(int centreId) => currentUser.Scope switch
    {
        { Level: ScopeLevel.System } => true,
        { Level: ScopeLevel.County } => true, // the county is checked against the centre on every write
        { Level: ScopeLevel.Centre } scope => scope.CentreId == centreId,
        _ => false,
    };

    public async Task<IReadOnlyList<CataloguePackage>> ListAsync(int centreId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var packages = await db.ServicePackages.AsNoTracking().Where(p => p.CentreId == centreId)
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        return packages.Select(ToView).ToList();
    }

    public async Task<CataloguePackage?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var package = await db.ServicePackages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return package is null ? null : ToView(package);
    }

    public async Task<SaveResult> CreateAsync(PackageInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RefuseAsync(db, input.CentreId, cancellationToken) is { } refused)
            return refused;
        var errors = new List<ValidationError>();
        var code = (input.Code ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length == 0)
            errors.Add(new(nameof(PackageInput.Code), "请填写服务包编码。"));
        else if (code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors.Add(new(nameof(PackageInput.Code), "服务包编码只能是不超过 20 位的字母、数字或“-”。"));
        CheckName(input.Name, input.Description, errors);
        if (!Enum.IsDefined(input.Kind))
            errors.Add(new(nameof(PackageInput.Kind), "请选择服务包类型。"));
        if (input.Kind == PackageKind.KeyPopulation && input.TargetPopulation == KeyPopulation.None)
            errors.Add(new(nameof(PackageInput.TargetPopulation), "个性包须指定服务的重点人群。"));
        if (input.Kind == PackageKind.Basic && input.TargetPopulation != KeyPopulation.None)
            errors.Add(new(nameof(PackageInput.TargetPopulation), "基础包面向全体签约居民，不能指定重点人群。"));
        var specs = CheckPrices(input.Items, input.Subsidy, input.Kind, errors);
        if (code.Length > 0 && await db.ServicePackages.IgnoreQueryFilters()
                .AnyAsync(p => p.CentreId == input.CentreId && p.Code == code, cancellationToken))
            errors.Add(new(nameof(PackageInput.Code), $"本机构已有编码为“{code}”的服务包。"));
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);

        var centre = await db.Centres.FirstOrDefaultAsync(c => c.Id == input.CentreId, cancellationToken);
        if (centre is null)
            return SaveResult.Invalid(nameof(PackageInput.CentreId), "请选择机构。");
        return await VersionedChange.CreateAsync(db,
            () => new ServicePackage(centre, code, input.Name, input.Kind, input.TargetPopulation, input.Description, specs!, Money.Of(input.Subsidy)),
            new ValidationError(nameof(PackageInput.Code), $"本机构已有编码为“{code}”的服务包。"), cancellationToken);
    }

    /// <summary>Changes the name and description (no new price version).</summary>
    public Task<SaveResult> RenameAsync(int id, Guid version, string name, string? description, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, p =>
        {
            var errors = new List<ValidationError>();
            CheckName(name, description, errors);
            if (errors.Count > 0)
                return SaveResult.Invalid(errors);
            p.Rename(name, description);
            return null;
        }, cancellationToken);

    /// <summary>Replaces the items and the subsidy: a new price version. Contracts already signed keep their prices.</summary>
    public Task<SaveResult> RepriceAsync(int id, Guid version, IReadOnlyList<PackageItemInput> items, decimal subsidy,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, p =>
        {
            var errors = new List<ValidationError>();
            var specs = CheckPrices(items, subsidy, p.Kind, errors);
            if (errors.Count > 0)
                return SaveResult.Invalid(errors);
            p.Reprice(specs!, Money.Of(subsidy));
            return null;
        }, cancellationToken);

    /// <summary>An inactive package is kept (contracts refer to it) but offered to no new contract.</summary>
    public Task<SaveResult> SetActiveAsync(int id, Guid version, bool active, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, p =>
        {
            if (active)
                p.Activate();
            else
                p.Deactivate();
            return null;
        }, cancellationToken);

    /// <summary>The clauses a centre prints on its contracts (null: the standard text) and the centre's version.</summary>
    public async Task<(string? Clauses, Guid Version)?> ClausesAsync(int centreId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var centre = await db.Centres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centreId, cancellationToken);
        return centre is null ? null : (centre.ContractClauses, centre.Version);
    }

    /// <summary>Sets a centre's contract clauses (empty restores the standard text); managers of the centre only.</summary>
    public async Task<SaveResult> SetClausesAsync(int centreId, Guid version, string? clauses, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RefuseAsync(db, centreId, cancellationToken) is { } refused)
            return refused;
        var centre = await db.Centres.FirstOrDefaultAsync(c => c.Id == centreId, cancellationToken);
        return await VersionedChange.SaveAsync(db, centre, version, c =>
        {
            c.SetContractClauses(clauses);
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);
    }

    private async Task<SaveResult> ChangeAsync(int id, Guid version, Func<ServicePackage, SaveResult?> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var package = await db.ServicePackages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (package is not null && await RefuseAsync(db, package.CentreId, cancellationToken) is { } refused)
            return refused;
        return await VersionedChange.SaveAsync(db, package, version, p => Task.FromResult(change(p)), cancellationToken);
    }

    /// <summary>Null when the user may change the centre's catalogue; otherwise the refusal.</summary>
    private async Task<SaveResult?> RefuseAsync(CareTeamsDbContext db, int centreId, CancellationToken cancellationToken)
    {
        var scope = currentUser.Scope;
        var allowed = scope.Level switch
        {
            ScopeLevel.System => true,
            ScopeLevel.Centre => scope.CentreId == centreId,
            ScopeLevel.County => await db.Centres.AnyAsync(c => c.Id == centreId && c.CountyId == scope.CountyId, cancellationToken),
            _ => false,
        };
        return allowed ? null : SaveResult.Invalid(string.Empty, NotAllowedMessage);
    }

    private static void CheckName(string? name, string? description, List<ValidationError> errors)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
            errors.Add(new(nameof(PackageInput.Name), "请填写服务包名称。"));
        else if (trimmed.Length > 50)
            errors.Add(new(nameof(PackageInput.Name), "服务包名称最多 50 个字。"));
        if (description is { Length: > 1000 })
            errors.Add(new(nameof(PackageInput.Description), "服务包说明最多 1000 个字。"));
    }

    /// <summary>Checks the items and the subsidy field by field; the specs when every field is right.</summary>
    private static List<PackageItemSpec>? CheckPrices(IReadOnlyList<PackageItemInput>? items, decimal subsidy, PackageKind kind,
        List<ValidationError> errors)
    {
        var before = errors.Count;
        items ??= [];
        if (items.Count == 0)
            errors.Add(new(nameof(PackageInput.Items), "服务包至少要有一个服务项目。"));
        var specs = new List<PackageItemSpec>();
        var names = new HashSet<string>();
        var price = 0m;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var name = (item.Name ?? string.Empty).Trim();
            if (!Enum.IsDefined(item.ServiceKind))
                errors.Add(new(ItemField(i, nameof(PackageItemInput.ServiceKind)), "请选择服务类别。"));
            if (name.Length == 0)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.Name)), "请填写服务项目名称。"));
            else if (name.Length > 100)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.Name)), "服务项目名称最多 100 个字。"));
            else if (!names.Add(name))
                errors.Add(new(ItemField(i, nameof(PackageItemInput.Name)), $"服务项目“{name}”重复了。"));
            if (item.TimesPerYear is < 1 or > 365)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.TimesPerYear)), "每年次数应在 1–365 之间。"));
            if (item.UnitPrice < 0)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.UnitPrice)), "单价不能为负数。"));
            else if (decimal.Round(item.UnitPrice, 2) != item.UnitPrice)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.UnitPrice)), "单价最多精确到分（两位小数）。"));
            else if (item.UnitPrice > MaxUnitPrice)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.UnitPrice)), $"单价不能超过 {Money.Of(MaxUnitPrice)}。"));
            else if (kind == PackageKind.Basic && item.UnitPrice != 0)
                errors.Add(new(ItemField(i, nameof(PackageItemInput.UnitPrice)), "基础包是免费的国家基本公共卫生服务，单价应为 0。"));
            else if (item.TimesPerYear is >= 1 and <= 365)
                price += item.UnitPrice * item.TimesPerYear;
            if (errors.Count == before)
                specs.Add(new PackageItemSpec(item.ServiceKind, name, item.TimesPerYear, Money.Of(item.UnitPrice)));
        }
        if (subsidy < 0)
            errors.Add(new(nameof(PackageInput.Subsidy), "补助金额不能为负数。"));
        else if (decimal.Round(subsidy, 2) != subsidy)
            errors.Add(new(nameof(PackageInput.Subsidy), "补助金额最多精确到分（两位小数）。"));
        else if (errors.Count == before && subsidy > price)
            errors.Add(new(nameof(PackageInput.Subsidy), $"补助金额不能超过服务包价格 {Money.Of(price)}。"));
        return errors.Count == before ? specs : null;
    }

    private static CataloguePackage ToView(ServicePackage p) =>
        new(p.Id, p.Version, p.CentreId, p.Code, p.Name, p.Kind, p.TargetPopulation, p.Description, p.Price, p.Subsidy, p.OwnPayment,
            p.PriceVersion, p.IsActive, p.Items.Select(i => new PackageItemView(i.ServiceKind, i.Name, i.TimesPerYear, i.UnitPrice)).ToList());
}
