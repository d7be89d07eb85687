using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Projections;
using Ledger.Projections.Audit;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Api.Audit;

public static partial class CredentialEndpoints
{
    /// <summary>
    /// The signed status list (revocation and suspension bits by status index), for anyone: an inspector's phone or
    /// the CLI downloads it when it has network and checks credentials against it offline until it expires.
    /// </summary>
    [WolverineGet("/api/credentials/status-list", Name = "GetCredentialStatusList")]
    [AllowAnonymous]
    public static async Task<IResult> StatusListGet(CredentialStatusList list, IClock clock, HttpContext http, CancellationToken ct)
    {
        var token = await list.CurrentAsync(CertificateCredentials.StatusListUrl(BaseUrl(http)), clock.GetCurrentInstant().ToDateTimeOffset(), ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Text(token, "application/statuslist+jwt");
    }
}
