using Marten;
using Marten.Services;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Seals every event in the transaction that appends it. Marten assigns sequence numbers, versions and (with server
/// timestamps) the recorded time inside the database, and jsonb reprints the data its own way; so rather than predict
/// the stored row, the seal is computed from the row as stored: after Marten's statements ran and before the commit,
/// the appended rows are read back on the same connection and transaction, and their seals inserted. Both happen or
/// neither does. Costs two round trips per transaction that appends (measured in bench/, figure f).
/// </summary>
public static class EventSeals
{
    /// <summary>
    /// Seals the rows this transaction has just written (sequence, stream, version as the appender knows them). One
    /// round trip reads them back together with the seals of the streams' previous events (only streams that existed
    /// before: a new stream's first event has none), a second inserts the seals. Both statements are prepared, so
    /// PostgreSQL plans them once per connection rather than once per append.
    /// </summary>
    public static async Task SealAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, EventSealer sealer,
        IReadOnlyList<(long Sequence, Guid StreamId, long Version)> appended, CancellationToken ct)
    {
        if (appended.Count == 0) return;
        var earlier = appended.GroupBy(a => a.StreamId).Select(g => (Stream: g.Key, Version: g.Min(a => a.Version) - 1)).Where(p => p.Version > 0).ToList();
        var predecessors = new Dictionary<(Guid, long), byte[]>();
        List<StoredEvent> rows;
        await using (var read = new NpgsqlBatch(connection, transaction))
        {
            read.BatchCommands.Add(new NpgsqlBatchCommand(EventRows.Appended(schema)) { Parameters = { new() { Value = appended.Select(a => a.Sequence).ToArray() } } });
            if (earlier.Count > 0)
                read.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"select p.stream_id, p.version, s.seal from unnest($1::uuid[], $2::bigint[]) as w(stream_id, version) " +
                    $"join {schema}.mt_events p on p.stream_id = w.stream_id and p.version = w.version join {schema}.{AuditSchema.SealTable} s on s.seq_id = p.seq_id")
                {
                    Parameters = { new() { Value = earlier.Select(p => p.Stream).ToArray() }, new() { Value = earlier.Select(p => p.Version).ToArray() } },
                });
            await read.PrepareAsync(ct);
            await using var reader = await read.ExecuteReaderAsync(ct);
            rows = await EventRows.ReadAsync(reader, ct);
            if (earlier.Count > 0 && await reader.NextResultAsync(ct))
                while (await reader.ReadAsync(ct))
                    predecessors[(reader.GetGuid(0), reader.GetInt64(1))] = AuditHash.FromHex(reader.GetString(2));
        }
        if (rows.Count != appended.Select(a => a.Sequence).Distinct().Count())
            throw new InvalidOperationException($"sealing expected {appended.Count} appended events and found {rows.Count}");

        // Several events appended to one stream: each one's predecessor is sealed a moment earlier in this loop.
        var keyIds = new string[rows.Count];
        var seals = new string[rows.Count];
        var numbers = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var seal = sealer.Seal(row.Sequence, row.Digest(), predecessors.GetValueOrDefault((row.StreamId, row.Version - 1)));
            predecessors[(row.StreamId, row.Version)] = seal;
            (numbers[i], keyIds[i], seals[i]) = (row.Sequence, sealer.CurrentKeyId, AuditHash.Hex(seal));
        }

        await using var insert = new NpgsqlCommand(
            $"insert into {schema}.{AuditSchema.SealTable} (seq_id, key_id, seal) select * from unnest($1::bigint[], $2::text[], $3::text[])", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = numbers });
        insert.Parameters.Add(new NpgsqlParameter { Value = keyIds });
        insert.Parameters.Add(new NpgsqlParameter { Value = seals });
        await insert.PrepareAsync(ct);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The sealer the store's sessions seal with, for writers that append around Marten (the staged certificate import); null when the store does not seal.</summary>
    public static EventSealer? SealerOf(IDocumentStore store) =>
        ((StoreOptions)store.Options).Listeners.OfType<SealingListener>().FirstOrDefault()?.Sealer;
}

/// <summary>
/// Registered on the store (StoreOptions.Listeners), so every session that appends events seals them: endpoints,
/// imports, the province generator, Wolverine's transactional middleware. Marten calls it after it has planned the
/// appends and before any statement runs; it hands Marten a transaction participant, which Marten runs on the same
/// connection and transaction after its own statements and before the commit.
/// </summary>
public sealed class SealingListener(EventSealer sealer, string schema) : DocumentSessionListenerBase
{
    public EventSealer Sealer { get; } = sealer;

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().ToList();
        if (streams.Count == 0 || streams.All(s => s.Events.Count == 0)) return Task.CompletedTask;
        if (session is not ITransactionParticipantRegistrar registrar)
            throw new InvalidOperationException("this Marten session cannot take a transaction participant, so its events could not be sealed");
        registrar.AddTransactionParticipant(new Participant(Sealer, schema, streams.SelectMany(s => s.Events).ToList()));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sequence numbers are read from the events only when it runs: with Marten's quick append the database assigns
    /// them and Marten copies them back onto the events as its statements complete. Marten keeps a session's
    /// participants until the session is disposed, so a second SaveChanges runs this one again with the sequence
    /// numbers it already sealed (and committed): those it skips. A retried write draws new sequence numbers, so it seals
    /// again.
    /// </summary>
    private sealed class Participant(EventSealer sealer, string schema, List<JasperFx.Events.IEvent> events) : ITransactionParticipant
    {
        private long[] _sealed = [];

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            var sequences = events.Select(e => e.Sequence).ToArray();
            if (sequences.AsSpan().SequenceEqual(_sealed)) return;
            if (sequences.Any(s => s <= 0))
                throw new InvalidOperationException("an appended event has no sequence number yet, so it cannot be sealed");
            await EventSeals.SealAsync(connection, transaction, schema, sealer, events.Select(e => (e.Sequence, e.StreamId, e.Version)).ToList(), token);
            _sealed = sequences;
        }
    }
}
