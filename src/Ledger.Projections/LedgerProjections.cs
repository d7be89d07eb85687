using JasperFx.Events.Projections;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Ledger.Projections.Audit;
using Ledger.Projections.Certificates;
using Ledger.Projections.Claims;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Projections;

public static class LedgerProjections
{
    public static void Configure(StoreOptions options, EventSealer sealer, Microsoft.Extensions.Logging.ILogger? auditLogger = null)
    {
        // Person and certificate writes read their own state back at once (versions, 409s), so their snapshots are inline.
        options.Projections.Snapshot<Person>(SnapshotLifecycle.Inline);
        // A compliance report walks a jurisdiction's enterprises a page at a time and reads their employees through this GIN
        // index (enterprise_ids && $ids), instead of every person employed in the jurisdiction at once.
        options.Schema.For<Person>().Duplicate(x => x.EnterpriseIds, "uuid[]", configure: i => i.Method = IndexMethod.gin);
        options.Projections.Snapshot<Certificate>(SnapshotLifecycle.Inline);
        // Headcount and training-capability writes echo a version, so enterprises read their own state back too.
        options.Projections.Snapshot<Enterprise>(SnapshotLifecycle.Inline);
        options.Schema.For<Certificate>().Index(x => x.PersonId);
        // Institution writes answer 409 on stale versions and lists filter by jurisdiction: inline, like persons.
        options.Projections.Snapshot<Institution>(SnapshotLifecycle.Inline);
        options.Schema.For<Institution>().Index(x => x.Jurisdiction);
        options.Projections.Snapshot<InternalTrainerRoster>(SnapshotLifecycle.Inline);
        // Enforcement steps answer 409 on stale versions, and the register of open rectification orders filters by jurisdiction
        // and enterprise: inline, like institutions. Tip-offs are read back by the regulator that verifies and rewards them.
        options.Projections.Snapshot<Ledger.Domain.Enforcement.Inspection>(SnapshotLifecycle.Inline);
        options.Schema.For<Ledger.Domain.Enforcement.Inspection>().Index(x => x.Jurisdiction).Index(x => x.EnterpriseId).Index(x => x.HasOpenOrder);
        options.Projections.Snapshot<Ledger.Domain.Enforcement.TipOff>(SnapshotLifecycle.Inline);
        options.Schema.For<Ledger.Domain.Enforcement.TipOff>().Index(x => x.Jurisdiction);
        // Sessions are checked against their class when attendance is credited, so the class is read back at once.
        options.Projections.Snapshot<TrainingClass>(SnapshotLifecycle.Inline);
        // Claims and their entitlements are decided against their current state, so both are read back at once.
        options.Projections.Snapshot<Claim>(SnapshotLifecycle.Inline);
        options.Projections.Snapshot<Entitlement>(SnapshotLifecycle.Inline);
        // A submission reads every entitlement of its roster's persons in its one batched read (ClaimSubmissions).
        options.Schema.For<Entitlement>().Index(x => x.PersonId);
        // The review queue filters open claims by stage and jurisdiction. Person files and certificate re-checks find
        // claims by the persons and certificates they name: a claim document runs to ~100 kB (TOASTed), and the planner
        // chose a sequential scan over the GIN index of the whole document, decompressing every claim per lookup
        // (46 ms a person file at 100,000 persons, growing with the claims). Duplicated uuid[] columns with their own GIN
        // indexes keep that lookup off the documents.
        options.Schema.For<Claim>().Index(x => x.Stage).Index(x => x.Form.Jurisdiction)
            .Duplicate(x => x.PersonIds, "uuid[]", configure: i => i.Method = IndexMethod.gin)
            .Duplicate(x => x.CertificateIds, "uuid[]", configure: i => i.Method = IndexMethod.gin);

        // Most projections read a few event types scattered over the whole log (enterprises, institutions, rosters):
        // without an index on (type, seq_id) each page of a rebuild or catch-up scans mt_events from the shard's
        // floor until it finds 500 matches, which at 6.6 million events ran past the command timeout (57014) and
        // failed the 1,000,000-person rebuild.
        options.Events.EnableEventTypeIndex = true;
        // Marten's default runs pool size / 8 rebuilds at once (25 here, every shard); on 2 cores that made each page
        // query wait on the others. Two at a time finished the 100,000-person rebuild in the same 114 s with no page
        // query near the timeout.
        options.Projections.MaxConcurrentRebuildsPerDatabase = 2;
        // ...and that index is only chosen well with fresh statistics of the log's tail (EventLogStatisticsSchema).
        options.Storage.Add(new EventLogStatisticsSchema(options));

        // Regulators' registers tolerate a little lag and must not slow the write path.
        options.Projections.Add<CertificateRegisterProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<ForgeryWatchProjection>(ProjectionLifecycle.Async);
        // The breaches register reads only breached entries, and forgery leads look entries up by number.
        options.Schema.For<CertificateRegisterEntry>().Index(x => x.PersonId).Index(x => x.Number).Duplicate(x => x.AnyDeadlineBreached);
        // Finance bureaus' payout figures are read by period, and may lag the workflow by a moment.
        options.Projections.Add<PayoutLedgerProjection>(ProjectionLifecycle.Async);
        options.Schema.For<PayoutLedgerRow>().Index(x => x.Month);
        // A certificate revoked or suspended after a claim flags the claim's lines; the daemon does it so the
        // regulator's write does not wait on every claim that names the certificate.
        options.Events.Subscribe(new ClaimRecheckSubscription());
        options.Schema.For<ClaimRecheckMark>();

        // Compliance-report submissions and baselines are read back from their streams in any later process.
        options.Events.AddEventType<Ledger.Domain.Reports.ComplianceReportSubmitted>();
        options.Events.AddEventType<Ledger.Domain.Reports.ComplianceBaselineRecorded>();
        // Ended console sessions are looked up by stream in any process (TokenRevocations).
        options.Events.AddEventType<Ledger.Domain.Actors.SessionEnded>();

        ConfigureAudit(options, notary: true, sealer, auditLogger);
    }

    /// <summary>
    /// The audit trail's tables and append-only triggers, the seal every session writes with its events (unless a
    /// benchmark measures without it: <paramref name="sealer"/> null), and the notary, which hashes events after commit
    /// so appends never wait on one another for a chain value, and refuses any it finds unsealed.
    /// </summary>
    public static void ConfigureAudit(StoreOptions options, bool notary, EventSealer? sealer, Microsoft.Extensions.Logging.ILogger? auditLogger = null)
    {
        options.Storage.Add(new AuditSchema(options));
        if (sealer is not null) options.Listeners.Add(new SealingListener(sealer, options.Events.DatabaseSchemaName));
        if (notary)
            options.Events.Subscribe(new NotarySubscription(options.Events.DatabaseSchemaName,
                sealer ?? throw new ArgumentNullException(nameof(sealer), "the notary checks seals, so it needs the sealer"), auditLogger));
    }
}
