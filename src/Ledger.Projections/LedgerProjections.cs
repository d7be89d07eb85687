using JasperFx.Events.Projections;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Projections.Certificates;
using Marten;

namespace Ledger.Projections;

public static class LedgerProjections
{
    public static void Configure(StoreOptions options)
    {
        // Person and certificate writes read their own state back at once (versions, 409s), so their snapshots are inline.
        options.Projections.Snapshot<Person>(SnapshotLifecycle.Inline);
        options.Projections.Snapshot<Certificate>(SnapshotLifecycle.Inline);
        // Headcount and training-capability writes echo a version, so enterprises read their own state back too.
        options.Projections.Snapshot<Enterprise>(SnapshotLifecycle.Inline);
        options.Schema.For<Certificate>().Index(x => x.PersonId);

        // Regulators' registers tolerate a little lag and must not slow the write path.
        options.Projections.Add<CertificateRegisterProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<ForgeryWatchProjection>(ProjectionLifecycle.Async);
        options.Schema.For<CertificateRegisterEntry>().Index(x => x.PersonId);
    }
}
