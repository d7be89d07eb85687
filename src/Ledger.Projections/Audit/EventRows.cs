using Npgsql;

namespace Ledger.Projections.Audit;

/// <summary>Reads mt_events and mt_notary with plain SQL: the audit trail hashes what is stored, not what a serializer would write today.</summary>
public static class EventRows
{
    private const string Columns = "seq_id, stream_id, version, data::text, type, timestamp, headers::text, correlation_id";

    public static NpgsqlCommand Range(NpgsqlConnection connection, string schema, long floorExclusive, long ceilingInclusive)
    {
        var command = new NpgsqlCommand($"select {Columns} from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = floorExclusive });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        return command;
    }

    public static NpgsqlCommand Stream(NpgsqlConnection connection, string schema, Guid streamId)
    {
        var command = new NpgsqlCommand($"select {Columns} from {schema}.mt_events where stream_id = $1 order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return command;
    }

    public static NpgsqlCommand Streams(NpgsqlConnection connection, string schema, Guid[] streamIds, long ceilingInclusive)
    {
        var command = new NpgsqlCommand($"select {Columns} from {schema}.mt_events where stream_id = any($1) and seq_id <= $2 order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        return command;
    }

    public static NpgsqlCommand Period(NpgsqlConnection connection, string schema, DateTimeOffset from, DateTimeOffset until, long ceilingInclusive)
    {
        var command = new NpgsqlCommand($"select {Columns} from {schema}.mt_events where timestamp >= $1 and timestamp < $2 and seq_id <= $3 order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        return command;
    }

    public static async Task<List<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
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
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }
}

/// <summary>One notarised event: its digest and both chain values as the notary wrote them.</summary>
public sealed record NotaryEntry(long Sequence, Guid StreamId, long Version, string EventDigest, string StreamChain, string GlobalChain);

public static class NotaryRows
{
    private const string Columns = "seq_id, stream_id, version, event_digest, stream_chain, global_chain";

    public static async Task<List<NotaryEntry>> ReadAsync(NpgsqlConnection connection, string schema, long ceilingInclusive, Guid? streamId, CancellationToken ct)
    {
        var sql = $"select {Columns} from {schema}.{AuditSchema.NotaryTable} where seq_id <= $1"
                  + (streamId is null ? "" : " and stream_id = $2") + " order by seq_id";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ceilingInclusive });
        if (streamId is not null) command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        var rows = new List<NotaryEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new NotaryEntry(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }
}
