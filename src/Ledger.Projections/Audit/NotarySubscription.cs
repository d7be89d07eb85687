using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Notarises every event after it is committed, in sequence order: its digest, the per-stream chain (linked to the
/// stream's previous event) and the global chain (linked to the event with the next lower sequence number).
/// <para>
/// Why a subscription and not the append path: chaining on append would make every write wait for the previous
/// one's digest, serialising all appends on one row. The daemon hands a subscription its ranges in order and only
/// past the high-water mark (no gaps can still fill), and records progress in the same transaction as the rows
/// written here, so each event is notarised at least once and in order. The notary lags by the daemon's poll
/// interval: tampering after notarisation is detectable, tampering before it only by the next published digest.
/// </para>
/// <para>
/// It notarises only what the ledger wrote: an event whose seal (see <see cref="EventSeals"/>) is missing or does not
/// hold is refused, logged as critical, and left out of both chains, so a row someone inserted with SQL never gets the
/// chain's word; <c>verify</c> names it as forged.
/// </para>
/// <para>
/// A replayed range writes nothing new (<c>on conflict do nothing</c>) and would compute the same values anyway:
/// every value is a pure function of the stored events before it.
/// </para>
/// </summary>
public sealed class NotarySubscription : SubscriptionBase
{
    private readonly string _schema;
    private readonly EventSealer _sealer;
    private readonly ILogger? _logger;
    private readonly object _gate = new();
    private (long Sequence, byte[] Chain)? _lastGlobal;
    private long _lastCeiling;
    // The daemon may start a range before the previous one's transaction has committed, so the heads just
    // computed are kept here; values from a range that later failed are still right, being pure functions.
    private readonly Dictionary<Guid, (long Sequence, byte[] Chain)> _streamHeads = new();
    private const int MaxRememberedStreams = 200_000;

    public NotarySubscription(string schema, EventSealer sealer, ILogger? logger = null)
    {
        _schema = schema;
        _sealer = sealer;
        _logger = logger;
        Name = "Notary";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A range below the last one means a rewind, a rebuild or a reset: what is remembered may no longer exist.
            if (page.SequenceFloor < _lastCeiling)
            {
                _lastGlobal = null;
                _streamHeads.Clear();
            }
            _lastCeiling = page.SequenceCeiling;
        }

        await using var connection = operations.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        List<StoredEvent> rows;
        await using (var command = EventRows.Range(connection, _schema, page.SequenceFloor, page.SequenceCeiling))
            rows = await EventRows.ReadAsync(command, cancellationToken);
        var sealedRows = rows.ToLookup(r => _sealer.Check(r) is SealCheck.Valid or SealCheck.Placeholder);
        var refused = sealedRows[false].ToList();
        if (refused.Count > 0)
        {
            // One line a page: a log written before seals existed would otherwise log every event.
            var forged = refused[0];
            _logger?.LogCritical("The notary refused {Count} event(s) in ({Floor}, {Ceiling}], the first at sequence {Sequence} (stream {StreamId} version {Version}, {Type}): "
                                 + "no valid seal, so the ledger did not write them. Run verify", refused.Count, page.SequenceFloor, page.SequenceCeiling, forged.Sequence,
                forged.StreamId, forged.Version, forged.Type);
            rows = sealedRows[true].ToList();
        }
        if (rows.Count == 0) return NullChangeListener.Instance;

        var first = rows[0].Sequence;
        var (global, streams) = await PreviousAsync(connection, first, rows.Select(r => r.StreamId).Distinct().ToArray(), cancellationToken);

        var count = rows.Count;
        var sequences = new long[count];
        var streamIds = new Guid[count];
        var versions = new long[count];
        var digests = new string[count];
        var streamChains = new string[count];
        var globalChains = new string[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            var digest = row.Digest();
            var previousStream = streams.TryGetValue(row.StreamId, out var head) ? head.Chain : AuditHash.Genesis;
            var streamChain = AuditHash.StreamLink(previousStream, digest);
            global = AuditHash.GlobalLink(global, row.Sequence, digest);
            streams[row.StreamId] = (row.Sequence, streamChain);
            (sequences[i], streamIds[i], versions[i]) = (row.Sequence, row.StreamId, row.Version);
            (digests[i], streamChains[i], globalChains[i]) = (AuditHash.Hex(digest), AuditHash.Hex(streamChain), AuditHash.Hex(global));
        }

        operations.QueueSqlCommand(
            $"insert into {_schema}.{AuditSchema.NotaryTable} (seq_id, stream_id, version, event_digest, stream_chain, global_chain) " +
            "select * from unnest(?::bigint[], ?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[]) on conflict (seq_id) do nothing",
            sequences, streamIds, versions, digests, streamChains, globalChains);

        lock (_gate)
        {
            _lastGlobal = (rows[^1].Sequence, global);
            if (_streamHeads.Count > MaxRememberedStreams) _streamHeads.Clear();
            foreach (var (id, value) in streams) _streamHeads[id] = value;
        }
        return NullChangeListener.Instance;
    }

    private async Task<(byte[] Global, Dictionary<Guid, (long Sequence, byte[] Chain)> Streams)> PreviousAsync(
        NpgsqlConnection connection, long first, Guid[] streamIds, CancellationToken ct)
    {
        (long Sequence, byte[] Chain)? global = null;
        var streams = new Dictionary<Guid, (long Sequence, byte[] Chain)>();

        await using (var command = new NpgsqlCommand(
                         $"select seq_id, global_chain from {_schema}.{AuditSchema.NotaryTable} where seq_id < $1 order by seq_id desc limit 1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = first });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) global = (reader.GetInt64(0), AuditHash.FromHex(reader.GetString(1)));
        }

        await using (var command = new NpgsqlCommand(
                         $"select distinct on (stream_id) stream_id, seq_id, stream_chain from {_schema}.{AuditSchema.NotaryTable} " +
                         "where stream_id = any($1) and seq_id < $2 order by stream_id, seq_id desc", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
            command.Parameters.Add(new NpgsqlParameter { Value = first });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) streams[reader.GetGuid(0)] = (reader.GetInt64(1), AuditHash.FromHex(reader.GetString(2)));
        }

        lock (_gate)
        {
            if (_lastGlobal is { } remembered && remembered.Sequence < first && remembered.Sequence > (global?.Sequence ?? 0)) global = remembered;
            foreach (var id in streamIds)
            {
                if (_streamHeads.TryGetValue(id, out var head) && head.Sequence < first
                    && (!streams.TryGetValue(id, out var stored) || head.Sequence > stored.Sequence))
                    streams[id] = head;
            }
        }
        return (global?.Chain ?? AuditHash.Genesis, streams);
    }
}
