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
    [WolverineGet("/api/audit/proofs", Name = "GetInclusionProof")]
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
