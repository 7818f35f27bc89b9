using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments.Tcm;

/// <summary>
/// A complete set of answers to the 33 items, each 1–5. The form allows no blank item, so a set with a
/// blank or an out-of-range answer cannot be built.
/// </summary>
public sealed class TcmAnswers
{
    private readonly int[] _answers;

    private TcmAnswers(int[] answers) => _answers = answers;

    /// <summary>The answer to item <paramref name="itemNumber"/> (1–33).</summary>
    public int this[int itemNumber] =>
        itemNumber is >= 1 and <= TcmQuestionnaire.ItemCount
            ? _answers[itemNumber - 1]
            : throw new ArgumentOutOfRangeException(nameof(itemNumber), itemNumber, "题号应在1到33之间。");

    /// <summary>The 33 answers in item order (index 0 is item 1).</summary>
    public IReadOnlyList<int> All => _answers;

    /// <summary>
    /// Builds the set from answers in item order (index 0 is item 1; null is a blank). A list shorter than
    /// 33 leaves the remaining items blank.
    /// </summary>
    /// <exception cref="DomainException">
    /// tcm.answers.too_many, tcm.answers.incomplete (the message lists every blank item) or
    /// tcm.answers.out_of_range (the message lists every bad answer).
    /// </exception>
    public static TcmAnswers Create(IReadOnlyList<int?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var errors = Validate(answers);
        if (errors.Count > 0)
        {
            var code = answers.Count > TcmQuestionnaire.ItemCount ? "tcm.answers.too_many"
                : errors.Any(e => e.Field == MissingField) ? "tcm.answers.incomplete"
                : "tcm.answers.out_of_range";
            throw new DomainException(code, string.Join("", errors.Select(e => e.Message)));
        }
        return new TcmAnswers([.. answers.Select(a => a!.Value)]);
    }

    /// <summary>Builds the set from answers keyed by item number; a missing key is a blank.</summary>
    public static TcmAnswers Create(IReadOnlyDictionary<int, int> answersByItem)
    {
        ArgumentNullException.ThrowIfNull(answersByItem);
        var unknown = answersByItem.Keys.Where(k => k is < 1 or > TcmQuestionnaire.ItemCount).Order().ToList();
        if (unknown.Count > 0)
            throw new DomainException("tcm.answers.unknown_item",
                $"体质辨识记录表只有第1～{TcmQuestionnaire.ItemCount}题，没有第{string.Join("、", unknown)}题。");
        return Create(Enumerable.Range(1, TcmQuestionnaire.ItemCount)
            .Select(n => answersByItem.TryGetValue(n, out var a) ? a : (int?)null).ToList());
    }

    /// <summary>Builds the set from 33 answers in item order.</summary>
    public static TcmAnswers Create(params int[] answers) =>
        Create(answers.Select(a => (int?)a).ToList());

    public const string MissingField = "answers.missing";
    public const string OutOfRangeField = "answers.out_of_range";
    public const string TooManyField = "answers.count";

    /// <summary>
    /// Every problem with the answers, in words for the user: at most one error for blanks (listing every
    /// blank item number), one for out-of-range answers, one for too many answers.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<int?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<ValidationError>();
        if (answers.Count > TcmQuestionnaire.ItemCount)
            errors.Add(new(TooManyField,
                $"体质辨识记录表共{TcmQuestionnaire.ItemCount}题，收到了{answers.Count}个答案。"));

        var missing = Enumerable.Range(1, TcmQuestionnaire.ItemCount)
            .Where(n => n > answers.Count || answers[n - 1] is null).ToList();
        if (missing.Count > 0)
            errors.Add(new(MissingField,
                $"以下题目未作答：第{string.Join("、", missing)}题。记录表不能空项，请全部询问填写后再判定。"));

        var outOfRange = Enumerable.Range(1, Math.Min(answers.Count, TcmQuestionnaire.ItemCount))
            .Where(n => answers[n - 1] is { } a && (a < TcmQuestionnaire.MinAnswer || a > TcmQuestionnaire.MaxAnswer))
            .Select(n => $"第{n}题（{answers[n - 1]}）").ToList();
        if (outOfRange.Count > 0)
            errors.Add(new(OutOfRangeField,
                $"每题的答案只能是1～5分，以下答案超出范围：{string.Join("、", outOfRange)}。"));
        return errors;
    }
}
