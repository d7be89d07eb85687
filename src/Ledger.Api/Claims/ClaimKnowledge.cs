using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections.Certificates;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record LineJudgement(decimal EntitledAmount, IReadOnlyList<Finding> Findings);

/// <summary>A claim event recorded after the instant the knowledge is judged at.</summary>
public sealed record LaterClaimEvent(long Version, string Type, Instant RecordedAt);

/// <summary>What the ledger knew of each line at an instant, beside what it knows now, and what happened to the claim since.</summary>
public sealed record ClaimKnowledgeView(Guid ClaimId, Instant AsOf, IReadOnlyList<LineKnowledge> Lines, IReadOnlyList<LaterClaimEvent> ClaimEventsSince);

public sealed record LineKnowledge(int LineNo, string Name, LineJudgement Then, LineJudgement Now, IReadOnlyList<Finding> AppearedLater, IReadOnlyList<Finding> GoneSince);

/// <summary>What did the ledger know? Each line judged on the facts recorded up to an instant (by default the approval), beside the same judgement today.</summary>
public static class ClaimKnowledgeEndpoint
{
    [WolverineGet("/api/claims/{claimId:guid}/knowledge", Name = "GetClaimKnowledge")]
    // The bureaus' and auditors' tool: it re-judges every line on the facts recorded by anyone, evidence included, which a
    // submitter may not read (ClaimDisclosure).
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid claimId, string? asOf, IQuerySession session, PolicyCatalog policies, CertificateCatalog catalog,
        HttpContext http, IDocumentStore store, IClock clock, CancellationToken ct)
    {
        await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
        var events = await session.Events.FetchStreamAsync(claimId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("claim");
        Instant at;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            at = RequestValidation.ParseInstant(asOf)
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["asOf"] = [RequestValidation.InstantMessage] });
        }
        else
        {
            var decided = events.LastOrDefault(e => e.Data is ClaimApproved or ClaimRejected) ?? events[^1];
            at = Instant.FromDateTimeOffset(decided.Timestamp);
        }
        var claim = await session.LoadAsync<Claim>(claimId, ct) ?? throw new ResourceNotFoundException("claim");
        var form = claim.Form;
        var lines = new List<LineKnowledge>();
        foreach (var line in claim.Lines.Select(l => l.Line))
        {
            var then = await JudgeAsync(session, form, line, at, policies, catalog, ct);
            var now = await JudgeAsync(session, form, line, null, policies, catalog, ct);
            lines.Add(new LineKnowledge(line.LineNo, line.Name, then, now,
                now.Findings.Where(f => !then.Findings.Contains(f)).ToList(), then.Findings.Where(f => !now.Findings.Contains(f)).ToList()));
        }
        var laterEvents = events.Where(e => e.Timestamp > at.ToDateTimeOffset()).Select(e => new LaterClaimEvent(e.Version, e.EventTypeName, Instant.FromDateTimeOffset(e.Timestamp))).ToList();
        return Results.Ok(new ClaimKnowledgeView(claimId, at, lines, laterEvents));
    }

    /// <summary>Re-runs the submission checks on every fact as recorded up to <paramref name="at"/> (or now), under the packs for the business dates.</summary>
    private static async Task<LineJudgement> JudgeAsync(IQuerySession session, ClaimSubmitted form, ClaimLine line, Instant? at, PolicyCatalog policies,
        CertificateCatalog catalog, CancellationToken ct)
    {
        var timestamp = at?.ToDateTimeOffset();
        var enterprise = await session.Events.AggregateStreamAsync<Enterprise>(form.EnterpriseId, timestamp: timestamp, token: ct);
        var institution = await session.Events.AggregateStreamAsync<Institution>(form.InstitutionId, timestamp: timestamp, token: ct);
        if (enterprise is null || institution is null) return new LineJudgement(0m, [new Finding(FraudPatterns.UnverifiableCertificate, Severity.High, true, "the enterprise or institution was not yet recorded")]);
        var person = line.PersonId == Guid.Empty ? null : await session.Events.AggregateStreamAsync<Person>(line.PersonId, timestamp: timestamp, token: ct);
        var certificate = line.CertificateId is { } id ? await session.Events.AggregateStreamAsync<Certificate>(id, timestamp: timestamp, token: ct) : null;
        var classes = new List<TrainingClass>();
        foreach (var classId in person?.Attendance.Where(a => a.ProviderId == institution.Id).Select(a => a.ClassId).Distinct() ?? [])
            if (await session.Events.AggregateStreamAsync<TrainingClass>(classId, timestamp: timestamp, token: ct) is { } c) classes.Add(c);
        var assessment = ClaimAssessor.Assess(new LineFacts(line.LineNo, line.Name, line.WorkType, line.Kind, line.RequestedAmount, person, certificate, classes),
            new ClaimContext(form.Jurisdiction, enterprise, institution, form.TrainingFrom, form.TrainingUntil, form.ApplicationDate), policies, catalog);
        return new LineJudgement(assessment.EntitledAmount, assessment.Findings);
    }
}
