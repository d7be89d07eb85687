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
    /// The public halves of the ledger's signing keys (JWKS), for anyone checking a digest, an export, a certificate
    /// credential or the status list with no secret. Fetch once and keep: the checks need no network afterwards.
    /// </summary>
    [WolverineGet("/api/audit/keys", Name = "GetSigningKeys")]
    [AllowAnonymous]
    public static IResult Keys(LedgerSigner signer, HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(signer.PublicKeys.ToJwks(), "application/jwk-set+json");
    }
}
