using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Contracts;

/// <summary>The three kinds of service package (服务包).</summary>
public enum PackageKind
{
    /// <summary>基础包: the national basic public-health services; required in every contract; free.</summary>
    Basic = 1,
    /// <summary>个性包: for a key population (hypertension, diabetes, 65+, children 0–6, …); paid.</summary>
    KeyPopulation = 2,
    /// <summary>定制包: custom (医养结合, 家庭病床, 康复护理, 中医药, …); paid.</summary>
    Custom = 3,
}

public static class PackageKinds
{
    public static string ChineseName(this PackageKind kind) => kind switch
    {
        PackageKind.Basic => "基础包",
        PackageKind.KeyPopulation => "个性包",
        _ => "定制包",
    };
}

/// <summary>What a package item is, as a manager types it.</summary>
public sealed record PackageItemSpec(ServiceKind ServiceKind, string Name, int TimesPerYear, Money UnitPrice);

/// <summary>One promised service of a package: what, how many times per contract year, at what unit price.</summary>
public sealed class PackageItem : Entity
{
    private PackageItem() { Name = string.Empty; }

    internal PackageItem(PackageItemSpec spec)
    {
        ServiceKind = spec.ServiceKind;
        Name = County.Required(spec.Name, "服务项目名称");
        if (Name.Length > 100)
            throw new DomainException("package.item-name", "服务项目名称最多 100 个字。");
        if (spec.TimesPerYear is < 1 or > 365)
            throw new DomainException("package.item-times", $"“{Name}”的每年次数应在 1–365 之间。");
        TimesPerYear = spec.TimesPerYear;
        UnitPrice = spec.UnitPrice;
    }

    public ServiceKind ServiceKind { get; private set; }
    public string Name { get; private set; }
    public int TimesPerYear { get; private set; }
    public Money UnitPrice { get; private set; }
    public Money Price => UnitPrice * TimesPerYear;
}

/// <summary>
/// A service package (服务包) in a centre's catalogue. Its prices may change; a contract copies the
/// prices it was signed at, so a change never alters a signed contract. <see cref="PriceVersion"/>
/// counts the changes.
/// </summary>
public sealed class ServicePackage : AggregateRoot
{
    private readonly List<PackageItem> _items = [];

    private ServicePackage() { Code = Name = string.Empty; }

    public ServicePackage(Centre centre, string code, string name, PackageKind kind, KeyPopulation targetPopulation,
        string? description, IEnumerable<PackageItemSpec> items, Money subsidy)
    {
        CentreId = centre.Id;
        Code = County.Required(code, "服务包编码").ToUpperInvariant();
        if (Code.Length > 20 || !Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new DomainException("package.code", "服务包编码只能是不超过 20 位的字母、数字或“-”。");
        Kind = kind;
        Rename(name, description);
        if (kind == PackageKind.KeyPopulation && targetPopulation == KeyPopulation.None)
            throw new DomainException("package.target", "个性包须指定服务的重点人群。");
        TargetPopulation = targetPopulation;
        Reprice(items, subsidy);
        PriceVersion = 1;
    }

    public int CentreId { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public PackageKind Kind { get; private set; }

    /// <summary>For a 个性包, the key population(s) it serves; the resident must belong to one of them.</summary>
    public KeyPopulation TargetPopulation { get; private set; }
    public string? Description { get; private set; }

    /// <summary>What health insurance or public funds pay of the price.</summary>
    public Money Subsidy { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int PriceVersion { get; private set; }
    public IReadOnlyList<PackageItem> Items => _items;

    public Money Price => Money.Sum(_items.Select(i => i.Price));
    public Money OwnPayment => Price - Subsidy;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Name))]
    public void Rename(string name, string? description)
    {
        Name = County.Required(name, "服务包名称");
        if (Name.Length > 50)
            throw new DomainException("package.name", "服务包名称最多 50 个字。");
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    /// <summary>Replaces the items and the subsidy (a new price version). Signed contracts keep their copies.</summary>
    public void Reprice(IEnumerable<PackageItemSpec> items, Money subsidy)
    {
        var list = items.Select(i => new PackageItem(i)).ToList();
        if (list.Count == 0)
            throw new DomainException("package.no-items", "服务包至少要有一个服务项目。");
        if (list.GroupBy(i => i.Name).Any(g => g.Count() > 1))
            throw new DomainException("package.duplicate-item", "同一服务包内服务项目名称不能重复。");
        var price = Money.Sum(list.Select(i => i.Price));
        if (Kind == PackageKind.Basic && price > Money.Zero)
            throw new DomainException("package.basic-free", "基础包是免费的国家基本公共卫生服务，项目单价应为 0。");
        if (subsidy > price)
            throw new DomainException("package.subsidy", $"补助金额 {subsidy} 不能超过服务包价格 {price}。");
        _items.Clear();
        _items.AddRange(list);
        Subsidy = subsidy;
        PriceVersion++;
    }

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    /// <summary>Whether a resident may take this package on a day (a 个性包 needs the target key population).</summary>
    public bool Suits(Resident resident, DateOnly day) =>
        TargetPopulation == KeyPopulation.None || (resident.KeyPopulationsOn(day) & TargetPopulation) != 0;
}
