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

public static partial class AuditEndpoints
{
    /// <summary>
    /// Seals the notarised ledger now: a signed digest, pushed to the witness when one is configured. The caller may keep
    /// the answer too; the witness's copy and the auditor's own are the trust anchors, never the database's.
    /// </summary>
    [WolverinePost("/api/audit/digests", Name = "PublishDigest")]
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
}
