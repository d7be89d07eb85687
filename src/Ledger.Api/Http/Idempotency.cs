using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Persons;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

public sealed class IdempotencyOptions
{
    public const string Section = "Ledger:Idempotency";

    /// <summary>How long a key's first answer is kept and replayed; a key used again after that is a new request.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Development only: how long a keyed write waits between its commit and its answer. The fault tests set it so they can
    /// kill the process in exactly the window a lost answer comes from; it is ignored in any other environment.
    /// </summary>
    public TimeSpan HoldAnswerAfterCommit { get; set; } = TimeSpan.Zero;
}

/// <summary>Marks an endpoint that commits in batches of its own (the CSV imports): its key is recorded after it, not with it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CommitsOwnBatchesAttribute : Attribute;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft) on every POST under /api. The first request with a key runs
/// inside one PostgreSQL transaction that also inserts the key's record; when it succeeds (2xx) the record gets the answer
/// (status, content type, location, body) and both commit together, so a crash after the commit and before the answer still
/// leaves the answer to replay. A retry with the same key and the same request (method, path, query, body) gets that answer
/// and appends nothing; the same key with another request is refused (422) naming the key; a retry while the first is still
/// running waits for it, and after <see cref="LockWait"/> is told to retry (409). A failed request (4xx, 5xx) records
/// nothing, so its retry runs again. Keys are scoped to the actor (user, organisation, role and what it acts for; anonymous
/// callers by address): one caller's key never replays another caller's answer. Answers are sealed with the identity cipher,
/// as ID numbers are, because some carry personal data.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string AnswerPurpose = "idempotent-answer";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public async Task InvokeAsync(HttpContext context, IDocumentStore store, IClock clock, IOptions<IdempotencyOptions> options, PersonalDataCipher cipher,
        IHostEnvironment environment)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.GetEndpoint() is null || !context.Request.Headers.TryGetValue(Header, out var header))
        {
            await next(context);
            return;
        }
        var key = ParseKey(header.ToString());
        var scope = ScopeOf(context);
        var table = $"{store.Options.DatabaseSchemaName}.{IdempotencySchema.Table}";
        var now = clock.GetCurrentInstant();
        // With a database per province, the key is kept, and the write's transaction opened, in the request's province database.
        var database = RequestProvince.Current is { } province
            ? await store.Storage.FindOrCreateDatabase(province)
            : (Marten.Storage.IMartenDatabase)store.Storage.Database;

        if (context.GetEndpoint()!.Metadata.GetMetadata<CommitsOwnBatchesAttribute>() is not null)
        {
            await BatchedAsync(context, database, table, scope, key, now, options.Value, cipher);
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request, RequestLimits.MaxJsonBodyBytes);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(context.RequestAborted);
        if (!await ClaimAsync(connection, transaction, table, scope, key, fingerprint, now, now + Duration.FromTimeSpan(options.Value.Window), context.RequestAborted))
        {
            await transaction.RollbackAsync(context.RequestAborted);
            await ReplayAsync(context, connection, table, scope, key, fingerprint, now, cipher);
            return;
        }

        var body = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            using (RequestTransaction.Enter(new RequestTransaction(connection, transaction)))
                await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                await RecordAsync(connection, transaction, table, scope, key, context, held.ToArray(), cipher, context.RequestAborted);
                await transaction.CommitAsync(context.RequestAborted);
                if (environment.IsDevelopment() && options.Value.HoldAnswerAfterCommit > TimeSpan.Zero)
                    await Task.Delay(options.Value.HoldAnswerAfterCommit, context.RequestAborted);
            }
            else
            {
                await transaction.RollbackAsync(context.RequestAborted);
            }
        }
        finally
        {
            context.Response.Body = body;
        }
        held.Position = 0;
        await held.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// An import commits batch by batch, so its answer is recorded after it; a crash between its last batch and the record
    /// loses only the answer, and re-importing the same file adds nothing (the rows are skipped), so the effect is still one.
    /// </summary>
    private async Task BatchedAsync(HttpContext context, Marten.Storage.IMartenDatabase database, string table, string scope, string key, Instant now,
        IdempotencyOptions options, PersonalDataCipher cipher)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        if (await FindAsync(connection, table, scope, key, now, context.RequestAborted) is not null)
        {
            await ReplayAsync(context, connection, table, scope, key, await FingerprintAsync(context.Request, long.MaxValue), now, cipher);
            return;
        }
        var hashing = new HashingReadStream(context.Request.Body, context.Request);
        context.Request.Body = hashing;
        var body = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                await using var transaction = await connection.BeginTransactionAsync(context.RequestAborted);
                await ClaimAsync(connection, transaction, table, scope, key, hashing.Fingerprint(), now, now + Duration.FromTimeSpan(options.Window), context.RequestAborted);
                await RecordAsync(connection, transaction, table, scope, key, context, held.ToArray(), cipher, context.RequestAborted);
                await transaction.CommitAsync(context.RequestAborted);
            }
        }
        finally
        {
            context.Response.Body = body;
        }
        held.Position = 0;
        await held.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>Inserts the key's record; false when a committed one exists. A concurrent first request holds the row until it ends.</summary>
    private static async Task<bool> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string scope, string key, string fingerprint,
        Instant now, Instant expires, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"set local lock_timeout = '{(int)LockWait.TotalMilliseconds}ms'"));
        batch.BatchCommands.Add(Command($"delete from {table} where scope = $1 and key = $2 and expires_at <= $3", scope, key, now.ToDateTimeUtc()));
        batch.BatchCommands.Add(Command($"insert into {table} (scope, key, fingerprint, created_at, expires_at) values ($1, $2, $3, $4, $5) on conflict (scope, key) do nothing",
            scope, key, fingerprint, now.ToDateTimeUtc(), expires.ToDateTimeUtc()));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("set local lock_timeout to default"));
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new IdempotencyKeyInUseException(key);
        }
        return batch.BatchCommands[2].RecordsAffected == 1;
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string scope, string key, HttpContext context,
        byte[] body, PersonalDataCipher cipher, CancellationToken ct)
    {
        var sealedBody = cipher.Seal(Convert.ToBase64String(body), AnswerPurpose, Subject(scope, key));
        await using var command = new NpgsqlCommand(
            $"update {table} set status = $3, content_type = $4, location = $5, body_key = $6, body = $7 where scope = $1 and key = $2", connection, transaction);
        foreach (var value in new object?[] { scope, key, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString(), sealedBody.KeyId, sealedBody.Ciphertext })
            command.Parameters.Add(new NpgsqlParameter { Value = value is string { Length: 0 } ? DBNull.Value : value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record Stored(string Fingerprint, int? Status, string? ContentType, string? Location, string? BodyKey, string? Body);

    private static async Task<Stored?> FindAsync(NpgsqlConnection connection, string table, string scope, string key, Instant now, CancellationToken ct)
    {
        await using var command = Command($"select fingerprint, status, content_type, location, body_key, body from {table} where scope = $1 and key = $2 and expires_at > $3",
            scope, key, now.ToDateTimeUtc()).Into(connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Stored(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), Text(2), Text(3), Text(4), Text(5));
    }

    private static async Task ReplayAsync(HttpContext context, NpgsqlConnection connection, string table, string scope, string key, string fingerprint, Instant now,
        PersonalDataCipher cipher)
    {
        var stored = await FindAsync(connection, table, scope, key, now, context.RequestAborted);
        // Gone between the insert and this read (it expired, or its first request failed and rolled back): the client retries.
        if (stored?.Status is not { } status) throw new IdempotencyKeyInUseException(key);
        if (stored.Fingerprint != fingerprint) throw new IdempotencyKeyReusedException(key);
        LedgerTelemetry.IdempotentReplays.Add(1);
        context.Response.StatusCode = status;
        if (stored.ContentType is not null) context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
        var body = Convert.FromBase64String(cipher.Open(new SealedValue(stored.BodyKey!, stored.Body!), AnswerPurpose, Subject(scope, key)));
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The draft's key is a structured-field string ("…"); a bare token is accepted too. 1–255 visible ASCII characters.</summary>
    public static string ParseKey(string value)
    {
        var key = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        if (key.Length is 0 or > 255 || key.Any(c => c is < ' ' or > '~' or '"' or '\\'))
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [Header] = ["must be 1 to 255 visible ASCII characters without quotes or backslashes, such as a UUID"],
            });
        return key;
    }

    /// <summary>Who the key belongs to: everything that makes the actor, so no other caller (or the same user in another role) shares it.</summary>
    private static string ScopeOf(HttpContext context)
    {
        var actor = ActorMiddleware.Current(context);
        var who = actor is null
            ? $"anonymous\n{context.Connection.RemoteIpAddress}"
            : $"{actor.UserId}\n{actor.OrganisationId}\n{actor.Role}\n{actor.Jurisdiction}\n{actor.EnterpriseId}\n{actor.InstitutionId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(who)));
    }

    private static Guid Subject(string scope, string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"))[..16]);

    /// <summary>What makes two requests the same: method, path, query and body bytes.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, long limit)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0 && (total += read) <= limit)
            hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>Hashes an import's body as the importer reads it, for the record written after the import.</summary>
    private sealed class HashingReadStream(Stream inner, HttpRequest request) : Stream
    {
        private readonly IncrementalHash _hash = Start(request);

        private static IncrementalHash Start(HttpRequest request)
        {
            var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
            return hash;
        }

        public string Fingerprint() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, read);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal static class BatchCommandExtensions
{
    public static NpgsqlCommand Into(this NpgsqlBatchCommand command, NpgsqlConnection connection)
    {
        var result = new NpgsqlCommand(command.CommandText, connection);
        foreach (NpgsqlParameter p in command.Parameters) result.Parameters.Add(new NpgsqlParameter { Value = p.Value });
        return result;
    }
}

public sealed class IdempotencyKeyReusedException(string key) : Exception($"the Idempotency-Key '{key}' was already used for a different request")
{
    public string Key { get; } = key;
}

public sealed class IdempotencyKeyInUseException(string key) : Exception($"a request with the Idempotency-Key '{key}' is still being processed; retry later")
{
    public string Key { get; } = key;
}

/// <summary>The keys' table, named mt_… so that Marten's ResetAllData empties it with the data it answered for.</summary>
public sealed class IdempotencySchema(StoreOptions options) : FeatureSchemaBase("LedgerIdempotency", options.Advanced.Migrator)
{
    public const string Table = "mt_idempotency_keys";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Weasel.Postgresql.Tables.Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("scope", "text").AsPrimaryKey();
        table.AddColumn("key", "text").AsPrimaryKey();
        table.AddColumn("fingerprint", "text").NotNull();
        table.AddColumn("status", "integer");
        table.AddColumn("content_type", "text");
        table.AddColumn("location", "text");
        table.AddColumn("body_key", "text");
        table.AddColumn("body", "text");
        table.AddColumn("created_at", "timestamp with time zone").NotNull();
        table.AddColumn("expires_at", "timestamp with time zone").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_mt_idempotency_keys_expires") { Columns = ["expires_at"] });
        yield return table;
    }
}

/// <summary>Deletes keys past their window every hour; any process may, and two doing it at once is harmless.</summary>
public sealed class IdempotencyCleanup(IDocumentStore store, IClock clock, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Every database's table: the main one and, with a database per province, each province's.
                foreach (var database in (await store.Storage.AllDatabases()).OfType<Marten.Storage.IMartenDatabase>())
                {
                    await using var connection = database.CreateConnection();
                    await connection.OpenAsync(stoppingToken);
                    await using var command = new NpgsqlCommand($"delete from {store.Options.DatabaseSchemaName}.{IdempotencySchema.Table} where expires_at <= $1", connection);
                    command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant().ToDateTimeUtc() });
                    var deleted = await command.ExecuteNonQueryAsync(stoppingToken);
                    if (deleted > 0) logger.LogInformation("Removed {Count} idempotency keys past their window", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Idempotency key cleanup failed ({ExceptionType}); the next hour tries again", e.GetType().FullName);
            }
        }
    }
}
