namespace CareTeams.Domain.HomeBeds;

/// <summary>The kind of home bed (家庭病床类型).</summary>
public enum HomeBedKind
{
    /// <summary>治疗型</summary>
    Treatment = 1,
    /// <summary>康复型 (rehabilitation after discharge)</summary>
    Rehabilitation = 2,
    /// <summary>舒缓照顾型 (palliative)</summary>
    Palliative = 3,
}

/// <summary>Where a bed stands: open → (extended) → closed. A closed bed is read-only.</summary>
public enum HomeBedStatus
{
    /// <summary>在床（已建床）</summary>
    Open = 1,
    /// <summary>已延期 (open, its cycle extended at least once)</summary>
    Extended = 2,
    /// <summary>已撤床</summary>
    Closed = 3,
}

/// <summary>The condition that makes a resident eligible for a home bed (DOMAIN.md "Home beds").</summary>
public enum BedCondition
{
    /// <summary>慢性病需连续治疗</summary>
    ChronicDisease = 1,
    /// <summary>出院后康复</summary>
    RecoveryAfterDischarge = 2,
    /// <summary>失能</summary>
    Disability = 3,
    /// <summary>临终关怀（安宁疗护）</summary>
    TerminalCare = 4,
}

/// <summary>转归: how the episode ended.</summary>
public enum BedOutcome
{
    /// <summary>好转</summary>
    Improved = 1,
    /// <summary>治愈</summary>
    Cured = 2,
    /// <summary>转院（转上级医院）</summary>
    TransferredToHospital = 3,
    /// <summary>死亡</summary>
    Deceased = 4,
    /// <summary>其他 (with a note)</summary>
    Other = 9,
}

/// <summary>Who carries out an order: the nurse (护理) or the doctor (医疗).</summary>
public enum BedOrderKind
{
    /// <summary>护理</summary>
    Nursing = 1,
    /// <summary>医疗</summary>
    Medical = 2,
}

/// <summary>How an order's frequency is counted.</summary>
public enum FrequencyUnit
{
    /// <summary>每日 N 次</summary>
    TimesPerDay = 1,
    /// <summary>每 N 日 1 次</summary>
    EveryNDays = 2,
    /// <summary>每周 N 次</summary>
    TimesPerWeek = 3,
}

/// <summary>When a diagnosis was made: at opening (入院/建床诊断) or at closing (撤床诊断).</summary>
public enum DiagnosisStage
{
    /// <summary>建床诊断</summary>
    Opening = 1,
    /// <summary>撤床诊断</summary>
    Closing = 2,
}

/// <summary>Where a bed's cycle stands on a day (see <see cref="HomeBed.CycleStateOn"/>).</summary>
public enum BedCycleState
{
    /// <summary>周期内</summary>
    WithinLimit = 1,
    /// <summary>即将到期 (within the setting's days of the cycle end, the end day included)</summary>
    ClosingSoon = 2,
    /// <summary>已超期 (past the cycle end, neither closed nor extended)</summary>
    OverLimit = 3,
    /// <summary>已撤床</summary>
    Closed = 4,
}

/// <summary>What a due entry is for: the doctor's round or an order.</summary>
public enum BedDueKind
{
    /// <summary>查床</summary>
    Round = 1,
    /// <summary>医嘱执行（护理或医疗项目）</summary>
    Order = 2,
}

/// <summary>Where a due entry stands on the schedule's "today".</summary>
public enum BedDueState
{
    /// <summary>待做 (a later day)</summary>
    Upcoming = 1,
    /// <summary>今日应做</summary>
    DueToday = 2,
    /// <summary>逾期</summary>
    Overdue = 3,
}

public static class HomeBedTerms
{
    public static string ChineseName(this HomeBedKind kind) => kind switch
    {
        HomeBedKind.Treatment => "治疗型",
        HomeBedKind.Rehabilitation => "康复型",
        HomeBedKind.Palliative => "舒缓照顾型",
        _ => kind.ToString(),
    };

    public static string ChineseName(this HomeBedStatus status) => status switch
    {
        HomeBedStatus.Open => "在床",
        HomeBedStatus.Extended => "已延期",
        HomeBedStatus.Closed => "已撤床",
        _ => status.ToString(),
    };

    public static string ChineseName(this BedCondition condition) => condition switch
    {
        BedCondition.ChronicDisease => "慢性病需连续治疗",
        BedCondition.RecoveryAfterDischarge => "出院后康复",
        BedCondition.Disability => "失能",
        BedCondition.TerminalCare => "临终关怀",
        _ => condition.ToString(),
    };

    public static string ChineseName(this BedOutcome outcome) => outcome switch
    {
        BedOutcome.Improved => "好转",
        BedOutcome.Cured => "治愈",
        BedOutcome.TransferredToHospital => "转院",
        BedOutcome.Deceased => "死亡",
        BedOutcome.Other => "其他",
        _ => outcome.ToString(),
    };

    public static string ChineseName(this BedOrderKind kind) => kind switch
    {
        BedOrderKind.Nursing => "护理",
        BedOrderKind.Medical => "医疗",
        _ => kind.ToString(),
    };

    public static string ChineseName(this FrequencyUnit unit) => unit switch
    {
        FrequencyUnit.TimesPerDay => "每日",
        FrequencyUnit.EveryNDays => "每隔数日",
        FrequencyUnit.TimesPerWeek => "每周",
        _ => unit.ToString(),
    };

    public static string ChineseName(this DiagnosisStage stage) => stage switch
    {
        DiagnosisStage.Opening => "建床诊断",
        DiagnosisStage.Closing => "撤床诊断",
        _ => stage.ToString(),
    };

    public static string ChineseName(this BedCycleState state) => state switch
    {
        BedCycleState.WithinLimit => "周期内",
        BedCycleState.ClosingSoon => "即将到期",
        BedCycleState.OverLimit => "已超期",
        BedCycleState.Closed => "已撤床",
        _ => state.ToString(),
    };

    public static string ChineseName(this BedDueKind kind) => kind switch
    {
        BedDueKind.Round => "查床",
        BedDueKind.Order => "医嘱执行",
        _ => kind.ToString(),
    };

    public static string ChineseName(this BedDueState state) => state switch
    {
        BedDueState.Upcoming => "待做",
        BedDueState.DueToday => "今日应做",
        BedDueState.Overdue => "逾期",
        _ => state.ToString(),
    };
}
