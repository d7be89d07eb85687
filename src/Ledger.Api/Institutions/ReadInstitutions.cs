using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Projections;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public sealed record FilingView(string FilingAuthority, LocalDate FiledOn, IReadOnlyList<string> Scope);

public sealed record PracticalCapabilityView(string WorkType, string Facilities, LocalDate RecordedOn);

public sealed record HrListingView(string Catalogue, LocalDate ListedOn);

public sealed record SuspensionView(LocalDate From, string Reason, string? LegalBasis);

public sealed record ExamPointView(IReadOnlyList<string> Scope, string Area, string DesignatedBy, LocalDate DesignatedOn);

/// <summary>Whether the institution may train a work type on the day, and if not, which rule says so.</summary>
public sealed record TrainingAnswer(string WorkType, bool MayTrain, string? RuleId, string? Reason);

public sealed record InstitutionView(
    Guid InstitutionId,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    LocalDate RegisteredOn,
    LocalDate StatusOn,
    Instant? AsOf,
    InstitutionStatus Status,
    FilingView? Filing,
    SuspensionView? Suspension,
    LocalDate? FilingCancelledOn,
    IReadOnlyList<PracticalCapabilityView> PracticalCapabilities,
    bool ListedInHrCatalogue,
    HrListingView? HrListing,
    bool IsExamPoint,
    ExamPointView? ExamPoint,
    IReadOnlyList<TrainingAnswer> Training,
    long Version)
{
    /// <param name="workType">When given, <see cref="Training"/> answers for it alone; otherwise for every work type the institution was ever filed or equipped for.</param>
    public static InstitutionView On(Institution institution, LocalDate date, Instant? asOf, string? workType, PolicyCatalog policies)
    {
        var filing = institution.FilingOn(date);
        var suspension = institution.Suspensions.LastOrDefault(s => s.Covers(date));
        var listing = institution.HrListingOn(date);
        var examPoint = institution.ExamPointDesignationOn(date);
        IReadOnlyList<string> asked = workType is not null
            ? [workType]
            : institution.Filings.SelectMany(f => f.Scope).Concat(institution.PracticalCapabilities.Select(p => p.WorkType)).Distinct().Order(StringComparer.Ordinal).ToList();
        var training = asked.Select(w => institution.MayTrainOn(w, date, policies, out var ruleId, out var reason)
            ? new TrainingAnswer(w, true, null, null)
            : new TrainingAnswer(w, false, ruleId, reason)).ToList();
        return new InstitutionView(institution.Id, institution.CreditCode, institution.Name, institution.Kind, institution.Jurisdiction, institution.RegisteredOn,
            date, asOf, institution.StatusOn(date),
            filing is null ? null : new FilingView(filing.FilingAuthority, filing.FiledOn, filing.Scope),
            suspension is null ? null : new SuspensionView(suspension.From, suspension.Reason, suspension.LegalBasis),
            institution.FilingCancelledOn is { } cancelled && cancelled <= date ? cancelled : null,
            [.. institution.PracticalCapabilitiesOn(date).Select(p => new PracticalCapabilityView(p.WorkType, p.Facilities, p.From))],
            listing is not null, listing is null ? null : new HrListingView(listing.Catalogue, listing.From),
            examPoint is not null, examPoint is null ? null : new ExamPointView(examPoint.Scope, examPoint.Area, examPoint.DesignatedBy, examPoint.From),
            training, institution.Version);
    }
}

public sealed record InstitutionListEntry(
    Guid InstitutionId,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    InstitutionStatus Status,
    IReadOnlyList<string> Scope,
    bool ListedInHrCatalogue,
    bool IsExamPoint);

public static class ReadInstitutionEndpoints
{
    /// <summary>
    /// An institution on a day (default today): filing status and scope, practical capabilities, HR listing,
    /// exam-point designation and, per work type, whether it may train; with asOf, as the ledger knew it then.
    /// </summary>
    [WolverineGet("/api/institutions/{institutionId:guid}", Name = "GetInstitution")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid institutionId, string? on, string? asOf, string? workType, IQuerySession session, CertificateCatalog catalog,
        PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        if (workType is not null && catalog.FindWorkType(workType) is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["workType"] = [CatalogueRules.NotAWorkType] });
        var institution = instant is null
            ? await session.LoadAsync<Institution>(institutionId, ct)
            : await session.Events.AggregateStreamAsync<Institution>(institutionId, timestamp: instant.Value.ToDateTimeOffset(), token: ct);
        if (institution is null) throw new ResourceNotFoundException("institution");
        return Results.Ok(InstitutionView.On(institution, date, instant, workType, policies));
    }

    /// <summary>The published list of institutions (JZ-INS-02 定期公布名单、培训范围), optionally for one jurisdiction and the ones under it.</summary>
    [WolverineGet("/api/institutions", Name = "ListInstitutions")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> List(string? jurisdiction, string? on, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var (_, date) = AsOfQuery.Parse(null, on, clock);
        if (!string.IsNullOrWhiteSpace(jurisdiction) && !JurisdictionRules.IsJurisdictionCode(jurisdiction))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["jurisdiction"] = ["must be a jurisdiction code such as tj-jizhou or sd-jining"] });
        // Institutions are few; the jurisdiction tree (hlj lies under cn without sharing its prefix) is applied in memory.
        var institutions = (await session.Query<Institution>().OrderBy(i => i.Name).ToListAsync(ct))
            .Where(i => string.IsNullOrWhiteSpace(jurisdiction) || i.Jurisdiction == jurisdiction || i.Jurisdiction.StartsWith(jurisdiction + "-", StringComparison.Ordinal)
                || policies.IsWithin(i.Jurisdiction, jurisdiction))
            .ToList();
        return Results.Ok(institutions.Select(i => new InstitutionListEntry(i.Id, i.CreditCode, i.Name, i.Kind, i.Jurisdiction, i.StatusOn(date),
            i.ScopeOn(date), i.IsListedOn(date), i.IsExamPointOn(date))).ToList());
    }

    /// <summary>Every event of the institution in order, with business date, actor, reason and version.</summary>
    [WolverineGet("/api/institutions/{institutionId:guid}/history", Name = "GetInstitutionHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<IResult> History(Guid institutionId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(institutionId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("institution");
        return Results.Ok(new { institutionId, events = events.Select(EventFacts.Describe).ToList() });
    }
}
