using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

public class ContractSigning
{
    private static readonly DateOnly Today = TestDates.Today;
    private readonly ContractBuilder builder = new();

    [Fact]
    public void A_draft_records_the_parties_the_term_and_copies_of_the_packages_and_items()
    {
        var contract = builder.WithSequence(7).Draft();

        Assert.Equal(ContractStatus.Draft, contract.Status);
        Assert.Equal(builder.County.County.Id, contract.CountyId);
        Assert.Equal(builder.Centre.Id, contract.CentreId);
        Assert.Equal(7, contract.Sequence);
        Assert.Equal(builder.Resident.Id, contract.ResidentId);
        Assert.Equal(builder.Team.Id, contract.TeamId);
        Assert.Equal(builder.Doctor.Id, contract.ResponsibleDoctorId);
        Assert.Equal(new ContractTerm(D(2025, 6, 15), D(2026, 6, 14)), contract.Term);
        Assert.Equal(Signatory.Resident, contract.Signatory);
        Assert.Null(contract.SignedOn);
        Assert.Null(contract.SignedByStaffId);
        Assert.Null(contract.PreviousContractId);
        Assert.Equal(UndeliveredSettlement.None, contract.Settlement);

        Assert.Equal([builder.BasicPackage.Id, builder.PaidPackage.Id], contract.Packages.Select(p => p.ServicePackageId));
        Assert.Equal(
            ["建立健康档案", "健康体检", "健康指导", "中医体质辨识", "上门访视"],
            contract.Items.Select(i => i.Name));
        var homeVisit = contract.Items.Single(i => i.ServiceKind == ServiceKind.HomeVisit);
        Assert.Equal("ZY", homeVisit.PackageCode);
        Assert.Equal("中医药上门服务包", homeVisit.PackageName);
        Assert.Equal(4, homeVisit.Planned);
        Assert.Equal(0, homeVisit.Done);
        Assert.Equal(Yuan(50.00m), homeVisit.UnitPrice);
    }

    [Fact]
    public void The_basic_package_comes_first_then_the_others_by_code()
    {
        var second = PackageBuilder.Custom(builder.Centre, "AB").WithItem(ServiceKind.Rehabilitation, "康复指导", 2, 40m).Build();

        var contract = builder.WithPackages(builder.PaidPackage, second, builder.BasicPackage).Draft();

        Assert.Equal(["JC", "AB", "ZY"], contract.Packages.Select(p => p.Code));
    }

    [Fact]
    public void The_fee_is_summed_exactly_in_decimals()
    {
        var chronic = PackageBuilder.Custom(builder.Centre, "MB")
            .WithItem(ServiceKind.HypertensionFollowUp, "慢病随访", 4, 30.00m).WithSubsidy(80.00m).Build();      // 120.00
        var homeBed = PackageBuilder.Custom(builder.Centre, "JTBC")
            .WithItem(ServiceKind.HomeBedRound, "家庭病床查床", 2, 182.75m).WithSubsidy(100.25m).Build();       // 365.50

        var contract = builder.WithPaidPackages(chronic, homeBed).Draft();

        Assert.Equal(Yuan(485.50m), contract.Price);
        Assert.Equal(Yuan(180.25m), contract.Subsidy);
        Assert.Equal(Yuan(305.25m), contract.OwnPayment);
        Assert.Equal(Yuan(40.00m), contract.Packages.Single(p => p.Code == "MB").OwnPayment);
        Assert.Equal(Yuan(265.25m), contract.Packages.Single(p => p.Code == "JTBC").OwnPayment);
    }

    [Fact]
    public void A_contract_keeps_the_prices_it_was_signed_at_when_the_package_is_repriced()
    {
        var contract = builder.Build();

        builder.PaidPackage.Reprice(
            [
                new PackageItemSpec(ServiceKind.TcmConstitution, "中医体质辨识", 2, Yuan(35.00m)),
                new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 6, Yuan(55.00m)),
            ],
            Yuan(150.00m));

        Assert.Equal(Yuan(400.00m), builder.PaidPackage.Price);
        Assert.Equal(2, builder.PaidPackage.PriceVersion);
        Assert.Equal(Yuan(260.00m), contract.Price);
        Assert.Equal(Yuan(100.00m), contract.Subsidy);
        Assert.Equal(Yuan(160.00m), contract.OwnPayment);
        var copy = contract.Packages.Single(p => p.ServicePackageId == builder.PaidPackage.Id);
        Assert.Equal(1, copy.PriceVersion);
        Assert.Equal(Yuan(260.00m), copy.Price);
        var homeVisit = contract.Items.Single(i => i.ServiceKind == ServiceKind.HomeVisit);
        Assert.Equal(4, homeVisit.Planned);
        Assert.Equal(Yuan(50.00m), homeVisit.UnitPrice);
    }

    [Fact]
    public void A_contract_keeps_the_package_name_it_was_signed_with()
    {
        var contract = builder.Build();

        builder.PaidPackage.Rename("中医药服务包（新）", null);

        Assert.Equal("中医药上门服务包", contract.Packages.Single(p => p.Code == "ZY").Name);
    }

    // ----- who may sign -----

    [Theory]
    [InlineData(ResidentStatus.MovedAway)]
    [InlineData(ResidentStatus.Deceased)]
    public void A_resident_no_longer_in_the_registry_is_refused(ResidentStatus status)
    {
        var resident = builder.Resident;
        if (status == ResidentStatus.MovedAway)
            resident.RecordMovedAway(Today, null, Today);
        else
            resident.RecordDeath(Today, null, Today);

        Refused.By("contract.resident-inactive", () => builder.Draft());
    }

    [Fact]
    public void A_resident_of_another_centre_is_refused()
    {
        var otherCentre = builder.County.AddCentre("WS02", "南山镇卫生院");
        var otherVillage = builder.County.AddVillage(otherCentre, "南山村");

        Refused.By("contract.resident-centre", () => builder.For(r => r.InVillage(otherVillage)).Draft());
    }

    [Fact]
    public void A_team_of_another_centre_is_refused()
    {
        var otherTeam = builder.County.AddTeam(builder.County.AddCentre("WS02", "南山镇卫生院"), "南山团队");

        Refused.By("contract.team-centre", () => builder.WithTeam(otherTeam).Draft());
    }

    [Fact]
    public void An_inactive_team_is_refused()
    {
        builder.Team.Deactivate();

        Refused.By("contract.team-inactive", () => builder.Draft());
    }

    [Theory]
    [InlineData(TeamRole.TeamLeader)]
    [InlineData(TeamRole.GeneralPractitioner)]
    [InlineData(TeamRole.VillageDoctor)]
    public void A_doctor_of_the_team_may_be_the_responsible_doctor(TeamRole role)
    {
        var doctor = TestStaff.In(builder.Team, builder.Centre, role);

        Assert.Equal(doctor.Id, builder.WithDoctor(doctor).Draft().ResponsibleDoctorId);
    }

    [Theory]
    [InlineData(TeamRole.Nurse)]
    [InlineData(TeamRole.PublicHealth)]
    public void A_team_member_who_is_not_a_doctor_is_refused_as_responsible_doctor(TeamRole role)
    {
        var member = TestStaff.In(builder.Team, builder.Centre, role);

        Refused.By("contract.doctor", () => builder.WithDoctor(member).Draft());
    }

    [Fact]
    public void A_doctor_of_another_team_or_of_no_team_is_refused()
    {
        var otherTeam = builder.County.AddTeam(builder.Centre, "第二团队");
        var otherTeamsDoctor = TestStaff.In(otherTeam, builder.Centre, TeamRole.GeneralPractitioner);
        var teamless = TestStaff.Member(builder.Centre);

        Refused.By("contract.doctor", () => builder.WithDoctor(otherTeamsDoctor).Draft());
        Refused.By("contract.doctor", () => builder.WithDoctor(teamless).Draft());
    }

    [Fact]
    public void A_deactivated_doctor_is_refused()
    {
        var doctor = TestStaff.In(builder.Team, builder.Centre, TeamRole.GeneralPractitioner);
        doctor.Deactivate();

        Refused.By("contract.doctor", () => builder.WithDoctor(doctor).Draft());
    }

    // ----- packages -----

    [Fact]
    public void A_contract_without_a_basic_package_is_refused()
    {
        Refused.By("contract.basic-package", () => builder.WithPackages(builder.PaidPackage).Draft());
        Refused.By("contract.basic-package", () => builder.WithPackages().Draft());
    }

    [Fact]
    public void A_contract_with_two_basic_packages_is_refused()
    {
        var anotherBasic = PackageBuilder.Basic(builder.Centre).WithCode("JC2").Build();

        Refused.By("contract.basic-package", () => builder.WithPackages(builder.BasicPackage, anotherBasic).Draft());
    }

    [Fact]
    public void The_basic_package_alone_is_enough()
    {
        var contract = builder.WithPackages(builder.BasicPackage).Draft();

        Assert.Equal(Money.Zero, contract.Price);
        Assert.Equal(Money.Zero, contract.OwnPayment);
    }

    [Fact]
    public void The_same_package_twice_is_refused()
    {
        Refused.By("contract.duplicate-package",
            () => builder.WithPackages(builder.BasicPackage, builder.PaidPackage, builder.PaidPackage).Draft());
    }

    [Fact]
    public void A_package_of_another_centre_is_refused()
    {
        var foreign = PackageBuilder.Paid(builder.County.AddCentre("WS02", "南山镇卫生院")).Build();

        Refused.By("contract.package-unavailable", () => builder.WithPaidPackages(foreign).Draft());
    }

    [Fact]
    public void An_inactive_package_is_refused()
    {
        builder.PaidPackage.Deactivate();

        Refused.By("contract.package-unavailable", () => builder.Draft());
    }

    [Fact]
    public void A_hypertension_package_for_a_resident_without_hypertension_is_refused()
    {
        var hypertension = PackageBuilder.ForKeyPopulation(builder.Centre, KeyPopulation.Hypertension).Build();

        Refused.By("contract.package-target", () => builder.WithPaidPackages(hypertension).Draft());
    }

    [Fact]
    public void A_hypertension_package_for_a_resident_with_hypertension_is_accepted()
    {
        var hypertension = PackageBuilder.ForKeyPopulation(builder.Centre, KeyPopulation.Hypertension).Build();

        var contract = builder.For(r => r.WithTags(KeyPopulation.Hypertension)).WithPaidPackages(hypertension).Draft();

        Assert.Equal(Yuan(120.00m), contract.Price);
    }

    [Fact]
    public void An_elderly_package_needs_the_resident_to_be_65_on_the_start_day()
    {
        var elderly = PackageBuilder.ForKeyPopulation(builder.Centre, KeyPopulation.Elderly65).Build();
        builder.For(r => r.WithBirthDate(1960, 6, 16)).WithPaidPackages(elderly);

        Refused.By("contract.package-target", () => builder.StartingOn(2025, 6, 15).Draft());
        Assert.Equal(ContractStatus.Draft, builder.StartingOn(2025, 6, 16).Draft().Status);
    }

    // ----- dates and who signs for the resident -----

    [Fact]
    public void A_start_more_than_30_days_ago_is_refused_and_30_days_ago_is_accepted()
    {
        builder.DraftedOn(Today);

        Refused.By("contract.start-past", () => builder.StartingOn(Today.AddDays(-31)).Draft());
        Assert.Equal(Today.AddDays(-30), builder.StartingOn(Today.AddDays(-30)).Draft().Term.Start);
    }

    [Fact]
    public void A_start_in_the_future_is_accepted()
    {
        var contract = builder.DraftedOn(Today).StartingOn(2025, 7, 1).Draft();

        Assert.Equal(new ContractTerm(D(2025, 7, 1), D(2026, 6, 30)), contract.Term);
    }

    [Fact]
    public void A_minor_without_a_guardian_is_refused()
    {
        Refused.By("contract.minor", () => builder.For(r => r.WithBirthDate(2010, 1, 1)).Draft());
    }

    [Fact]
    public void A_resident_who_turns_18_on_the_day_may_sign_without_a_guardian()
    {
        builder.For(r => r.WithBirthDate(2007, 6, 16));
        Refused.By("contract.minor", () => builder.Draft());

        var contract = builder.For(r => r.WithBirthDate(2007, 6, 15)).Draft();
        Assert.False(contract.Signatory.IsGuardian);
    }

    [Fact]
    public void A_minor_signed_for_by_a_guardian_is_accepted_and_the_guardian_is_recorded()
    {
        var contract = builder.For(r => r.WithBirthDate(2010, 1, 1)).SignedByGuardian("张父", "父亲").Draft();

        Assert.True(contract.Signatory.IsGuardian);
        Assert.Equal(new Signatory("张父", "父亲", "13900139000"), contract.Signatory);
    }

    [Fact]
    public void A_guardian_may_sign_for_an_incapacitated_adult()
    {
        var contract = builder.SignedByGuardian("张子", "子女").Draft();

        Assert.True(contract.Signatory.IsGuardian);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_guardian_without_a_relation_is_refused(string? relation)
    {
        Refused.By("contract.guardian", () => builder.For(r => r.WithBirthDate(2010, 1, 1)).SignedByGuardian("张父", relation).Draft());
        Refused.By("contract.guardian", () => builder.For(r => r.WithBirthDate(1980, 1, 1)).SignedByGuardian("张父", relation).Draft());
    }

    // ----- signing -----

    [Fact]
    public void Sign_makes_the_draft_binding_and_records_who_signed_and_when()
    {
        var contract = builder.Draft();

        contract.Sign(Today, builder.Doctor, Today);

        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.Equal(Today, contract.SignedOn);
        Assert.Equal(builder.Doctor.Id, contract.SignedByStaffId);
        Assert.Equal(ContractStatus.Signed, contract.StatusOn(Today));
    }

    [Fact]
    public void Any_member_of_the_team_may_sign_for_it()
    {
        var contract = builder.Draft();

        contract.Sign(Today, builder.Nurse, Today);

        Assert.Equal(builder.Nurse.Id, contract.SignedByStaffId);
    }

    [Fact]
    public void A_signer_outside_the_team_is_refused()
    {
        var contract = builder.Draft();
        var otherTeamsDoctor = TestStaff.In(builder.County.AddTeam(builder.Centre, "第二团队"), builder.Centre, TeamRole.GeneralPractitioner);

        Refused.By("contract.signed-by", () => contract.Sign(Today, otherTeamsDoctor, Today));
        Refused.By("contract.signed-by", () => contract.Sign(Today, TestStaff.Member(builder.Centre), Today));
        Assert.Equal(ContractStatus.Draft, contract.Status);
    }

    [Fact]
    public void A_signing_date_in_the_future_is_refused()
    {
        var contract = builder.Draft();

        Refused.By("contract.signed-future", () => contract.Sign(Today.AddDays(1), builder.Doctor, Today));
    }

    [Fact]
    public void A_signing_date_after_the_term_is_refused()
    {
        var contract = builder.Draft(); // 2025-06-15 … 2026-06-14

        Refused.By("contract.signed-after-term", () => contract.Sign(D(2026, 6, 15), builder.Doctor, D(2026, 6, 20)));
    }

    [Fact]
    public void Only_a_draft_can_be_signed()
    {
        var contract = builder.Build();

        Refused.By("contract.not-draft", () => contract.Sign(Today, builder.Doctor, Today));

        contract.Terminate(TerminationReason.ResidentRequest, null, Today, Today);
        Refused.By("contract.not-draft", () => contract.Sign(Today, builder.Doctor, Today));
    }
}
