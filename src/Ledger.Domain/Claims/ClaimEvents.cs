using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>What a certificate event earns: an initial issue, or one review cycle (TZ-SUB-04).</summary>
public enum SubsidyKind
{
    SpecialOperationInitial,
    SpecialOperationReview,
    SafetyQualificationInitial,
}

public static class SubsidyKinds
{
    /// <summary>The kind as the API and the entitlement key write it (special-operation-initial), the same kebab-case as every code.</summary>
    public static string Code(SubsidyKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}

public enum Severity
{
    Low,
    Medium,
    High,
}

/// <summary>One check's verdict on a line or a claim, with the evidence an auditor needs to re-check it.</summary>
/// <param name="Blocking">A blocking finding makes the line earn nothing; the others are flags for the reviewer.</param>
public sealed record Finding(string RuleId, Severity Severity, bool Blocking, string Evidence);

public enum LineStatus
{
    Eligible,
    Ineligible,
    /// <summary>Another claim line already holds this entitlement (FR-01).</summary>
    Duplicate,
}

public sealed record WorkTypeCount(string WorkType, int Count);

/// <summary>The enterprise's written commitment on the HLJ form (field 12): lawful employment, true information, liability.</summary>
public sealed record Commitment(string Text, string Signer, LocalDate SignedOn);

public sealed record ClaimLine(
    int LineNo,
    Guid PersonId,
    string Name,
    string IdNumberMasked,
    string WorkType,
    Guid? CertificateId,
    string CertificateNumber,
    SubsidyKind Kind,
    string Cycle,
    Guid EntitlementId,
    decimal? RequestedAmount,
    decimal EntitledAmount,
    LineStatus Status,
    Guid? HeldByClaim,
    IReadOnlyList<Finding> Findings);

public interface IClaimEvent
{
    Guid ClaimId { get; }
}

/// <summary>The Heilongjiang audit form (rules.md 2.3.B), every field, with each roster line's computed entitlement.</summary>
/// <param name="HandlerMobile">The handler's mobile, masked: what every screen and export shows.</param>
/// <param name="HandlerMobileSealed">The full mobile, sealed (PersonalDataCipher), so a database dump alone does not reveal it.</param>
[EventSchema(1)]
public sealed record ClaimSubmitted(
    Guid ClaimId,
    string Jurisdiction,
    Guid EnterpriseId,
    string EnterpriseCreditCode,
    string EnterpriseName,
    string LegalRepresentative,
    string HandlerName,
    string HandlerMobile,
    Guid InstitutionId,
    string InstitutionName,
    IReadOnlyList<WorkTypeCount> WorkTypes,
    LocalDate TrainingFrom,
    LocalDate TrainingUntil,
    int CertifiedCount,
    decimal RequestedAmount,
    Commitment Commitment,
    LocalDate ApplicationDate,
    IReadOnlyList<ClaimLine> Lines,
    IReadOnlyList<Finding> FormFindings,
    string SubmittedBy,
    string SubmittedByOrganisation,
    Persons.SealedValue? HandlerMobileSealed = null) : IClaimEvent;

/// <summary>The handler's mobile sealed again under the current key (key rotation); the submission keeps its old ciphertext.</summary>
[EventSchema(1)]
public sealed record ClaimHandlerMobileResealed(Guid ClaimId, Persons.SealedValue HandlerMobile, LocalDate ResealedOn) : IClaimEvent;

/// <summary>Field 17: the institution states the persons completed theory and practice per the syllabus; the ledger cross-checks it (FR-07).</summary>
[EventSchema(1)]
public sealed record InstitutionAttested(Guid ClaimId, string Statement, LocalDate AttestedOn, IReadOnlyList<LineFindings> Findings, string AttestedBy) : IClaimEvent;

public sealed record LineFindings(int LineNo, IReadOnlyList<Finding> Findings);

public sealed record LineVerification(int LineNo, bool Verified, IReadOnlyList<string> Reasons);

/// <summary>Who seals a box of the audit form: the applying enterprise (its commitment), the training institution (its opinion), the
/// emergency-management department (its opinion, which it writes itself).</summary>
public enum FormParty
{
    Enterprise,
    Institution,
    EmergencyDepartment,
}

/// <summary>
/// HLJ-SUB-03's 附件: a box of the 申请安全技能提升补贴特种作业人员信息审核表 sealed (盖章/加盖印章) by its party — the seal's reference (an
/// electronic seal's serial, or the number under which the sealed paper form is filed), the organisation whose seal it is, and for the
/// emergency-management department the opinion (意见) it wrote in its box.
/// </summary>
[EventSchema(1)]
public sealed record ClaimFormSealed(Guid ClaimId, FormParty Party, string Organisation, string SealReference, string? Opinion, LocalDate SealedOn, string RecordedBy)
    : IClaimEvent;

/// <summary>Field 18: the emergency-management department checks every certificate against the ledger (HLJ-SUB-03).</summary>
[EventSchema(1)]
public sealed record CertificatesVerified(Guid ClaimId, IReadOnlyList<LineVerification> Lines, string SystemReference, LocalDate VerifiedOn, string VerifiedBy) : IClaimEvent;

[EventSchema(1)]
public sealed record VerificationOverridden(Guid ClaimId, int LineNo, string Reason, LocalDate On, string OverriddenBy) : IClaimEvent;

public sealed record LineDecision(int LineNo, bool Approved, decimal Amount, string? Reason);

[EventSchema(1)]
public sealed record ClaimApproved(Guid ClaimId, IReadOnlyList<LineDecision> Lines, decimal ApprovedAmount, LocalDate ApprovedOn, string ApprovedBy) : IClaimEvent;

[EventSchema(1)]
public sealed record ClaimRejected(Guid ClaimId, string Reason, LocalDate RejectedOn, string RejectedBy) : IClaimEvent;

[EventSchema(1)]
public sealed record SubsidyDisbursed(Guid ClaimId, string PaymentReference, string Payee, string PayeeAccount, decimal Amount, LocalDate PaidOn, string PaidBy) : IClaimEvent;

[EventSchema(1)]
public sealed record DisbursementReconciled(Guid ClaimId, string PaymentReference, string BankReference, LocalDate ReconciledOn) : IClaimEvent;

[EventSchema(1)]
public sealed record ClawbackOrdered(Guid ClaimId, IReadOnlyList<int> LineNos, decimal Amount, string Reason, IReadOnlyList<string> RuleIds, LocalDate OrderedOn, string OrderedBy) : IClaimEvent;

[EventSchema(1)]
public sealed record ClawbackRepaid(Guid ClaimId, decimal Amount, string Reference, LocalDate RepaidOn) : IClaimEvent;

/// <summary>A check that fires after submission, when later facts change (a certificate revoked after payment, say).</summary>
[EventSchema(1)]
public sealed record ClaimLineFlagged(Guid ClaimId, int LineNo, Finding Finding, LocalDate FlaggedOn) : IClaimEvent;
