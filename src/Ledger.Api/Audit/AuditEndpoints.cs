using Ledger.Api.Infrastructure;
using Ledger.Domain.Actors;
using Ledger.Projections.Audit;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Audit;

public sealed class AuditOptions
{
    public const string Section = "Ledger:Audit";

    /// <summary>How often the ledger seals what the notary has done into a stored digest; auditors still copy digests out.</summary>
    public TimeSpan DigestEvery { get; set; } = TimeSpan.FromHours(1);
}

public static class AuditEndpoints
{
    /// <summary>Seals the notarised ledger now. The caller keeps the answer outside this database: that copy is the trust anchor.</summary>
    [WolverinePost("/api/audit/digests")]
    [ActorRoles(ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static async Task<IResult> Post(LedgerAudit audit, IClock clock, CancellationToken ct)
    {
        var digest = await audit.CreateDigestAsync(clock.GetCurrentInstant().ToDateTimeOffset(), save: true, ct);
        return digest is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing is notarised yet",
                extensions: new Dictionary<string, object?> { ["code"] = "nothing-notarised" })
            : Results.Created($"/api/audit/digests/{digest.LastSequence}", digest);
    }

    [WolverineGet("/api/audit/proofs")]
    [ActorRoles(ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static async Task<IResult> GetProof(long sequence, long digestSequence, LedgerAudit audit, CancellationToken ct)
    {
        var proof = await audit.ProofAsync(sequence, digestSequence, ct);
        return proof is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notarised event under that digest",
                detail: "The event must be notarised, at or below the digest's last sequence, and the digest's last sequence a notarised event.",
                extensions: new Dictionary<string, object?> { ["code"] = "no-proof" })
            : Results.Ok(proof);
    }
}

/// <summary>Seals a digest on a schedule, so there is always a recent one to copy out even if nobody asks.</summary>
public sealed class DigestSchedule(LedgerAudit audit, IClock clock, Microsoft.Extensions.Options.IOptions<AuditOptions> options, ILogger<DigestSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var digest = await audit.CreateDigestAsync(clock.GetCurrentInstant().ToDateTimeOffset(), save: true, stoppingToken);
                if (digest is not null)
                    logger.LogInformation("Ledger digest at sequence {Sequence}: head {Head}, Merkle root {Root}", digest.LastSequence, digest.GlobalChainHead, digest.MerkleRoot);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled ledger digest failed; the next tick tries again");
            }
        }
    }
}
