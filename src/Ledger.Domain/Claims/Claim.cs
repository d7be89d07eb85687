using NodaTime;

namespace Ledger.Domain.Claims;

public enum ClaimStage
{
    Submitted,
    Attested,
    Verified,
    Approved,
    Rejected,
    Disbursed,
    Reconciled,
}

public sealed record ClaimLineState(
    ClaimLine Line,
    bool? Verified,
    IReadOnlyList<string> VerificationReasons,
    string? OverrideReason,
    LineDecision? Decision,
    IReadOnlyList<Finding> LaterFindings)
{
    public bool VerifiedOrOverridden => Verified == true || OverrideReason is not null;

    public IEnumerable<Finding> AllFindings => Line.Findings.Concat(LaterFindings);
}

public sealed record Clawback(IReadOnlyList<int> LineNos, decimal Amount, string Reason, IReadOnlyList<string> RuleIds, LocalDate OrderedOn, decimal Repaid);

public sealed record Claim(
    Guid Id,
    ClaimSubmitted Form,
    ClaimStage Stage,
    IReadOnlyList<ClaimLineState> Lines,
    string SubmittedBy,
    string? AttestedBy,
    string? VerifiedBy,
    string? ApprovedBy,
    string? PaidBy,
    decimal ApprovedAmount,
    decimal DisbursedAmount,
    string? PaymentReference,
    string? Payee,
    LocalDate? PaidOn,
    string? BankReference,
    IReadOnlyList<Clawback> Clawbacks,
    string? RejectionReason)
{
    public long Version { get; init; }

    /// <summary>The audit form's boxes sealed so far, by party (HLJ-SUB-03's 附件).</summary>
    public IReadOnlyList<FormSeal> Seals { get; init; } = [];

    public decimal EntitledAmount => Lines.Sum(l => l.Line.EntitledAmount);

    public decimal ClawedBack => Clawbacks.Sum(c => c.Amount);

    /// <summary>Stored with the snapshot so person files and certificate re-checks find a person's or a certificate's claims by JSON containment.</summary>
    public IReadOnlyList<Guid> PersonIds => Lines.Select(l => l.Line.PersonId).Where(id => id != Guid.Empty).Distinct().ToList();

    public IReadOnlyList<Guid> CertificateIds => Lines.Where(l => l.Line.CertificateId is not null).Select(l => l.Line.CertificateId!.Value).Distinct().ToList();

    public static Claim Create(ClaimSubmitted e) => new(e.ClaimId, e, ClaimStage.Submitted,
        e.Lines.Select(l => new ClaimLineState(l, null, [], null, null, [])).ToList(), e.SubmittedBy,
        null, null, null, null, 0m, 0m, null, null, null, null, [], null);

    public Claim Apply(ClaimHandlerMobileResealed e) => this with { Form = Form with { HandlerMobileSealed = e.HandlerMobile } };

    public Claim Apply(ClaimFormSealed e) =>
        this with { Seals = [.. Seals.Where(s => s.Party != e.Party), new FormSeal(e.Party, e.Organisation, e.SealReference, e.Opinion, e.SealedOn)] };

    public Claim Apply(InstitutionAttested e) => this with
    {
        Stage = ClaimStage.Attested,
        AttestedBy = e.AttestedBy,
        Lines = Lines.Select(l => e.Findings.FirstOrDefault(f => f.LineNo == l.Line.LineNo) is { } found
            ? l with { LaterFindings = [.. l.LaterFindings, .. found.Findings] } : l).ToList(),
    };

    public Claim Apply(CertificatesVerified e) => this with
    {
        Stage = ClaimStage.Verified,
        VerifiedBy = e.VerifiedBy,
        Lines = Lines.Select(l => e.Lines.FirstOrDefault(v => v.LineNo == l.Line.LineNo) is { } v
            ? l with { Verified = v.Verified, VerificationReasons = v.Reasons } : l).ToList(),
    };

    public Claim Apply(VerificationOverridden e) => Line(e.LineNo, l => l with { OverrideReason = e.Reason });

    public Claim Apply(ClaimApproved e) => this with
    {
        Stage = ClaimStage.Approved,
        ApprovedBy = e.ApprovedBy,
        ApprovedAmount = e.ApprovedAmount,
        Lines = Lines.Select(l => e.Lines.FirstOrDefault(d => d.LineNo == l.Line.LineNo) is { } d ? l with { Decision = d } : l).ToList(),
    };

    public Claim Apply(ClaimRejected e) => this with { Stage = ClaimStage.Rejected, RejectionReason = e.Reason, ApprovedBy = e.RejectedBy };

    public Claim Apply(SubsidyDisbursed e) => this with
    {
        Stage = ClaimStage.Disbursed,
        DisbursedAmount = e.Amount,
        PaymentReference = e.PaymentReference,
        Payee = e.Payee,
        PaidOn = e.PaidOn,
        PaidBy = e.PaidBy,
    };

    public Claim Apply(DisbursementReconciled e) => this with { Stage = ClaimStage.Reconciled, BankReference = e.BankReference };

    public Claim Apply(ClawbackOrdered e) => this with { Clawbacks = [.. Clawbacks, new Clawback(e.LineNos, e.Amount, e.Reason, e.RuleIds, e.OrderedOn, 0m)] };

    public Claim Apply(ClawbackRepaid e)
    {
        var remaining = e.Amount;
        var updated = Clawbacks.Select(c =>
        {
            var take = Math.Min(remaining, c.Amount - c.Repaid);
            remaining -= take;
            return c with { Repaid = c.Repaid + take };
        }).ToList();
        return this with { Clawbacks = updated };
    }

    public Claim Apply(ClaimLineFlagged e) => Line(e.LineNo, l => l with { LaterFindings = [.. l.LaterFindings, e.Finding] });

    public ClaimLineState? LineNo(int lineNo) => Lines.FirstOrDefault(l => l.Line.LineNo == lineNo);

    private Claim Line(int lineNo, Func<ClaimLineState, ClaimLineState> change) =>
        this with { Lines = Lines.Select(l => l.Line.LineNo == lineNo ? change(l) : l).ToList() };
}

public sealed record FormSeal(FormParty Party, string Organisation, string SealReference, string? Opinion, LocalDate SealedOn);
