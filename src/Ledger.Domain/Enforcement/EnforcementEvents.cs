using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Enforcement;

public interface IInspectionEvent
{
    Guid InspectionId { get; }
}

public interface ITipOffEvent
{
    Guid TipId { get; }
}

/// <summary>Whom a spot quiz (抽考) examined: the three groups Taizhou's 逢查必考 names (TZ-ENF-03), and anyone else.</summary>
public enum QuizGroup
{
    Principal,
    SafetyManager,
    KeyPostStaff,
    OtherStaff,
}

/// <param name="Examined">How many of the group were quizzed; <paramref name="Passed"/> of them passed.</param>
public sealed record QuizResult(QuizGroup Group, int Examined, int Passed);

/// <summary>A breach the ledger detected (an obligation of the enterprise's compliance on the inspection date) that a finding names.</summary>
/// <param name="PersonId">The employee the breach is about; null for an obligation of the enterprise itself.</param>
public sealed record BreachReference(Guid? PersonId, string RuleId, string Kind);

public enum PenaltyKind
{
    /// <summary>警告</summary>
    Warning,
    /// <summary>罚款</summary>
    Fine,
    /// <summary>责令停产停业整顿</summary>
    SuspendOperations,
    /// <summary>其他行政处罚</summary>
    Other,
}

/// <summary>What a tip-off (举报) reports: the behaviours Jizhou's and Heilongjiang's hotlines name (JZ-ENF-03, HLJ-ENF-04).</summary>
public enum TipSubject
{
    /// <summary>主要负责人、安全管理人员未经培训考核取得合格证</summary>
    ManagerWithoutCertificate,
    /// <summary>特种作业人员未持证上岗</summary>
    SpecialOperationWithoutCertificate,
    /// <summary>持假证上岗</summary>
    FakeCertificate,
    /// <summary>其他从业人员未经培训考核合格上岗作业</summary>
    UntrainedWorker,
    Other,
}

public enum TipChannel
{
    Hotline,
    Letter,
    Online,
    InPerson,
}

/// <summary>
/// An inspection of an enterprise by a regulator (执法检查): what was checked, as JZ-ENF-01 and HLJ-ENF-02 list it (training plans,
/// certificates held, a spot quiz of safety common sense), and under which rules. <paramref name="InspectedBy"/> and
/// <paramref name="Organisation"/> repeat the actor headers so a register names the inspecting bureau without reading headers.
/// </summary>
/// <param name="CertificatesChecked">Persons whose certificates were checked on site; <paramref name="CertificatesMissing"/> of them should have held one and did not.</param>
/// <param name="TipId">The tip-off that led to the inspection, if any: kept for the regulator, never shown to the enterprise.</param>
/// <param name="Reason">Why the inspection was held (日常检查, 专项执法检查, 举报核查…).</param>
[EventSchema(1)]
public sealed record InspectionRecorded(
    Guid InspectionId,
    Guid EnterpriseId,
    string EnterpriseName,
    string Jurisdiction,
    LocalDate InspectedOn,
    bool TrainingPlanChecked,
    string? TrainingPlanFinding,
    int CertificatesChecked,
    int CertificatesMissing,
    IReadOnlyList<QuizResult> SpotQuiz,
    IReadOnlyList<string> RuleIds,
    Guid? TipId,
    string Reason,
    string InspectedBy,
    string Organisation) : IInspectionEvent;

/// <summary>
/// 责令限期改正: a finding with its deadline, linked to the breaches the ledger detected where it can; in Qufu and Nanning also an
/// order to stop the breach at once (立即停止违法行为 QF-ENF-04, 责令停止 NN-ENF-01).
/// </summary>
/// <param name="OrderNo">1 for the inspection's first order; a new order after a failed re-inspection counts on.</param>
/// <param name="Finding">What was found (发现的问题): the order's reason.</param>
/// <param name="RuleId">The rule the order is made under: the enterprise's document's (JZ-ENF-01, HLJ-ENF-02, QF-ENF-04, NN-ENF-01) or the ledger's own.</param>
[EventSchema(1)]
public sealed record RectificationOrdered(
    Guid InspectionId,
    int OrderNo,
    string Finding,
    IReadOnlyList<BreachReference> Breaches,
    LocalDate OrderedOn,
    LocalDate Deadline,
    bool StopOrdered,
    string RuleId,
    string OrderedBy,
    string Organisation) : IInspectionEvent;

/// <param name="Finding">What the re-inspection found (复查意见): the reason for its outcome.</param>
[EventSchema(1)]
public sealed record ReInspected(
    Guid InspectionId,
    int OrderNo,
    LocalDate ReInspectedOn,
    bool Rectified,
    string Finding,
    string ReInspectedBy,
    string Organisation) : IInspectionEvent;

/// <param name="LegalBasis">The provision the penalty is imposed under (依据), as the decision letter cites it.</param>
[EventSchema(1)]
public sealed record PenaltyImposed(
    Guid InspectionId,
    int OrderNo,
    PenaltyKind Kind,
    decimal? FineAmount,
    string LegalBasis,
    string DecisionNumber,
    LocalDate DecidedOn,
    string Reason,
    string DecidedBy,
    string Organisation) : IInspectionEvent;

/// <summary>曝光 (HLJ-ENF-02 "在一定范围内予以曝光") or 处理情况向社会公开 (QF-ENF-04): where and how widely the handling was published.</summary>
[EventSchema(1)]
public sealed record InspectionPublished(
    Guid InspectionId,
    LocalDate PublishedOn,
    string Where,
    string Reason,
    string PublishedBy,
    string Organisation) : IInspectionEvent;

/// <summary>
/// A tip-off (举报). Who the informant is is not recorded: only a contact they chose to leave so a reward can reach them, sealed
/// (PersonalDataCipher, purpose <see cref="TipOffRules.InformantContactPurpose"/>, bound to the tip) with its masked form beside it,
/// as ID numbers are. The allegation is about an enterprise (registered or only named) in the receiving bureau's jurisdiction.
/// </summary>
/// <param name="Allegation">What was reported, in the informant's words as taken down: the tip's reason.</param>
[EventSchema(1)]
public sealed record TipReceived(
    Guid TipId,
    string Jurisdiction,
    Guid? EnterpriseId,
    string EnterpriseName,
    TipSubject Subject,
    string Allegation,
    TipChannel Channel,
    LocalDate ReceivedOn,
    SealedValue? InformantContact,
    string? InformantContactMasked,
    string ReceivedBy,
    string Organisation) : ITipOffEvent;

/// <param name="Substantiated">经查证属实 (true), or not borne out (false).</param>
/// <param name="Finding">What the verification found: the reason for its outcome.</param>
/// <param name="InspectionId">The inspection that verified it, if one did.</param>
[EventSchema(1)]
public sealed record TipVerified(
    Guid TipId,
    bool Substantiated,
    string Finding,
    Guid? InspectionId,
    LocalDate VerifiedOn,
    string VerifiedBy,
    string Organisation) : ITipOffEvent;

/// <summary>按规定给予举报奖励: granted only for a tip verified true (HLJ-ENF-04).</summary>
[EventSchema(1)]
public sealed record TipRewardGranted(
    Guid TipId,
    decimal Amount,
    string PaymentReference,
    LocalDate GrantedOn,
    string Reason,
    string GrantedBy,
    string Organisation) : ITipOffEvent;
