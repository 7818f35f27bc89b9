using CareTeams.Domain.Contracts;
using CareTeams.Domain.SeedWork;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

/// <summary>
/// The standard contract runs 2025-06-15 … 2026-06-14 and promises, free: 建立健康档案 ×1, 健康体检 ×1, 健康指导 ×4;
/// paid: 中医体质辨识 ×2 at ¥30.00 and 上门访视 ×4 at ¥50.00 — 12 services in all, ¥260.00 of them paid.
/// </summary>
public class Fulfilment
{
    private static readonly DateOnly Start = D(2025, 6, 15);
    private static readonly DateOnly End = D(2026, 6, 14);
    private static readonly DateOnly Mid = D(2025, 10, 1);
    private readonly ContractBuilder builder = new();
    private int nextSourceId;

    private bool Record(Contract contract, ServiceKind kind, DateOnly? on = null) =>
        contract.RecordService(kind, on ?? Mid, "VisitLog", ++nextSourceId, builder.Doctor.Id);

    private static ContractItem Item(Contract contract, ServiceKind kind) => contract.Items.Single(i => i.ServiceKind == kind);

    [Fact]
    public void A_delivered_service_counts_against_the_item_that_promises_it_and_is_recorded()
    {
        var contract = builder.Build();

        Assert.True(contract.RecordService(ServiceKind.HomeVisit, Mid, "VisitLog", 42, builder.Doctor.Id));

        var item = Item(contract, ServiceKind.HomeVisit);
        Assert.Equal(1, item.Done);
        Assert.Equal(3, item.Outstanding);
        var record = Assert.Single(contract.Fulfilments);
        Assert.Equal(Mid, record.On);
        Assert.Equal("VisitLog", record.Source);
        Assert.Equal(42, record.SourceId);
        Assert.Equal(builder.Doctor.Id, record.StaffMemberId);
    }

    [Fact]
    public void A_service_the_contract_does_not_promise_is_not_counted()
    {
        var contract = builder.Build();

        Assert.False(Record(contract, ServiceKind.HomeBedRound));
        Assert.Empty(contract.Fulfilments);
    }

    [Fact]
    public void A_service_counts_against_the_first_item_of_its_kind_that_still_has_an_outstanding_time()
    {
        var guidance = PackageBuilder.Custom(builder.Centre, "JKZD").WithItem(ServiceKind.HealthGuidance, "个性化健康指导", 2, 20.00m).Build();
        var contract = builder.WithPaidPackages(guidance).Build();
        var basic = contract.Items.Single(i => i.PackageCode == "JC" && i.ServiceKind == ServiceKind.HealthGuidance);
        var paid = contract.Items.Single(i => i.PackageCode == "JKZD");

        for (var i = 0; i < 4; i++)
            Assert.True(Record(contract, ServiceKind.HealthGuidance));
        Assert.Equal((4, 0), (basic.Done, paid.Done)); // the basic package's four come first

        Assert.True(Record(contract, ServiceKind.HealthGuidance));
        Assert.True(Record(contract, ServiceKind.HealthGuidance));
        Assert.Equal((4, 2), (basic.Done, paid.Done));

        Assert.False(Record(contract, ServiceKind.HealthGuidance)); // both fully delivered
        Assert.Equal(6, contract.Fulfilments.Count);
    }

    [Fact]
    public void A_service_beyond_the_planned_times_is_not_counted()
    {
        var contract = builder.Build();

        for (var i = 0; i < 4; i++)
            Assert.True(Record(contract, ServiceKind.HomeVisit));
        Assert.False(Record(contract, ServiceKind.HomeVisit));

        var item = Item(contract, ServiceKind.HomeVisit);
        Assert.Equal(4, item.Done);
        Assert.Equal(0, item.Outstanding);
        Assert.Equal(4, contract.Fulfilments.Count);
    }

    [Fact]
    public void Only_services_within_the_term_count_including_its_first_and_last_day()
    {
        var contract = builder.Build();

        Assert.False(Record(contract, ServiceKind.HomeVisit, Start.AddDays(-1)));
        Assert.False(Record(contract, ServiceKind.HomeVisit, End.AddDays(1)));
        Assert.True(Record(contract, ServiceKind.HomeVisit, Start));
        Assert.True(Record(contract, ServiceKind.HomeVisit, End));

        Assert.Equal(2, Item(contract, ServiceKind.HomeVisit).Done);
    }

    [Fact]
    public void The_same_source_record_is_counted_once()
    {
        var contract = builder.Build();

        Assert.True(contract.RecordService(ServiceKind.HomeVisit, Mid, "VisitLog", 7, null));
        Assert.False(contract.RecordService(ServiceKind.HomeVisit, Mid, "VisitLog", 7, null));
        Assert.False(contract.RecordService(ServiceKind.TcmConstitution, Mid.AddDays(1), "VisitLog", 7, null));
        Assert.True(contract.RecordService(ServiceKind.HomeVisit, Mid, "Plan2111Item", 7, null)); // another source, same id

        Assert.Equal(2, Item(contract, ServiceKind.HomeVisit).Done);
        Assert.Equal(0, Item(contract, ServiceKind.TcmConstitution).Done);
        Assert.Equal(2, contract.Fulfilments.Count);
    }

    [Fact]
    public void A_draft_counts_no_services()
    {
        var draft = builder.Draft();

        Assert.False(Record(draft, ServiceKind.HomeVisit));
        Assert.Empty(draft.Fulfilments);
    }

    [Fact]
    public void FulfilmentRate_is_the_delivered_share_of_the_planned_services()
    {
        var contract = builder.Build();
        Assert.Equal(0m, contract.FulfilmentRate);

        Record(contract, ServiceKind.PhysicalExam);      // 1 of 1
        Record(contract, ServiceKind.HealthGuidance);    // 2 of 4
        Record(contract, ServiceKind.HealthGuidance);
        Record(contract, ServiceKind.TcmConstitution);   // 1 of 2
        for (var i = 0; i < 5; i++)
            Record(contract, ServiceKind.HomeVisit);     // 4 of 4; the fifth is over the plan and not counted
        Record(contract, ServiceKind.HomeBedRound);      // not promised

        // Σ min(done, planned) ÷ Σ planned = (0 + 1 + 2 + 1 + 4) ÷ (1 + 1 + 4 + 2 + 4) = 8 ÷ 12
        Assert.Equal(8m / 12m, contract.FulfilmentRate);
        Assert.Equal(0.6667m, Math.Round(contract.FulfilmentRate, 4));
    }

    [Fact]
    public void FulfilmentRate_is_one_when_everything_is_delivered()
    {
        var contract = builder.WithPackages(builder.BasicPackage).Build();

        Record(contract, ServiceKind.HealthRecord);
        Record(contract, ServiceKind.PhysicalExam);
        for (var i = 0; i < 4; i++)
            Record(contract, ServiceKind.HealthGuidance);

        Assert.Equal(1m, contract.FulfilmentRate);
    }

    [Fact]
    public void RefundDue_is_the_outstanding_times_at_the_unit_prices_signed_at()
    {
        var contract = builder.Build();
        Assert.Equal(Yuan(260.00m), contract.RefundDue); // nothing delivered: 2 × 30.00 + 4 × 50.00

        Record(contract, ServiceKind.TcmConstitution);
        Record(contract, ServiceKind.HomeVisit);
        Record(contract, ServiceKind.HomeVisit);
        Record(contract, ServiceKind.HomeVisit);
        Record(contract, ServiceKind.HealthRecord);      // free: changes nothing

        Assert.Equal(Yuan(80.00m), contract.RefundDue);  // 1 × 30.00 + 1 × 50.00

        builder.PaidPackage.Reprice([new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 4, Yuan(99.00m))], Money.Zero);
        Assert.Equal(Yuan(80.00m), contract.RefundDue);  // a later catalogue price does not matter
    }

    [Fact]
    public void RefundDue_is_zero_for_free_items_left_undelivered()
    {
        var contract = builder.WithPackages(builder.BasicPackage).Build();

        Assert.Equal(Money.Zero, contract.RefundDue);
    }

    // ----- settling undelivered paid items -----

    [Fact]
    public void Extended_carries_the_contract_three_months_past_its_end_and_services_in_the_extension_count()
    {
        var contract = builder.Build();

        contract.SettleUndelivered(UndeliveredSettlement.Extended, End.AddDays(-10));

        Assert.Equal(UndeliveredSettlement.Extended, contract.Settlement);
        Assert.Equal(End.AddMonths(3), contract.ExtendedUntil);
        Assert.Equal(D(2026, 9, 14), contract.ExtendedUntil);
        Assert.True(Record(contract, ServiceKind.HomeVisit, D(2026, 7, 1)));
        Assert.True(Record(contract, ServiceKind.HomeVisit, D(2026, 9, 14)));
        Assert.False(Record(contract, ServiceKind.HomeVisit, D(2026, 9, 15)));
        Assert.Equal(2, Item(contract, ServiceKind.HomeVisit).Done);
        Assert.Equal(ContractStatus.Signed, contract.StatusOn(D(2026, 9, 14)));
    }

    [Fact]
    public void Extending_a_contract_whose_expiry_was_stored_brings_it_back_in_force()
    {
        var contract = builder.Build();
        contract.MarkExpired(End.AddDays(1));

        contract.SettleUndelivered(UndeliveredSettlement.Extended, End.AddDays(5));

        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Null(contract.EndedOn);
        Assert.True(Record(contract, ServiceKind.HomeVisit, End.AddDays(5)));
    }

    [Fact]
    public void Refunded_records_the_refund_and_does_not_extend_the_term()
    {
        var contract = builder.Build();
        Record(contract, ServiceKind.HomeVisit);

        contract.SettleUndelivered(UndeliveredSettlement.Refunded, End);

        Assert.Equal(UndeliveredSettlement.Refunded, contract.Settlement);
        Assert.Equal("退费", contract.Settlement.ChineseName());
        Assert.Null(contract.ExtendedUntil);
        Assert.Equal(Yuan(210.00m), contract.RefundDue); // 2 × 30.00 + 3 × 50.00
        Assert.False(Record(contract, ServiceKind.HomeVisit, End.AddDays(1)));
        Assert.Equal(ContractStatus.Expired, contract.StatusOn(End.AddDays(1)));
    }

    [Fact]
    public void A_stored_expiry_stays_when_the_undelivered_items_are_refunded()
    {
        var contract = builder.Build();
        contract.MarkExpired(End.AddDays(1));

        contract.SettleUndelivered(UndeliveredSettlement.Refunded, End.AddDays(5));

        Assert.Equal(ContractStatus.Expired, contract.Status);
        Assert.Equal(End, contract.EndedOn);
    }

    [Theory]
    [InlineData(UndeliveredSettlement.Extended, UndeliveredSettlement.Refunded)]
    [InlineData(UndeliveredSettlement.Refunded, UndeliveredSettlement.Extended)]
    [InlineData(UndeliveredSettlement.Extended, UndeliveredSettlement.Extended)]
    public void Settling_twice_is_refused(UndeliveredSettlement first, UndeliveredSettlement second)
    {
        var contract = builder.Build();
        contract.SettleUndelivered(first, End);

        Refused.By("contract.settled", () => contract.SettleUndelivered(second, End.AddDays(1)));
        Assert.Equal(first, contract.Settlement);
    }

    [Fact]
    public void Settling_with_nothing_undelivered_is_refused()
    {
        var contract = builder.Build();
        Record(contract, ServiceKind.TcmConstitution);
        Record(contract, ServiceKind.TcmConstitution);
        for (var i = 0; i < 4; i++)
            Record(contract, ServiceKind.HomeVisit);
        Assert.True(contract.FulfilmentRate < 1m); // free items are still outstanding, but they cost nothing

        Refused.By("contract.nothing-undelivered", () => contract.SettleUndelivered(UndeliveredSettlement.Refunded, End));
        Assert.Equal(UndeliveredSettlement.None, contract.Settlement);
    }

    [Fact]
    public void Settling_a_contract_with_only_the_basic_package_is_refused()
    {
        var contract = builder.WithPackages(builder.BasicPackage).Build();

        Refused.By("contract.nothing-undelivered", () => contract.SettleUndelivered(UndeliveredSettlement.Extended, End));
    }

    [Fact]
    public void Settling_more_than_30_days_before_the_end_is_refused()
    {
        var contract = builder.Build();

        Refused.By("contract.settle-early", () => contract.SettleUndelivered(UndeliveredSettlement.Refunded, End.AddDays(-31)));
        contract.SettleUndelivered(UndeliveredSettlement.Refunded, End.AddDays(-30));
        Assert.Equal(UndeliveredSettlement.Refunded, contract.Settlement);
    }

    [Fact]
    public void A_draft_cannot_be_settled()
    {
        var draft = builder.Draft();

        Refused.By("contract.settle-status", () => draft.SettleUndelivered(UndeliveredSettlement.Refunded, End));
    }
}
