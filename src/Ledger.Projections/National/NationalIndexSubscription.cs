using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Ledger.Projections.National;

/// <summary>
/// Mirrors the province's entitlement events into the national index, run by the async daemon (HotCold: one node per
/// database, resumed from its position after a restart, a failed page retried), so a release or a payment reaches the
/// index even when the national database was down at the moment of the write. A province whose history predates the
/// index is recorded from its first event on, because a new subscription starts at the beginning of the log.
/// </summary>
public sealed class NationalIndexSubscription : SubscriptionBase
{
    private readonly NationalIndex _index;
    private readonly PolicyCatalog _policies;
    private readonly ILogger? _logger;

    public NationalIndexSubscription(NationalIndex index, PolicyCatalog policies, ILogger? logger)
    {
        _index = index;
        _policies = policies;
        _logger = logger;
        Name = "NationalIndex";
        IncludeType<EntitlementHeld>();
        IncludeType<EntitlementReleased>();
        IncludeType<EntitlementPaid>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            switch (e.Data)
            {
                case EntitlementHeld held:
                    var province = NationalEntitlements.ProvinceOf(_policies, held.Jurisdiction);
                    if (!await _index.ConfirmAsync(province, held, cancellationToken))
                        _logger?.LogError("entitlement {Entitlement} held by claim {Claim} in {Province} is held by another province's claim in the national index " +
                                          "(a double payment recorded before the index existed; see the double-payment register)", held.EntitlementId, held.ClaimId, province);
                    break;
                case EntitlementReleased released:
                    await _index.ReleaseAsync(released, cancellationToken);
                    break;
                case EntitlementPaid paid:
                    await _index.PaidAsync(paid, cancellationToken);
                    break;
            }
        }
        return NullChangeListener.Instance;
    }
}
