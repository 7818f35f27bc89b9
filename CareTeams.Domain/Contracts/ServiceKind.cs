namespace CareTeams.Domain.Contracts;

/// <summary>
/// The services a package promises and fulfilment counts. The 2111 schedule, home beds and visit
/// logs record services of these kinds against the contract items that promise them.
/// </summary>
public enum ServiceKind
{
    /// <summary>健康评估 / 建立健康档案</summary>
    HealthRecord = 1,
    /// <summary>健康体检</summary>
    PhysicalExam = 2,
    /// <summary>高血压随访</summary>
    HypertensionFollowUp = 3,
    /// <summary>糖尿病随访</summary>
    DiabetesFollowUp = 4,
    /// <summary>中医体质辨识</summary>
    TcmConstitution = 5,
    /// <summary>医养结合服务</summary>
    IntegratedCare = 6,
    /// <summary>失能（能力）评估</summary>
    AbilityAssessment = 7,
    /// <summary>上门访视</summary>
    HomeVisit = 8,
    /// <summary>家庭病床查床</summary>
    HomeBedRound = 9,
    /// <summary>上门护理</summary>
    NursingVisit = 10,
    /// <summary>康复指导</summary>
    Rehabilitation = 11,
    /// <summary>健康教育 / 健康指导</summary>
    HealthGuidance = 12,
    /// <summary>用药指导</summary>
    MedicationGuidance = 13,
    /// <summary>健康咨询（电话/线上）</summary>
    Consultation = 14,
    /// <summary>预约转诊</summary>
    ReferralBooking = 15,
    /// <summary>检验检查（如血糖、血脂、心电图）</summary>
    LabTest = 16,
    /// <summary>其他</summary>
    Other = 99,
}

public static class ServiceKinds
{
    public static string ChineseName(this ServiceKind kind) => kind switch
    {
        ServiceKind.HealthRecord => "建立健康档案",
        ServiceKind.PhysicalExam => "健康体检",
        ServiceKind.HypertensionFollowUp => "高血压随访",
        ServiceKind.DiabetesFollowUp => "糖尿病随访",
        ServiceKind.TcmConstitution => "中医体质辨识",
        ServiceKind.IntegratedCare => "医养结合服务",
        ServiceKind.AbilityAssessment => "失能评估",
        ServiceKind.HomeVisit => "上门访视",
        ServiceKind.HomeBedRound => "家庭病床查床",
        ServiceKind.NursingVisit => "上门护理",
        ServiceKind.Rehabilitation => "康复指导",
        ServiceKind.HealthGuidance => "健康指导",
        ServiceKind.MedicationGuidance => "用药指导",
        ServiceKind.Consultation => "健康咨询",
        ServiceKind.ReferralBooking => "预约转诊",
        ServiceKind.LabTest => "检验检查",
        _ => "其他服务",
    };
}
