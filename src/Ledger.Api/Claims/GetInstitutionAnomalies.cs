using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <summary>The institutions found anomalous in a period.</summary>
public sealed record InstitutionAnomalyReport(LocalDate From, LocalDate To, IReadOnlyList<Ledger.Domain.Institutions.InstitutionAnomaly> Anomalies);

public static class InstitutionAnomalyEndpoint
{
    /// <summary>Institutions certifying beyond their filed weekly capacity, or with pass rates far from the others', in a period.</summary>
    [WolverineGet("/api/reports/institution-anomalies", Name = "GetInstitutionAnomalies")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(string? from, string? to, string? minAssessments, string? passRateGap, string? jurisdiction, string? rule, int? page,
        int? pageSize, IQuerySession session, PolicyCatalog policies, HttpContext http, CancellationToken ct)
    {
        var window = ListWindow.Parse(page, pageSize);
        var report = await Report(from, to, minAssessments, passRateGap, jurisdiction, rule, session, policies, http, ct);
        return Results.Ok(report with { Anomalies = report.Anomalies.Window(window).ToList() });
    }

    public static readonly string[] AnomalyRules = ["FR-06", "FR-10"];

    /// <summary>The whole period's anomalies in the caller's scope, by rule (FR-06 capacity, FR-10 pass rate); the console's register reads the same.</summary>
    public static async Task<InstitutionAnomalyReport> Report(string? from, string? to, string? minAssessments, string? passRateGap, string? jurisdiction,
        string? rule, IQuerySession session, PolicyCatalog policies, HttpContext http, CancellationToken ct)
    {
        var wantedRule = ListPaging.OneOf(rule, "rule", AnomalyRules);
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var errors = new Dictionary<string, string[]>();
        var minimum = RequestValidation.OptionalInt(minAssessments, nameof(minAssessments), errors);
        var gap = RequestValidation.OptionalDecimal(passRateGap, nameof(passRateGap), errors);
        if (!RequestValidation.IsDate(from)) errors["from"] = [RequestValidation.DateMessage];
        if (!RequestValidation.IsDate(to)) errors["to"] = [RequestValidation.DateMessage];
        if (minimum is < 1 or > 1_000_000) errors["minAssessments"] = ["must be between 1 and 1000000"];
        if (gap is < 0 or > 1) errors["passRateGap"] = ["must be between 0 and 1"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var (first, last) = (RequestValidation.Date(from!), RequestValidation.Date(to!));

        // Dates are compared in memory: the serialised LocalDate is not a queryable column yet (province scale needs one).
        var certificates = (await session.Query<Certificate>().Where(c => c.Kind == CertificateKindCodes.SpecialOperation && c.Supersedes == null).ToListAsync(ct))
            .Where(c => c.IssuedOn >= first && c.IssuedOn <= last).ToList();
        var persons = (await session.LoadManyAsync<Person>(ct, certificates.Select(c => c.PersonId).Distinct().ToArray())).ToDictionary(p => p.Id);
        var certified = new List<Ledger.Domain.Institutions.CertifiedTrainee>();
        foreach (var certificate in certificates)
        {
            if (!persons.TryGetValue(certificate.PersonId, out var person)) continue;
            var trainedAt = person.Attendance.Where(a => a.WorkType == certificate.WorkType && a.Kind == TrainingKind.SpecialOperationInitial && a.Date <= certificate.IssuedOn)
                .OrderBy(a => a.Date).LastOrDefault();
            if (trainedAt is not null) certified.Add(new(trainedAt.ProviderId, certificate.Id, certificate.IssuedOn));
        }
        // Pass rates count every trainee assessed, certified or not: failures never reach a certificate.
        var assessedPersons = await session.Query<Person>().Where(p => p.Assessments.Any()).ToListAsync(ct);
        var assessed = assessedPersons.SelectMany(p => p.Assessments).Where(a => a.ClassId is not null && a.AssessedOn >= first && a.AssessedOn <= last).ToList();
        var classes = assessed.Count == 0 ? [] : await session.LoadManyAsync<TrainingClass>(ct, assessed.Select(a => a.ClassId!.Value).Distinct().ToArray());
        var providerOf = classes.Where(c => c.ProviderKind == TrainingProviderKind.Institution).ToDictionary(c => c.Id, c => c.ProviderId);
        var assessments = assessed.Where(a => providerOf.ContainsKey(a.ClassId!.Value))
            .Select(a => new Ledger.Domain.Institutions.ClassAssessment(providerOf[a.ClassId!.Value], a.Passed)).ToList();
        var institutionIds = certified.Select(c => c.InstitutionId).Concat(assessments.Select(a => a.InstitutionId)).Distinct().ToArray();
        var institutions = (await session.LoadManyAsync<Ledger.Domain.Institutions.Institution>(ct, institutionIds)).ToDictionary(i => i.Id);
        // Peers' pass rates are the whole ledger's, so an institution is judged alike whoever asks; only the answer is the caller's jurisdiction's.
        var anomalies = Ledger.Domain.Institutions.InstitutionAnomalies.Evaluate(institutions, certified, assessments, minimum ?? 20, gap ?? 0.3m)
            .Where(a => list is null || (institutions.TryGetValue(a.InstitutionId, out var i) && Scope.InList(policies, list, [i.Jurisdiction])))
            .Where(a => wantedRule is null || a.RuleId == wantedRule).ToList();
        return new InstitutionAnomalyReport(first, last, anomalies);
    }
}
