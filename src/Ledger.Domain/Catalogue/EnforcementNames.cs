using Ledger.Domain.Enforcement;

namespace Ledger.Domain.Catalogue;

/// <summary>The enforcement workflow's values as officials name them (执法检查、责令限期改正、复查、处罚、曝光、举报).</summary>
public static class EnforcementNames
{
    public static DisplayName Quiz(QuizGroup group) => group switch
    {
        QuizGroup.Principal => new("主要负责人", "Principal"),
        QuizGroup.SafetyManager => new("安全生产管理人员", "Safety managers"),
        QuizGroup.KeyPostStaff => new("一线重点岗位人员", "Front-line key-post staff"),
        _ => new("其他从业人员", "Other staff"),
    };

    public static DisplayName Penalty(PenaltyKind kind) => kind switch
    {
        PenaltyKind.Warning => new("警告", "Warning"),
        PenaltyKind.Fine => new("罚款", "Fine"),
        PenaltyKind.SuspendOperations => new("责令停产停业整顿", "Suspension of operations"),
        _ => new("其他行政处罚", "Other penalty"),
    };

    public static DisplayName Rectification(RectificationStatus status, bool overdue) => status switch
    {
        RectificationStatus.Open when overdue => new("逾期未改正", "Overdue"),
        RectificationStatus.Open => new("整改期限内", "Within its deadline"),
        RectificationStatus.Rectified => new("复查已改正", "Rectified"),
        _ => new("复查未改正", "Not rectified"),
    };

    public static DisplayName Subject(TipSubject subject) => subject switch
    {
        TipSubject.ManagerWithoutCertificate => new("主要负责人、安全管理人员未经培训考核取得合格证", "Principal or safety manager without a certificate"),
        TipSubject.SpecialOperationWithoutCertificate => new("特种作业人员未持证上岗", "Special-operation worker without a certificate"),
        TipSubject.FakeCertificate => new("持假证上岗", "Working with a fake certificate"),
        TipSubject.UntrainedWorker => new("从业人员未经培训考核合格上岗", "Untrained worker on post"),
        _ => new("其他违法违规行为", "Other breach"),
    };

    public static DisplayName Channel(TipChannel channel) => channel switch
    {
        TipChannel.Hotline => new("举报电话", "Hotline"),
        TipChannel.Letter => new("来信", "Letter"),
        TipChannel.Online => new("网上举报", "Online"),
        _ => new("来访", "In person"),
    };

    public static DisplayName Verification(bool? substantiated, bool rewarded) => substantiated switch
    {
        null => new("待查证", "Awaiting verification"),
        false => new("经查不属实", "Not borne out"),
        true when rewarded => new("经查证属实，已奖励", "Verified, rewarded"),
        true => new("经查证属实，待奖励", "Verified, reward due"),
    };
}
