using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Services;

namespace CareTeams.Web.Components.Pages.ElderCare;

/// <summary>What the visit fields hold while the user types (a date and two times), turned into a <see cref="VisitInput"/> on save.</summary>
public sealed class VisitEntry
{
    public DateTime? Date { get; set; }
    public TimeSpan? Start { get; set; }
    public TimeSpan? End { get; set; }
    public VisitPlace Place { get; set; } = VisitPlace.Home;
    public string? Notes { get; set; }
    public string? SignedBy { get; set; }
    public string? SignedRelation { get; set; }

    /// <summary>Today, from half an hour ago to now (China time): what a form filled in at the visit usually means.</summary>
    public static VisitEntry Now(IClock clock)
    {
        var now = ChinaTime.LocalTimeOf(clock.Now);
        var end = new TimeSpan(now.Hour, now.Minute, 0);
        var start = end >= TimeSpan.FromMinutes(30) ? end - TimeSpan.FromMinutes(30) : TimeSpan.Zero;
        return new VisitEntry { Date = now.Date, Start = start, End = end };
    }

    public VisitInput ToInput()
    {
        var day = (Date ?? DateTime.MinValue).Date;
        return new VisitInput
        {
            StartedAt = day + (Start ?? TimeSpan.Zero),
            EndedAt = day + (End ?? Start ?? TimeSpan.Zero),
            Place = Place,
            Notes = Notes,
            SignedBy = SignedBy,
            SignedRelation = SignedRelation,
        };
    }
}

/// <summary>One type's line on the TCM form while answers go in: the sum of the answered items, judged once all of them are in.</summary>
public sealed record TcmTypeProgress(ConstitutionType Type, int Sum, int Answered, int ItemCount, TcmJudgement? Judgement);

/// <summary>
/// The TCM questionnaire's result as the answers go in: the answered count, per type the running sum (a
/// judgement as soon as the type's items are all answered; 平和质 once every item is), and, once all 33
/// are in, <see cref="TcmScoring"/>'s result itself.
/// </summary>
public sealed class TcmProgress
{
    public TcmProgress(IReadOnlyList<int?> answers)
    {
        Answered = answers.Count(a => a is not null);
        Missing = Enumerable.Range(1, TcmQuestionnaire.ItemCount).Where(n => n > answers.Count || answers[n - 1] is null).ToList();
        Result = Missing.Count == 0 ? TcmScoring.Score(TcmAnswers.Create(answers)) : null;
        Types = ConstitutionTypes.All.Select(type =>
        {
            var items = TcmQuestionnaire.ItemsOf(type);
            var answered = items.Where(i => answers[i.Number - 1] is not null).ToList();
            var sum = answered.Sum(i => i.ReverseScored
                ? TcmQuestionnaire.MaxAnswer + TcmQuestionnaire.MinAnswer - answers[i.Number - 1]!.Value
                : answers[i.Number - 1]!.Value);
            TcmJudgement? judgement = Result is { } result ? result.JudgementOf(type)
                : type.IsBiased() && answered.Count == items.Count ? TcmScoring.JudgeBiased(sum) : null;
            return new TcmTypeProgress(type, sum, answered.Count, items.Count, judgement);
        }).ToList();
    }

    public int Answered { get; }
    public IReadOnlyList<int> Missing { get; }
    public TcmResult? Result { get; }
    public IReadOnlyList<TcmTypeProgress> Types { get; }
}

/// <summary>
/// What every 2111 form shares: the item it records, the visit fields, the plan version a save is checked
/// against, the last save's outcome. A failed save keeps everything typed; "load the latest" takes the
/// new version and keeps the input.
/// </summary>
public abstract class ElderCareFormBase : Microsoft.AspNetCore.Components.ComponentBase
{
    [Microsoft.AspNetCore.Components.Parameter, Microsoft.AspNetCore.Components.EditorRequired]
    public ElderCareItem Item { get; set; } = null!;

    /// <summary>Called with the success message once the record is saved.</summary>
    [Microsoft.AspNetCore.Components.Parameter]
    public Microsoft.AspNetCore.Components.EventCallback<string> Saved { get; set; }

    /// <summary>Reloads the item (a new plan version) after a conflict.</summary>
    [Microsoft.AspNetCore.Components.Parameter]
    public Microsoft.AspNetCore.Components.EventCallback LoadLatest { get; set; }

    [Microsoft.AspNetCore.Components.Inject]
    protected ElderCareRecording Recording { get; set; } = null!;

    [Microsoft.AspNetCore.Components.Inject]
    protected IClock Clock { get; set; } = null!;

    protected VisitEntry Visit { get; private set; } = new();
    protected SaveResult? Result { get; private set; }
    protected bool Saving { get; private set; }
    private Guid? _version;

    protected IReadOnlyList<ValidationError> Errors => Result?.Errors ?? [];

    protected override void OnInitialized() => Visit = VisitEntry.Now(Clock);

    protected override void OnParametersSet()
    {
        if (_version != Item.PlanVersion)
        {
            _version = Item.PlanVersion;
            if (Result is { Conflict: true })
                Result = null;
        }
    }

    protected bool HasError(string field) => Errors.Any(e => e.Field == field);

    protected string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>Saves through <paramref name="save"/> with the current version; on success tells the page.</summary>
    protected async Task SaveAsync(Func<Guid, Task<SaveResult>> save)
    {
        if (Saving)
            return;
        Saving = true;
        try
        {
            Result = await save(_version ?? Item.PlanVersion);
            if (Result.Succeeded)
                await Saved.InvokeAsync(Localization.Text.T($"已登记{Item.Title}：{Item.Resident.Name}", $"Recorded: {Item.Title}, {Item.Resident.Name}"));
        }
        finally
        {
            Saving = false;
        }
    }
}
