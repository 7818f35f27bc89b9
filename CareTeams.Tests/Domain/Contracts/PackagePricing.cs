using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

public class PackagePricing
{
    private static readonly DateOnly Today = TestDates.Today;
    private readonly TestCounty county = new();

    [Fact]
    public void The_price_is_the_sum_of_unit_price_times_times_per_year()
    {
        var package = PackageBuilder.Custom(county.Centre, "MB")
            .WithItem(ServiceKind.HypertensionFollowUp, "高血压随访", 4, 30.00m)   // 120.00
            .WithItem(ServiceKind.LabTest, "血脂检查", 2, 15.25m)                  //  30.50
            .WithItem(ServiceKind.Consultation, "电话咨询", 12, 0.99m)             //  11.88
            .Build();

        Assert.Equal(Yuan(162.38m), package.Price);
        Assert.Equal([Yuan(120.00m), Yuan(30.50m), Yuan(11.88m)], package.Items.Select(i => i.Price));
        Assert.Equal(1, package.PriceVersion);
    }

    [Fact]
    public void The_own_payment_is_the_price_less_the_subsidy()
    {
        var package = PackageBuilder.Paid(county.Centre).WithSubsidy(100.25m).Build(); // 260.00

        Assert.Equal(Yuan(260.00m), package.Price);
        Assert.Equal(Yuan(100.25m), package.Subsidy);
        Assert.Equal(Yuan(159.75m), package.OwnPayment);
    }

    [Fact]
    public void A_basic_package_is_free()
    {
        var package = PackageBuilder.Basic(county.Centre).Build();

        Assert.Equal(PackageKind.Basic, package.Kind);
        Assert.Equal(Money.Zero, package.Price);
        Assert.Equal(Money.Zero, package.OwnPayment);
    }

    [Fact]
    public void A_basic_package_with_a_priced_item_is_refused()
    {
        var priced = PackageBuilder.Basic(county.Centre).WithItem(ServiceKind.LabTest, "血常规", 1, 0.01m);

        Refused.By("package.basic-free", () => priced.Build());
    }

    [Fact]
    public void A_subsidy_above_the_price_is_refused_and_one_equal_to_it_leaves_nothing_to_pay()
    {
        Refused.By("package.subsidy", () => PackageBuilder.Paid(county.Centre).WithSubsidy(260.01m).Build());

        var fullySubsidised = PackageBuilder.Paid(county.Centre).WithSubsidy(260.00m).Build();
        Assert.Equal(Money.Zero, fullySubsidised.OwnPayment);
    }

    [Fact]
    public void Reprice_replaces_items_and_subsidy_and_bumps_the_price_version()
    {
        var package = PackageBuilder.Paid(county.Centre).Build();

        package.Reprice([new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 6, Yuan(55.00m))], Yuan(120.00m));

        Assert.Equal(2, package.PriceVersion);
        Assert.Equal(Yuan(330.00m), package.Price);
        Assert.Equal(Yuan(120.00m), package.Subsidy);
        Assert.Equal(Yuan(210.00m), package.OwnPayment);
        var item = Assert.Single(package.Items);
        Assert.Equal(6, item.TimesPerYear);

        package.Reprice([new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 6, Yuan(55.00m))], Yuan(120.00m));
        Assert.Equal(3, package.PriceVersion); // every reprice is a new version, even with the same figures
    }

    [Fact]
    public void A_refused_reprice_changes_nothing()
    {
        var package = PackageBuilder.Paid(county.Centre).Build();

        Refused.By("package.subsidy", () =>
            package.Reprice([new PackageItemSpec(ServiceKind.HomeVisit, "上门访视", 1, Yuan(50.00m))], Yuan(50.01m)));
        Refused.By("package.no-items", () => package.Reprice([], Money.Zero));

        Assert.Equal(1, package.PriceVersion);
        Assert.Equal(Yuan(260.00m), package.Price);
        Assert.Equal(Yuan(100.00m), package.Subsidy);
        Assert.Equal(2, package.Items.Count);
    }

    [Fact]
    public void Renaming_is_not_a_new_price_version()
    {
        var package = PackageBuilder.Paid(county.Centre).Build();

        package.Rename("中医药服务包（2026版）", "  含体质辨识  ");

        Assert.Equal("中医药服务包（2026版）", package.Name);
        Assert.Equal("含体质辨识", package.Description);
        Assert.Equal(1, package.PriceVersion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void Times_per_year_outside_1_to_365_are_refused(int times)
    {
        var package = PackageBuilder.Custom(county.Centre, "X").WithItem(ServiceKind.HomeVisit, "上门访视", times, 10m);

        Refused.By("package.item-times", () => package.Build());
    }

    [Fact]
    public void A_package_needs_items_with_distinct_names()
    {
        Refused.By("package.no-items", () => PackageBuilder.Custom(county.Centre, "X").Build());
        Refused.By("package.duplicate-item", () => PackageBuilder.Custom(county.Centre, "X")
            .WithItem(ServiceKind.HomeVisit, "上门访视", 1, 10m)
            .WithItem(ServiceKind.NursingVisit, "上门访视", 1, 10m)
            .Build());
    }

    [Fact]
    public void The_code_is_upper_case_letters_digits_and_dashes()
    {
        Assert.Equal("ZY-2026", PackageBuilder.Paid(county.Centre).WithCode(" zy-2026 ").Build().Code);
        Refused.By("package.code", () => PackageBuilder.Paid(county.Centre).WithCode("ZY 2026").Build());
        Refused.By("package.code", () => PackageBuilder.Paid(county.Centre).WithCode(new string('A', 21)).Build());
    }

    [Fact]
    public void A_key_population_package_needs_a_target_population()
    {
        Refused.By("package.target", () => PackageBuilder.ForKeyPopulation(county.Centre, KeyPopulation.None).Build());
    }

    [Fact]
    public void A_custom_package_without_a_target_suits_everybody()
    {
        var package = PackageBuilder.Paid(county.Centre).Build();

        Assert.True(package.Suits(county.NewResident().Build(), Today));
        Assert.True(package.Suits(county.NewResident().WithBirthDate(2024, 1, 1).Build(), Today));
    }

    [Fact]
    public void A_hypertension_package_suits_only_residents_tagged_with_hypertension()
    {
        var package = PackageBuilder.ForKeyPopulation(county.Centre, KeyPopulation.Hypertension).Build();

        Assert.True(package.Suits(county.NewResident().WithTags(KeyPopulation.Hypertension).Build(), Today));
        Assert.True(package.Suits(county.NewResident().WithTags(KeyPopulation.Hypertension | KeyPopulation.LowIncome).Build(), Today));
        Assert.False(package.Suits(county.NewResident().WithTags(KeyPopulation.Type2Diabetes).Build(), Today));
        Assert.False(package.Suits(county.NewResident().Build(), Today));
    }

    [Fact]
    public void A_package_for_several_populations_suits_a_resident_in_any_of_them()
    {
        var package = PackageBuilder.ForKeyPopulation(county.Centre, KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes).Build();

        Assert.True(package.Suits(county.NewResident().WithTags(KeyPopulation.Type2Diabetes).Build(), Today));
        Assert.False(package.Suits(county.NewResident().WithTags(KeyPopulation.Maternal).WithSex(Sex.Female).Build(), Today));
    }

    [Fact]
    public void An_elderly_package_suits_a_resident_from_the_65th_birthday_derived_from_the_date_of_birth()
    {
        var package = PackageBuilder.ForKeyPopulation(county.Centre, KeyPopulation.Elderly65).Build();
        var resident = county.NewResident().WithBirthDate(1960, 6, 15).Build(); // no recorded tag

        Assert.False(package.Suits(resident, D(2025, 6, 14)));
        Assert.True(package.Suits(resident, D(2025, 6, 15)));
    }

    [Fact]
    public void A_child_package_suits_a_child_up_to_six()
    {
        var package = PackageBuilder.ForKeyPopulation(county.Centre, KeyPopulation.Child0To6).Build();
        var child = county.NewResident().WithBirthDate(2019, 6, 16).Build();

        Assert.True(package.Suits(child, D(2025, 6, 15)));   // 5
        Assert.True(package.Suits(child, D(2026, 6, 15)));   // 6
        Assert.False(package.Suits(child, D(2026, 6, 16)));  // 7
    }
}
