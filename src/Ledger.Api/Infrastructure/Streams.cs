using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Ledger.Api.Infrastructure;

public static class Streams
{
    /// <summary>
    /// 404 for an unknown stream, 409 when the client's version is stale. The fetch also pins the version it
    /// read, so a writer that commits between this read and our commit still makes ours fail with 409.
    /// </summary>
    public static async Task<IEventStream<T>> ForWriting<T>(this IDocumentSession session, Guid id, long expectedVersion, string what, CancellationToken ct)
        where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFoundException(what);
        if (stream.CurrentVersion != expectedVersion) throw new StaleVersionException(what, stream.CurrentVersion ?? 0, expectedVersion);
        return stream;
    }
}
