using CareTeams.Domain.Residents;

namespace CareTeams.Tests.Imports;

/// <summary>The row rules of the resident import: the form's rules, plus what only a sheet gets wrong.</summary>
public sealed class ResidentImportRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Dictionary<string, int> Villages = new() { ["东村"] = 1, ["西村"] = 2 };
    private static readonly string Zhang = ImportSheets.IdNumber(new DateOnly(1950, 3, 1), 11);
    private static readonly string Li = ImportSheets.IdNumber(new DateOnly(1962, 5, 2), 12);

    private static ResidentImportRow Row(int number, string? name = "张三", string? sex = null, string? id = null, string? phone = "13900139000",
        string? village = "东村", string? head = null, string? living = null, string? tags = null) =>
        new(number, name, sex, id ?? Zhang, phone, village, head, living, tags);

    [Fact]
    public void A_complete_row_gives_the_resident_the_village_and_the_head()
    {
        var (rows, errors) = ResidentImportRules.Check([Row(2, sex: "男", head: Zhang, living: "居家", tags: "高血压、2型糖尿病")], Villages, Today);

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(1, row.VillageId);
        Assert.Equal(Zhang, row.HeadIdNumber);
        Assert.Equal(KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes, row.Details.Tags);
        Assert.Equal(Sex.Male, row.Details.Sex);
        Assert.Equal(LivingArrangement.Home, row.Details.LivingArrangement);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_against_its_column_and_the_row_is_left_out()
    {
        var (rows, errors) = ResidentImportRules.Check(
            [Row(5, name: "", sex: "女", village: "北村", living: "医院", tags: "高血压、老年人、吸烟", phone: null)], Villages, Today);

        Assert.Empty(rows);
        Assert.All(errors, e => Assert.Equal(5, e.RowNumber));
        var byColumn = errors.ToLookup(e => e.Column, e => e.Message);
        Assert.Contains("请填写姓名。", byColumn["姓名"]);
        Assert.Contains(byColumn["性别"], m => m.Contains("性别与身份证号码不符"));
        Assert.Contains(byColumn["村/社区"], m => m.Contains("本机构没有名为“北村”的村/社区"));
        Assert.Contains(byColumn["居住状态"], m => m.Contains("“医院”无法识别"));
        Assert.Contains(byColumn["重点人群"], m => m.Contains("“老年人”由系统根据出生日期或能力评估自动判定"));
        Assert.Contains(byColumn["重点人群"], m => m.Contains("“吸烟”无法识别"));
        Assert.Contains(byColumn["联系电话"], m => m.Contains("成年居民必填"));
    }

    [Fact]
    public void A_bad_ID_number_is_refused_with_the_form_s_message()
    {
        var wrongCheck = Zhang[..17] + (Zhang[17] == '1' ? '2' : '1');
        foreach (var (id, expected) in new[] { (wrongCheck, "校验位不正确"), (Zhang[..16], "应为 18 位"), ("330122209901010113", "晚于今天") })
        {
            var (rows, errors) = ResidentImportRules.Check([Row(3, id: id)], Villages, Today);

            Assert.Empty(rows);
            var error = Assert.Single(errors, e => e.Column == "身份证号");
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void The_same_ID_number_twice_in_a_file_keeps_the_first_row_and_names_it_in_the_second()
    {
        var (rows, errors) = ResidentImportRules.Check([Row(2), Row(3, id: Li), Row(4, name: "张叁")], Villages, Today);

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        var error = Assert.Single(errors);
        Assert.Equal(4, error.RowNumber);
        Assert.Equal("身份证号与第 2 行重复，同一文件中每人只能出现一次。", error.Message);
    }

    [Fact]
    public void A_lowercase_x_and_spaces_are_forgiven_and_an_empty_sex_is_taken_from_the_number()
    {
        var withX = ImportSheets.IdNumber(new DateOnly(1948, 1, 1), 3);
        if (!withX.EndsWith('X'))
            withX = Enumerable.Range(1, 400).Select(s => ImportSheets.IdNumber(new DateOnly(1948, 1, 1), s)).First(i => i.EndsWith('X'));

        var (rows, errors) = ResidentImportRules.Check([Row(2, id: " " + withX.ToLowerInvariant() + " ", tags: "高血压，脱贫人口")], Villages, Today);

        Assert.Empty(errors);
        Assert.Equal(withX, rows[0].Details.IdNumber.Value);
        Assert.Equal(KeyPopulation.Hypertension | KeyPopulation.LowIncome, rows[0].Details.Tags);
    }

    [Fact]
    public void A_head_of_household_number_must_itself_be_valid()
    {
        var (_, errors) = ResidentImportRules.Check([Row(2, head: "12345")], Villages, Today);

        Assert.Contains(errors, e => e.Column == "户主身份证号" && e.Message.StartsWith("户主身份证号：", StringComparison.Ordinal));
    }
}
