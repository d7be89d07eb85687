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
    /// Leads from anonymous verifications (FR-03), for the caller's jurisdiction. An entry whose number is a certificate the
    /// ledger holds lies where that certificate's holder was employed; a number the ledger does not know has no
    /// jurisdiction, so only a national bureau sees it. Streamed, and judged a page at a time for a bureau.
    /// </summary>
    [WolverineGet("/api/reports/possible-forgeries", Name = "GetPossibleForgeries")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<ForgeryWatchEntry>>(StatusCodes.Status200OK)]
    public static IResult Forgeries(string? jurisdiction, string? lead, int? page, int? pageSize, IQuerySession session, IDocumentStore store, PolicyCatalog policies,
        HttpContext http, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var window = ListWindow.Parse(page, pageSize);
        var rows = ForgeryRegister(jurisdiction, lead, session, store, policies, http);
        return new StreamedJsonArray<ForgeryWatchEntry>(ct => rows(ct).Window(window, ct), json.Value.SerializerOptions);
    }

    public static readonly string[] LeadKinds = ["reported", "name-mismatch", "unknown-number"];

    /// <summary>
    /// The leads in the caller's scope, filtered by what raised them: a report of a forged certificate, a verification whose
    /// name did not match the number's holder, or a number the ledger does not know. The console's register reads the same.
    /// </summary>
    public static Func<CancellationToken, IAsyncEnumerable<ForgeryWatchEntry>> ForgeryRegister(string? jurisdiction, string? lead, IQuerySession session,
        IDocumentStore store, PolicyCatalog policies, HttpContext http, DateTimeOffset? changedSince = null)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var kind = ListPaging.OneOf(lead, "lead", LeadKinds);
        Func<ForgeryWatchEntry, bool> keep = kind switch
        {
            "reported" => e => e.Reports.Count > 0,
            "name-mismatch" => e => e.NameMismatches > 0,
            "unknown-number" => e => e.UnknownChecks > 0,
            _ => _ => true,
        };
        return ct => ForgeriesInScope(session, store, policies, list, ct, changedSince).Where(keep);
    }

    private static async IAsyncEnumerable<ForgeryWatchEntry> ForgeriesInScope(IQuerySession session, IDocumentStore store, PolicyCatalog policies, string? list,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, DateTimeOffset? changedSince = null)
    {
        var query = session.Query<ForgeryWatchEntry>().AsQueryable();
        if (changedSince is { } since) query = query.Where(e => e.ModifiedSince(since));
        var entries = query.OrderByDescending(e => e.LastCheckedAt).ThenBy(e => e.Id).ToAsyncEnumerable(ct);
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
}
