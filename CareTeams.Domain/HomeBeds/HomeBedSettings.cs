namespace CareTeams.Domain.HomeBeds;

/// <summary>
/// The home-bed rules that differ between provinces and counties (DOMAIN.md "Home beds"), with the defaults given
/// there. Immutable; bind it from configuration (section <see cref="Section"/>) and pass it to the domain.
/// </summary>
public sealed record HomeBedSettings
{
    public const string Section = "HomeBeds";

    public static readonly HomeBedSettings Default = new();

    /// <summary>The cycle limit (建床周期) in days from the opening date: 90 by default. At the limit a bed is closed or extended.</summary>
    public int CycleLimitDays { get; init; } = 90;

    /// <summary>
    /// The responsible doctor's rounds (查床) are due at least every this many days, counted from the last round or,
    /// before the first one, from the opening date. DOMAIN.md: at least once a week (no national figure was found).
    /// </summary>
    public int RoundIntervalDays { get; init; } = 7;

    /// <summary>
    /// The youngest age (on the opening date) at which a resident may have a home bed. X县's 医养结合 plan extends
    /// family care beds (家庭照护床位) to residents aged 60 and over, and CareTeams serves that plan, so the default is
    /// 60; the condition categories (<see cref="BedCondition"/>) are required at any age. A county that opens home beds
    /// to people of every age sets this to 0.
    /// </summary>
    public int MinimumAge { get; init; } = 60;

    /// <summary>A bed is "closing soon" when this many days or fewer are left to its cycle end (7 by default).</summary>
    public int ClosingSoonDays { get; init; } = 7;

    /// <summary>The settings, or an exception naming the first one out of range (a configuration error, not a user's).</summary>
    public HomeBedSettings Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CycleLimitDays, 1, nameof(CycleLimitDays));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CycleLimitDays, 730, nameof(CycleLimitDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(RoundIntervalDays, 1, nameof(RoundIntervalDays));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RoundIntervalDays, 90, nameof(RoundIntervalDays));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumAge, nameof(MinimumAge));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinimumAge, 120, nameof(MinimumAge));
        ArgumentOutOfRangeException.ThrowIfNegative(ClosingSoonDays, nameof(ClosingSoonDays));
        return this;
    }
}
