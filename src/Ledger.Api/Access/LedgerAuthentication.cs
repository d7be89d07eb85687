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
        authentication.AddLedgerOidc(builder);
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
    public static void CheckLedgerAuthentication(this WebApplication app)
    {
        app.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value.Keys(app.Environment);
        app.Services.GetRequiredService<IOptions<LedgerOidcOptions>>().Value.Check(app.Environment);
    }
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
