using System.Globalization;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;

namespace CareTeams.Web.Data.Seeding;

/// <summary>A made-up resident, before registration: what the resident form would receive, plus the status to record.</summary>
public sealed class SyntheticPerson
{
    internal SyntheticPerson(Sex sex, DateOnly dateOfBirth, int age)
    {
        Sex = sex;
        DateOfBirth = dateOfBirth;
        Age = age;
    }

    public Sex Sex { get; }
    public DateOnly DateOfBirth { get; }

    /// <summary>Full years on the generator's "today".</summary>
    public int Age { get; }

    public string Name { get; internal set; } = string.Empty;
    public string IdNumber { get; internal set; } = string.Empty;
    public string? Phone { get; internal set; }
    public KeyPopulation Tags { get; internal set; }
    public LivingArrangement LivingArrangement { get; internal set; } = LivingArrangement.Home;

    /// <summary>Active, or moved away / deceased: to be recorded after registration (RecordMovedAway / RecordDeath).</summary>
    public ResidentStatus Status { get; internal set; } = ResidentStatus.Active;
    public DateOnly? StatusChangedOn { get; internal set; }
    public string? StatusNote { get; internal set; }

    /// <summary>What the resident form would send for this person (checked by <see cref="ResidentDetails.Validate"/>).</summary>
    public ResidentInput ToInput(string address) => new()
    {
        Name = Name,
        IdNumber = IdNumber,
        Sex = Sex,
        DateOfBirth = DateOfBirth,
        Phone = Phone,
        Address = address,
        LivingArrangement = LivingArrangement,
        Tags = Tags,
    };
}

/// <summary>A made-up household: its address and its members, the head first.</summary>
public sealed class SyntheticHousehold(string address, IReadOnlyList<SyntheticPerson> members)
{
    public string Address { get; } = address;

    /// <summary>The head (户主) first; the head is always an active resident. A member who moved away has left the household.</summary>
    public IReadOnlyList<SyntheticPerson> Members { get; } = members;

    public SyntheticPerson Head => Members[0];
}

/// <summary>
/// The one generator of synthetic residents for the demo and scale seeds: realistic Chinese names
/// (surnames weighted by frequency, given names by sex and generation, a few compound surnames),
/// valid and unique ID numbers for a region, a rural age mix (about 8 % aged 0–6 and 20 % aged 65+),
/// households of 1–6 people built around families (children live with parents or, left behind, with
/// grandparents), mobiles for adults, key-population tags by age (hypertension about 25 % and type-2
/// diabetes about 10 % of those 35+), about 5 % of elders in a care institution, and a few who moved
/// away or died. Everything comes from the <see cref="Random"/> it is given: the same seed and day
/// give the same people.
/// </summary>
public sealed class SyntheticPeople
{
    private const int MaxAge = 100;

    private readonly Random _random;
    private readonly DateOnly _today;
    private readonly string _regionCode;
    private readonly HashSet<long> _usedIdNumbers = [];

    public SyntheticPeople(Random random, DateOnly today, string regionCode)
    {
        _random = random;
        _today = today;
        _regionCode = regionCode;
    }

    public DateOnly Today => _today;

    // ----- Households of a village -------------------------------------------------------------

    /// <summary>
    /// Exactly <paramref name="residents"/> people living in a village, grouped into households. The
    /// ages are drawn first (so the village has the county's age mix exactly as drawn), then grouped:
    /// children with parents 20–42 years older (or, about one in ten, with grandparents), then elders
    /// alone, as couples or with a grown child, then the remaining adults alone, as couples or with a grown child.
    /// </summary>
    public IReadOnlyList<SyntheticHousehold> Village(string villageName, VillageKind kind, int residents)
    {
        var pool = new AgePool(_random);
        for (var i = 0; i < residents; i++)
            pool.Add(NewPerson());

        var groups = new List<Family>();
        var orphans = new List<SyntheticPerson>();
        while (pool.Count(0, 17) > 0)
            FormFamilyWithChildren(pool, groups, orphans);
        while (pool.Count(65, MaxAge) > 0)
            FormElderHousehold(pool, groups);
        while (pool.Count(18, 64) > 0)
            FormAdultHousehold(pool, groups);
        PlaceOrphans(orphans, groups);

        var addresses = new AddressBook(villageName, kind, groups.Count, _random);
        var households = new List<SyntheticHousehold>(groups.Count);
        foreach (var family in groups)
        {
            foreach (var (person, surname) in family.Members)
                Complete(person, surname);
            var members = family.Members.Select(m => m.Person).ToList();
            RecordLifeEvents(members);
            households.Add(new SyntheticHousehold(addresses.Next(), members));
        }
        return households;
    }

    /// <summary>1–3 children (close in age), a parent and usually the other parent, sometimes grandparents.</summary>
    private void FormFamilyWithChildren(AgePool pool, List<Family> groups, List<SyntheticPerson> orphans)
    {
        var first = pool.Take(0, 17)!;
        var kids = new List<SyntheticPerson> { first };
        var more = Pick(0.55, 0.35, 0.10);
        for (var i = 0; i < more; i++)
        {
            if (pool.Take(first.Age - 8, Math.Min(17, first.Age + 8)) is { } sibling)
                kids.Add(sibling);
        }
        var oldest = kids.Max(k => k.Age);
        var youngest = kids.Min(k => k.Age);
        var family = new Family();

        // About one child in ten is left behind (留守) with grandparents while the parents work away.
        var parent = Chance(0.10) ? null : pool.Take(Math.Max(18, oldest + 20), Math.Min(64, youngest + 42));
        if (parent is null)
        {
            var grandparent = pool.Take(Math.Max(40, oldest + 40), MaxAge) ?? pool.Take(18, MaxAge);
            if (grandparent is null)
            {
                orphans.AddRange(kids);
                return;
            }
            var grandpartner = Chance(0.6) ? pool.Take(Math.Max(40, grandparent.Age - 6), grandparent.Age + 6, Opposite(grandparent.Sex)) : null;
            var (elder, other) = MaleFirst(grandparent, grandpartner);
            var elderSurname = Surname();
            family.Add(elder, elderSurname);
            if (other is not null)
                family.Add(other, Surname());
            // Paternal grandparents give the children their surname; otherwise it is the absent father's.
            var kidsSurname = elder.Sex == Sex.Male ? elderSurname : Surname();
            foreach (var kid in kids)
                family.Add(kid, kidsSurname);
            groups.Add(family);
            return;
        }

        var spouse = Chance(0.85) ? pool.Take(Math.Max(18, parent.Age - 5), Math.Min(64, parent.Age + 5), Opposite(parent.Sex)) : null;
        var (head, partner) = MaleFirst(parent, spouse);
        var familySurname = Surname();
        family.Add(head, familySurname);
        if (partner is not null)
            family.Add(partner, Surname());
        // A single mother's children carry their father's surname as often as not.
        var childSurname = head.Sex == Sex.Male || Chance(0.5) ? familySurname : Surname();
        if (kids.Count + family.Count < 6 && Chance(0.30))
        {
            var grandparent = pool.Take(Math.Max(40, head.Age + 20), head.Age + 38);
            if (grandparent is not null)
            {
                family.Add(grandparent, head.Sex == Sex.Male && grandparent.Sex == Sex.Male ? familySurname : Surname());
                if (kids.Count + family.Count < 6 && Chance(0.5)
                    && pool.Take(Math.Max(40, grandparent.Age - 6), grandparent.Age + 6, Opposite(grandparent.Sex)) is { } other)
                {
                    family.Add(other, head.Sex == Sex.Male && other.Sex == Sex.Male ? familySurname : Surname());
                }
            }
        }
        foreach (var kid in kids)
            family.Add(kid, childSurname);
        groups.Add(family);
    }

    /// <summary>An elder alone, an elderly couple, sometimes with a grown child (and the child's spouse).</summary>
    private void FormElderHousehold(AgePool pool, List<Family> groups)
    {
        var elder = pool.Take(65, MaxAge)!;
        var partner = Chance(0.55) ? pool.Take(Math.Max(55, elder.Age - 6), elder.Age + 6, Opposite(elder.Sex)) : null;
        var (head, other) = MaleFirst(elder, partner);
        var family = new Family();
        var surname = Surname();
        family.Add(head, surname);
        if (other is not null)
            family.Add(other, Surname());
        if (Chance(0.25) && pool.Take(Math.Max(18, head.Age - 38), head.Age - 22) is { } child)
        {
            family.Add(child, head.Sex == Sex.Male ? surname : Surname());
            if (Chance(0.5) && pool.Take(Math.Max(18, child.Age - 5), child.Age + 5, Opposite(child.Sex)) is { } childSpouse)
                family.Add(childSpouse, Surname());
        }
        groups.Add(family);
    }

    /// <summary>An adult alone, a couple, or a couple with a grown child.</summary>
    private void FormAdultHousehold(AgePool pool, List<Family> groups)
    {
        var adult = pool.Take(18, 64)!;
        var roll = _random.NextDouble();
        var partner = roll >= 0.30 ? pool.Take(Math.Max(18, adult.Age - 5), Math.Min(64, adult.Age + 5), Opposite(adult.Sex)) : null;
        var (head, other) = MaleFirst(adult, partner);
        var family = new Family();
        var surname = Surname();
        family.Add(head, surname);
        if (other is not null)
            family.Add(other, Surname());
        if (roll >= 0.80 && head.Age >= 38 && pool.Take(18, head.Age - 20) is { } child)
            family.Add(child, head.Sex == Sex.Male ? surname : Surname());
        groups.Add(family);
    }

    /// <summary>Children left when no adult was left in the village join a household with room (or live on their own).</summary>
    private void PlaceOrphans(List<SyntheticPerson> orphans, List<Family> groups)
    {
        foreach (var child in orphans)
        {
            var home = groups.Count == 0 ? null : groups[_random.Next(groups.Count)];
            if (home is null || home.Count >= 6)
            {
                home = new Family();
                groups.Add(home);
            }
            home.Add(child, home.Count == 0 ? Surname() : home.Members[0].Surname);
        }
    }

    private static (SyntheticPerson Head, SyntheticPerson? Other) MaleFirst(SyntheticPerson one, SyntheticPerson? two) =>
        two is not null && two.Sex == Sex.Male && one.Sex == Sex.Female ? (two, one) : (one, two);

    private static Sex Opposite(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;

    private sealed class Family
    {
        public List<(SyntheticPerson Person, string Surname)> Members { get; } = [];
        public int Count => Members.Count;
        public void Add(SyntheticPerson person, string surname) => Members.Add((person, surname));
    }

    // ----- One person ---------------------------------------------------------------------------

    // Age bands and their share of the population (percent): a rural county, about 8 % aged 0–6
    // and 20 % aged 65+.
    private static readonly (int From, int To, double Share)[] AgeBands =
    [
        (0, 6, 8.0), (7, 17, 10.0), (18, 34, 17.0), (35, 49, 19.0), (50, 64, 26.0),
        (65, 74, 12.0), (75, 84, 6.0), (85, 89, 1.5), (90, MaxAge, 0.5),
    ];

    private static readonly double AgeShareTotal = AgeBands.Sum(b => b.Share);

    private SyntheticPerson NewPerson()
    {
        var age = NextAge();
        // More women than men among the oldest.
        var sex = _random.NextDouble() < (age >= 80 ? 0.42 : 0.51) ? Sex.Male : Sex.Female;
        var born = DateOfBirthAtAge(age);
        return new SyntheticPerson(sex, born, Age.On(born, _today));
    }

    private int NextAge()
    {
        var roll = _random.NextDouble() * AgeShareTotal;
        foreach (var (from, to, share) in AgeBands)
        {
            if (roll < share)
                return from + _random.Next(to - from + 1);
            roll -= share;
        }
        return MaxAge;
    }

    /// <summary>A day of birth on which a person is <paramref name="age"/> today (never after today).</summary>
    public DateOnly DateOfBirthAtAge(int age)
    {
        var latest = _today.AddYears(-age);
        var earliest = _today.AddYears(-(age + 1)).AddDays(1);
        return earliest.AddDays(_random.Next(latest.DayNumber - earliest.DayNumber + 1));
    }

    /// <summary>Gives a grouped person the name, ID number, phone, tags and living arrangement they live with.</summary>
    private void Complete(SyntheticPerson person, string surname)
    {
        person.Name = surname + GivenName(person.Sex, person.DateOfBirth.Year);
        person.IdNumber = IdNumber(person.DateOfBirth, person.Sex);
        person.Phone = person.Age >= 18 ? Mobile() : null;
        person.Tags = Tags(person.Age, person.Sex);
        if (person.Age >= 65 && Chance(person.Age >= 80 ? 0.12 : 0.03))
            person.LivingArrangement = LivingArrangement.CareInstitution;
    }

    /// <summary>A few members (never the head) died or moved away; those who moved left the household.</summary>
    private void RecordLifeEvents(List<SyntheticPerson> members)
    {
        for (var i = members.Count - 1; i >= 1; i--)
        {
            var person = members[i];
            if (person.Age >= 70 && Chance(0.04))
            {
                person.Status = ResidentStatus.Deceased;
                person.StatusChangedOn = StatusDay(person, 1_000);
                person.StatusNote = Chance(0.7) ? "病故" : null;
            }
            else if (person.Age is >= 18 and <= 55 && Chance(0.025))
            {
                person.Status = ResidentStatus.MovedAway;
                person.StatusChangedOn = StatusDay(person, 700);
                person.StatusNote = "迁往" + Cities[_random.Next(Cities.Length)];
            }
        }
    }

    private DateOnly StatusDay(SyntheticPerson person, int withinDays)
    {
        var day = _today.AddDays(-_random.Next(withinDays));
        return day < person.DateOfBirth ? person.DateOfBirth : day;
    }

    private static readonly string[] Cities = ["杭州市", "宁波市", "上海市", "温州市", "金华市", "绍兴市", "苏州市", "深圳市", "义乌市"];

    /// <summary>Recorded key-population tags, by age and sex (never the age-derived ones or 失能).</summary>
    private KeyPopulation Tags(int age, Sex sex)
    {
        var tags = KeyPopulation.None;
        if (Chance(age >= 65 ? 0.40 : age >= 50 ? 0.25 : age >= 35 ? 0.10 : 0))
            tags |= KeyPopulation.Hypertension;
        if (Chance(age >= 65 ? 0.15 : age >= 50 ? 0.10 : age >= 35 ? 0.04 : 0))
            tags |= KeyPopulation.Type2Diabetes;
        if (age >= 18 && Chance(0.004))
            tags |= KeyPopulation.SevereMentalDisorder;
        if (age >= 15 && Chance(0.002))
            tags |= KeyPopulation.Tuberculosis;
        if (sex == Sex.Female && age is >= 20 and <= 40 && Chance(0.04))
            tags |= KeyPopulation.Maternal;
        if (Chance(age >= 60 ? 0.03 : 0.01))
            tags |= KeyPopulation.PersonWithDisability;
        if (age >= 50 && Chance(0.004))
            tags |= KeyPopulation.FamilyPlanningSpecial;
        if (Chance(0.025))
            tags |= KeyPopulation.LowIncome;
        if (age >= 60 && Chance(0.006))
            tags |= KeyPopulation.ExtremePovertySupport;
        return tags;
    }

    /// <summary>A valid ID number of the region, unique among those this generator made (region + birth date + sequence).</summary>
    public string IdNumber(DateOnly dateOfBirth, Sex sex)
    {
        while (true)
        {
            // Odd sequences are men, even women (GB 11643).
            var sequence = sex == Sex.Male ? (2 * _random.Next(500)) + 1 : 2 * _random.Next(1, 500);
            if (_usedIdNumbers.Add(((long)dateOfBirth.DayNumber * 1000) + sequence))
                return ResidentIdNumber.Compose(_regionCode, dateOfBirth, sequence).Value;
        }
    }

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199",
    ];

    /// <summary>An 11-digit mainland mobile number (1[3-9]x xxxx xxxx).</summary>
    public string Mobile() =>
        MobilePrefixes[_random.Next(MobilePrefixes.Length)] + _random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A full name for someone of this sex born in this year (staff and residents alike).</summary>
    public string PersonName(Sex sex, int birthYear) => Surname() + GivenName(sex, birthYear);

    // ----- Names --------------------------------------------------------------------------------

    // Common surnames with their approximate share (per mille) in the 2020 census, a few raised for
    // Zhejiang; compound surnames are rare. Characters read differently as a surname (曾, 单, 解, 仇, 查)
    // are left out so that the pinyin initials used for search come out right.
    private static readonly (string Surname, double Weight)[] Surnames =
    [
        ("王", 71), ("李", 70), ("张", 67), ("刘", 51), ("陈", 60), ("杨", 32), ("黄", 25), ("赵", 23), ("吴", 28), ("周", 22),
        ("徐", 20), ("孙", 15), ("马", 15), ("朱", 16), ("胡", 15), ("郭", 12), ("何", 12), ("林", 12), ("罗", 10), ("高", 10),
        ("郑", 10), ("梁", 9), ("谢", 8), ("宋", 7), ("唐", 7), ("许", 8), ("韩", 6), ("邓", 6), ("冯", 6), ("曹", 6),
        ("彭", 5), ("肖", 5), ("田", 5), ("董", 5), ("潘", 6), ("袁", 5), ("蔡", 5), ("蒋", 6), ("余", 5), ("于", 4),
        ("杜", 4), ("叶", 7), ("程", 4), ("魏", 4), ("苏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("卢", 4), ("姚", 4),
        ("沈", 6), ("钟", 3), ("姜", 3), ("崔", 3), ("谭", 3), ("陆", 4), ("范", 3), ("汪", 4), ("廖", 3), ("石", 3),
        ("金", 5), ("韦", 3), ("贾", 3), ("夏", 3), ("付", 3), ("方", 5), ("邹", 2), ("熊", 2), ("白", 2), ("孟", 2),
        ("秦", 2), ("邱", 2), ("侯", 2), ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2), ("龙", 2), ("黎", 2),
        ("史", 2), ("陶", 2), ("贺", 2), ("毛", 3), ("郝", 2), ("顾", 2), ("龚", 2), ("邵", 3), ("万", 2), ("武", 2),
        ("钱", 3), ("戴", 2), ("严", 2), ("孔", 1), ("俞", 3), ("应", 2), ("楼", 2), ("章", 3), ("鲍", 1), ("童", 1),
        ("欧阳", 0.8), ("诸葛", 0.4), ("司马", 0.3), ("上官", 0.3),
    ];

    private static readonly double SurnameTotal = Surnames.Sum(s => s.Weight);

    private string Surname()
    {
        var roll = _random.NextDouble() * SurnameTotal;
        foreach (var (surname, weight) in Surnames)
        {
            if (roll < weight)
                return surname;
            roll -= weight;
        }
        return Surnames[0].Surname;
    }

    // Whole given names typical of each generation. Only characters PinyinInitials knows are used
    // (怡, as in 欣怡, is a GB 2312 level-2 character it does not list yet).
    private static readonly string[] OldMen =
        ["建国", "国强", "建华", "志明", "德明", "福根", "金水", "福生", "根宝", "新民", "立新", "卫东", "保国", "文华", "永福", "海林", "宝华", "荣生", "水根", "有才", "德胜", "友良", "兴旺", "木根"];
    private static readonly string[] OldWomen =
        ["桂英", "秀兰", "秀英", "玉兰", "凤英", "美华", "秀珍", "金花", "月娥", "彩霞", "素琴", "翠花", "春梅", "菊英", "玉珍", "爱珍", "兰英", "雪琴", "杏花", "小妹", "彩英", "月英", "玉凤", "巧云"];
    private static readonly string[] MiddleMen =
        ["伟", "强", "军", "勇", "磊", "涛", "斌", "杰", "海涛", "建军", "志强", "晓东", "伟华", "俊", "鹏", "剑锋", "永刚", "国平", "建平", "晓峰", "文斌", "卫国", "小军", "建伟"];
    private static readonly string[] MiddleWomen =
        ["丽", "敏", "静", "燕", "芳", "霞", "红梅", "丽娟", "晓燕", "海燕", "春燕", "玲", "丽华", "美玲", "秀梅", "慧", "雅琴", "晓红", "艳", "婷", "丽萍", "小芳", "卫红", "海霞"];
    private static readonly string[] YoungMen =
        ["子轩", "浩宇", "宇轩", "梓豪", "俊杰", "皓轩", "一鸣", "子墨", "浩然", "宇航", "博文", "天佑", "思远", "睿", "晨", "昊", "铭", "泽宇", "嘉豪", "宇辰", "俊熙", "明哲", "家乐", "子豪"];
    private static readonly string[] YoungWomen =
        ["梓涵", "欣然", "雨桐", "诗涵", "一诺", "紫涵", "子涵", "思琪", "可欣", "语嫣", "佳慧", "雨萱", "梦瑶", "悦", "涵", "萱", "可馨", "欣妍", "诗琪", "雨欣", "梓萱", "佳琪", "依诺", "若彤"];

    // Characters to compose more given names from, by sex and generation.
    private static readonly string[] MaleCharacters = ["根福金水德荣生宝财林发顺才兴明华", "伟建国志明华军文海林永俊斌峰强平东杰涛辉刚勇波鹏飞", "子宇浩轩梓睿泽俊辰晨博文一思天嘉明铭皓哲"];
    private static readonly string[] FemaleCharacters = ["秀英兰珍凤花梅娥琴翠菊妹玉美月彩", "丽华芳红梅燕静霞婷琴慧敏萍娟玲芬洁雪莉艳", "梓涵欣然雨桐诗思琪可馨语佳萱梦瑶悦妍若依"];

    private string GivenName(Sex sex, int birthYear)
    {
        var generation = birthYear < 1970 ? 0 : birthYear < 1995 ? 1 : 2;
        var list = (sex, generation) switch
        {
            (Sex.Male, 0) => OldMen,
            (Sex.Male, 1) => MiddleMen,
            (Sex.Male, _) => YoungMen,
            (_, 0) => OldWomen,
            (_, 1) => MiddleWomen,
            _ => YoungWomen,
        };
        if (Chance(0.7))
            return list[_random.Next(list.Length)];
        var characters = (sex == Sex.Male ? MaleCharacters : FemaleCharacters)[generation];
        var first = characters[_random.Next(characters.Length)];
        if (Chance(0.15))
            return first.ToString();
        char second;
        do
        {
            second = characters[_random.Next(characters.Length)];
        }
        while (second == first);
        return string.Concat(first, second);
    }

    // ----- Helpers ------------------------------------------------------------------------------

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;

    /// <summary>0, 1, 2 … with the given probabilities.</summary>
    private int Pick(params double[] probabilities)
    {
        var roll = _random.NextDouble();
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (roll < probabilities[i])
                return i;
            roll -= probabilities[i];
        }
        return probabilities.Length - 1;
    }

    /// <summary>People not yet placed in a household, by sex and age, taken at random within an age range.</summary>
    private sealed class AgePool(Random random)
    {
        private readonly List<SyntheticPerson>[] _buckets = Enumerable.Range(0, 2 * (MaxAge + 1)).Select(_ => new List<SyntheticPerson>()).ToArray();

        private static int Index(Sex sex, int age) => ((sex == Sex.Male ? 0 : 1) * (MaxAge + 1)) + age;

        public void Add(SyntheticPerson person) => _buckets[Index(person.Sex, Math.Min(person.Age, MaxAge))].Add(person);

        public int Count(int from, int to)
        {
            var count = 0;
            for (var age = Math.Max(from, 0); age <= Math.Min(to, MaxAge); age++)
                count += _buckets[Index(Sex.Male, age)].Count + _buckets[Index(Sex.Female, age)].Count;
            return count;
        }

        /// <summary>Removes and returns a random person aged <paramref name="from"/>–<paramref name="to"/> (of a sex if given); null if none.</summary>
        public SyntheticPerson? Take(int from, int to, Sex? sex = null)
        {
            from = Math.Max(from, 0);
            to = Math.Min(to, MaxAge);
            if (from > to)
                return null;
            var total = 0;
            for (var age = from; age <= to; age++)
            {
                if (sex != Sex.Female)
                    total += _buckets[Index(Sex.Male, age)].Count;
                if (sex != Sex.Male)
                    total += _buckets[Index(Sex.Female, age)].Count;
            }
            if (total == 0)
                return null;
            var pick = random.Next(total);
            for (var age = from; age <= to; age++)
            {
                foreach (var s in (ReadOnlySpan<Sex>)[Sex.Male, Sex.Female])
                {
                    if (sex is { } only && only != s)
                        continue;
                    var bucket = _buckets[Index(s, age)];
                    if (pick < bucket.Count)
                    {
                        var person = bucket[pick];
                        bucket[pick] = bucket[^1];
                        bucket.RemoveAt(bucket.Count - 1);
                        return person;
                    }
                    pick -= bucket.Count;
                }
            }
            return null;
        }
    }

    /// <summary>Unique addresses in a village (东山村3组12号) or an urban community (城南社区5幢2单元301室).</summary>
    private sealed class AddressBook
    {
        private readonly string _village;
        private readonly VillageKind _kind;
        private readonly Random _random;
        private readonly int[] _nextNumber;
        private readonly HashSet<string> _used = [];

        public AddressBook(string village, VillageKind kind, int households, Random random)
        {
            _village = village;
            _kind = kind;
            _random = random;
            // Villager groups (村民小组) of about 40 households.
            _nextNumber = new int[Math.Clamp((households / 40) + 1, 3, 15)];
        }

        public string Next()
        {
            if (_kind == VillageKind.AdministrativeVillage)
            {
                var group = _random.Next(_nextNumber.Length);
                _nextNumber[group] += 1 + _random.Next(3);
                return string.Create(CultureInfo.InvariantCulture, $"{_village}{group + 1}组{_nextNumber[group]}号");
            }
            while (true)
            {
                var building = 1 + _random.Next(Math.Max(10, _used.Count / 20));
                var address = string.Create(CultureInfo.InvariantCulture,
                    $"{_village}{building}幢{1 + _random.Next(3)}单元{1 + _random.Next(6)}0{1 + _random.Next(2)}室");
                if (_used.Add(address))
                    return address;
            }
        }
    }
}
