using Marten;
using Marten.Services;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary>
/// The one PostgreSQL transaction a keyed write runs in (<see cref="IdempotencyMiddleware"/>): every Marten session the
/// request opens is enlisted in it, so the idempotency record and the write's events commit together or not at all.
/// Outside a keyed write there is none and sessions own their transactions as before.
/// </summary>
public sealed class RequestTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private static readonly AsyncLocal<RequestTransaction?> Ambient = new();
    private int _savepoints;

    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;

    public static RequestTransaction? Current => Ambient.Value;

    internal static IDisposable Enter(RequestTransaction transaction)
    {
        Ambient.Value = transaction;
        return new Exit();
    }

    private sealed class Exit : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }

    /// <summary>Session options for a write: enlisted in the request's transaction when there is one, Marten never committing it.</summary>
    public static SessionOptions WriteOptions()
    {
        var options = Current is { } tx
            ? SessionOptions.ForTransaction(tx.Transaction).WithTracking(DocumentTracking.None)
            : new SessionOptions { Tracking = DocumentTracking.None };
        // A database per province: the request's province database (the request transaction, if any, was opened on it too).
        if (RequestProvince.Current is { } province) options.TenantId = province;
        return options;
    }

    /// <summary>A lightweight session for an endpoint that opens its own (a claim submission retrying a race, a verification recording a lead).</summary>
    public static IDocumentSession OpenSession(IDocumentStore store) => store.OpenSession(WriteOptions());

    /// <summary>
    /// A failed statement aborts a PostgreSQL transaction, so a write that retries after a failed commit (a claim losing a
    /// race for an entitlement) marks a savepoint first and returns to it; outside a request transaction this does nothing.
    /// </summary>
    public static async Task<Savepoint> SavepointAsync(CancellationToken ct)
    {
        if (Current is not { } tx) return new Savepoint(null, "");
        var name = $"ledger_attempt_{Interlocked.Increment(ref tx._savepoints)}";
        await tx.Transaction.SaveAsync(name, ct);
        return new Savepoint(tx.Transaction, name);
    }

    public sealed class Savepoint(NpgsqlTransaction? transaction, string name)
    {
        public Task RollbackAsync(CancellationToken ct) => transaction is null ? Task.CompletedTask : transaction.RollbackAsync(name, ct);
    }
}

/// <summary>Marten's lightweight sessions, enlisted in the request's transaction when a keyed write runs (Wolverine's endpoints get theirs here).</summary>
public sealed class RequestSessionFactory(IDocumentStore store) : SessionFactoryBase(store)
{
    public override SessionOptions BuildOptions() => RequestTransaction.WriteOptions();
}
