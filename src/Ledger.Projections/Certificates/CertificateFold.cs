using JasperFx.Events;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Marten;

namespace Ledger.Projections.Certificates;

/// <summary>
/// Rebuilds aggregates from events already in hand, for as-of reads that also need the events themselves (the timeline),
/// through Marten's own aggregator for the type: the same Create/Apply fold as the snapshot and AggregateStreamAsync, so
/// an event the aggregate learns to apply is applied here too.
/// </summary>
public static class Fold
{
    public static ValueTask<Certificate?> CertificateAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        BuildAsync<Certificate>(session, events, ct);

    public static ValueTask<Person?> PersonAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        BuildAsync<Person>(session, events, ct);

    private static async ValueTask<T?> BuildAsync<T>(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct) where T : class
    {
        if (events.Count == 0) return null;
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<T>();
        return await aggregator.BuildAsync(events, session, null, ct);
    }
}
