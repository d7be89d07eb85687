using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.Api.Http;
using Ledger.Domain.Policies;
using Ledger.Projections.Persons;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Ledger.Api.Persons;

/// <summary>
/// The current person file as its JSON answer, stored per person for the whole-file audience (the bureaus) and today's
/// statuses: a current read is then one primary-key select whose answer is written out as stored, where assembling it
/// took two batched round trips, the obligations judged for the day and a timeline of every event described in Chinese
/// and English (0.10-0.29× of a plain select at 100,000 persons).
/// </summary>
/// <remarks>
/// A stored file is served only while it is exactly what assembling would give: built for today's date and this
/// process's policy packs, and from the same snapshot versions as the person, each of their certificates and each claim
/// naming them have now (<see cref="PersonFileStamp"/>, checked in the same select). Those snapshots are inline, so a
/// write is visible to the next read whether or not the daemon has caught up: a stale or missing file is assembled as
/// before, answered, and stored. The daemon (<see cref="PersonFileSubscription"/>) re-assembles the files of the persons
/// each committed page of events touches, so reads after a write find them built. As-of reads, other days and the
/// employer's and provider's views are always assembled from the snapshots or the events. It is a copy, not ledger
/// state: rebuilds do not replay it, and dropping the table loses nothing.
/// </remarks>
public sealed class PersonFileReadModel
{
    public const string Table = "ledger_person_files";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly IDocumentStore _store;
    private readonly PolicyCatalog _policies;
    private readonly IClock _clock;
    private readonly JsonSerializerOptions _json;
    private readonly string _read;
    private readonly string _write;
    private readonly string _stamp;

    public PersonFileReadModel(IDocumentStore store, PolicyCatalog policies, IClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        Ledger.Api.Operations.ProvinceDatabases provinces)
    {
        // Its table lives in the main database: with a database per province the files are assembled from the caller's
        // province database, as before, until the read model is kept per database too.
        Enabled = !provinces.Any;
        _store = store;
        _policies = policies;
        _clock = clock;
        // The options Results.Ok serialises the endpoint's answer with, so the stored bytes are the answer's bytes.
        _json = json.Value.SerializerOptions;
        Policies = Fingerprint(policies);
        var schema = store.Options.DatabaseSchemaName;
        _read = $"select body from {schema}.{Table} where id = $1 and day = $2 and policies = $3 and stamp = {PersonFileStamp.Sql(schema)}";
        _stamp = $"select {PersonFileStamp.Sql(schema)}";
        _write = $"insert into {schema}.{Table} (id, day, policies, stamp, body) values ($1, $2, $3, $4, $5) " +
            "on conflict (id) do update set day = excluded.day, policies = excluded.policies, stamp = excluded.stamp, body = excluded.body";
    }

    /// <summary>The packs' version ids: a pack added or changed under a new id (they are never replaced in place) changes every obligation.</summary>
    public string Policies { get; }

    /// <summary>False where provinces keep their own databases (the stored files would answer from the main one).</summary>
    public bool Enabled { get; }

    public static bool Serves(Instant? asOf, LocalDate statusOn, PersonFileAudience audience, LocalDate today) =>
        asOf is null && statusOn == today && audience is PersonFileAudience.Whole;

    /// <summary>The stored answer, when it is still what assembling the file today would give.</summary>
    public async Task<string?> ReadAsync(Guid personId, LocalDate today, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(_read, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = personId });
        command.Parameters.Add(new NpgsqlParameter { Value = Day(today) });
        command.Parameters.Add(new NpgsqlParameter { Value = Policies });
        await command.PrepareAsync(ct);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public IResult Answer(string body) => Results.Text(body, JsonContentType, Encoding.UTF8);

    /// <summary>The file's JSON exactly as the endpoint answers it.</summary>
    public string Serialize(PersonFile file) => JsonSerializer.Serialize(file, _json);

    /// <summary>Assembles the current whole file of each person as the endpoint does, with the versions it was built from.</summary>
    public async Task<IReadOnlyList<(Guid PersonId, string Stamp, string Body)>> BuildAsync(IReadOnlyCollection<Guid> personIds, LocalDate today, CancellationToken ct)
    {
        var built = new List<(Guid, string, string)>();
        await using var session = _store.QuerySession();
        foreach (var id in personIds)
        {
            var (file, stamp) = await AssembleAsync(session, id, today, ct);
            if (file is not null && stamp is not null) built.Add((id, stamp, Serialize(file)));
        }
        return built;
    }

    /// <summary>
    /// The current whole file, and the stamp it was assembled at: read before and after assembling, so that when both
    /// agree no snapshot the file was read from moved in between (versions only grow). Null when one did: the file is
    /// right to answer but not to store.
    /// </summary>
    public async Task<(PersonFile? File, string? Stamp)> AssembleAsync(IQuerySession session, Guid personId, LocalDate today, CancellationToken ct)
    {
        var before = await StampAsync(personId, ct);
        var file = await PersonFiles.LoadAsync(session, personId, null, today, _policies, PersonFileAudience.Everything, ct);
        if (file is null) return (null, null);
        var after = await StampAsync(personId, ct);
        return (file, before == after ? before : null);
    }

    private async Task<string> StampAsync(Guid personId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(_stamp, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = personId });
        await command.PrepareAsync(ct);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task StoreAsync(Guid personId, LocalDate today, string stamp, string body, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(_write, connection);
        AddRow(command, personId, today, stamp, body);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Queues the rows in the daemon's transaction, committed with its progress.</summary>
    public void Queue(IDocumentOperations operations, IEnumerable<(Guid PersonId, string Stamp, string Body)> rows, LocalDate today)
    {
        var sql = _write.Replace("$1", "?").Replace("$2", "?").Replace("$3", "?").Replace("$4", "?").Replace("$5", "?");
        foreach (var (personId, stamp, body) in rows) operations.QueueSqlCommand(sql, personId, Day(today), Policies, stamp, body);
    }

    public LocalDate Today() => _clock.Today();

    /// <summary>The persons whose files the streams feed: the persons themselves, their certificates' holders, the persons claims name.</summary>
    public async Task<IReadOnlyList<Guid>> PersonsOfStreamsAsync(Guid[] streams, CancellationToken ct)
    {
        var schema = _store.Options.DatabaseSchemaName;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select id from {schema}.mt_doc_person where id = any($1) " +
            $"union select CAST(data ->> 'personId' as uuid) from {schema}.mt_doc_certificate where id = any($1) " +
            $"union select unnest(person_ids) from {schema}.mt_doc_claim where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        var persons = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) if (!reader.IsDBNull(0)) persons.Add(reader.GetGuid(0));
        return persons;
    }

    private static string Day(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private void AddRow(NpgsqlCommand command, Guid personId, LocalDate today, string stamp, string body)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = personId });
        command.Parameters.Add(new NpgsqlParameter { Value = Day(today) });
        command.Parameters.Add(new NpgsqlParameter { Value = Policies });
        command.Parameters.Add(new NpgsqlParameter { Value = stamp });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = ((Marten.Storage.IMartenDatabase)_store.Storage.Database).CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string Fingerprint(PolicyCatalog policies) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
            policies.Versions.Select(v => v.Id).Concat(policies.Jurisdictions.Select(j => "j:" + j.Code)).Order(StringComparer.Ordinal)))))[..16];
}

public sealed class PersonFileSchema(StoreOptions options) : FeatureSchemaBase("LedgerPersonFiles", options.Advanced.Migrator)
{
    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Weasel.Postgresql.Tables.Table(new PostgresqlObjectName(options.DatabaseSchemaName, PersonFileReadModel.Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "uuid").AsPrimaryKey();
        table.AddColumn("day", "text").NotNull();
        table.AddColumn("policies", "text").NotNull();
        table.AddColumn("stamp", "text").NotNull();
        // text, not jsonb: jsonb would re-order and re-space the answer, which is served byte for byte.
        table.AddColumn("body", "text").NotNull();
        yield return table;
    }
}

/// <summary>
/// Re-assembles the stored file of every person a committed page of events touches: events of the person's own stream,
/// of their certificates' streams and of claims naming them (the streams the file is assembled from), found through the
/// snapshots. Starting on a log written without it, it builds every person's file once.
/// </summary>
public sealed class PersonFileSubscription : SubscriptionBase
{
    private readonly Func<PersonFileReadModel> _model;

    public PersonFileSubscription(Func<PersonFileReadModel> model)
    {
        _model = model;
        Name = "PersonFiles";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var model = _model();
        var streams = page.Events.Select(e => e.StreamId).Where(id => id != Guid.Empty).Distinct().ToArray();
        if (streams.Length == 0 || !model.Enabled) return NullChangeListener.Instance;
        var persons = await model.PersonsOfStreamsAsync(streams, cancellationToken);
        var today = model.Today();
        model.Queue(operations, await model.BuildAsync(persons, today, cancellationToken), today);
        return NullChangeListener.Instance;
    }
}
