using NodaTime;

namespace Ledger.Domain.Certificates;

public interface ICertificateEvent
{
    Guid CertificateId { get; }
}

public enum SupersessionKind
{
    /// <summary>换证 / 延期复审: a new certificate at expiry.</summary>
    Renewal,
    /// <summary>补证 / 换发: a replacement for a lost or damaged certificate, or changed data.</summary>
    Replacement,
}

[EventSchema(1)]
public sealed record CertificateIssued(
    Guid CertificateId,
    Guid PersonId,
    string Number,
    string Kind,
    string? WorkType,
    string? Industry,
    string HolderName,
    string ExamPoint,
    LocalDate ExamDate,
    LocalDate PassDate,
    LocalDate IssuedOn,
    string IssuingAuthority,
    LocalDate ValidFrom,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    Guid? Supersedes,
    SupersessionKind? SupersessionKind,
    // Added after the first release, so older events load with them empty: the full number sealed when it may be an ID
    // number (Number then holds it masked, CertificateNumber), and the exam point institution that issued it.
    Persons.SealedValue? NumberSealed = null,
    Guid? IssuedByInstitution = null) : ICertificateEvent;

[EventSchema(1)]
public sealed record CertificateReviewed(
    Guid CertificateId,
    LocalDate ReviewedOn,
    bool Passed,
    LocalDate? ReviewPassDate,
    LocalDate? NextReviewDue,
    string? Reason) : ICertificateEvent;

[EventSchema(1)]
public sealed record CertificateSuperseded(
    Guid CertificateId,
    Guid NewCertificateId,
    string NewNumber,
    SupersessionKind Kind,
    LocalDate On,
    string Reason) : ICertificateEvent;

[EventSchema(1)]
public sealed record CertificateSuspended(
    Guid CertificateId,
    LocalDate From,
    string Reason,
    string? LegalBasis) : ICertificateEvent;

[EventSchema(1)]
public sealed record CertificateReinstated(
    Guid CertificateId,
    LocalDate On,
    string Reason) : ICertificateEvent;

/// <summary>
/// Why a certificate is revoked: the five cases of SAWS Order No. 30 art. 30 (考核发证机关应当撤销特种作业操作证), and
/// <see cref="Unstated"/> for revocations recorded before the ground was asked (version 1 of <see cref="CertificateRevoked"/>).
/// </summary>
public enum RevocationGround
{
    Unstated,
    /// <summary>（一）超过特种作业操作证有效期未延期复审</summary>
    ExpiredWithoutReview,
    /// <summary>（二）身体条件已不适合继续从事特种作业</summary>
    Unfit,
    /// <summary>（三）对发生生产安全事故负有责任</summary>
    AccidentResponsibility,
    /// <summary>（四）特种作业操作证记载虚假信息</summary>
    FalseInformation,
    /// <summary>（五）以欺骗、贿赂等不正当手段取得特种作业操作证</summary>
    Deception,
}

/// <summary>Version 2 adds the ground; version-1 events read with <see cref="RevocationGround.Unstated"/> (EventVersioning).</summary>
[EventSchema(2)]
public sealed record CertificateRevoked(
    Guid CertificateId,
    LocalDate On,
    RevocationGround Ground,
    string Reason,
    string LegalBasis) : ICertificateEvent;

/// <summary>Facts about a certificate number that may not exist in the ledger at all (FR-03).</summary>
public interface IForgeryWatchEvent
{
    Guid WatchId { get; }
}

/// <param name="Number">As <see cref="CertificateNumber.Display"/> shows it: an anonymous caller's number is never stored raw.</param>
/// <param name="CertificateKey">The keyed stream id the number maps to, so a lead is matched to a certificate the ledger holds without the number itself.</param>
[EventSchema(1)]
public sealed record UnknownCertificateChecked(
    Guid WatchId,
    string Number,
    string Outcome,
    Instant CheckedAt,
    Guid CertificateKey = default) : IForgeryWatchEvent
{
    public const string NotInLedger = "not-in-ledger";
    public const string NameMismatch = "name-mismatch";
}

[EventSchema(1)]
public sealed record ForgedCertificateReported(
    Guid WatchId,
    string Number,
    string? HolderName,
    string? WhereFound,
    LocalDate ReportedOn,
    string Reason,
    Guid CertificateKey = default) : IForgeryWatchEvent;
