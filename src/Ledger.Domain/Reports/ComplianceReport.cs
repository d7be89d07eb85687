using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>An enterprise as a report needs it: where it is and whether its industry is high-risk.</summary>
public sealed record ReportEnterprise(Guid Id, string Name, string Jurisdiction, string Industry, bool HighRisk);

/// <summary>
/// A baseline share a bureau recorded for a "+20 pp" target (JZ-TGT-04, HLJ-TGT-05, TZ-TGT-07): the documents name none, so the
/// ledger keeps what the bureau states, with its source, rather than guessing.
/// </summary>
[EventSchema(1)]
public sealed record ComplianceBaselineRecorded(
    Guid BaselineId,
    string Jurisdiction,
    string RuleId,
    LocalDate MeasuredOn,
    int Numerator,
    int Denominator,
    string Source,
    string Reason,
    string ActorUser,
    string ActorOrganisation,
    Instant RecordedAt);

/// <summary>Everything the ledger knows that a report counts, for the enterprises of the report's jurisdiction.</summary>
/// <param name="Jurisdictions">The report's jurisdiction and those under it: training classes count when held there.</param>
public sealed record ComplianceFacts(
    IReadOnlySet<string> Jurisdictions,
    IReadOnlyDictionary<Guid, ReportEnterprise> Enterprises,
    IReadOnlyList<Persons.Person> Persons,
    IReadOnlyDictionary<Guid, IReadOnlyList<Certificates.Certificate>> Certificates,
    IReadOnlyList<ComplianceBaselineRecorded> Baselines);

/// <summary>One person behind a figure, pseudonymous id first; the ID number is always masked.</summary>
public sealed record ReportPerson(Guid PersonId, string IdNumberMasked, string Name, string Enterprise, string Post, string Detail, string? DetailZh = null);

/// <summary>A part of a target's population (HLJ-TGT-06's five industry groups, QF-TGT-04's industries).</summary>
public sealed record TargetGroup(string Group, int Numerator, int Denominator, decimal? Ratio);

/// <param name="Required">The ratio (or count) the target requires for this report: 1.0, 0.30, baseline + 0.20, 20,000.</param>
/// <param name="Met">Null when nothing can be judged: not computable, an empty population, or no number in the document.</param>
/// <param name="Shortfall">How many more persons (or person-times) the target needs.</param>
/// <param name="Counted">The persons behind the numerator.</param>
/// <param name="Missing">The persons in the denominator but not the numerator, each with why.</param>
public sealed record TargetResult(
    string RuleId,
    string? Variant,
    string TextZh,
    string TextEn,
    ThresholdKind ThresholdKind,
    string Threshold,
    bool Computable,
    string? NotComputable,
    int? Numerator,
    int? Denominator,
    decimal? Ratio,
    decimal? Required,
    bool? Met,
    int? Shortfall,
    decimal? Baseline,
    string? BaselineSource,
    LocalDate? Deadline,
    IReadOnlyList<string> Notes,
    IReadOnlyList<TargetGroup> Groups,
    IReadOnlyList<ReportPerson> Counted,
    IReadOnlyList<ReportPerson> Missing,
    IReadOnlyList<string>? NotesZh = null,
    string? NotComputableZh = null);

/// <param name="EvaluatedOn">The day the figures describe: the period's end, or today while the period runs.</param>
/// <param name="WithinProgramme">Whether the period overlaps the document's programme window; after it the figures are informative.</param>
public sealed record ComplianceReport(
    string Programme,
    string Jurisdiction,
    string NameZh,
    string NameEn,
    string Document,
    LocalDate ProgrammeFrom,
    LocalDate? ProgrammeUntil,
    string Period,
    LocalDate From,
    LocalDate To,
    LocalDate EvaluatedOn,
    bool WithinProgramme,
    int Enterprises,
    int Employees,
    IReadOnlyList<TargetResult> Targets);
