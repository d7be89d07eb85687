using System.Security.Claims;
using System.Text.Encodings.Web;
using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// The development actor scheme: the X-Ledger-* headers become the same claims a token carries. Registered only in
/// Development, so outside it a header identity is simply not an identity.
/// </summary>
public sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LedgerHeaders";
    public const string UserHeader = "X-Ledger-User";
    public const string OrganisationHeader = "X-Ledger-Org";
    public const string RoleHeader = "X-Ledger-Role";
    public const string JurisdictionHeader = "X-Ledger-Jurisdiction";
    public const string EnterpriseHeader = "X-Ledger-Enterprise";
    public const string InstitutionHeader = "X-Ledger-Institution";

    private static readonly Dictionary<string, string> HeaderOf = new()
    {
        [ActorClaims.User] = UserHeader,
        [ActorClaims.Organisation] = OrganisationHeader,
        [ActorClaims.Role] = RoleHeader,
        [ActorClaims.Jurisdiction] = JurisdictionHeader,
        [ActorClaims.Enterprise] = EnterpriseHeader,
        [ActorClaims.Institution] = InstitutionHeader,
    };

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (HeaderOf.Values.All(h => !headers.ContainsKey(h))) return Task.FromResult(AuthenticateResult.NoResult());
        var actor = ActorClaims.From(type => headers[HeaderOf[type]].ToString(), out var problems);
        if (actor is null)
        {
            AuthenticationProblems.Record(Context, problems.Select(p => p + $" ({string.Join(", ", HeaderOf.Values.Take(3))}, …)"));
            return Task.FromResult(AuthenticateResult.Fail(string.Join("; ", problems)));
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.Principal(actor, SchemeName), SchemeName)));
    }
}

public static class AuthenticationProblems
{
    private static readonly object Key = new();

    public static void Record(HttpContext context, IEnumerable<string> problems) => context.Items[Key] = string.Join("; ", problems);

    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var p) ? (string?)p : null;
}
