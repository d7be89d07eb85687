using NodaTime;

namespace Ledger.Domain.Institutions;

public interface IInstitutionEvent
{
    Guid InstitutionId { get; }
}

/// <summary>What kind of organisation trains or examines (rules.md 1.3).</summary>
public enum InstitutionKind
{
    /// <summary>培训机构 / 安全培训机构 / 社会培训机构.</summary>
    TrainingInstitution,
    /// <summary>职业院校, technical schools included; may train and may apply to be an exam point (TZ-INS-04, HLJ-INS-04).</summary>
    VocationalCollege,
    /// <summary>An enterprise's own training centre (TZ-INS-01, HLJ-EXM-02 培训考试点).</summary>
    EnterpriseTrainingCentre,
    /// <summary>An organisation set up to run exams (考试点 / 考试机构).</summary>
    ExamPointOperator,
}

/// <param name="Jurisdiction">A jurisdiction code such as <c>tj-jizhou</c>, <c>sd-jining-qufu</c> or <c>hlj</c>.</param>
/// <param name="RegisteredOn">The business date from which the ledger knows the organisation; later dates may not precede it.</param>
[EventSchema(1)]
public sealed record InstitutionRegistered(
    Guid InstitutionId,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    LocalDate RegisteredOn) : IInstitutionEvent;

/// <summary>
/// 备案 (JZ-INS-02): the filing authority records the institution and the work types it may train. A later
/// filing replaces the scope from its own date, which is how a scope change is recorded.
/// </summary>
[EventSchema(1)]
public sealed record InstitutionFiled(
    Guid InstitutionId,
    string FilingAuthority,
    IReadOnlyList<string> Scope,
    LocalDate FiledOn,
    string Reason,
    int? WeeklyCapacity = null) : IInstitutionEvent;

/// <summary>The institution has practical-operation conditions for a work type (JZ-INS-01, HLJ-INS-01).</summary>
[EventSchema(1)]
public sealed record PracticalCapabilityRecorded(
    Guid InstitutionId,
    string WorkType,
    string Facilities,
    LocalDate RecordedOn) : IInstitutionEvent;

[EventSchema(1)]
public sealed record PracticalCapabilityWithdrawn(
    Guid InstitutionId,
    string WorkType,
    LocalDate On,
    string Reason) : IInstitutionEvent;

/// <summary>Listed in the HR department's catalogue of training institutions (HLJ-INS-06, NN-INS-01).</summary>
[EventSchema(1)]
public sealed record InstitutionListedInHrCatalogue(
    Guid InstitutionId,
    string Catalogue,
    LocalDate ListedOn) : IInstitutionEvent;

[EventSchema(1)]
public sealed record InstitutionDelistedFromHrCatalogue(
    Guid InstitutionId,
    LocalDate On,
    string Reason) : IInstitutionEvent;

/// <summary>停业整顿: suspension for rectification, the Taizhou penalty for crash courses and cut hours (TZ-ENF-01).</summary>
[EventSchema(1)]
public sealed record InstitutionSuspended(
    Guid InstitutionId,
    LocalDate From,
    string Reason,
    string? LegalBasis) : IInstitutionEvent;

[EventSchema(1)]
public sealed record InstitutionReinstated(
    Guid InstitutionId,
    LocalDate On,
    string Reason) : IInstitutionEvent;

/// <summary>The filing is cancelled for good: the institution may no longer train, and its filing takes no further step.</summary>
[EventSchema(1)]
public sealed record InstitutionFilingCancelled(
    Guid InstitutionId,
    LocalDate On,
    string Reason) : IInstitutionEvent;

/// <param name="Scope">Work-type codes and certificate-kind codes the exam point may examine (TZ-EXM-02 routing).</param>
/// <param name="Area">The area it serves, as the designation words it (for example 椒江区 or 全市).</param>
[EventSchema(1)]
public sealed record ExamPointDesignated(
    Guid InstitutionId,
    IReadOnlyList<string> Scope,
    string Area,
    string DesignatedBy,
    LocalDate On) : IInstitutionEvent;

[EventSchema(1)]
public sealed record ExamPointDesignationWithdrawn(
    Guid InstitutionId,
    LocalDate On,
    string Reason) : IInstitutionEvent;
