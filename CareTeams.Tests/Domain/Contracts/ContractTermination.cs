using CareTeams.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

/// <summary>The standard contract runs 2025-06-15 … 2026-06-14.</summary>
public class ContractTermination
{
    private static readonly DateOnly Start = D(2025, 6, 15);
    private static readonly DateOnly End = D(2026, 6, 14);
    private static readonly DateOnly Today = D(2025, 12, 1);
    private readonly ContractBuilder builder = new();

    [Theory]
    [InlineData(TerminationReason.MovedAway, "居民迁出")]
    [InlineData(TerminationReason.Deceased, "居民死亡")]
    [InlineData(TerminationReason.UnreachableForAYear, "连续一年联系不上")]
    [InlineData(TerminationReason.RefusedServiceForAYear, "连续一年拒绝服务")]
    [InlineData(TerminationReason.ResidentRequest, "居民申请解约")]
    public void Terminate_with_a_reason_ends_the_contract_on_the_given_day(TerminationReason reason, string chineseName)
    {
        var contract = builder.Build();

        contract.Terminate(reason, null, D(2025, 11, 20), Today);

        Assert.Equal(ContractStatus.Terminated, contract.Status);
        Assert.Equal(ContractStatus.Terminated, contract.StatusOn(Today));
        Assert.Equal(reason, contract.TerminationReason);
        Assert.Equal(chineseName, reason.ChineseName());
        Assert.Null(contract.TerminationNote);
        Assert.Equal(D(2025, 11, 20), contract.EndedOn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Other_without_a_note_is_refused(string? note)
    {
        var contract = builder.Build();

        Refused.By("contract.termination-note", () => contract.Terminate(TerminationReason.Other, note, Today, Today));
        Assert.Equal(ContractStatus.Signed, contract.Status);
    }

    [Fact]
    public void Other_with_a_note_keeps_the_note_trimmed()
    {
        var contract = builder.Build();

        contract.Terminate(TerminationReason.Other, "  长期在外地务工  ", Today, Today);

        Assert.Equal(TerminationReason.Other, contract.TerminationReason);
        Assert.Equal("其他", TerminationReason.Other.ChineseName());
        Assert.Equal("长期在外地务工", contract.TerminationNote);
    }

    [Fact]
    public void A_note_is_kept_for_any_reason_and_a_blank_one_is_dropped()
    {
        var withNote = builder.Build();
        var blankNote = builder.Build();

        withNote.Terminate(TerminationReason.MovedAway, "迁往杭州", Today, Today);
        blankNote.Terminate(TerminationReason.MovedAway, "  ", Today, Today);

        Assert.Equal("迁往杭州", withNote.TerminationNote);
        Assert.Null(blankNote.TerminationNote);
    }

    [Fact]
    public void A_termination_date_in_the_future_is_refused()
    {
        var contract = builder.Build();

        Refused.By("contract.terminated-future", () => contract.Terminate(TerminationReason.MovedAway, null, Today.AddDays(1), Today));
    }

    [Fact]
    public void A_termination_date_before_the_start_is_refused_and_the_start_day_itself_is_allowed()
    {
        var contract = builder.Build();

        Refused.By("contract.terminated-before-start", () => contract.Terminate(TerminationReason.MovedAway, null, Start.AddDays(-1), Today));

        contract.Terminate(TerminationReason.MovedAway, null, Start, Today);
        Assert.Equal(Start, contract.EndedOn);
    }

    [Fact]
    public void A_draft_cannot_be_terminated()
    {
        var draft = builder.Draft();

        Refused.By("contract.not-in-force", () => draft.Terminate(TerminationReason.ResidentRequest, null, Today, Today));
    }

    [Fact]
    public void A_terminated_contract_cannot_be_terminated_again()
    {
        var contract = builder.Build();
        contract.Terminate(TerminationReason.MovedAway, null, D(2025, 11, 20), Today);

        Refused.By("contract.not-in-force", () => contract.Terminate(TerminationReason.Deceased, null, Today, Today));
        Assert.Equal(TerminationReason.MovedAway, contract.TerminationReason);
        Assert.Equal(D(2025, 11, 20), contract.EndedOn);
    }

    [Fact]
    public void A_renewed_contract_cannot_be_terminated()
    {
        var contract = builder.Build();
        builder.Renew(contract, D(2026, 6, 1));

        Refused.By("contract.not-in-force", () => contract.Terminate(TerminationReason.MovedAway, null, D(2026, 6, 2), D(2026, 6, 2)));
        Assert.Equal(ContractStatus.Renewed, contract.Status);
    }

    [Fact]
    public void An_expired_contract_cannot_be_terminated_whether_or_not_the_expiry_was_stored()
    {
        var expiredByDate = builder.Build();
        var markedExpired = builder.Build();
        markedExpired.MarkExpired(End.AddDays(1));

        Refused.By("contract.not-in-force", () => expiredByDate.Terminate(TerminationReason.MovedAway, null, End, End.AddDays(1)));
        Refused.By("contract.not-in-force", () => markedExpired.Terminate(TerminationReason.MovedAway, null, End, End.AddDays(1)));
    }

    [Fact]
    public void A_terminated_contract_counts_services_up_to_the_termination_date_only()
    {
        var contract = builder.Build();
        contract.Terminate(TerminationReason.MovedAway, null, D(2025, 11, 20), Today);

        Assert.False(contract.RecordService(ServiceKind.HomeVisit, D(2025, 11, 25), "VisitLog", 1, null));
        Assert.True(contract.RecordService(ServiceKind.HomeVisit, D(2025, 11, 10), "VisitLog", 2, null)); // delivered while in force, recorded late
        Assert.Single(contract.Fulfilments);
        Assert.Equal(1, contract.Items.Single(i => i.ServiceKind == ServiceKind.HomeVisit).Done);
    }

    [Fact]
    public void A_renewed_contract_counts_no_service_dated_after_its_term()
    {
        var contract = builder.Build();
        builder.Renew(contract, End.AddDays(5));

        Assert.False(contract.RecordService(ServiceKind.HomeVisit, End.AddDays(3), "VisitLog", 1, null));
        Assert.Empty(contract.Fulfilments);
    }

    [Fact]
    public void An_expired_contract_counts_a_late_entered_service_of_its_term_but_none_after_it()
    {
        var contract = builder.Build();
        contract.MarkExpired(End.AddDays(1));

        Assert.False(contract.RecordService(ServiceKind.HomeVisit, End.AddDays(1), "VisitLog", 1, null));
        Assert.True(contract.RecordService(ServiceKind.HomeVisit, End, "VisitLog", 2, null));
        Assert.Single(contract.Fulfilments);
    }

    [Fact]
    public void A_terminated_contract_cannot_settle_undelivered_items_or_be_renewed()
    {
        var contract = builder.Build();
        contract.Terminate(TerminationReason.MovedAway, null, D(2026, 6, 1), D(2026, 6, 1));

        Refused.By("contract.settle-status", () => contract.SettleUndelivered(UndeliveredSettlement.Refunded, D(2026, 6, 2)));
        Refused.By("contract.not-renewable", () => builder.Renew(contract, D(2026, 6, 2)));
    }
}
