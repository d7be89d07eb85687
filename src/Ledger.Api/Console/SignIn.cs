using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using NodaTime;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>A demo identity for the Development sign-in picker.</summary>
public sealed record DemoIdentity(string Zh, string En, Actor Actor);

/// <summary>
/// Signing in puts a bearer token into the console cookie: one pasted from the organisation's identity provider (or the
/// token verb), or in Development one minted by the same development-token service for a demo identity.
/// </summary>
public static class SignInPages
{
    public static readonly DemoIdentity[] Demo =
    [
        new("黑龙江省应急管理厅 · 监管员", "Heilongjiang emergency bureau · inspector", new Actor("inspector-qian", "hlj-emergency-bureau", ActorRole.Regulator, "hlj")),
        new("黑龙江省人社厅 · 审核员", "Heilongjiang HR bureau · officer", new Actor("officer-li", "hlj-hr-bureau", ActorRole.HrBureau, "hlj")),
        new("黑龙江省财政厅 · 出纳", "Heilongjiang finance bureau · cashier", new Actor("cashier-zhou", "hlj-finance-bureau", ActorRole.FinanceBureau, "hlj")),
        new("天津市蓟州区应急管理局 · 监管员", "Tianjin Jizhou emergency bureau · inspector", new Actor("inspector-li", "tj-jizhou-emergency-bureau", ActorRole.Regulator, "tj-jizhou")),
        new("国家审计署 · 审计员", "National audit office · auditor", new Actor("auditor-he", "national-audit-office", ActorRole.Auditor, "cn")),
        new("台账运维 · 系统管理员", "Ledger operations · administrator", new Actor("admin-ma", "ledger-operations", ActorRole.SystemAdministrator)),
    ];

    public static void Map(WebApplication app)
    {
        app.MapGet("/console/sign-in", Get).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/console/sign-in", Post).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/console/sign-in/oidc", OidcSignIn.Challenge).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/console/sign-out", SignOut).ExcludeFromDescription().DisableAntiforgery();
    }

    public static IResult Get(HttpContext http, IHostEnvironment environment, IOptions<LedgerOidcOptions> oidc)
    {
        var page = ConsolePage.For(http);
        var returnUrl = LocalReturnUrl(http.Request.Query["returnUrl"]);
        var error = http.Request.Query["error"].ToString() switch
        {
            "token" => page.L("令牌无效（签名、签发方、受众或有效期不符）。请向本单位身份管理员重新获取令牌后再粘贴。",
                "The token is not valid (signature, issuer, audience or lifetime). Get a new token from your organisation's identity provider and paste it again."),
            "actor" => page.L("令牌有效，但未载明完整的身份（用户、单位、角色）。请申请包含这些声明的令牌。",
                "The token is valid but does not name a whole actor (user, organisation, role). Ask for a token that carries them."),
            "demo" => page.L("演示身份不完整：请填写用户、单位和角色；企业和培训机构还须填写其编号（UUID）。",
                "The demo identity is incomplete: give a user, organisation and role; enterprises and institutions also need their id (a UUID)."),
            "origin" => page.L("登录请求来自其他网站，已拒绝。请直接在本页登录。", "The sign-in came from another site and was refused. Sign in on this page."),
            "provider" => page.L("统一身份认证未能完成登录（已取消、超时或校验失败）。请重新登录；仍不成功请联系本单位身份管理员。",
                "The identity service did not complete the sign-in (cancelled, timed out or not verified). Sign in again; if it still fails, ask your organisation's identity administrator."),
            "provider-actor" => page.L("统一身份认证返回的账号不能登录本台账：账号须载明唯一的用户、单位和角色（同时具有多个角色的账号不能登录）。请联系本单位身份管理员为账号配置一个台账角色。",
                "The identity service's account cannot sign in to the ledger: it must name exactly one user, organisation and role (an account holding several roles is refused). Ask your organisation's identity administrator to give the account one ledger role."),
            _ => null,
        };
        var signedOut = http.Request.Query.ContainsKey("signedOut")
            ? H($"""<p class="notice" role="status">{page.L("您已退出登录，统一身份认证的会话也已结束。", "You have signed out, and your session with the identity service has ended too.")}</p>""")
            : Empty;
        var provider = oidc.Value.Enabled
            ? H($"""
                <section class="card">
                  <h2>{page.L("统一身份认证登录", "Sign in with the identity service")}</h2>
                  <p class="hint">{page.L("使用本单位在" + oidc.Value.DisplayName + "的账号登录；登录后的角色和范围由该账号决定。", "Use your organisation's account with " + oidc.Value.DisplayNameEn + "; it decides the role and scope you work in.")}</p>
                  <p><a class="button" id="oidc-sign-in" href="/console/sign-in/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}">{page.L("使用" + oidc.Value.DisplayName + "登录", "Sign in with " + oidc.Value.DisplayNameEn)}</a></p>
                </section>
                """)
            : Empty;
        var expired = http.Request.Query.ContainsKey("expired")
            ? H($"""<p class="notice" role="status">{page.L("登录已过期或令牌已失效，请重新登录。", "Your sign-in has expired or its token is no longer valid; sign in again.")}</p>""")
            : Empty;
        var errorBox = error is null ? Empty : H($"""<div class="error" role="alert"><p>{error}</p></div>""");
        var demo = environment.IsDevelopment() ? DemoPicker(page, returnUrl) : Empty;
        var body = H($"""
            {signedOut}{expired}{errorBox}
            {provider}
            <section class="card">
              <h2>{page.L("使用令牌登录", "Sign in with a token")}</h2>
              <form method="post" action="/console/sign-in">
                <input type="hidden" name="returnUrl" value="{returnUrl}">
                <label for="token">{page.L("访问令牌（JWT，由本单位身份管理员签发）", "Bearer token (JWT from your organisation's identity provider)")}</label>
                <textarea id="token" name="token" rows="4" required autocomplete="off" spellcheck="false"></textarea>
                <button type="submit">{page.L("登录", "Sign in")}</button>
              </form>
            </section>
            {demo}
            """);
        return page.Render(page.L("登录", "Sign in"), body);
    }

    private static Html DemoPicker(ConsolePage page, string returnUrl)
    {
        var presets = Join(Demo.Select((d, i) => H($"""
            <li><form method="post" action="/console/sign-in"><input type="hidden" name="returnUrl" value="{returnUrl}"><input type="hidden" name="demo" value="{i}">
            <button type="submit" class="secondary">{page.L(d.Zh, d.En)}</button></form></li>
            """)));
        var roles = Join(Enum.GetValues<ActorRole>().Select(r => H($"<option value=\"{JsonNames.Kebab(r)}\">{page.RoleName(r)}</option>")));
        return H($"""
            <section class="card">
              <h2>{page.L("开发环境：演示身份", "Development: demo identities")}</h2>
              <p class="hint">{page.L("仅在开发环境提供，由开发令牌服务签发 8 小时令牌。", "Offered in Development only; the development-token service mints an 8-hour token.")}</p>
              <ul class="presets">{presets}</ul>
              <details>
                <summary>{page.L("其他身份（企业、培训机构等）", "Another identity (enterprise, institution, …)")}</summary>
                <form method="post" action="/console/sign-in" class="grid">
                  <input type="hidden" name="returnUrl" value="{returnUrl}">
                  <input type="hidden" name="demo" value="custom">
                  <label>{page.L("角色", "Role")}<select name="role">{roles}</select></label>
                  <label>{page.L("用户", "User")}<input name="user" required></label>
                  <label>{page.L("单位", "Organisation")}<input name="org" required></label>
                  <label>{page.L("辖区代码", "Jurisdiction code")}<input name="jurisdiction" placeholder="hlj"></label>
                  <label>{page.L("企业编号（UUID）", "Enterprise id (UUID)")}<input name="enterprise"></label>
                  <label>{page.L("培训机构编号（UUID）", "Institution id (UUID)")}<input name="institution"></label>
                  <button type="submit">{page.L("以此身份登录", "Sign in as this identity")}</button>
                </form>
              </details>
            </section>
            """);
    }

    public static async Task<IResult> Post(HttpContext http, IHostEnvironment environment, IOptions<LedgerAuthOptions> auth,
        IOptionsMonitor<JwtBearerOptions> bearer, TokenRevocations revocations)
    {
        // SameSite=Strict stops the cookie being sent cross-site; this stops another site signing a browser in as someone else.
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            return Results.Redirect("/console/sign-in?error=origin");
        // Only the sign-in form posts here; anything else is a client mistake, not a server failure.
        if (!http.Request.HasFormContentType)
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Sign in with the console's form (application/x-www-form-urlencoded or multipart/form-data).");
        var form = await http.Request.ReadFormAsync();
        var returnUrl = LocalReturnUrl(form["returnUrl"]);
        var back = returnUrl == "/console" ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl);
        var demo = form["demo"].ToString();
        if (demo.Length > 0)
        {
            if (!environment.IsDevelopment()) return Results.Redirect("/console/sign-in?error=token" + back);
            var actor = DemoActor(demo, form);
            if (actor is null) return Results.Redirect("/console/sign-in?error=demo" + back);
            var now = SystemClock.Instance.GetCurrentInstant();
            var lifetime = Duration.FromHours(8);
            ConsoleCookie.Set(http, DevelopmentTokens.Issue(auth.Value, environment, actor, lifetime, now), (now + lifetime).ToDateTimeOffset());
            return Results.Redirect(returnUrl);
        }

        var token = form["token"].ToString().Trim();
        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = token.Length is 0 or > 8192 ? null : await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        if (result is not { IsValid: true }
            || TokenRevocations.LifetimeProblem((JsonWebToken)result.SecurityToken, auth.Value.MaxTokenLifetime, DateTime.UtcNow) is not null
            || await revocations.IsEndedAsync(token, http.RequestAborted))
            return Results.Redirect("/console/sign-in?error=token" + back);
        if (ActorClaims.From(type => ClaimValues(result.Claims, type), out _) is null)
            return Results.Redirect("/console/sign-in?error=actor" + back);
        ConsoleCookie.Set(http, token, ((JsonWebToken)result.SecurityToken).ValidTo);
        return Results.Redirect(returnUrl);
    }

    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau,
        ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static async Task<IResult> SignOut(HttpContext http, TokenRevocations revocations, IClock clock, IOptions<LedgerOidcOptions> oidc)
    {
        // Ending the session, not only forgetting the cookie: the token is refused from now on wherever it is presented.
        if (http.Request.Cookies.TryGetValue(ConsoleCookie.Name, out var token) && token is { Length: > 0 } && ActorMiddleware.Current(http) is { } actor)
        {
            var expires = new JsonWebToken(token).ValidTo;
            await revocations.EndAsync(token, actor, Instant.FromDateTimeUtc(DateTime.SpecifyKind(expires, DateTimeKind.Utc)), clock.GetCurrentInstant(),
                ActorStamp.CorrelationId(http), http.RequestAborted);
        }
        var viaProvider = oidc.Value.Enabled && http.Request.Cookies.ContainsKey(OidcSignIn.IdTokenCookie);
        ConsoleCookie.Clear(http);
        // Signed in through the identity service: its session ends too (its end-session endpoint), or the next sign-in
        // would pass straight through as the same person, which on a shared office computer is somebody else's session.
        return viaProvider
            ? Results.SignOut(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/console/sign-in?signedOut=1" }, [OidcSignIn.Scheme])
            : Results.Redirect("/console/sign-in");
    }

    /// <summary>A validated token's claim as values: an array claim (several roles, say) stays several, so ActorClaims refuses it.</summary>
    private static IReadOnlyList<string> ClaimValues(IDictionary<string, object> claims, string type) => !claims.TryGetValue(type, out var value) || value is null
        ? []
        : value is string text ? [text]
        : value is System.Collections.IEnumerable many ? many.Cast<object?>().Select(v => v?.ToString() ?? "").ToList()
        : [value.ToString() ?? ""];

    private static Actor? DemoActor(string demo, IFormCollection form)
    {
        if (int.TryParse(demo, out var index)) return index >= 0 && index < Demo.Length ? Demo[index].Actor : null;
        var actor = ActorClaims.From(type => (type switch
        {
            ActorClaims.User => form["user"],
            ActorClaims.Organisation => form["org"],
            ActorClaims.Role => form["role"],
            ActorClaims.Jurisdiction => form["jurisdiction"],
            ActorClaims.Enterprise => form["enterprise"],
            ActorClaims.Institution => form["institution"],
            _ => Microsoft.Extensions.Primitives.StringValues.Empty,
        }).ToString(), out _);
        if (actor is { Role: ActorRole.Enterprise, EnterpriseId: null } or { Role: ActorRole.TrainingInstitution or ActorRole.ExamPoint, InstitutionId: null }) return null;
        return actor;
    }

    /// <summary>Only a console path of this site: never an absolute or protocol-relative URL an attacker could send a user to.</summary>
    public static string LocalReturnUrl(string? url) =>
        url is { Length: > 0 and < 500 } u && u.StartsWith("/console", StringComparison.Ordinal) && !u.StartsWith("//", StringComparison.Ordinal) && !u.Contains('\\')
            ? u
            : "/console";
}
