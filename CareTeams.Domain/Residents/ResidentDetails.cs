using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>What a user types on the resident form or a row of the import sheet, before any checking.</summary>
public sealed record ResidentInput
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public LivingArrangement LivingArrangement { get; init; } = LivingArrangement.Home;
    public KeyPopulation Tags { get; init; }
}

/// <summary>Resident details that passed every rule; only <see cref="Validate"/> makes one.</summary>
public sealed record ResidentDetails
{
    public const int NameMaxLength = 30;
    public const int AddressMaxLength = 200;

    private ResidentDetails(string name, ResidentIdNumber idNumber, PhoneNumber? phone, string? address,
        LivingArrangement livingArrangement, KeyPopulation tags)
    {
        Name = name;
        IdNumber = idNumber;
        Phone = phone;
        Address = address;
        LivingArrangement = livingArrangement;
        Tags = tags;
    }

    public string Name { get; }
    public ResidentIdNumber IdNumber { get; }
    public Sex Sex => IdNumber.Sex;
    public DateOnly DateOfBirth => IdNumber.DateOfBirth;
    public PhoneNumber? Phone { get; }
    public string? Address { get; }
    public LivingArrangement LivingArrangement { get; }
    public KeyPopulation Tags { get; }

    /// <summary>
    /// Checks every field and reports every problem at once, each against its field, in Chinese.
    /// The phone number is optional for a child (a guardian's number is usual) but required from 18.
    /// </summary>
    public static (ResidentDetails? Details, IReadOnlyList<ValidationError> Errors) Validate(ResidentInput input, DateOnly today)
    {
        var errors = new List<ValidationError>();

        var name = NormaliseName(input.Name);
        if (name.Length == 0)
            errors.Add(new(nameof(input.Name), "请填写姓名。"));
        else if (name.Length > NameMaxLength)
            errors.Add(new(nameof(input.Name), $"姓名最多 {NameMaxLength} 个字。"));
        else if (!name.All(IsNameCharacter))
            errors.Add(new(nameof(input.Name), "姓名只能包含汉字、字母、间隔号“·”和空格。"));
        else if (!name.Any(char.IsLetter))
            errors.Add(new(nameof(input.Name), "姓名中至少要有一个汉字或字母。"));

        var id = ResidentIdNumber.Parse(input.IdNumber, today);
        if (!id.Ok)
        {
            errors.Add(new(nameof(input.IdNumber), id.Error!));
        }
        else
        {
            if (input.Sex is { } sex && sex != id.Value!.Sex)
                errors.Add(new(nameof(input.Sex), $"性别与身份证号码不符：号码显示为{id.Value.Sex.ChineseName()}性。"));
            if (input.DateOfBirth is { } born && born != id.Value!.DateOfBirth)
                errors.Add(new(nameof(input.DateOfBirth), $"出生日期与身份证号码不符：号码显示为 {id.Value.DateOfBirth:yyyy-MM-dd}。"));
        }

        PhoneNumber? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            var parsed = PhoneNumber.Parse(input.Phone);
            if (parsed.Ok)
                phone = parsed.Value;
            else
                errors.Add(new(nameof(input.Phone), parsed.Error!));
        }
        else if (id.Ok && Age.On(id.Value!.DateOfBirth, today) >= 18)
        {
            errors.Add(new(nameof(input.Phone), "请填写联系电话（成年居民必填）。"));
        }

        var address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim();
        if (address is { Length: > AddressMaxLength })
            errors.Add(new(nameof(input.Address), $"地址最多 {AddressMaxLength} 个字。"));
        else if (address is not null && address.Any(c => char.IsControl(c) || c is '<' or '>'))
            errors.Add(new(nameof(input.Address), "地址不能包含尖括号或控制字符。"));

        if (!Enum.IsDefined(input.LivingArrangement))
            errors.Add(new(nameof(input.LivingArrangement), "请选择居住状态。"));

        if ((input.Tags & ~KeyPopulations.HandRecorded) != 0)
        {
            errors.Add(new(nameof(input.Tags),
                "“老年人”和“0–6岁儿童”由出生日期自动判定，“失能”由能力评估结果判定，不能手工勾选。"));
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new ResidentDetails(name, id.Value!, phone, address, input.LivingArrangement, input.Tags), errors);
    }

    private static string NormaliseName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        // The interpunct of minority names is typed many ways; store one.
        return trimmed.Replace('•', '·').Replace('・', '·').Replace('．', '·');
    }

    private static bool IsNameCharacter(char c) => char.IsLetter(c) || c is '·' or ' ';
}
