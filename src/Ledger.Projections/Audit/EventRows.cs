using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>
/// Reads mt_events and mt_notary with plain SQL: the audit trail hashes what is stored, not what a serializer would
/// write today. Each event comes with its seal and with the seal of its stream's previous event (looked up by stream
/// and version, through mt_events' own unique index), so a seal can be checked wherever the row is read.
/// </summary>
public static class EventRows
{
    private const string Columns = "e.seq_id, e.stream_id, e.version, e.data::text, e.type, e.timestamp, e.headers::text, e.correlation_id, "
                                   + "s.key_id, s.seal, p.seq_id, ps.seal";

    private static string From(string schema) =>
        $"{schema}.mt_events e left join {schema}.{AuditSchema.SealTable} s on s.seq_id = e.seq_id "
        + $"left join {schema}.mt_events p on p.stream_id = e.stream_id and p.version = e.version - 1 "
        + $"left join {schema}.{AuditSchema.SealTable} ps on ps.seq_id = p.seq_id";

    public static NpgsqlCommand Range(NpgsqlConnection connection, string schema, long floorExclusive, long ceilingInclusive)
    {
        var command = new NpgsqlCommand($"select {Columns} from {From(schema)} where e.seq_id > $1 and e.seq_id <= $2 order by e.seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = floorExclusive });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        return command;
    }

    /// <summary>The rows at these sequence numbers without their seals: what the appending transaction reads back to seal.</summary>
    public static string Appended(string schema) =>
        "select e.seq_id, e.stream_id, e.version, e.data::text, e.type, e.timestamp, e.headers::text, e.correlation_id " +
        $"from {schema}.mt_events e where e.seq_id = any($1) order by e.seq_id";

    public static NpgsqlCommand Stream(NpgsqlConnection connection, string schema, Guid streamId)
    {
        var command = new NpgsqlCommand($"select {Columns} from {From(schema)} where e.stream_id = $1 order by e.seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return command;
    }

    public static NpgsqlCommand Streams(NpgsqlConnection connection, string schema, Guid[] streamIds, long ceilingInclusive)
    {
        var command = new NpgsqlCommand($"select {Columns} from {From(schema)} where e.stream_id = any($1) and e.seq_id <= $2 order by e.seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        return command;
    }

    /// <summary>The first and last sequence recorded in [from, until), as a range export covers them (null when none).</summary>
    public static async Task<(long First, long Last)?> PeriodBoundsAsync(NpgsqlConnection connection, string schema, DateTimeOffset from, DateTimeOffset until,
        long ceilingInclusive, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select min(seq_id), max(seq_id) from {schema}.mt_events where timestamp >= $1 and timestamp < $2 and seq_id <= $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? null : (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task<List<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    public static async Task<List<StoredEvent>> ReadAsync(System.Data.Common.DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<StoredEvent>();
        var sealed_ = reader.FieldCount > 8;
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetInt64(2),
                reader.GetString(4),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7))
            {
                SealKeyId = !sealed_ || reader.IsDBNull(8) ? null : reader.GetString(8),
                SealHex = !sealed_ || reader.IsDBNull(9) ? null : reader.GetString(9),
                PredecessorSequence = !sealed_ || reader.IsDBNull(10) ? null : reader.GetInt64(10),
                PredecessorSealHex = !sealed_ || reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }
        return rows;
    }
}

/// <summary>One notarised event: its digest and both chain values as the notary wrote them.</summary>
public sealed record NotaryEntry(long Sequence, Guid StreamId, long Version, string EventDigest, string StreamChain, string GlobalChain);

public static class NotaryRows
{
    private const string Columns = "seq_id, stream_id, version, event_digest, stream_chain, global_chain";

    public static Task<List<NotaryEntry>> ReadAsync(NpgsqlConnection connection, string schema, long ceilingInclusive, Guid? streamId, CancellationToken ct) =>
        ReadAsync(connection, schema, 0, ceilingInclusive, streamId, ct);

    public static async Task<List<NotaryEntry>> ReadAsync(NpgsqlConnection connection, string schema, long floorExclusive, long ceilingInclusive, Guid? streamId,
        CancellationToken ct)
    {
        var sql = $"select {Columns} from {schema}.{AuditSchema.NotaryTable} where seq_id > $1 and seq_id <= $2"
                  + (streamId is null ? "" : " and stream_id = $3") + " order by seq_id";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = floorExclusive });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        if (streamId is not null) command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        var rows = new List<NotaryEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new NotaryEntry(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    /// <summary>
    /// Each notarised event's sequence, event digest and global chain in (floor, ceiling], in order, at most
    /// <paramref name="limit"/>, handed over as they are read and never kept: what the Merkle tree needs of the notary.
    /// </summary>
    public static async Task ForEachLeafAsync(NpgsqlConnection connection, string schema, long floorExclusive, long ceilingInclusive, int limit,
        Action<long, string, string> leaf, CancellationToken ct)
    {
        var sql = $"select seq_id, event_digest, global_chain from {schema}.{AuditSchema.NotaryTable} where seq_id > $1 and seq_id <= $2 order by seq_id"
                  + (limit == int.MaxValue ? "" : " limit $3");
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = floorExclusive });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        if (limit != int.MaxValue) command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) leaf(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
    }
}
