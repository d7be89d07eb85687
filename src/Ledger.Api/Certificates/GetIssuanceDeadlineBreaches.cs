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
using Marten.Linq.LastModified;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public static partial class ReadCertificateEndpoints
{
    /// <summary>
    /// The regulator's register of issuance-deadline breaches (TZ-CRT-04/05), from the async register projection, for the
    /// caller's jurisdiction (or one within it): a certificate lies where its holder was employed. Only breached entries are
    /// read (an indexed column), streamed into the answer; a bureau's are judged a page of holders at a time.
    /// </summary>
    [WolverineGet("/api/reports/issuance-deadline-breaches", Name = "GetIssuanceDeadlineBreaches")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<CertificateRegisterEntry>>(StatusCodes.Status200OK)]
    public static IResult Breaches(string? jurisdiction, string? workType, string? rule, int? page, int? pageSize, IQuerySession session, IDocumentStore store,
        PolicyCatalog policies, HttpContext http, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var window = ListWindow.Parse(page, pageSize);
        var rows = BreachRegister(jurisdiction, workType, rule, session, store, policies, http);
        return new StreamedJsonArray<CertificateRegisterEntry>(ct => rows(ct).Window(window, ct), json.Value.SerializerOptions);
    }

    public static readonly string[] DeadlineRules = ["TZ-CRT-04", "TZ-CRT-05"];

    /// <summary>The breached entries in the caller's scope, by work type and by the deadline breached; the console's register reads the same.</summary>
    /// <param name="changedSince">Only entries the register changed since then (the console's "since my last visit"), cut in the query.</param>
    public static Func<CancellationToken, IAsyncEnumerable<CertificateRegisterEntry>> BreachRegister(string? jurisdiction, string? workType, string? rule,
        IQuerySession session, IDocumentStore store, PolicyCatalog policies, HttpContext http, DateTimeOffset? changedSince = null)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var wantedRule = ListPaging.OneOf(rule, "rule", DeadlineRules);
        var wantedWorkType = string.IsNullOrWhiteSpace(workType) ? null : workType.Trim();
        if (wantedWorkType is { Length: > 60 })
            throw new RequestValidationException(new Dictionary<string, string[]> { ["workType"] = ["is at most 60 characters"] });
        // A deadline binds only where and when its document sets it (TZ-CRT-04/05), so every page's holders are looked up, nationally too.
        var breached = session.Query<CertificateRegisterEntry>().Where(e => e.AnyDeadlineBreached);
        if (changedSince is { } since) breached = breached.Where(e => e.ModifiedSince(since));
        return ct => InScope(breached.OrderBy(e => e.IssuedOn)
            .ThenBy(e => e.Id).ToAsyncEnumerable(ct), list, store, policies, (page, holders) => Task.FromResult(page.Where(e =>
                (list is null || Scope.InList(policies, list, holders.GetValueOrDefault(e.PersonId, [])))
                && IssuanceDeadlines.AnyBreachInForce(e.DeadlineChecks, holders.GetValueOrDefault(e.PersonId, []), policies)
                && (wantedWorkType is null || e.WorkType == wantedWorkType)
                && (wantedRule is null || e.DeadlineChecks.Any(c => c.Breached && c.RuleId == wantedRule)))),
            e => [e.PersonId], ct, lookUpNationally: true);
    }
}
