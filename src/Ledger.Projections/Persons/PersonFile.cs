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
    IReadOnlyList<RecordedEvent> Timeline,
    IReadOnlyList<TraineeEnrolled> Enrollments);

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
    /// The person file. A current read is served from the inline snapshots (person, certificates, claims), which are
    /// written in the same transaction as their events, in one batched round trip plus one for the certificates'
    /// events of the timeline. An as-of read is rebuilt from the events, ignoring those recorded after the instant.
    /// </summary>
    /// <param name="audience">Who the file is assembled for: a bureau sees all of it, an employer and a training provider their part.</param>
    public static Task<PersonFile?> LoadAsync(IQuerySession session, Guid personId, Instant? asOf, LocalDate statusOn, PolicyCatalog policies,
        PersonFileAudience audience, CancellationToken ct) =>
        asOf is null
            ? LoadCurrentAsync(session, personId, statusOn, policies, audience, ct)
            : LoadAsOfAsync(session, personId, asOf.Value, statusOn, policies, audience, ct);

    /// <summary>The expression of the computed index on Certificate.PersonId (LedgerProjections), so the index answers it.</summary>
    private const string CertificatesOfPerson = "where CAST(data ->> 'personId' as uuid) = ?";

    private static async Task<PersonFile?> LoadCurrentAsync(IQuerySession session, Guid personId, LocalDate statusOn, PolicyCatalog policies,
        PersonFileAudience audience, CancellationToken ct)
    {
        // Profiled at 100,000 persons: five sequential round trips (snapshot, stream, certificate ids, certificate events,
        // claims), a LINQ parse of three of them per request, and a claim lookup that decompressed every claim document.
        // Now two batched round trips of prepared SQL: the snapshots and the person's stream, then the certificates' streams.
        var batch = session.CreateBatchQuery();
        var personRead = batch.Load<Person>(personId);
        var streamRead = batch.Events.FetchStream(personId);
        var certificatesRead = batch.Query<Certificate>(CertificatesOfPerson, personId);
        var claimsRead = batch.Query<Claim>(ClaimsNaming.Person, personId);
        await batch.Execute(ct);
        var person = await personRead;
        if (person is null) return null;
        var states = (await certificatesRead).OrderBy(c => c.IssuedOn).ThenBy(c => c.Id).ToList();
        var disclosure = new PersonFileDisclosure(person, audience);
        var visible = states.Where(disclosure.Shows).ToList();
        var timeline = (await streamRead).Where(disclosure.Shows).Select(EventFacts.Describe).ToList();
        if (visible.Count > 0)
        {
            var streams = session.CreateBatchQuery();
            var reads = visible.Select(c => streams.Events.FetchStream(c.Id)).ToList();
            await streams.Execute(ct);
            foreach (var read in reads) timeline.AddRange((await read).Select(EventFacts.Describe));
        }
        var claims = (await claimsRead).Where(disclosure.Shows).SelectMany(c => PersonFileClaimLine.Of(c, personId));
        return Assemble(person, null, statusOn, states, visible, policies, claims, timeline, disclosure, await HighRiskEnterprisesAsync(session, person, ct));
    }

    private static async Task<PersonFile?> LoadAsOfAsync(IQuerySession session, Guid personId, Instant asOf, LocalDate statusOn, PolicyCatalog policies,
        PersonFileAudience audience, CancellationToken ct)
    {
        var timestamp = asOf.ToDateTimeOffset();
        var personEvents = await session.Events.FetchStreamAsync(personId, timestamp: timestamp, token: ct);
        var person = await Fold.PersonAsync(session, personEvents, ct);
        if (person is null) return null;
        var disclosure = new PersonFileDisclosure(person, audience);

        var certificateIds = await session.Query<Certificate>().Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        var states = new List<Certificate>();
        var timeline = personEvents.Where(disclosure.Shows).Select(EventFacts.Describe).ToList();
        // One round trip for every certificate stream of the person, rather than one per certificate.
        var certificateEvents = certificateIds.Count == 0 ? [] : await CertificateEventsAsync(session, certificateIds, timestamp, ct);
        foreach (var events in certificateEvents)
        {
            var certificate = await Fold.CertificateAsync(session, events, ct);
            if (certificate is null) continue;
            states.Add(certificate);
            if (disclosure.Shows(certificate)) timeline.AddRange(events.Select(EventFacts.Describe));
        }
        var claims = await SubsidyClaimsAsOfAsync(session, personId, timestamp, disclosure, ct);
        return Assemble(person, asOf, statusOn, states, states.Where(disclosure.Shows).ToList(), policies, claims, timeline, disclosure,
            await HighRiskEnterprisesAsync(session, person, ct));
    }

    /// <summary>The person's employers that are high-risk enterprises, whom Jizhou's and Heilongjiang's scoped rules bind (an industry is never changed).</summary>
    private static async Task<IReadOnlySet<Guid>> HighRiskEnterprisesAsync(IQuerySession session, Person person, CancellationToken ct)
    {
        if (person.Employments.Count == 0) return new HashSet<Guid>();
        var enterprises = await session.LoadManyAsync<Domain.Enterprises.Enterprise>(ct, person.EnterpriseIds);
        return enterprises.Where(e => Domain.Enterprises.IndustryCatalog.Default.IsHighRisk(e.Industry)).Select(e => e.Id).ToHashSet();
    }

    /// <param name="states">Every certificate of the person: obligations are judged on all of them, whoever reads.</param>
    /// <param name="visible">The certificates the audience is shown.</param>
    private static PersonFile Assemble(Person person, Instant? asOf, LocalDate statusOn, IReadOnlyList<Certificate> states, IReadOnlyList<Certificate> visible,
        PolicyCatalog policies, IEnumerable<PersonFileClaimLine> claims, IEnumerable<RecordedEvent> timeline, PersonFileDisclosure disclosure,
        IReadOnlySet<Guid> highRiskEnterprises) => new(
        person.Id,
        person.IdNumberMasked,
        person.Name,
        person.BirthDate,
        person.Sex,
        person.Education,
        disclosure.ShowsResidence ? person.HukouDistrict : "",
        disclosure.ShowsContact ? person.MobileMasked : null,
        person.Version,
        asOf,
        statusOn,
        visible.Select(certificate => new PersonFileCertificate(
            certificate.Id, certificate.Number, certificate.Kind, certificate.WorkType, certificate.IssuedOn,
            certificate.ValidUntil, certificate.NextReviewDue, certificate.StatusOn(statusOn),
            certificate.Supersedes, certificate.SupersededBy, certificate.Version)).OrderBy(c => c.IssuedOn).ToList(),
        person.Employments.Where(disclosure.Shows).ToList(),
        TrainingSummary.Of(person.Attendance.Where(disclosure.Shows).ToList()),
        person.Assessments.Where(disclosure.Shows).ToList(),
        PersonObligations.Evaluate(person, states, policies, statusOn, highRiskEnterprises.Contains).Where(disclosure.Shows).ToList(),
        claims.OrderBy(l => l.ApplicationDate).ThenBy(l => l.ClaimId).ThenBy(l => l.LineNo).ToList(),
        timeline.OrderBy(t => t.Sequence).ToList(),
        person.Enrollments.Where(disclosure.Shows).ToList());

    private static async Task<IReadOnlyList<IReadOnlyList<IEvent>>> CertificateEventsAsync(IQuerySession session, IReadOnlyList<Guid> ids, DateTimeOffset? timestamp,
        CancellationToken ct)
    {
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids.ToArray()));
        if (timestamp is { } t) query = query.Where(e => e.Timestamp <= t);
        var events = await query.ToListAsync(ct);
        return events.GroupBy(e => e.StreamId).Select(g => (IReadOnlyList<IEvent>)g.OrderBy(e => e.Version).ToList()).ToList();
    }

    /// <summary>
    /// The claim snapshots are current, so an as-of read folds each claim's stream up to the instant instead: a claim
    /// submitted later is left out, and one decided later shows the stage it had then.
    /// </summary>
    private static async Task<IReadOnlyList<PersonFileClaimLine>> SubsidyClaimsAsOfAsync(IQuerySession session, Guid personId, DateTimeOffset asOf,
        PersonFileDisclosure disclosure, CancellationToken ct)
    {
        var claims = await session.QueryAsync<Claim>(ClaimsNaming.Person, ct, personId);
        var lines = new List<PersonFileClaimLine>();
        foreach (var current in claims.Where(disclosure.Shows))
        {
            var claim = await session.Events.AggregateStreamAsync<Claim>(current.Id, timestamp: asOf, token: ct);
            if (claim is not null) lines.AddRange(PersonFileClaimLine.Of(claim, personId));
        }
        return lines;
    }
}

/// <summary>
/// Claims by a person or certificate they name, through the GIN indexes of the duplicated person_ids and
/// certificate_ids columns (LedgerProjections). LINQ's Contains on those columns becomes "= ANY(column)", which no
/// index answers; containment does.
/// </summary>
public static class ClaimsNaming
{
    public const string Person = "where person_ids @> ARRAY[?]::uuid[]";
    public const string Certificate = "where certificate_ids @> ARRAY[?]::uuid[]";
}
