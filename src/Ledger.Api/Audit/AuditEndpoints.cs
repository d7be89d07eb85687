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

public static class AuditEndpoints
{
    /// <summary>
    /// Seals the notarised ledger now: a signed digest, pushed to the witness when one is configured. The caller may keep
    /// the answer too; the witness's copy and the auditor's own are the trust anchors, never the database's.
    /// </summary>
    [WolverinePost("/api/audit/digests")]
    [ActorRoles(ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static async Task<IResult> Post(DigestPublisher publisher, IClock clock, CancellationToken ct)
    {
        LedgerDigest? digest;
        try
        {
            digest = await publisher.PublishAsync(clock.GetCurrentInstant().ToDateTimeOffset(), ct);
        }
        catch (WitnessConflictException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "账本与见证记录不一致，拒绝签发新摘要 (the ledger no longer matches its witness)",
                detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = "witness-conflict" });
        }
        return digest is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "尚无已公证的事件 (nothing is notarised yet)",
                detail: "The notary has not notarised any event yet, or another ledger process is publishing a digest at this moment; try again shortly.",
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

    /// <summary>
    /// The public halves of the ledger's signing keys (JWKS), for anyone checking a digest, an export, a certificate
    /// credential or the status list with no secret. Fetch once and keep: the checks need no network afterwards.
    /// </summary>
    [WolverineGet("/api/audit/keys")]
    [AllowAnonymous]
    public static IResult Keys(LedgerSigner signer, HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(signer.PublicKeys.ToJwks(), "application/jwk-set+json");
    }
}

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
