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

public static class NaturalKeys
{
    /// <summary>
    /// Saves a new stream whose id is derived from a natural key. When a concurrent request started the same
    /// stream first, the append fails on the stream id; the loser is told which record holds the key.
    /// </summary>
    public static async Task SaveNewStreamAsync(this IDocumentSession session, string kind, Guid id, string location, string message, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            throw new DuplicateException(kind, id, location, message);
        }
    }
}
