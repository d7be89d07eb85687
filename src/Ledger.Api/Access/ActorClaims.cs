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
/// The one place where an identity becomes an <see cref="Actor"/>: bearer tokens and the development headers both carry
/// these claims, and both are read and checked here, so every endpoint sees the same actor whichever way it came.
/// </summary>
public static class ActorClaims
{
    public const string User = "sub";
    public const string Organisation = "org";
    public const string Role = "role";
    public const string Jurisdiction = "jurisdiction";
    public const string Enterprise = "enterprise";
    public const string Institution = "institution";

    public static Dictionary<string, object> For(Actor actor)
    {
        var claims = new Dictionary<string, object>
        {
            [User] = actor.UserId,
            [Organisation] = actor.OrganisationId,
            [Role] = JsonNames.Kebab(actor.Role),
        };
        if (actor.Jurisdiction is not null) claims[Jurisdiction] = actor.Jurisdiction;
        if (actor.EnterpriseId is { } e) claims[Enterprise] = e.ToString();
        if (actor.InstitutionId is { } i) claims[Institution] = i.ToString();
        return claims;
    }

    private static readonly string[] ActorClaimTypes = [User, Organisation, Role, Jurisdiction, Enterprise, Institution];

    public static Actor? From(ClaimsPrincipal principal, out List<string> problems) =>
        From(type => principal.FindAll(type).Select(c => c.Value).ToList(), out problems);

    public static Actor? From(Func<string, string?> claim, out List<string> problems) =>
        From(type => claim(type) is { } value ? [value] : [], out problems);

    /// <summary>
    /// The one rule for every way an identity arrives: exactly one user, organisation, role and scope. Identity providers
    /// issue multi-valued claims (a role array, say); such a token is refused as a whole rather than read by its first value,
    /// because the roles the caller would be authorised by and the actor it would be recorded as must be the same one.
    /// </summary>
    public static Actor? From(Func<string, IReadOnlyList<string>> claims, out List<string> problems)
    {
        problems = [];
        foreach (var type in ActorClaimTypes)
        {
            var values = claims(type);
            if (values.Count > 1)
                problems.Add($"the '{type}' claim holds {values.Count} values; an actor has exactly one user, organisation, role, jurisdiction, enterprise and institution, so ask the identity provider for a token of one role");
        }
        if (problems.Count > 0) return null;
        string? claim(string type) => claims(type) is [var single] ? single : null;
        var user = claim(User)?.Trim() ?? "";
        var org = claim(Organisation)?.Trim() ?? "";
        if (user.Length is 0 or > 100) problems.Add("the user (sub) is missing or longer than 100 characters");
        if (org.Length is 0 or > 100) problems.Add("the organisation (org) is missing or longer than 100 characters");
        if (!JsonNames.TryParseKebab<ActorRole>(claim(Role), out var role))
            problems.Add($"the role must be one of {JsonNames.AllKebab<ActorRole>()}");
        var jurisdiction = claim(Jurisdiction)?.Trim() ?? "";
        if (jurisdiction.Length > 50) problems.Add("the jurisdiction is longer than 50 characters");
        var enterprise = OptionalGuid(claim(Enterprise), Enterprise, problems);
        var institution = OptionalGuid(claim(Institution), Institution, problems);
        return problems.Count == 0
            ? new Actor(user, org, role, jurisdiction.Length == 0 ? null : jurisdiction, enterprise, institution)
            : null;
    }

    private static Guid? OptionalGuid(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Guid.TryParse(text.Trim(), out var id)) return id;
        problems.Add($"the {name} is not a UUID");
        return null;
    }

    public static ClaimsPrincipal Principal(Actor actor, string scheme) =>
        new(new ClaimsIdentity(For(actor).Select(c => new Claim(c.Key, (string)c.Value)), scheme, User, Role));
}
