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

namespace Ledger.Api.Infrastructure;

public sealed class LedgerAuthOptions
{
    public const string Section = "Ledger:Auth";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    /// <summary>
    /// Base64 HMAC-SHA256 keys, at least 32 bytes each. The first signs development tokens; every one validates, so a new
    /// key is put first while the old one stays listed until the last token it signed has expired.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>
    /// The longest validity a token may have (expiry minus issue time). A stolen token is useful only until it expires,
    /// so a token an identity provider mints for a year is refused rather than trusted for a year.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The key shipped in appsettings.Development.json; refused outside Development.</summary>
    public const string DevelopmentSigningKey = "bGVkZ2VyLWRldmVsb3BtZW50LXNpZ25pbmcta2V5LTA=";

    public IReadOnlyList<SymmetricSecurityKey> Keys(IHostEnvironment environment)
    {
        if (Issuer.Trim().Length == 0 || Audience.Trim().Length == 0)
            throw new InvalidOperationException("Ledger:Auth:Issuer and Ledger:Auth:Audience are required");
        if (SigningKeys.Length == 0) throw new InvalidOperationException("Ledger:Auth:SigningKeys needs at least one base64 key");
        var keys = new List<SymmetricSecurityKey>();
        for (var i = 0; i < SigningKeys.Length; i++)
        {
            if (SigningKeys[i] == DevelopmentSigningKey && !environment.IsDevelopment())
                throw new InvalidOperationException("Ledger:Auth:SigningKeys holds the development key; configure secret keys outside Development");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(SigningKeys[i]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"Ledger:Auth:SigningKeys:{i} is not base64");
            }
            // HS256 with a shorter key is refused by the token handler at the first request; fail at startup instead.
            if (bytes.Length < 32) throw new InvalidOperationException($"Ledger:Auth:SigningKeys:{i} is shorter than 32 bytes");
            keys.Add(new SymmetricSecurityKey(bytes) { KeyId = $"k{i}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..8]}" });
        }
        return keys;
    }
}

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

/// <summary>Development tokens: what the token verb prints and what tests present as bearer tokens.</summary>
public static class DevelopmentTokens
{
    public static string Issue(LedgerAuthOptions options, IHostEnvironment environment, Actor actor, Duration lifetime, Instant now)
    {
        var key = options.Keys(environment)[0];
        var issuedAt = now.ToDateTimeUtc();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = ActorClaims.For(actor),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = (now + lifetime).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}

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

public static class LedgerAuthentication
{
    public const string Scheme = "Ledger";

    public static void AddLedgerAuthentication(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<LedgerAuthOptions>().BindConfiguration(LedgerAuthOptions.Section);
        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token, or development headers", o => o.ForwardDefaultSelector = context =>
                !development || context.Request.Headers.Authorization.Count > 0 || context.Request.Cookies.ContainsKey(Ledger.Api.WebConsole.ConsoleCookie.Name)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : HeaderAuthenticationHandler.SchemeName)
            .AddJwtBearer();
        if (development) authentication.AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<LedgerAuthOptions>, IHostEnvironment>((jwt, ledger, environment) =>
            {
                var options = ledger.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKeys = options.Keys(environment),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = ActorClaims.User,
                    RoleClaimType = ActorClaims.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // The web console keeps the same token in an HttpOnly cookie, so its pages and their calls to this API
                    // authenticate exactly as an API client does; an Authorization header still wins.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.TryGetValue(Ledger.Api.WebConsole.ConsoleCookie.Name, out var token))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        // A signed token is still refused when its claims do not make an actor, exactly as bad headers are.
                        var problems = new List<string>();
                        if (ActorClaims.From(context.Principal!, out var actorProblems) is null) problems.AddRange(actorProblems);
                        var token = (JsonWebToken)context.SecurityToken;
                        if (TokenRevocations.LifetimeProblem(token, options.MaxTokenLifetime, DateTime.UtcNow) is { } lifetime) problems.Add(lifetime);
                        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
                        if (problems.Count == 0 && await revocations.IsEndedAsync(token.EncodedToken, context.HttpContext.RequestAborted))
                            problems.Add("this token's session was ended by signing out; sign in again");
                        if (problems.Count > 0)
                        {
                            AuthenticationProblems.Record(context.HttpContext, problems);
                            context.Fail(string.Join("; ", problems));
                        }
                    },
                    OnAuthenticationFailed = context =>
                    {
                        AuthenticationProblems.Record(context.HttpContext, ["the bearer token is not valid (signature, issuer, audience or lifetime)"]);
                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            // An endpoint that forgets to declare its roles is still closed to anonymous callers.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, ActorRoleHandler>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TokenRevocations>();
    }

    /// <summary>Startup fails on a missing or development key outside Development rather than at the first request.</summary>
    public static void CheckLedgerAuthentication(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value.Keys(app.Environment);
}

/// <summary>Refusals as problem details, like every other refusal, instead of ASP.NET's empty 401 and 403.</summary>
public sealed class ProblemAuthorizationResultHandler(IHostEnvironment environment) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (Ledger.Api.WebConsole.ConsoleCookie.WantsPage(context) && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            await Ledger.Api.WebConsole.ConsoleErrors.RefusedAsync(context, authorizeResult.Challenged);
            return;
        }
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var how = environment.IsDevelopment()
                ? "an Authorization: Bearer token, or in Development the X-Ledger-User, X-Ledger-Org and X-Ledger-Role headers"
                : "an Authorization: Bearer token";
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An actor is required",
                detail: AuthenticationProblems.Of(context) ?? $"this request needs an authenticated actor: {how}",
                extensions: new Dictionary<string, object?> { ["code"] = "actor-required" }).ExecuteAsync(context);
            return;
        }
        if (authorizeResult.Forbidden)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not permitted for this role",
                detail: "the acting role may not take this step or read this resource",
                extensions: new Dictionary<string, object?> { ["code"] = "role-not-permitted" }).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

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
