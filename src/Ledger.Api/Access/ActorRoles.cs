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
/// Declares which roles may call an endpoint; anything finer (jurisdiction, own enterprise or institution) is checked by
/// <see cref="Scope"/>. The role is judged on the request's one <see cref="Actor"/> (<see cref="ActorRoleRequirement"/>),
/// never by ASP.NET's "is in any of these roles", so authorisation and the actor recorded on events cannot disagree.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ActorRolesAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public ActorRolesAttribute(params ActorRole[] roles)
    {
        Allowed = roles;
        AuthenticationSchemes = LedgerAuthentication.Scheme;
    }

    public IReadOnlyList<ActorRole> Allowed { get; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new ActorRoleRequirement(Allowed)];
}

public sealed record ActorRoleRequirement(IReadOnlyList<ActorRole> Allowed) : IAuthorizationRequirement;

/// <summary>Succeeds when the caller's claims make exactly one actor and its role is one the endpoint declares.</summary>
public sealed class ActorRoleHandler : AuthorizationHandler<ActorRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActorRoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && ActorClaims.From(context.User, out _) is { } actor && requirement.Allowed.Contains(actor.Role))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
