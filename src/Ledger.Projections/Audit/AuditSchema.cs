using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Ledger.Projections.Audit;

/// <summary>
/// The notary's tables and the append-only trigger. Registered through <c>Storage.Add</c>, whose custom features
/// Marten applies after the event tables, because the trigger needs mt_events to exist. The tables are named mt_…
/// so that Marten's ResetAllData truncates them along with the events they notarise.
/// </summary>
public sealed class AuditSchema(StoreOptions options) : FeatureSchemaBase("LedgerAudit", options.Advanced.Migrator)
{
    public const string NotaryTable = "mt_notary";
    public const string DigestTable = "mt_notary_digests";
    public const string TriggerName = "mt_events_append_only";
    public const string SealTable = "mt_event_seals";
    public const string SealTriggerName = "mt_event_seals_append_only";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var schema = options.Events.DatabaseSchemaName;

        var notary = new Table(new PostgresqlObjectName(schema, NotaryTable, SchemaUtils.IdentifierUsage.General));
        notary.AddColumn<long>("seq_id").AsPrimaryKey();
        notary.AddColumn<Guid>("stream_id").NotNull();
        notary.AddColumn<long>("version").NotNull();
        notary.AddColumn("event_digest", "text").NotNull();
        notary.AddColumn("stream_chain", "text").NotNull();
        notary.AddColumn("global_chain", "text").NotNull();
        notary.AddColumn("notarised_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        notary.Indexes.Add(new IndexDefinition("ix_mt_notary_stream") { Columns = ["stream_id", "seq_id"] });
        yield return notary;

        var digests = new Table(new PostgresqlObjectName(schema, DigestTable, SchemaUtils.IdentifierUsage.General));
        digests.AddColumn<long>("last_sequence").AsPrimaryKey();
        digests.AddColumn<long>("event_count").NotNull();
        digests.AddColumn("global_chain_head", "text").NotNull();
        digests.AddColumn("merkle_root", "text").NotNull();
        digests.AddColumn("created_at", "timestamp with time zone").NotNull();
        digests.AddColumn("key_id", "text");
        digests.AddColumn("signature", "text");
        yield return digests;

        // Written by the appending transaction itself (EventSeals), never by the notary: a row here is the ledger's word
        // that it wrote the event at seq_id. No foreign key to mt_events, so a deleted event leaves its seal behind as evidence.
        var seals = new Table(new PostgresqlObjectName(schema, SealTable, SchemaUtils.IdentifierUsage.General));
        seals.AddColumn<long>("seq_id").AsPrimaryKey();
        seals.AddColumn("key_id", "text").NotNull();
        seals.AddColumn("seal", "text").NotNull();
        yield return seals;

        yield return new AppendOnlyTrigger(schema);
        yield return new AppendOnlyTrigger(schema, SealTable, SealTriggerName, allowArchiving: false);
    }
}

/// <summary>
/// Refuses UPDATE and DELETE on mt_events, except an UPDATE that changes nothing but is_archived (Marten's stream
/// archiving). TRUNCATE is a statement, not a row change, so it does not fire: Marten's ResetAllData (tests,
/// <c>resources clear</c>) truncates, and production grants should not give the application role TRUNCATE.
/// The table owner or a superuser can still disable or drop this trigger; that is why the hash chains and the
/// digests kept outside the database exist.
/// </summary>
public sealed class AppendOnlyTrigger(string schema, string table, string triggerName, bool allowArchiving) : ISchemaObject
{
    public AppendOnlyTrigger(string schema) : this(schema, "mt_events", AuditSchema.TriggerName, allowArchiving: true)
    {
    }

    private string FunctionName => table + "_refuse_change";

    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, triggerName, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        var archiving = allowArchiving
            ? """
              IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'is_archived') = (to_jsonb(OLD) - 'is_archived') THEN
                RETURN NEW;
              END IF;
              """
            : "";
        writer.WriteLine($$"""
            CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              {{archiving}}
              RAISE EXCEPTION '{{table}} is append-only: % of row % refused', TG_OP, OLD.seq_id
                USING ERRCODE = 'integrity_constraint_violation';
            END;
            $f$;
            DROP TRIGGER IF EXISTS {{triggerName}} ON {{schema}}.{{table}};
            CREATE TRIGGER {{triggerName}} BEFORE UPDATE OR DELETE ON {{schema}}.{{table}}
              FOR EACH ROW EXECUTE FUNCTION {{schema}}.{{FunctionName}}();
            """);
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
        writer.WriteLine($"DROP TRIGGER IF EXISTS {triggerName} ON {schema}.{table};");
        writer.WriteLine($"DROP FUNCTION IF EXISTS {schema}.{FunctionName}();");
    }

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append("SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ");
        builder.AppendParameter(schema);
        builder.Append(" AND c.relname = ");
        builder.AppendParameter(table);
        builder.Append(" AND t.tgname = ");
        builder.AppendParameter(triggerName);
        builder.Append(';');
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(System.Data.Common.DbDataReader reader, CancellationToken ct = default)
    {
        var exists = await reader.ReadAsync(ct);
        return new SchemaObjectDelta(this, exists ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
