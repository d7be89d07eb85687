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
    private static async IAsyncEnumerable<T> InScope<T>(IAsyncEnumerable<T> entries, string? list, IDocumentStore store, PolicyCatalog policies,
        Func<T[], Dictionary<Guid, List<string>>, Task<IEnumerable<T>>> keep, Func<T, IEnumerable<Guid>> holdersOf,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (list is null)
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

}

