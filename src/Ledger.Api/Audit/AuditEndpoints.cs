using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Projections.Audit;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Audit;


/// <summary>Publishes a signed digest on a schedule, so the witness is never more than one interval behind the notary.</summary>
public sealed class DigestSchedule(DigestPublisher publisher, IClock clock, Microsoft.Extensions.Options.IOptions<AuditOptions> options, ILogger<DigestSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (publisher.Witness is null)
            logger.LogWarning("Ledger:Audit:Witness:Path is not set: signed digests are kept in the database only, where an administrator could rewrite them with the events");
        using var timer = new PeriodicTimer(options.Value.DigestEvery);
        LedgerDigest? last = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var digest = await publisher.PublishAsync(clock.GetCurrentInstant().ToDateTimeOffset(), stoppingToken);
                if (digest is not null && digest != last)
                    logger.LogInformation("Ledger digest at sequence {Sequence}: Merkle root {Root}, signed with {KeyId}{Witness}", digest.LastSequence, digest.MerkleRoot,
                        digest.KeyId, publisher.Witness is { } w ? ", witnessed at " + w.Description : "");
                last = digest;
            }
            catch (WitnessConflictException)
            {
                // Logged as critical by the publisher; it refuses again every tick until an auditor has looked.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled ledger digest failed; the next tick tries again");
            }
        }
    }
}
