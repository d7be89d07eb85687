using NodaTime;

namespace Ledger.Domain.Enforcement;

public enum RectificationStatus
{
    /// <summary>Ordered and not yet re-inspected: overdue once its deadline has passed.</summary>
    Open,
    Rectified,
    /// <summary>Re-inspected and found not rectified.</summary>
    NotRectified,
}

public sealed record Penalty(PenaltyKind Kind, decimal? FineAmount, string LegalBasis, string DecisionNumber, LocalDate DecidedOn, string Reason, string DecidedBy);

/// <summary>One 责令限期改正 and what became of it.</summary>
public sealed record RectificationOrder(
    int OrderNo,
    string Finding,
    IReadOnlyList<BreachReference> Breaches,
    LocalDate OrderedOn,
    LocalDate Deadline,
    bool StopOrdered,
    string RuleId,
    string OrderedBy,
    RectificationStatus Status,
    LocalDate? ReInspectedOn,
    string? ReInspectionFinding,
    Penalty? Penalty)
{
    /// <summary>Open past its deadline on <paramref name="today"/>: the day after the deadline is the first day overdue.</summary>
    public bool OverdueOn(LocalDate today) => Status == RectificationStatus.Open && today > Deadline;
}

public sealed record Publication(LocalDate PublishedOn, string Where, string Reason, string PublishedBy);

/// <summary>An inspection of an enterprise and its enforcement: orders, re-inspections, penalties and publication.</summary>
/// <param name="OpenOrderDeadline">The deadline of the order still open, if any, kept flat so the register queries it.</param>
public sealed record Inspection(
    Guid Id,
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
    string Organisation,
    IReadOnlyList<RectificationOrder> Orders,
    Publication? Publication)
{
    public long Version { get; init; }

    public bool HasOpenOrder { get; init; }

    public LocalDate? OpenOrderDeadline { get; init; }

    public static Inspection Create(InspectionRecorded e) => new(e.InspectionId, e.EnterpriseId, e.EnterpriseName, e.Jurisdiction, e.InspectedOn,
        e.TrainingPlanChecked, e.TrainingPlanFinding, e.CertificatesChecked, e.CertificatesMissing, e.SpotQuiz, e.RuleIds, e.TipId, e.Reason,
        e.InspectedBy, e.Organisation, [], null);

    public Inspection Apply(RectificationOrdered e) => Flat(this with
    {
        Orders = [.. Orders, new RectificationOrder(e.OrderNo, e.Finding, e.Breaches, e.OrderedOn, e.Deadline, e.StopOrdered, e.RuleId, e.OrderedBy,
            RectificationStatus.Open, null, null, null)],
    });

    public Inspection Apply(ReInspected e) => Flat(this with
    {
        Orders = [.. Orders.Select(o => o.OrderNo == e.OrderNo
            ? o with { Status = e.Rectified ? RectificationStatus.Rectified : RectificationStatus.NotRectified, ReInspectedOn = e.ReInspectedOn, ReInspectionFinding = e.Finding }
            : o)],
    });

    public Inspection Apply(PenaltyImposed e) => this with
    {
        Orders = [.. Orders.Select(o => o.OrderNo == e.OrderNo ? o with { Penalty = new Penalty(e.Kind, e.FineAmount, e.LegalBasis, e.DecisionNumber, e.DecidedOn, e.Reason, e.DecidedBy) } : o)],
    };

    public Inspection Apply(InspectionPublished e) => this with { Publication = new Publication(e.PublishedOn, e.Where, e.Reason, e.PublishedBy) };

    public RectificationOrder? OpenOrder => Orders.LastOrDefault(o => o.Status == RectificationStatus.Open);

    public RectificationOrder? Order(int orderNo) => Orders.FirstOrDefault(o => o.OrderNo == orderNo);

    private static Inspection Flat(Inspection i) => i with { HasOpenOrder = i.OpenOrder is not null, OpenOrderDeadline = i.OpenOrder?.Deadline };
}

/// <summary>A tip-off and its verification and reward. The sealed contact stays in the event: no read model carries it.</summary>
public sealed record TipOff(
    Guid Id,
    string Jurisdiction,
    Guid? EnterpriseId,
    string EnterpriseName,
    TipSubject Subject,
    string Allegation,
    TipChannel Channel,
    LocalDate ReceivedOn,
    string? InformantContactMasked,
    string ReceivedBy,
    bool? Substantiated,
    string? VerificationFinding,
    Guid? VerifiedByInspection,
    LocalDate? VerifiedOn,
    decimal? RewardAmount,
    string? RewardReference,
    LocalDate? RewardedOn)
{
    public long Version { get; init; }

    public static TipOff Create(TipReceived e) => new(e.TipId, e.Jurisdiction, e.EnterpriseId, e.EnterpriseName, e.Subject, e.Allegation, e.Channel,
        e.ReceivedOn, e.InformantContactMasked, e.ReceivedBy, null, null, null, null, null, null, null);

    public TipOff Apply(TipVerified e) => this with { Substantiated = e.Substantiated, VerificationFinding = e.Finding, VerifiedByInspection = e.InspectionId, VerifiedOn = e.VerifiedOn };

    public TipOff Apply(TipRewardGranted e) => this with { RewardAmount = e.Amount, RewardReference = e.PaymentReference, RewardedOn = e.GrantedOn };
}
