using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcClaims = OpenIddict.Abstractions.OpenIddictConstants.Claims;
using Microsoft.AspNetCore;

namespace Ledger.Api.Tests.Console;

/// <summary>An account at the province's identity provider: its login name, display name and the claims it carries.</summary>
public sealed record ProviderAccount(string Login, string Name, IReadOnlyList<(string Type, string Value)> Claims);

/// <summary>
/// A real OpenID Connect provider for the browser tests (OpenIddict's server, authorization code flow with PKCE required,
/// a confidential client, an end-session endpoint) on its own Kestrel port, with an in-memory store: it stands in for the
/// province's identity service, and claims its accounts carry under the province's own names (not the ledger's).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "ledger-console";
    public const string ClientSecret = "ledger-console-test-secret";
    public const string Scope = "ledger";
    private const string SessionScheme = "idp";

    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, ProviderAccount> _accounts = new();
    private int _endSessions;

    public string Url { get; private set; } = "";

    /// <summary>How many times a relying party asked this provider to end a session.</summary>
    public int EndSessions => _endSessions;

    public void Add(ProviderAccount account) => _accounts[account.Login] = account;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var database = "idp-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<DbContext>(o =>
        {
            o.UseInMemoryDatabase(database);
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = "idp_session";
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scope);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)Authorize);
        app.MapGet("/login", Login);
        app.MapPost("/login", (Func<HttpContext, Task<IResult>>)SignIn);
        app.MapMethods("/connect/logout", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)EndSession);
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        _app = app;
    }

    /// <summary>The ledger's console as this provider's client; its addresses are known once the console listens.</summary>
    public async Task RegisterClientAsync(string consoleUrl)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var console = consoleUrl.TrimEnd('/');
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "安全技能台账",
            RedirectUris = { new Uri(console + Ledger.Api.Access.OidcSignIn.CallbackPath) },
            PostLogoutRedirectUris = { new Uri(console + Ledger.Api.Access.OidcSignIn.SignedOutCallbackPath) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.Profile,
                Permissions.Prefixes.Scope + Scope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private async Task<IResult> Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var session = await http.AuthenticateAsync(SessionScheme);
        if (!session.Succeeded || session.Principal.FindFirst(OidcClaims.Subject)?.Value is not { } login || !_accounts.TryGetValue(login, out var account))
            return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, OidcClaims.Name, OidcClaims.Role);
        identity.SetClaim(OidcClaims.Subject, account.Login).SetClaim(OidcClaims.Name, account.Name);
        foreach (var (type, value) in account.Claims) identity.AddClaim(new Claim(type, value));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult Login(string? returnUrl)
    {
        var back = WebUtility.HtmlEncode(returnUrl ?? "/");
        var buttons = string.Concat(_accounts.Values.OrderBy(a => a.Login).Select(a =>
            $"""<li><button type="submit" name="login" value="{WebUtility.HtmlEncode(a.Login)}">{WebUtility.HtmlEncode(a.Name)}</button></li>"""));
        return Results.Content($"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>省统一身份认证平台</title></head>
            <body><h1>省统一身份认证平台 · 登录</h1>
            <form method="post" action="/login"><input type="hidden" name="returnUrl" value="{back}"><ul>{buttons}</ul></form></body></html>
            """, "text/html; charset=utf-8");
    }

    private async Task<IResult> SignIn(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var login = form["login"].ToString();
        if (!_accounts.ContainsKey(login)) return Results.BadRequest();
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(OidcClaims.Subject, login)], SessionScheme)));
        var back = form["returnUrl"].ToString();
        return Results.Redirect(back.StartsWith("/connect/authorize", StringComparison.Ordinal) ? back : "/");
    }

    private async Task<IResult> EndSession(HttpContext http)
    {
        Interlocked.Increment(ref _endSessions);
        await http.SignOutAsync(SessionScheme);
        // OpenIddict checks post_logout_redirect_uri against the client's registration and sends the browser back there.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
