using JasperFx.Events;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Assessments;
using Ledger.Domain.Employment;
using Ledger.Domain.Training;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Projections;

/// <summary>One recorded event as auditors read it: what, when in business time, when recorded, by whom and why.</summary>
public sealed record RecordedEvent(
    Guid StreamId,
    long Version,
    long Sequence,
    string Type,
    LocalDate? BusinessDate,
    Instant RecordedAt,
    string? ActorUser,
    string? ActorOrganisation,
    string? ActorRole,
    string? Reason,
    string? CorrelationId,
    string Summary);

public static class EventFacts
{
    public static RecordedEvent Describe(IEvent e) => new(
        e.StreamId,
        e.Version,
        e.Sequence,
        e.EventTypeName,
        BusinessDate(e.Data),
        Instant.FromDateTimeOffset(e.Timestamp),
        Header(e, "actor-user") ?? e.UserName,
        Header(e, "actor-org"),
        Header(e, "actor-role"),
        Reason(e.Data),
        e.CorrelationId,
        Summary(e.Data));

    private static string? Header(IEvent e, string key) => e.Headers is not null && e.Headers.TryGetValue(key, out var v) ? v?.ToString() : null;

    public static LocalDate? BusinessDate(object data) => data switch
    {
        PersonRegistered e => e.RegisteredOn,
        PersonEducationRecorded e => e.RecordedOn,
        CertificateIssued e => e.IssuedOn,
        CertificateReviewed e => e.ReviewedOn,
        CertificateSuperseded e => e.On,
        CertificateSuspended e => e.From,
        CertificateReinstated e => e.On,
        CertificateRevoked e => e.On,
        ForgedCertificateReported e => e.ReportedOn,
        EmploymentStarted e => e.HiredOn,
        PostChanged e => e.ChangedOn,
        FourNewIntroduced e => e.IntroducedOn,
        LeftPost e => e.LeftOn,
        ReturnedToPost e => e.ReturnedOn,
        EmploymentEnded e => e.EndedOn,
        TrainingAttended e => e.Date,
        ClaimSubmitted e => e.ApplicationDate,
        InstitutionAttested e => e.AttestedOn,
        CertificatesVerified e => e.VerifiedOn,
        VerificationOverridden e => e.On,
        ClaimApproved e => e.ApprovedOn,
        ClaimRejected e => e.RejectedOn,
        SubsidyDisbursed e => e.PaidOn,
        DisbursementReconciled e => e.ReconciledOn,
        ClawbackOrdered e => e.OrderedOn,
        ClawbackRepaid e => e.RepaidOn,
        ClaimLineFlagged e => e.FlaggedOn,
        EntitlementHeld e => e.HeldOn,
        EntitlementReleased e => e.On,
        EntitlementPaid e => e.PaidOn,
        AssessmentRecorded e => e.AssessedOn,
        TrainingClassOpened e => e.OpenedOn,
        TrainingSessionHeld e => e.Date,
        EnterpriseRegistered e => e.RegisteredOn,
        EnterpriseHeadcountReported e => e.ReportedOn,
        EnterpriseTrainingCapabilityChanged e => e.On,
        InstitutionRegistered e => e.RegisteredOn,
        InstitutionFiled e => e.FiledOn,
        PracticalCapabilityRecorded e => e.RecordedOn,
        PracticalCapabilityWithdrawn e => e.On,
        InstitutionListedInHrCatalogue e => e.ListedOn,
        InstitutionDelistedFromHrCatalogue e => e.On,
        InstitutionSuspended e => e.From,
        InstitutionReinstated e => e.On,
        InstitutionFilingCancelled e => e.On,
        ExamPointDesignated e => e.On,
        ExamPointDesignationWithdrawn e => e.On,
        InternalTrainerAppointed e => e.AppointedOn,
        InternalTrainerRemoved e => e.On,
        _ => null,
    };

    public static string? Reason(object data) => data switch
    {
        PersonEducationRecorded e => e.Reason,
        CertificateReviewed e => e.Reason,
        CertificateSuperseded e => e.Reason,
        CertificateSuspended e => e.LegalBasis is null ? e.Reason : $"{e.Reason} ({e.LegalBasis})",
        CertificateReinstated e => e.Reason,
        CertificateRevoked e => $"{e.Reason} ({e.LegalBasis})",
        ForgedCertificateReported e => e.Reason,
        PostChanged e => e.Reason,
        LeftPost e => e.Reason,
        EmploymentEnded e => e.Reason,
        TrainingAttended e => e.LateEntryReason,
        VerificationOverridden e => e.Reason,
        ClaimRejected e => e.Reason,
        ClawbackOrdered e => $"{e.Reason} ({string.Join(", ", e.RuleIds)})",
        EntitlementReleased e => e.Reason,
        TrainingSessionHeld e => e.LateEntryReason,
        EnterpriseTrainingCapabilityChanged e => e.Reason,
        InstitutionFiled e => e.Reason,
        PracticalCapabilityWithdrawn e => e.Reason,
        InstitutionDelistedFromHrCatalogue e => e.Reason,
        InstitutionSuspended e => e.LegalBasis is null ? e.Reason : $"{e.Reason} ({e.LegalBasis})",
        InstitutionReinstated e => e.Reason,
        InstitutionFilingCancelled e => e.Reason,
        ExamPointDesignationWithdrawn e => e.Reason,
        InternalTrainerRemoved e => e.Reason,
        _ => null,
    };

    // Summaries carry no ID numbers or phone numbers: they appear in person files and histories served to many roles.
    public static string Summary(object data) => data switch
    {
        PersonRegistered e => $"registered (household registration {e.HukouDistrict}, education {e.Education})",
        PersonEducationRecorded e => $"education recorded as {e.Education} ({e.Evidence})",
        CertificateIssued { Supersedes: not null } e => $"certificate {e.Number} issued by {e.IssuingAuthority} ({e.SupersessionKind} of an earlier certificate), valid {e.ValidFrom:uuuu-MM-dd} to {e.ValidUntil:uuuu-MM-dd}",
        CertificateIssued e => $"certificate {e.Number} ({e.WorkType ?? e.Kind}) issued by {e.IssuingAuthority}, valid {e.ValidFrom:uuuu-MM-dd} to {e.ValidUntil:uuuu-MM-dd}",
        CertificateReviewed { Passed: true } e => $"review passed, next review due {e.NextReviewDue:uuuu-MM-dd}",
        CertificateReviewed => "review failed",
        CertificateSuperseded e => $"superseded by certificate {e.NewNumber} ({e.Kind})",
        CertificateSuspended => "suspended",
        CertificateReinstated => "reinstated",
        CertificateRevoked => "revoked",
        EmploymentStarted e => $"hired by {e.EnterpriseName} as {e.Assignment.Post} ({e.Relation})",
        PostChanged e => $"post changed to {e.Assignment.Post}",
        FourNewIntroduced e => $"new {e.Kind} introduced: {e.Description}",
        LeftPost => "left the post",
        ReturnedToPost => "returned to the post",
        EmploymentEnded => "employment ended",
        ClaimSubmitted e => $"claim by {e.EnterpriseName}: {e.Lines.Count} lines, {e.RequestedAmount:0.00} CNY requested, {e.Lines.Sum(l => l.EntitledAmount):0.00} CNY entitled",
        InstitutionAttested e => $"institution attested completion ({e.Findings.Count} lines flagged)",
        CertificatesVerified e => $"certificates verified: {e.Lines.Count(l => l.Verified)} of {e.Lines.Count} genuine ({e.SystemReference})",
        VerificationOverridden e => $"verification of line {e.LineNo} overridden",
        ClaimApproved e => $"approved {e.ApprovedAmount:0.00} CNY on {e.Lines.Count(l => l.Approved)} lines",
        ClaimRejected => "claim rejected",
        SubsidyDisbursed e => $"paid {e.Amount:0.00} CNY to {e.Payee} ({e.PaymentReference})",
        DisbursementReconciled e => $"bank confirmed {e.PaymentReference} ({e.BankReference})",
        ClawbackOrdered e => $"clawback of {e.Amount:0.00} CNY ordered on lines {string.Join(", ", e.LineNos)}",
        ClawbackRepaid e => $"{e.Amount:0.00} CNY repaid ({e.Reference})",
        ClaimLineFlagged e => $"line {e.LineNo} flagged {e.Finding.RuleId}: {e.Finding.Evidence}",
        EntitlementHeld e => $"entitlement held by claim {e.ClaimId} line {e.LineNo}",
        EntitlementReleased e => $"entitlement released by claim {e.ClaimId} line {e.LineNo}",
        EntitlementPaid e => $"entitlement paid {e.Amount:0.00} CNY ({e.PaymentReference})",
        SocialInsuranceMonthsRecorded e => $"{e.Months.Count} months of social insurance in {e.Region}",
        TrainingAttended e => $"{e.Hours:0.##} hours of {e.Kind} training ({e.Mode}{(e.WorkType is null ? "" : ", " + e.WorkType)})",
        AssessmentRecorded e => $"{e.Kind} {(e.Passed ? "passed" : "failed")}{(e.DecidedBy.Count > 0 ? " (" + string.Join(", ", e.DecidedBy) + ")" : "")}",
        TrainingClassOpened e => $"{e.Kind} class '{e.Course}' opened by {e.ProviderName}",
        TrainingSessionHeld e => $"{e.Mode} session: {e.Content}",
        EnterpriseRegistered e => $"enterprise {e.Name} registered ({e.Industry}, {e.Jurisdiction}, headcount {e.Headcount})",
        EnterpriseHeadcountReported e => $"headcount {e.Headcount} reported",
        EnterpriseTrainingCapabilityChanged e => e.EntrustedInstitution is null ? $"training capability now {e.TrainingCapability}" : $"training capability now {e.TrainingCapability} ({e.EntrustedInstitution})",
        InstitutionRegistered e => $"institution registered as {e.Kind} in {e.Jurisdiction}",
        InstitutionFiled e => $"filed with {e.FilingAuthority} for {string.Join(", ", e.Scope)}",
        PracticalCapabilityRecorded e => $"practical conditions for {e.WorkType} recorded ({e.Facilities})",
        PracticalCapabilityWithdrawn e => $"practical conditions for {e.WorkType} withdrawn",
        InstitutionListedInHrCatalogue e => $"listed in {e.Catalogue}",
        InstitutionDelistedFromHrCatalogue => "delisted from the HR catalogue",
        InstitutionSuspended => "suspended for rectification",
        InstitutionReinstated => "reinstated",
        InstitutionFilingCancelled => "filing cancelled",
        ExamPointDesignated e => $"designated exam point for {string.Join(", ", e.Scope)} in {e.Area} by {e.DesignatedBy}",
        ExamPointDesignationWithdrawn => "exam-point designation withdrawn",
        InternalTrainerAppointed e => $"internal trainer appointed for {string.Join(", ", e.WorkTypes)} ({e.Qualification})",
        InternalTrainerRemoved => "internal trainer removed",
        _ => data.GetType().Name,
    };
}
