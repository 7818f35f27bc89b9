using CareTeams.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

/// <summary>The standard contract runs 2025-06-15 … 2026-06-14.</summary>
public class ContractExpiry
{
    private static readonly DateOnly End = D(2026, 6, 14);
    private readonly ContractBuilder builder = new();

    [Fact]
    public void On_its_last_day_a_signed_contract_is_still_signed()
    {
        var contract = builder.Build();

        Assert.Equal(ContractStatus.Signed, contract.StatusOn(End));
    }

    [Fact]
    public void The_day_after_its_end_a_signed_contract_is_expired_though_the_stored_status_has_not_caught_up()
    {
        var contract = builder.Build();

        Assert.Equal(ContractStatus.Expired, contract.StatusOn(End.AddDays(1)));
        Assert.Equal(ContractStatus.Expired, contract.StatusOn(D(2030, 1, 1)));
        Assert.Equal(ContractStatus.Signed, contract.Status);
    }

    [Fact]
    public void A_draft_or_a_terminated_contract_never_becomes_expired_by_date()
    {
        var draft = builder.Draft();
        var terminated = builder.Build();
        terminated.Terminate(TerminationReason.MovedAway, null, D(2025, 9, 1), D(2025, 9, 1));

        Assert.Equal(ContractStatus.Draft, draft.StatusOn(End.AddDays(1)));
        Assert.Equal(ContractStatus.Terminated, terminated.StatusOn(End.AddDays(1)));
    }

    [Theory]
    [InlineData(2026, 5, 14, false)] // 31 days left
    [InlineData(2026, 5, 15, true)]  // 30 days left
    [InlineData(2026, 6, 13, true)]
    [InlineData(2026, 6, 14, true)]  // the last day
    [InlineData(2026, 6, 15, false)] // expired, no longer “expiring”
    [InlineData(2025, 6, 15, false)]
    public void IsExpiringWithin_30_days_covers_the_last_30_days_up_to_and_including_the_end(int year, int month, int day, bool expected)
    {
        var contract = builder.Build();

        Assert.Equal(expected, contract.IsExpiringWithin(D(year, month, day), 30));
    }

    [Fact]
    public void IsExpiringWithin_0_days_is_true_only_on_the_last_day()
    {
        var contract = builder.Build();

        Assert.False(contract.IsExpiringWithin(End.AddDays(-1), 0));
        Assert.True(contract.IsExpiringWithin(End, 0));
    }

    [Fact]
    public void A_draft_a_terminated_or_a_renewed_contract_is_never_expiring()
    {
        var draft = builder.Draft();
        var terminated = builder.Build();
        terminated.Terminate(TerminationReason.ResidentRequest, null, D(2026, 6, 1), D(2026, 6, 1));
        var renewed = builder.Build();
        builder.Renew(renewed, D(2026, 6, 1));

        Assert.False(draft.IsExpiringWithin(D(2026, 6, 10), 30));
        Assert.False(terminated.IsExpiringWithin(D(2026, 6, 10), 30));
        Assert.False(renewed.IsExpiringWithin(D(2026, 6, 10), 30));
    }

    [Fact]
    public void MarkExpired_stores_the_expiry_and_the_end_day()
    {
        var contract = builder.Build();

        contract.MarkExpired(End.AddDays(1));

        Assert.Equal(ContractStatus.Expired, contract.Status);
        Assert.Equal(End, contract.EndedOn);
        Assert.Equal(ContractStatus.Expired, contract.StatusOn(End.AddDays(1)));
    }

    [Fact]
    public void MarkExpired_is_refused_while_the_contract_runs_including_its_last_day()
    {
        var contract = builder.Build();

        Refused.By("contract.not-expired", () => contract.MarkExpired(End));
        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Null(contract.EndedOn);
    }

    [Fact]
    public void MarkExpired_twice_is_refused()
    {
        var contract = builder.Build();
        contract.MarkExpired(End.AddDays(1));

        Refused.By("contract.not-expired", () => contract.MarkExpired(End.AddDays(2)));
    }

    [Fact]
    public void MarkExpired_is_refused_for_a_draft_a_terminated_or_a_renewed_contract()
    {
        var draft = builder.Draft();
        var terminated = builder.Build();
        terminated.Terminate(TerminationReason.ResidentRequest, null, D(2026, 6, 1), D(2026, 6, 1));
        var renewed = builder.Build();
        builder.Renew(renewed, D(2026, 6, 1));

        Refused.By("contract.not-expired", () => draft.MarkExpired(End.AddDays(1)));
        Refused.By("contract.not-expired", () => terminated.MarkExpired(End.AddDays(1)));
        Refused.By("contract.not-expired", () => renewed.MarkExpired(End.AddDays(1)));
    }

    [Fact]
    public void With_a_three_month_extension_the_contract_runs_until_the_extension_ends()
    {
        var contract = builder.Build();
        contract.SettleUndelivered(UndeliveredSettlement.Extended, End);

        Assert.Equal(D(2026, 9, 14), contract.ExtendedUntil);
        Assert.Equal(ContractStatus.Signed, contract.StatusOn(D(2026, 9, 14)));
        Assert.Equal(ContractStatus.Expired, contract.StatusOn(D(2026, 9, 15)));
        Refused.By("contract.not-expired", () => contract.MarkExpired(D(2026, 9, 14)));

        contract.MarkExpired(D(2026, 9, 15));
        Assert.Equal(D(2026, 9, 14), contract.EndedOn);
    }
}
