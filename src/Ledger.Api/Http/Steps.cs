using JasperFx.Events;
using Marten;
using Marten.Events;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary>The aggregate a step decided on, and the version its stream has once the decided events are appended.</summary>
public sealed record Decided<T>(T Before, long Version);

/// <summary>
/// The one way a step is written: read the aggregate at the version the client based its request on (404 for an unknown
/// stream, 409 when it has moved on), let a Domain decider decide, append exactly what the decider returned. The read pins
/// the version, so a writer committing in between still makes this commit fail with 409. Endpoints never append events of
/// their own making.
/// </summary>
/// <remarks>
/// Wolverine's [WriteAggregate] does the load-and-append for one stream; a step here must be refused by scope and validated
/// before anything is loaded, answer a stale version with the current one, and often moves several streams in one
/// transaction (a claim and its entitlements, a superseded certificate and its successor), which this helper keeps in one
/// shape for all of them.
/// </remarks>
public static class Steps
{
    public static Task<Decided<T>> DecideAsync<T>(this IDocumentSession session, Guid id, long expectedVersion, string what, Func<T, object> decide,
        CancellationToken ct) where T : class =>
        session.DecideManyAsync<T>(id, expectedVersion, what, state => Task.FromResult<IReadOnlyList<object>>([decide(state)]), ct);

    /// <param name="decide">Gathers what else the decision needs, then returns the decider's one event.</param>
    public static Task<Decided<T>> DecideAsync<T>(this IDocumentSession session, Guid id, long expectedVersion, string what, Func<T, Task<object>> decide,
        CancellationToken ct) where T : class =>
        session.DecideManyAsync<T>(id, expectedVersion, what, async state => (IReadOnlyList<object>)[await decide(state)], ct);

    public static Task<Decided<T>> DecideManyAsync<T>(this IDocumentSession session, Guid id, long expectedVersion, string what,
        Func<T, IReadOnlyList<object>> decide, CancellationToken ct) where T : class =>
        session.DecideManyAsync<T>(id, expectedVersion, what, state => Task.FromResult(decide(state)), ct);

    /// <param name="decide">Gathers what else the decision needs (other streams, documents) and returns the decider's events.</param>
    public static async Task<Decided<T>> DecideManyAsync<T>(this IDocumentSession session, Guid id, long expectedVersion, string what,
        Func<T, Task<IReadOnlyList<object>>> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFoundException(what);
        if (stream.CurrentVersion != expectedVersion) throw new StaleVersionException(what, stream.CurrentVersion ?? 0, expectedVersion);
        var events = await decide(stream.Aggregate);
        stream.AppendMany(events.ToArray());
        return new Decided<T>(stream.Aggregate, expectedVersion + events.Count);
    }

    /// <summary>A step on a stream whose version the client does not track (a person's attendance, say): 404 for an unknown stream.</summary>
    public static async Task<Decided<T>> DecideLatestAsync<T>(this IDocumentSession session, Guid id, string what, Func<T, IReadOnlyList<object>> decide,
        CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFoundException(what);
        var events = decide(stream.Aggregate);
        stream.AppendMany(events.ToArray());
        return new Decided<T>(stream.Aggregate, (stream.CurrentVersion ?? 0) + events.Count);
    }

    /// <summary>
    /// Streams of one kind that a step moves besides its own (the entitlements of a claim's lines), read for writing in one
    /// round trip, so a concurrent writer of any of them makes the step's commit fail.
    /// </summary>
    public static async Task<Writable<T>> ReadForWritingAsync<T>(this IDocumentSession session, IEnumerable<Guid> ids, CancellationToken ct) where T : class
    {
        var distinct = ids.Distinct().ToList();
        var streams = new Dictionary<Guid, IEventStream<T>>();
        if (distinct.Count > 0)
        {
            var batch = session.CreateBatchQuery();
            var reads = distinct.Select(id => (Id: id, Stream: batch.Events.FetchForWriting<T>(id))).ToList();
            await batch.Execute(ct);
            foreach (var (id, read) in reads) streams[id] = await read;
        }
        return new Writable<T>(session, streams);
    }

    /// <summary>
    /// The same, from inline snapshots already read in the step's one batched round trip (a claim's entitlements, found by
    /// person): each snapshot's version is its stream's, so an append expects that version and a concurrent writer makes
    /// the step's commit fail as with <see cref="ReadForWritingAsync{T}"/>; a stream with no snapshot is started, and a
    /// concurrent start fails on the stream id.
    /// </summary>
    /// <param name="ids">The streams the decider reads; those without a snapshot are reported as never written (null).</param>
    public static Writable<T> WritableFromSnapshots<T>(this IDocumentSession session, IEnumerable<T> snapshots, Func<T, Guid> id, Func<T, long> version,
        IEnumerable<Guid> ids) where T : class
    {
        var read = snapshots.ToDictionary(id);
        var wanted = ids.Distinct().ToDictionary(i => i, i => read.GetValueOrDefault(i));
        return new Writable<T>(session, wanted, s => version(s));
    }
}

/// <summary>Streams read for writing: their states for the decider, and the place its events for them go.</summary>
public sealed class Writable<T> where T : class
{
    private readonly IDocumentSession _session;
    private readonly IReadOnlyDictionary<Guid, IEventStream<T>>? _streams;
    private readonly Func<T, long>? _version;

    public Writable(IDocumentSession session, IReadOnlyDictionary<Guid, IEventStream<T>> streams)
    {
        _session = session;
        _streams = streams;
        States = streams.ToDictionary(s => s.Key, s => s.Value.Aggregate);
    }

    internal Writable(IDocumentSession session, IReadOnlyDictionary<Guid, T?> snapshots, Func<T, long> version)
    {
        _session = session;
        _version = version;
        States = snapshots;
    }

    public IReadOnlyDictionary<Guid, T?> States { get; }

    /// <summary>Appends decided events to their streams (starting one that has none yet).</summary>
    public void Append(IEnumerable<(Guid StreamId, object Event)> events)
    {
        foreach (var (id, e) in events)
        {
            if (_streams is not null && _streams.TryGetValue(id, out var stream) && stream.Aggregate is not null) stream.AppendMany(e);
            // Expects the snapshot's version on the server, as FetchForWriting's stream would (ExpectedVersionOnServer).
            // One event per such stream (a claim holds an entitlement once): a second would need the first's version.
            else if (_version is not null && States.GetValueOrDefault(id) is { } state) _session.Events.Append(id, _version(state) + 1, e);
            else _session.Events.StartStream<T>(id, e);
        }
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
