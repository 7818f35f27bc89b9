using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>The columns of the resident import sheet, in the template's order, with their Chinese headers.</summary>
public static class ResidentImportColumns
{
    public const string Name = "姓名";
    public const string Sex = "性别";
    public const string IdNumber = "身份证号";
    public const string Phone = "联系电话";
    public const string Village = "村/社区";
    public const string HeadIdNumber = "户主身份证号";
    public const string Living = "居住状态";
    public const string Tags = "重点人群";
    public const string Address = "住址";

    /// <summary>The required columns, in order. <see cref="Address"/> may follow as an optional ninth.</summary>
    public static readonly IReadOnlyList<string> Required = [Name, Sex, IdNumber, Phone, Village, HeadIdNumber, Living, Tags];
    public static readonly IReadOnlyList<string> All = [.. Required, Address];

    /// <summary>What a tag list is separated by (、 in the template; commas and semicolons are forgiven).</summary>
    public static readonly char[] TagSeparators = ['、', ',', '，', ';', '；', '/', ' '];
}

/// <summary>One data row of an import sheet as typed: every cell as text, and the row's number in the sheet.</summary>
public sealed record ResidentImportRow(
    int RowNumber,
    string? Name,
    string? Sex,
    string? IdNumber,
    string? Phone,
    string? Village,
    string? HeadIdNumber,
    string? Living,
    string? Tags,
    string? Address = null);

/// <summary>A row that passed every rule: the resident's details, the village it belongs to, and its head of household's ID number if given.</summary>
public sealed record CheckedImportRow(int RowNumber, ResidentDetails Details, int VillageId, string? HeadIdNumber);

/// <summary>A problem with one row, against its column, in Chinese.</summary>
public sealed record ImportRowError(int RowNumber, string Column, string Message);

/// <summary>
/// The rules a row of the resident import must pass: exactly the rules of the resident form
/// (<see cref="ResidentDetails.Validate"/>) plus what only a sheet can get wrong — the village named
/// must be one of the centre's, sex and living arrangement spelled as the template offers, tags known,
/// the head of household's number valid, and no ID number twice in one file.
/// </summary>
public static class ResidentImportRules
{
    /// <summary>Checks every row; returns the good rows and every problem of the bad ones (a row with any problem is left out whole).</summary>
    public static (IReadOnlyList<CheckedImportRow> Rows, IReadOnlyList<ImportRowError> Errors) Check(
        IReadOnlyList<ResidentImportRow> rows, IReadOnlyDictionary<string, int> villageIdsByName, DateOnly today)
    {
        var good = new List<CheckedImportRow>(rows.Count);
        var errors = new List<ImportRowError>();
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (checkedRow, rowErrors) = CheckRow(row, villageIdsByName, today);
            if (checkedRow is not null)
            {
                var id = checkedRow.Details.IdNumber.Value;
                if (firstRowOfId.TryGetValue(id, out var first))
                {
                    rowErrors = [new ImportRowError(row.RowNumber, ResidentImportColumns.IdNumber, $"身份证号与第 {first} 行重复，同一文件中每人只能出现一次。")];
                    checkedRow = null;
                }
                else
                {
                    firstRowOfId[id] = row.RowNumber;
                }
            }
            if (checkedRow is not null)
                good.Add(checkedRow);
            else
                errors.AddRange(rowErrors);
        }
        return (good, errors);
    }

    public static (CheckedImportRow? Row, IReadOnlyList<ImportRowError> Errors) CheckRow(
        ResidentImportRow row, IReadOnlyDictionary<string, int> villageIdsByName, DateOnly today)
    {
        var errors = new List<ImportRowError>();
        void Error(string column, string message) => errors.Add(new ImportRowError(row.RowNumber, column, message));

        // An empty sex is taken from the ID number; a filled one must agree with it (the form's rule).
        Sex? sex = null;
        switch (Clean(row.Sex))
        {
            case null: break;
            case "男" or "男性": sex = Residents.Sex.Male; break;
            case "女" or "女性": sex = Residents.Sex.Female; break;
            case var other: Error(ResidentImportColumns.Sex, $"性别“{other}”无法识别，请填写“男”或“女”。"); break;
        }

        var living = LivingArrangement.Home;
        switch (Clean(row.Living))
        {
            case null or "居家": break;
            case "机构养老" or "机构" or "养老机构": living = LivingArrangement.CareInstitution; break;
            case var other: Error(ResidentImportColumns.Living, $"居住状态“{other}”无法识别，请填写“居家”或“机构养老”。"); break;
        }

        var tags = KeyPopulation.None;
        foreach (var name in (Clean(row.Tags) ?? string.Empty).Split(ResidentImportColumns.TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (KeyPopulations.FromChineseName(name) is not { } tag)
                Error(ResidentImportColumns.Tags, $"重点人群“{name}”无法识别，可填：{string.Join("、", KeyPopulations.All.Where(t => (t & KeyPopulations.HandRecorded) != 0).Select(KeyPopulations.ChineseName))}。");
            else if ((tag & KeyPopulations.HandRecorded) == 0)
                Error(ResidentImportColumns.Tags, $"“{KeyPopulations.ChineseName(tag)}”由系统根据出生日期或能力评估自动判定，请不要填写。");
            else
                tags |= tag;
        }

        int? villageId = null;
        if (Clean(row.Village) is not { } village)
            Error(ResidentImportColumns.Village, "请填写村/社区。");
        else if (villageIdsByName.TryGetValue(village, out var id))
            villageId = id;
        else
            Error(ResidentImportColumns.Village, $"本机构没有名为“{village}”的村/社区，请按模板中的名称填写。");

        string? headId = null;
        if (Clean(row.HeadIdNumber) is { } head)
        {
            var parsed = ResidentIdNumber.Parse(head, today);
            if (parsed.Ok)
                headId = parsed.Value!.Value;
            else
                Error(ResidentImportColumns.HeadIdNumber, "户主身份证号：" + parsed.Error);
        }

        var (details, formErrors) = ResidentDetails.Validate(new ResidentInput
        {
            Name = row.Name,
            IdNumber = row.IdNumber,
            Sex = sex,
            Phone = row.Phone,
            Address = row.Address,
            LivingArrangement = living,
            Tags = tags,
        }, today);
        foreach (var e in formErrors)
            Error(ColumnOf(e.Field), e.Message);

        return errors.Count == 0 && details is not null && villageId is { } v
            ? (new CheckedImportRow(row.RowNumber, details, v, headId), errors)
            : (null, errors);
    }

    private static string ColumnOf(string field) => field switch
    {
        nameof(ResidentInput.Name) => ResidentImportColumns.Name,
        nameof(ResidentInput.IdNumber) => ResidentImportColumns.IdNumber,
        nameof(ResidentInput.Sex) => ResidentImportColumns.Sex,
        nameof(ResidentInput.Phone) => ResidentImportColumns.Phone,
        nameof(ResidentInput.Address) => ResidentImportColumns.Address,
        nameof(ResidentInput.LivingArrangement) => ResidentImportColumns.Living,
        nameof(ResidentInput.Tags) => ResidentImportColumns.Tags,
        _ => ResidentImportColumns.IdNumber,
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
