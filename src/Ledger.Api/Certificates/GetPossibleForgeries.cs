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
}
