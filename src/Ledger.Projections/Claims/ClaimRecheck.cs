using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Marten;
using Marten.Subscriptions;
using NodaTime;
using Ledger.Domain.Actors;

namespace Ledger.Projections.Claims;

/// <summary>
/// Records that one certificate event has been checked against one claim line, written in the same transaction as the
/// flag it led to, so a replayed or retried page never flags the line twice.
/// </summary>
public sealed class ClaimRecheckMark
{
    public string Id { get; set; } = "";
    public Guid ClaimId { get; set; }
    public int LineNo { get; set; }
    public Guid CertificateId { get; set; }
    public long CertificateEventSequence { get; set; }

    public static string KeyOf(Guid certificateEventId, Guid claimId, int lineNo) => $"{certificateEventId:N}:{claimId:N}:{lineNo}";
}

/// <summary>Runs <see cref="ClaimRecheck"/> for every certificate revoked or suspended, on every claim that has a line on it.</summary>
public sealed class ClaimRecheckSubscription : SubscriptionBase
{
    public const string Actor = "ledger-claim-recheck";
    private const int Attempts = 5;

    public ClaimRecheckSubscription()
    {
        Name = "ClaimRecheck";
        IncludeType<CertificateRevoked>();
        IncludeType<CertificateSuspended>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (ClaimRecheck.Of(e.Data) is not { } withdrawn) continue;
            var claims = await operations.QueryAsync<Claim>(Persons.ClaimsNaming.Certificate, cancellationToken, withdrawn.CertificateId);
            foreach (var claimId in claims.Select(c => c.Id)) await FlagAsync(operations.DocumentStore, e, claimId, withdrawn, cancellationToken);
        }
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Appends through a session of its own so the claim's inline snapshot sees the flag; a claim written concurrently by
    /// a user makes the append fail on its version, and the line is judged again on the new state.
    /// </summary>
    private static async Task FlagAsync(IDocumentStore store, IEvent source, Guid claimId, CertificateWithdrawn withdrawn, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = Actor;
            session.SetHeader(EventHeaders.User, Actor);
            session.SetHeader(EventHeaders.Organisation, "ledger");
            session.SetHeader(EventHeaders.Role, "system-administrator");
            session.CorrelationId = source.CorrelationId;
            session.CausationId = source.Id.ToString();
            var stream = await session.Events.FetchForWriting<Claim>(claimId, ct);
            if (stream.Aggregate is not { } claim) return;
            var lines = claim.Lines.Where(l => l.Line.CertificateId == withdrawn.CertificateId).Select(l => l.Line.LineNo).ToList();
            var marks = (await session.LoadManyAsync<ClaimRecheckMark>(ct, lines.Select(n => ClaimRecheckMark.KeyOf(source.Id, claimId, n)).ToArray()))
                .Select(m => m.LineNo).ToHashSet();
            foreach (var flagged in ClaimRecheck.Decide(claim, withdrawn, marks.Contains))
            {
                stream.AppendOne(flagged);
                session.Store(new ClaimRecheckMark
                {
                    Id = ClaimRecheckMark.KeyOf(source.Id, claimId, flagged.LineNo), ClaimId = claimId, LineNo = flagged.LineNo,
                    CertificateId = withdrawn.CertificateId, CertificateEventSequence = source.Sequence,
                });
            }
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }
}
