using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Certificates;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record CertificateView(
    Guid CertificateId,
    Guid PersonId,
    string Number,
    string Kind,
    string? WorkType,
    string? Industry,
    string IssuingAuthority,
    LocalDate PassDate,
    LocalDate IssuedOn,
    LocalDate ValidFrom,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    CertificateStanding Standing,
    CertificateStatus Status,
    LocalDate StatusOn,
    Instant? AsOf,
    Guid? Supersedes,
    Guid? SupersededBy,
    long Version);

public static class ReadCertificateEndpoints
{
    /// <summary>A certificate and its status on a day; with asOf, as the ledger knew it at that instant.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}", Name = "GetCertificate")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid certificateId, string? asOf, string? on, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        var certificate = instant is null
            ? await session.LoadAsync<Certificate>(certificateId, ct)
            : await session.Events.AggregateStreamAsync<Certificate>(certificateId, timestamp: instant.Value.ToDateTimeOffset(), token: ct);
        if (certificate is null) throw new ResourceNotFoundException("certificate");
        return Results.Ok(new CertificateView(certificate.Id, certificate.PersonId, certificate.Number, certificate.Kind, certificate.WorkType,
            certificate.Industry, certificate.IssuingAuthority, certificate.PassDate, certificate.IssuedOn, certificate.ValidFrom, certificate.ValidUntil,
            certificate.NextReviewDue, certificate.Standing, certificate.StatusOn(date), date, instant, certificate.Supersedes, certificate.SupersededBy,
            certificate.Version));
    }

    /// <summary>Every event of the certificate in order: type, business date, recorded time, actor, organisation, reason, correlation id, version.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}/history", Name = "GetCertificateHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> History(Guid certificateId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(certificateId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("certificate");
        return Results.Ok(new { certificateId, events = events.Select(EventFacts.Describe).ToList() });
    }

    /// <summary>
    /// The regulator's register of issuance-deadline breaches (TZ-CRT-04/05), from the async register projection, for the
    /// caller's jurisdiction (or one within it): a certificate lies where its holder was employed. Only breached entries are
    /// read (an indexed column), streamed into the answer; a bureau's are judged a page of holders at a time.
    /// </summary>
    [WolverineGet("/api/reports/issuance-deadline-breaches", Name = "GetIssuanceDeadlineBreaches")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<CertificateRegisterEntry>>(StatusCodes.Status200OK)]
    public static IResult Breaches(string? jurisdiction, IQuerySession session, IDocumentStore store, PolicyCatalog policies, HttpContext http,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        // A deadline binds only where and when its document sets it (TZ-CRT-04/05), so every page's holders are looked up, nationally too.
        return new StreamedJsonArray<CertificateRegisterEntry>(ct => InScope(session.Query<CertificateRegisterEntry>().Where(e => e.AnyDeadlineBreached).OrderBy(e => e.IssuedOn)
            .ThenBy(e => e.Id).ToAsyncEnumerable(ct), list, store, policies, (page, holders) => Task.FromResult(page.Where(e =>
                (list is null || Scope.InList(policies, list, holders.GetValueOrDefault(e.PersonId, [])))
                && IssuanceDeadlines.AnyBreachInForce(e.DeadlineChecks, holders.GetValueOrDefault(e.PersonId, []), policies))),
            e => [e.PersonId], ct, lookUpNationally: true), json.Value.SerializerOptions);
    }

    /// <summary>
    /// Leads from anonymous verifications (FR-03), for the caller's jurisdiction. An entry whose number is a certificate the
    /// ledger holds lies where that certificate's holder was employed; a number the ledger does not know has no
    /// jurisdiction, so only a national bureau sees it. Streamed, and judged a page at a time for a bureau.
    /// </summary>
    [WolverineGet("/api/reports/possible-forgeries", Name = "GetPossibleForgeries")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<ForgeryWatchEntry>>(StatusCodes.Status200OK)]
    public static IResult Forgeries(string? jurisdiction, IQuerySession session, IDocumentStore store, PolicyCatalog policies, HttpContext http,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        return new StreamedJsonArray<ForgeryWatchEntry>(ct => ForgeriesInScope(session, store, policies, list, ct), json.Value.SerializerOptions);
    }

    private static async IAsyncEnumerable<ForgeryWatchEntry> ForgeriesInScope(IQuerySession session, IDocumentStore store, PolicyCatalog policies, string? list,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var entries = session.Query<ForgeryWatchEntry>().OrderByDescending(e => e.LastCheckedAt).ThenBy(e => e.Id).ToAsyncEnumerable(ct);
        if (list is null)
        {
            await foreach (var entry in entries) yield return entry;
            yield break;
        }
        // The page's lookups run on a session of their own: the first still streams the entries.
        await using var lookups = store.QuerySession();
        await foreach (var page in Pages(entries, ct))
        {
            // A lead names its number's keyed certificate id, never the number: the certificates it matches are loaded by id.
            var keys = page.Select(e => e.CertificateKey).Where(k => k != Guid.Empty).Distinct().ToArray();
            var known = keys.Length == 0 ? [] : await lookups.LoadManyAsync<Certificate>(ct, keys);
            var holders = await HolderJurisdictionsAsync(lookups, known.Select(c => c.PersonId), ct);
            var where = known.ToDictionary(c => c.Id, c => holders.GetValueOrDefault(c.PersonId, []));
            foreach (var entry in page.Where(e => Scope.InList(policies, list, where.GetValueOrDefault(e.CertificateKey, [])))) yield return entry;
        }
    }

    private static async IAsyncEnumerable<T> InScope<T>(IAsyncEnumerable<T> entries, string? list, IDocumentStore store, PolicyCatalog policies,
        Func<T[], Dictionary<Guid, List<string>>, Task<IEnumerable<T>>> keep, Func<T, IEnumerable<Guid>> holdersOf,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, bool lookUpNationally = false)
    {
        if (list is null && !lookUpNationally)
        {
            await foreach (var entry in entries) yield return entry;
            yield break;
        }
        await using var lookups = store.QuerySession();
        await foreach (var page in Pages(entries, ct))
            foreach (var entry in await keep(page, await HolderJurisdictionsAsync(lookups, page.SelectMany(holdersOf), ct)))
                yield return entry;
    }

    private static async IAsyncEnumerable<T[]> Pages<T>(IAsyncEnumerable<T> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var page = new List<T>(500);
        await foreach (var item in items.WithCancellation(ct))
        {
            page.Add(item);
            if (page.Count < 500) continue;
            yield return [.. page];
            page.Clear();
        }
        if (page.Count > 0) yield return [.. page];
    }

    /// <summary>The jurisdictions of every employment each holder has had, current or ended.</summary>
    private static async Task<Dictionary<Guid, List<string>>> HolderJurisdictionsAsync(IQuerySession session, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var persons = await session.LoadManyAsync<Ledger.Domain.Persons.Person>(ct, ids);
        return persons.ToDictionary(p => p.Id, p => p.Employments.Select(e => e.Jurisdiction).Distinct().ToList());
    }

    [WolverineGet("/api/catalog/certificate-kinds", Name = "GetCertificateKinds")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static object Catalog(CertificateCatalog catalog) => new { kinds = catalog.Kinds, workTypes = catalog.WorkTypes, industries = catalog.Industries };
}

public sealed record VerificationResult(
    string Number,
    string Status,
    string? HolderNameMasked,
    string? Kind,
    string? WorkType,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    LocalDate CheckedFor);

public sealed record VerifyCertificateRequest(string? Number, string? Name, string? On);

public static class VerifyCertificateEndpoint
{
    /// <summary>
    /// What an employer or inspector calls: number plus holder name, optionally on a date. The answer carries
    /// the least personal data (surname only, no ID number), and an unknown number or a name that does not
    /// match gives the same "unknown" answer and is recorded for regulators as a possible forgery (FR-03).
    /// </summary>
    [WolverineGet("/api/certificates/verify", Name = "VerifyCertificate")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static Task<IResult> Get(string? number, string? name, string? on, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock,
        CancellationToken ct)
    {
        // A number that may be an ID number is personal data and never travels in a URL (proxies and servers log URLs):
        // refused before anything is looked up or recorded, with the way to ask instead.
        if (number is not null && CertificateNumber.MayBeIdNumber(number))
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["number"] = ["may be an ID number, which must not be put in a URL: send number and name in the body of POST /api/certificates/verifications"],
            });
        return VerifyAsync(number, name, on, session, store, ids, clock, ct);
    }

    /// <summary>
    /// The same check with number and name in the body, so they stay out of URLs, proxies' access logs and browser
    /// history; same answer, same rate limit (one budget per client across both forms).
    /// </summary>
    [WolverinePost("/api/certificates/verifications", Name = "VerifyCertificateByPost")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static Task<IResult> Post(VerifyCertificateRequest? request, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock,
        CancellationToken ct) =>
        VerifyAsync(request?.Number, request?.Name, request?.On, session, store, ids, clock, ct);

    private static async Task<IResult> VerifyAsync(string? number, string? name, string? on, IQuerySession session, IDocumentStore store, StreamIdentity ids,
        IClock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40 || !RequestValidation.StorableText(number))
            errors["number"] = ["is required, at most 40 characters of text"];
        if (string.IsNullOrWhiteSpace(name) || name.Length > 50 || !RequestValidation.StorableText(name))
            errors["name"] = ["is required, at most 50 characters: the holder's full name"];
        if (!string.IsNullOrWhiteSpace(on) && !RequestValidation.IsDate(on)) errors["on"] = [RequestValidation.DateMessage];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var date = string.IsNullOrWhiteSpace(on) ? clock.Today() : RequestValidation.Date(on);
        var normalised = StreamIdentity.NormaliseCertificateNumber(number!);
        var key = ids.ForCertificate(normalised);
        var outcome = PublicVerification.Decide(
            new VerifyCertificate(CertificateNumber.Display(normalised), name!, date, key, ids.ForForgeryWatch(normalised), clock.GetCurrentInstant()),
            await session.LoadAsync<Certificate>(key, ct));
        if (outcome.Lead is { } lead)
        {
            // Only the rare unknown check writes; the common read stays outside any write transaction.
            await using var writer = RequestTransaction.OpenSession(store);
            writer.Events.Append(lead.WatchId, lead);
            await writer.SaveChangesAsync(ct);
            return Results.Ok(new VerificationResult(lead.Number, outcome.Status, null, null, null, null, null, date));
        }
        var certificate = outcome.Certificate!;
        return Results.Ok(new VerificationResult(certificate.Number, outcome.Status, Masking.Name(certificate.HolderName), certificate.Kind, certificate.WorkType,
            certificate.ValidUntil, certificate.NextReviewDue, date));
    }
}

public sealed record ReportForgeryRequest(string? Number, string? HolderName, string? WhereFound, string? ReportedOn, string? Reason)
{
    public sealed class Validator : AbstractValidator<ReportForgeryRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Number).Text(40);
            RuleFor(r => r.HolderName).MaximumLength(50);
            RuleFor(r => r.WhereFound).MaximumLength(200);
            RuleFor(r => r.ReportedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
        }
    }
}

public sealed record ForgeryReportWritten(Guid WatchId);

public static class ReportForgeryEndpoint
{
    [WolverinePost("/api/forgery-reports", Name = "ReportForgedCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static IResult Post(ReportForgeryRequest? request, IDocumentSession session, StreamIdentity ids, IClock clock)
    {
        var r = RequestValidation.Valid(request, new ReportForgeryRequest.Validator(clock.Today()));
        var number = StreamIdentity.NormaliseCertificateNumber(r.Number!);
        var watchId = ids.ForForgeryWatch(number);
        session.Events.Append(watchId, ForgeryWatch.Decide(new ReportForgedCertificate(watchId, ids.ForCertificate(number), number, r.HolderName?.Trim(),
            r.WhereFound?.Trim(), RequestValidation.Date(r.ReportedOn!), r.Reason!.Trim())));
        return Results.Accepted($"/api/reports/possible-forgeries", new ForgeryReportWritten(watchId));
    }
}
