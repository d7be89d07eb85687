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

/// <summary>
/// A certificate revoked (FR-04) or suspended (FR-03) after a claim was submitted changes what the claim's lines earned:
/// every line on that certificate is flagged on its claim, and a paid line's evidence says a clawback is due.
/// </summary>
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
            var (certificateId, ruleId, on, what) = e.Data switch
            {
                CertificateRevoked r => (r.CertificateId, FraudPatterns.CertificateByDeception, r.On, $"revoked on {r.On:uuuu-MM-dd}: {EventFacts.Reason(r)}"),
                CertificateSuspended s => (s.CertificateId, FraudPatterns.UnverifiableCertificate, s.From, $"suspended from {s.From:uuuu-MM-dd}: {EventFacts.Reason(s)}"),
                _ => (Guid.Empty, "", default(LocalDate), ""),
            };
            if (certificateId == Guid.Empty) continue;
            var claims = await operations.QueryAsync<Claim>(Persons.ClaimsNaming.Certificate, cancellationToken, certificateId);
            foreach (var claimId in claims.Select(c => c.Id)) await FlagAsync(operations.DocumentStore, e, claimId, certificateId, ruleId, on, what, cancellationToken);
        }
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// Appends through a session of its own so the claim's inline snapshot sees the flag; a claim written concurrently by
    /// a user makes the append fail on its version, and the line is judged again on the new state.
    /// </summary>
    private static async Task FlagAsync(IDocumentStore store, IEvent source, Guid claimId, Guid certificateId, string ruleId, LocalDate on, string what,
        CancellationToken ct)
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
            foreach (var line in claim.Lines.Where(l => l.Line.CertificateId == certificateId))
            {
                var markId = ClaimRecheckMark.KeyOf(source.Id, claimId, line.Line.LineNo);
                if (await session.LoadAsync<ClaimRecheckMark>(markId, ct) is not null) continue;
                stream.AppendOne(new ClaimLineFlagged(claimId, line.Line.LineNo, new Finding(ruleId, Severity.High, false, Evidence(claim, line, what)), on));
                session.Store(new ClaimRecheckMark
                {
                    Id = markId, ClaimId = claimId, LineNo = line.Line.LineNo, CertificateId = certificateId, CertificateEventSequence = source.Sequence,
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

    private static string Evidence(Claim claim, ClaimLineState line, string what)
    {
        var certificate = $"certificate {line.Line.CertificateNumber} was {what}";
        var paid = line.Decision is { Approved: true } decision && claim.Stage is ClaimStage.Disbursed or ClaimStage.Reconciled
            ? $"; {decision.Amount:0.00} CNY was paid for this line on {claim.PaidOn:uuuu-MM-dd} ({claim.PaymentReference}): a clawback is due"
            : "";
        return certificate + paid;
    }
}
