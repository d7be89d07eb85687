using System.Security.Claims;
using Ledger.Api.WebConsole;
using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Ledger.Api.Access;

/// <summary>
/// Sign-in to the console through the province's identity provider (OpenID Connect, authorization code with PKCE).
/// The provider's claims are read through <see cref="Claims"/> and <see cref="Roles"/> into the ledger's own claim names
/// and then through <see cref="ActorClaims.From(Func{string, IReadOnlyList{string}}, out List{string})"/>, the one rule
/// every bearer token meets: exactly one user, organisation, role and scope, or no sign-in.
/// </summary>
public sealed class LedgerOidcOptions
{
    public const string Section = "Ledger:Auth:Oidc";

    /// <summary>The provider's issuer address; its discovery document is read from here. Empty: no provider sign-in.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes asked for besides openid (always asked), e.g. profile and the province's own scope for its role claims.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Only a development provider on plain HTTP may turn this off; refused outside Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>What the sign-in button says, in Chinese and English.</summary>
    public string DisplayName { get; set; } = "省统一身份认证平台";
    public string DisplayNameEn { get; set; } = "the province's identity service";

    /// <summary>How long a console session opened by the provider lasts; never longer than Ledger:Auth:MaxTokenLifetime.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public OidcClaimMapping Claims { get; set; } = new();

    /// <summary>
    /// The provider's role values and the ledger role each means (e.g. "企业安全管理员" → "enterprise"). A value not listed
    /// must be the ledger's own role name; anything else is refused like a bad token.
    /// </summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);

    public bool Enabled => Authority.Trim().Length > 0;

    /// <summary>Startup fails on a half-configured provider rather than at the first sign-in.</summary>
    public void Check(IHostEnvironment environment)
    {
        if (!Enabled) return;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
            throw new InvalidOperationException("Ledger:Auth:Oidc:Authority is not an absolute URL");
        if (ClientId.Trim().Length == 0) throw new InvalidOperationException("Ledger:Auth:Oidc:ClientId is required with Ledger:Auth:Oidc:Authority");
        if (ClientSecret.Length == 0) throw new InvalidOperationException("Ledger:Auth:Oidc:ClientSecret is required: the console is a confidential client");
        if (!environment.IsDevelopment() && (!RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException("Ledger:Auth:Oidc:Authority must be an https address outside Development (RequireHttpsMetadata may be turned off only in Development)");
        if (SessionLifetime <= TimeSpan.Zero) throw new InvalidOperationException("Ledger:Auth:Oidc:SessionLifetime must be positive");
        foreach (var (given, role) in Roles)
            if (!Ledger.Api.Http.JsonNames.TryParseKebab<ActorRole>(role, out _))
                throw new InvalidOperationException($"Ledger:Auth:Oidc:Roles:{given} is '{role}', not one of {Ledger.Api.Http.JsonNames.AllKebab<ActorRole>()}");
    }

    /// <summary>The provider's identity as an actor, by the configured mapping and the same rule every bearer token meets.</summary>
    public Actor? Actor(ClaimsPrincipal provider, out List<string> problems) =>
        ActorClaims.From(type => provider.FindAll(Claims.For(type))
            .Select(c => type == ActorClaims.Role && Roles.TryGetValue(c.Value, out var role) ? role : c.Value)
            .ToList(), out problems);
}

/// <summary>Which of the provider's claims gives each part of the actor; each defaults to the ledger's own claim name.</summary>
public sealed class OidcClaimMapping
{
    public string User { get; set; } = ActorClaims.User;
    public string Organisation { get; set; } = ActorClaims.Organisation;
    public string Role { get; set; } = ActorClaims.Role;
    public string Jurisdiction { get; set; } = ActorClaims.Jurisdiction;
    public string Enterprise { get; set; } = ActorClaims.Enterprise;
    public string Institution { get; set; } = ActorClaims.Institution;

    public string For(string ledgerClaim) => ledgerClaim switch
    {
        ActorClaims.User => User,
        ActorClaims.Organisation => Organisation,
        ActorClaims.Role => Role,
        ActorClaims.Jurisdiction => Jurisdiction,
        ActorClaims.Enterprise => Enterprise,
        ActorClaims.Institution => Institution,
        _ => throw new ArgumentOutOfRangeException(nameof(ledgerClaim), ledgerClaim, "not an actor claim"),
    };
}

public static class OidcSignIn
{
    public const string Scheme = "Oidc";
    public const string CallbackPath = "/console/sign-in/oidc/callback";
    public const string SignedOutCallbackPath = "/console/sign-in/oidc/signed-out";

    /// <summary>The provider's ID token, kept only to name the session when asking the provider to end it (id_token_hint).</summary>
    public const string IdTokenCookie = "ledger_console_idp";

    public static void AddLedgerOidc(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LedgerOidcOptions>().BindConfiguration(LedgerOidcOptions.Section);
        var configured = builder.Configuration.GetSection(LedgerOidcOptions.Section).Get<LedgerOidcOptions>() ?? new();
        // The handler runs on every request once registered (it watches for its callback), so only a configured provider is.
        if (!configured.Enabled) return;
        authentication.AddOpenIdConnect(Scheme, "OpenID Connect", _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<LedgerOidcOptions>>((oidc, ledger) =>
        {
            var options = ledger.Value;
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            // The code comes back on a top-level GET: SameSite=Lax cookies (the handler's correlation and nonce) travel
            // with it from the provider's site, where a form_post would need SameSite=None and would meet the console's
            // cross-site write guard.
            oidc.ResponseMode = "query";
            oidc.CallbackPath = CallbackPath;
            oidc.SignedOutCallbackPath = SignedOutCallbackPath;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            foreach (var scope in options.Scopes.Where(s => s.Length > 0 && s != "openid")) oidc.Scope.Add(scope);
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = true;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = TicketReceivedAsync,
                OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    context.Response.Redirect("/console/sign-in?error=provider");
                    return Task.CompletedTask;
                },
                OnRedirectToIdentityProviderForSignOut = async context =>
                {
                    if (context.Request.Cookies.TryGetValue(IdTokenCookie, out var idToken) && idToken.Length > 0)
                        context.ProtocolMessage.IdTokenHint = idToken;
                    // Sign-out is a form post, and the console's form-action 'self' forbids a form's redirect to another
                    // site; a page that moves on by itself is a navigation of its own.
                    // Handling the response skips the handler's own last step, protecting the properties into the state it
                    // reads back at the signed-out callback (where to land afterwards): done here as the handler does it.
                    context.ProtocolMessage.State = context.Options.StateDataFormat.Protect(context.Properties);
                    context.HandleResponse();
                    await MoveOnAsync(context.HttpContext, context.ProtocolMessage.CreateLogoutRequestUrl(), "正在退出统一身份认证……", "退出");
                },
            };
        });
    }

    /// <summary>
    /// The provider has signed the person in: the console session is a ledger token for the actor the claims map to, in the
    /// same cookie the token paste fills, so every request after this is authenticated, scoped and ended like any other.
    /// </summary>
    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var services = http.RequestServices;
        var oidc = services.GetRequiredService<IOptions<LedgerOidcOptions>>().Value;
        var problems = new List<string> { "the provider gave no identity" };
        var actor = context.Principal is { } principal ? oidc.Actor(principal, out problems) : null;
        if (actor is null)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                .LogWarning("The identity provider's claims make no actor: {Problems}", string.Join("; ", problems));
            http.Response.Redirect("/console/sign-in?error=provider-actor");
            return;
        }
        var auth = services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        // Bearer tokens are checked against the wall clock, not the ledger's business clock.
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var lifetime = Duration.FromTimeSpan(oidc.SessionLifetime < auth.MaxTokenLifetime ? oidc.SessionLifetime : auth.MaxTokenLifetime);
        var expires = (now + lifetime).ToDateTimeOffset();
        ConsoleCookie.Set(http, DevelopmentTokens.Issue(auth, environment, actor, lifetime, now), expires);
        if (context.Properties?.GetTokenValue("id_token") is { Length: > 0 } idToken)
            http.Response.Cookies.Append(IdTokenCookie, idToken, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/console",
                Expires = expires,
                IsEssential = true,
            });
        // A page that moves on by itself rather than a redirect: this response answers the provider's cross-site redirect,
        // and a browser withholds the SameSite=Strict console cookie from the rest of that redirect chain, but sends it on
        // the page's own same-site navigation.
        await MoveOnAsync(http, SignInPages.LocalReturnUrl(context.ReturnUri), "登录成功，正在进入工作台……", "登录");
    }

    private static async Task MoveOnAsync(HttpContext http, string target, string message, string title)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(target);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync($"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={encoded}"><title>{title}</title></head>
            <body><p>{message} <a href="{encoded}">继续</a></p></body></html>
            """, http.RequestAborted);
    }

    /// <summary>The button's target: the standard challenge, which sends the browser to the provider with a PKCE code challenge.</summary>
    public static IResult Challenge(HttpContext http, IOptions<LedgerOidcOptions> oidc) =>
        oidc.Value.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = SignInPages.LocalReturnUrl(http.Request.Query["returnUrl"]) }, [Scheme])
            : Results.Redirect("/console/sign-in");
}
