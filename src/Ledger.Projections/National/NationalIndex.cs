using Ledger.Domain.Claims;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.National;

/// <summary>
/// The national index in its own database (<c>Ledger:National:ConnectionString</c>): one row per entitlement key that a
/// province's claim holds, under a primary key, so two provinces racing for one entitlement leave exactly one holder.
/// Plain Npgsql rather than a second Marten store: the index is one table written by compare-and-insert, and it must be
/// shared by deployments whose event stores are separate databases.
/// </summary>
public sealed class NationalIndex : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string _schema;
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _ready;

    public NationalIndex(string connectionString, string schema = "national")
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]*$"))
            throw new ArgumentException("the national schema is a lower-case SQL identifier", nameof(schema));
        _source = NpgsqlDataSource.Create(connectionString);
        _schema = schema;
    }

    private string Table => $"{_schema}.entitlement_holdings";

    /// <summary>
    /// Creates the schema once per process; an advisory lock keeps two provinces' first starts from racing on the catalog.
    /// <c>reservation</c> names the submission attempt that inserted the row, so a failed attempt removes only its own rows;
    /// <c>confirmed</c> is set when the province's own EntitlementHeld event has been seen (NationalIndexSubscription).
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (_ready) return;
        await _created.WaitAsync(ct);
        try
        {
            if (_ready) return;
            await using var connection = await _source.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await Execute(connection, tx, $"""
                select pg_advisory_xact_lock(hashtext('ledger-national-index'));
                create schema if not exists {_schema};
                create table if not exists {Table} (
                    entitlement_id uuid primary key,
                    province text not null,
                    claim_id uuid not null,
                    reservation uuid not null,
                    confirmed boolean not null default false,
                    paid boolean not null default false,
                    reserved_at timestamptz not null default now());
                create index if not exists entitlement_holdings_claim on {Table} (claim_id);
                """, ct);
            await tx.CommitAsync(ct);
            _ready = true;
        }
        finally
        {
            _created.Release();
        }
    }

    public async Task<IReadOnlyDictionary<Guid, NationalHolding>> HoldingsAsync(IReadOnlyCollection<Guid> entitlementIds, CancellationToken ct)
    {
        if (entitlementIds.Count == 0) return new Dictionary<Guid, NationalHolding>();
        await EnsureCreatedAsync(ct);
        await using var command = _source.CreateCommand($"select entitlement_id, province, claim_id, paid from {Table} where entitlement_id = any(@ids)");
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = entitlementIds.ToArray() });
        var holdings = new Dictionary<Guid, NationalHolding>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            holdings[reader.GetGuid(0)] = new NationalHolding(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetBoolean(3));
        return holdings;
    }

    /// <summary>
    /// Reserves every key for the claim in one transaction, or none: a key another claim holds (committed, or inserted by a
    /// transaction that commits first, which ON CONFLICT waits for) fails the whole reservation. Returns the attempt's
    /// reservation id, or null when some key is held by another claim; the caller then reads the holdings and decides again.
    /// </summary>
    public async Task<Guid?> ReserveAsync(string province, Guid claimId, IReadOnlyCollection<Guid> entitlementIds, CancellationToken ct)
    {
        var reservation = Guid.CreateVersion7();
        if (entitlementIds.Count == 0) return reservation;
        await EnsureCreatedAsync(ct);
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand($"""
            insert into {Table} (entitlement_id, province, claim_id, reservation)
            select id, @province, @claim, @reservation from unnest(@ids) as id
            on conflict (entitlement_id) do nothing
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("province", province);
            insert.Parameters.AddWithValue("claim", claimId);
            insert.Parameters.AddWithValue("reservation", reservation);
            insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = entitlementIds.ToArray() });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var others = new NpgsqlCommand($"select count(*) from {Table} where entitlement_id = any(@ids) and claim_id <> @claim", connection, tx))
        {
            others.Parameters.AddWithValue("claim", claimId);
            others.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = entitlementIds.ToArray() });
            if ((long)(await others.ExecuteScalarAsync(ct))! > 0)
            {
                await tx.RollbackAsync(ct);
                return null;
            }
        }
        await tx.CommitAsync(ct);
        return reservation;
    }

    /// <summary>Gives back what one submission attempt reserved, when its provincial commit did not happen.</summary>
    public async Task CancelAsync(Guid reservation, CancellationToken ct)
    {
        await using var command = _source.CreateCommand($"delete from {Table} where reservation = @reservation and not confirmed");
        command.Parameters.AddWithValue("reservation", reservation);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The province's own events, mirrored: a holding confirmed (or, for a province whose history predates the index,
    /// recorded), released, or paid. Returns false when the key is held by another province's claim, which the index
    /// cannot undo: a payment made twice before the index existed.
    /// </summary>
    public async Task<bool> ConfirmAsync(string province, EntitlementHeld held, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        await using var command = _source.CreateCommand($"""
            insert into {Table} as h (entitlement_id, province, claim_id, reservation, confirmed)
            values (@id, @province, @claim, @claim, true)
            on conflict (entitlement_id) do update set confirmed = true where h.claim_id = excluded.claim_id
            returning 1
            """);
        command.Parameters.AddWithValue("id", held.EntitlementId);
        command.Parameters.AddWithValue("province", province);
        command.Parameters.AddWithValue("claim", held.ClaimId);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async Task ReleaseAsync(EntitlementReleased released, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        await using var command = _source.CreateCommand($"delete from {Table} where entitlement_id = @id and claim_id = @claim and not paid");
        command.Parameters.AddWithValue("id", released.EntitlementId);
        command.Parameters.AddWithValue("claim", released.ClaimId);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task PaidAsync(EntitlementPaid paid, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        await using var command = _source.CreateCommand($"update {Table} set paid = true where entitlement_id = @id and claim_id = @claim");
        command.Parameters.AddWithValue("id", paid.EntitlementId);
        command.Parameters.AddWithValue("claim", paid.ClaimId);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

/// <summary>The national index of a deployment, or none (a single database answers for the whole country, as before).</summary>
public sealed record NationalLink(NationalIndex? Index);
