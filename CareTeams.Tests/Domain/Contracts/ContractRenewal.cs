using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

/// <summary>The standard contract runs 2025-06-15 … 2026-06-14; the next term is 2026-06-15 … 2027-06-14.</summary>
public class ContractRenewal
{
    private static readonly DateOnly End = D(2026, 6, 14);
    private readonly ContractBuilder builder = new();

    [Fact]
    public void Renewal_more_than_30_days_before_the_end_is_refused()
    {
        var contract = builder.Build();

        Refused.By("contract.renew-early", () => builder.Renew(contract, End.AddDays(-31)));
        Assert.Equal(ContractStatus.Signed, contract.Status);
    }

    [Fact]
    public void Renewal_30_days_before_the_end_is_allowed()
    {
        var contract = builder.Build();

        var next = builder.Renew(contract, End.AddDays(-30));

        Assert.Equal(new ContractTerm(D(2026, 6, 15), D(2027, 6, 14)), next.Term);
    }

    [Fact]
    public void Renewal_up_to_90_days_after_the_end_is_allowed_and_later_is_refused()
    {
        var lateButInTime = builder.Build();
        var tooLate = builder.Build();

        Refused.By("contract.renew-late", () => builder.Renew(tooLate, End.AddDays(91)));
        var next = builder.Renew(lateButInTime, End.AddDays(90));

        Assert.Equal(ContractStatus.Signed, next.Status);
        Assert.Equal(ContractStatus.Expired, tooLate.StatusOn(End.AddDays(91)));
    }

    [Fact]
    public void The_next_contract_follows_on_is_signed_and_links_to_the_last()
    {
        var contract = builder.Build();
        var today = D(2026, 6, 1);

        var next = builder.Renew(contract, today);

        Assert.Equal(D(2026, 6, 15), next.Term.Start);
        Assert.Equal(D(2027, 6, 14), next.Term.End);
        Assert.Equal(ContractStatus.Signed, next.Status);
        Assert.Equal(today, next.SignedOn);
        Assert.Equal(builder.Doctor.Id, next.SignedByStaffId);
        Assert.Equal(contract.Id, next.PreviousContractId);
        Assert.NotEqual(contract.Id, next.Id);
        Assert.Equal(contract.ResidentId, next.ResidentId);
        Assert.Equal(contract.TeamId, next.TeamId);
        Assert.Equal(contract.ResponsibleDoctorId, next.ResponsibleDoctorId);
        Assert.Equal(contract.Signatory, next.Signatory);
        Assert.Equal(contract.Packages.Select(p => p.ServicePackageId), next.Packages.Select(p => p.ServicePackageId));
        Assert.All(next.Items, i => Assert.Equal(0, i.Done));
        Assert.Empty(next.Fulfilments);
        Assert.False(contract.Term.Overlaps(next.Term));
    }

    [Fact]
    public void The_old_contract_becomes_renewed_and_ends_on_its_last_day()
    {
        var contract = builder.Build();

        builder.Renew(contract, D(2026, 6, 1));

        Assert.Equal(ContractStatus.Renewed, contract.Status);
        Assert.Equal(ContractStatus.Renewed, contract.StatusOn(End.AddDays(1)));
        Assert.Equal(End, contract.EndedOn);
    }

    [Fact]
    public void The_next_contract_uses_the_current_catalogue_prices()
    {
        var contract = builder.Build();
        builder.PaidPackage.Reprice(
            [
                new PackageItemSpec(ServiceKind.TcmConstitution, "中医体质辨识", 2, Yuan(35.00m)),
                new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 4, Yuan(55.00m)),
            ],
            Yuan(120.50m)); // 70.00 + 220.00 = 290.00

        var next = builder.Renew(contract, D(2026, 6, 1));

        Assert.Equal(Yuan(290.00m), next.Price);
        Assert.Equal(Yuan(120.50m), next.Subsidy);
        Assert.Equal(Yuan(169.50m), next.OwnPayment);
        Assert.Equal(2, next.Packages.Single(p => p.ServicePackageId == builder.PaidPackage.Id).PriceVersion);
        Assert.Equal(Yuan(55.00m), next.Items.Single(i => i.ServiceKind == ServiceKind.HomeVisit).UnitPrice);

        Assert.Equal(Yuan(260.00m), contract.Price);
        Assert.Equal(Yuan(100.00m), contract.Subsidy);
        Assert.Equal(1, contract.Packages.Single(p => p.ServicePackageId == builder.PaidPackage.Id).PriceVersion);
    }

    [Fact]
    public void The_next_contract_may_take_a_different_set_of_packages()
    {
        var contract = builder.Build();

        var next = builder.Renew(contract, D(2026, 6, 1), [builder.BasicPackage]);

        Assert.Equal([builder.BasicPackage.Id], next.Packages.Select(p => p.ServicePackageId));
    }

    [Fact]
    public void Renewing_twice_is_refused()
    {
        var contract = builder.Build();
        builder.Renew(contract, D(2026, 6, 1));

        Refused.By("contract.not-renewable", () => builder.Renew(contract, D(2026, 6, 2)));
    }

    [Fact]
    public void A_draft_cannot_be_renewed()
    {
        var draft = builder.Draft();

        Refused.By("contract.not-renewable", () => builder.Renew(draft, D(2026, 6, 1)));
    }

    [Fact]
    public void A_contract_whose_expiry_was_stored_can_still_be_renewed()
    {
        var contract = builder.Build();
        contract.MarkExpired(End.AddDays(1));

        var next = builder.Renew(contract, End.AddDays(10));

        Assert.Equal(D(2026, 6, 15), next.Term.Start);
        Assert.Equal(ContractStatus.Renewed, contract.Status);
    }

    [Fact]
    public void A_renewal_within_30_days_after_the_end_still_follows_on_from_the_end()
    {
        var contract = builder.Build();

        var next = builder.Renew(contract, End.AddDays(31)); // the day after the end is exactly 30 days ago

        Assert.Equal(End.AddDays(1), next.Term.Start);
    }

    [Fact]
    public void A_renewal_long_after_the_end_starts_today()
    {
        var contract = builder.Build();
        var today = End.AddDays(60);

        var next = builder.Renew(contract, today);

        Assert.Equal(ContractTerm.OneYearFrom(today), next.Term);
        Assert.Equal(today, next.SignedOn);
        Assert.Equal(contract.Id, next.PreviousContractId);
    }

    [Fact]
    public void Renewal_for_another_resident_is_refused()
    {
        var contract = builder.Build();
        var someoneElse = builder.County.NewResident().WithName("李四").Build();

        Refused.By("contract.renew-resident", () => contract.Renew(2, builder.Centre, someoneElse, builder.Team, builder.Doctor,
            builder.Packages, builder.Doctor, D(2026, 6, 1), D(2026, 6, 1)));
        Assert.Equal(ContractStatus.Signed, contract.Status);
    }

    [Fact]
    public void A_renewal_that_breaks_a_signing_rule_is_refused_and_leaves_the_old_contract_signed()
    {
        var contract = builder.Build();
        builder.PaidPackage.Deactivate();

        Refused.By("contract.package-unavailable", () => builder.Renew(contract, D(2026, 6, 1)));
        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Null(contract.EndedOn);
    }

    [Fact]
    public void A_renewal_checks_the_resident_is_still_in_the_registry()
    {
        var contract = builder.Build();
        builder.Resident.RecordMovedAway(D(2026, 5, 30), null, D(2026, 5, 30));

        Refused.By("contract.resident-inactive", () => builder.Renew(contract, D(2026, 6, 1)));
        Assert.Equal(ResidentStatus.MovedAway, builder.Resident.Status);
    }

    [Fact]
    public void A_service_in_the_rest_of_the_old_term_after_an_early_renewal_still_counts_on_the_old_contract()
    {
        var contract = builder.Build();
        var next = builder.Renew(contract, End.AddDays(-20));

        Assert.True(contract.RecordService(ServiceKind.HomeVisit, End.AddDays(-10), "VisitLog", 1, null));
        Assert.False(next.RecordService(ServiceKind.HomeVisit, End.AddDays(-10), "VisitLog", 1, null));
        Assert.Equal(1, contract.Items.Single(i => i.ServiceKind == ServiceKind.HomeVisit).Done);
    }

    [Fact]
    public void Undelivered_paid_items_of_a_renewed_contract_can_still_be_refunded()
    {
        var contract = builder.Build(); // nothing delivered: ¥260.00 of paid items outstanding
        builder.Renew(contract, End.AddDays(5));

        contract.SettleUndelivered(UndeliveredSettlement.Refunded, End.AddDays(5));

        Assert.Equal(UndeliveredSettlement.Refunded, contract.Settlement);
        Assert.Equal(Yuan(260.00m), contract.RefundDue);
    }
}
