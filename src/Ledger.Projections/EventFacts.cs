using JasperFx.Events;
using Ledger.Domain.Certificates;
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
