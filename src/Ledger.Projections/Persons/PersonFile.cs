using JasperFx.Events;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Domain.Persons;
using Ledger.Projections.Certificates;
using Marten;
using NodaTime;

namespace Ledger.Projections.Persons;

public sealed record PersonFileCertificate(
    Guid CertificateId,
    string Number,
    string Kind,
    string? WorkType,
    LocalDate IssuedOn,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    CertificateStatus Status,
    Guid? Supersedes,
    Guid? SupersededBy,
    long Version);

/// <summary>一人一档: the person's identity (ID number masked), certificates with their status, and one timeline.</summary>
public sealed record PersonFile(
    Guid PersonId,
    string IdNumberMasked,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    string? MobileMasked,
    long Version,
    Instant? AsOf,
    LocalDate StatusOn,
    IReadOnlyList<PersonFileCertificate> Certificates,
    IReadOnlyList<EmploymentRecord> Employments,
    TrainingSummary Training,
    IReadOnlyList<AssessmentRecorded> Assessments,
    IReadOnlyList<Obligation> Obligations,
    IReadOnlyList<PersonFileClaimLine> SubsidyClaims,
    IReadOnlyList<RecordedEvent> Timeline);

/// <summary>One subsidy claim line naming the person: who claimed it where, for which certificate event, and what was approved and paid.</summary>
public sealed record PersonFileClaimLine(
    Guid ClaimId,
    int LineNo,
    string Jurisdiction,
    Guid EnterpriseId,
    string EnterpriseName,
    string InstitutionName,
    LocalDate ApplicationDate,
    Guid? CertificateId,
    string CertificateNumber,
    SubsidyKind Kind,
    string Cycle,
    LineStatus Status,
    ClaimStage Stage,
    decimal EntitledAmount,
    decimal? ApprovedAmount,
    decimal PaidAmount,
    LocalDate? PaidOn,
    IReadOnlyList<string> Flags,
    long ClaimVersion)
{
    public static IEnumerable<PersonFileClaimLine> Of(Claim claim, Guid personId) =>
        claim.Lines.Where(l => l.Line.PersonId == personId).Select(l => new PersonFileClaimLine(
            claim.Id, l.Line.LineNo, claim.Form.Jurisdiction, claim.Form.EnterpriseId, claim.Form.EnterpriseName, claim.Form.InstitutionName,
            claim.Form.ApplicationDate, l.Line.CertificateId, l.Line.CertificateNumber, l.Line.Kind, l.Line.Cycle, l.Line.Status, claim.Stage,
            l.Line.EntitledAmount, l.Decision?.Approved == true ? l.Decision.Amount : l.Decision is null ? null : 0m,
            l.Decision is { Approved: true } d && claim.Stage is ClaimStage.Disbursed or ClaimStage.Reconciled ? d.Amount : 0m,
            claim.Stage is ClaimStage.Disbursed or ClaimStage.Reconciled ? claim.PaidOn : null,
            l.AllFindings.Select(f => f.RuleId).Distinct().ToList(),
            claim.Version));
}

/// <summary>Hours as recorded (not as counted toward an obligation, which depends on the rule in force): by kind, mode and work type.</summary>
public sealed record TrainingSummary(
    decimal TotalHours,
    IReadOnlyDictionary<string, decimal> ByKind,
    IReadOnlyDictionary<string, decimal> ByMode,
    IReadOnlyDictionary<string, decimal> ByWorkType,
    IReadOnlyList<TrainingAttended> Sessions)
{
    public static TrainingSummary Of(IReadOnlyList<TrainingAttended> attendance) => new(
        attendance.Sum(a => a.Hours),
        attendance.GroupBy(a => Kebab(a.Kind.ToString())).ToDictionary(g => g.Key, g => g.Sum(a => a.Hours)),
        attendance.GroupBy(a => Kebab(a.Mode.ToString())).ToDictionary(g => g.Key, g => g.Sum(a => a.Hours)),
        attendance.Where(a => a.WorkType is not null).GroupBy(a => a.WorkType!).ToDictionary(g => g.Key, g => g.Sum(a => a.Hours)),
        attendance.OrderBy(a => a.Date).ToList());

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

public static class PersonFiles
{
    /// <summary>
    /// Rebuilt from the events on every read, so "now" and "as the ledger knew it at instant T" are the same
    /// code path: an as-of read just ignores events recorded after T.
    /// </summary>
    private static async Task<IReadOnlyList<IReadOnlyList<IEvent>>> CertificateEventsAsync(IQuerySession session, IReadOnlyList<Guid> ids, DateTimeOffset? timestamp,
        CancellationToken ct)
    {
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids.ToArray()));
        if (timestamp is { } t) query = query.Where(e => e.Timestamp <= t);
        var events = await query.ToListAsync(ct);
        return events.GroupBy(e => e.StreamId).Select(g => (IReadOnlyList<IEvent>)g.OrderBy(e => e.Version).ToList()).ToList();
    }

    public static async Task<PersonFile?> LoadAsync(IQuerySession session, Guid personId, Instant? asOf, LocalDate statusOn, PolicyCatalog policies, CancellationToken ct)
    {
        var timestamp = asOf?.ToDateTimeOffset();
        var personEvents = await session.Events.FetchStreamAsync(personId, timestamp: timestamp, token: ct);
        var person = Fold.Person(personEvents);
        if (person is null) return null;

        var certificateIds = await session.Query<Certificate>().Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        var certificates = new List<PersonFileCertificate>();
        var states = new List<Certificate>();
        var timeline = personEvents.Select(EventFacts.Describe).ToList();
        // One round trip for every certificate stream of the person, rather than one per certificate.
        var certificateEvents = certificateIds.Count == 0 ? [] : await CertificateEventsAsync(session, certificateIds, timestamp, ct);
        foreach (var events in certificateEvents)
        {
            var certificate = Fold.Certificate(events);
            if (certificate is null) continue;
            states.Add(certificate);
            certificates.Add(new PersonFileCertificate(
                certificate.Id, certificate.Number, certificate.Kind, certificate.WorkType, certificate.IssuedOn,
                certificate.ValidUntil, certificate.NextReviewDue, certificate.StatusOn(statusOn),
                certificate.Supersedes, certificate.SupersededBy, certificate.Version));
            timeline.AddRange(events.Select(EventFacts.Describe));
        }

        return new PersonFile(
            person.Id,
            person.IdNumberMasked,
            person.Name,
            person.BirthDate,
            person.Sex,
            person.Education,
            person.HukouDistrict,
            person.MobileMasked,
            person.Version,
            asOf,
            statusOn,
            certificates.OrderBy(c => c.IssuedOn).ToList(),
            person.Employments,
            TrainingSummary.Of(person.Attendance),
            person.Assessments,
            PersonObligations.Evaluate(person, states, policies, statusOn),
            await SubsidyClaimsAsync(session, personId, timestamp, ct),
            timeline.OrderBy(t => t.Sequence).ToList());
    }

    /// <summary>
    /// The claim snapshots are current, so an as-of read folds each claim's stream up to the instant instead: a claim
    /// submitted later is left out, and one decided later shows the stage it had then.
    /// </summary>
    private static async Task<IReadOnlyList<PersonFileClaimLine>> SubsidyClaimsAsync(IQuerySession session, Guid personId, DateTimeOffset? asOf, CancellationToken ct)
    {
        var claims = await session.Query<Claim>().Where(c => c.PersonIds.Contains(personId)).ToListAsync(ct);
        var lines = new List<PersonFileClaimLine>();
        foreach (var current in claims)
        {
            var claim = asOf is null ? current : await session.Events.AggregateStreamAsync<Claim>(current.Id, timestamp: asOf, token: ct);
            if (claim is not null) lines.AddRange(PersonFileClaimLine.Of(claim, personId));
        }
        return lines.OrderBy(l => l.ApplicationDate).ThenBy(l => l.ClaimId).ThenBy(l => l.LineNo).ToList();
    }
}
