namespace Ledger.Api.WebConsole;

/// <summary>
/// The console's sign-in: the same bearer token an API client sends, kept in an HttpOnly, SameSite=Strict cookie so
/// scripts cannot read it and other sites cannot send it. The bearer handler reads it (OnMessageReceived).
/// </summary>
public static class ConsoleCookie
{
    public const string Name = "ledger_console";
    public const string Language = "ledger_lang";

    /// <summary>The purpose an auditor stated for this console session's reads; recorded with every read (AuditorReadLog.Reason).</summary>
    public const string AuditReason = "ledger_audit_reason";

    public static void SetAuditReason(HttpContext http, string reason) =>
        http.Response.Cookies.Append(AuditReason, reason, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });

    public static void Set(HttpContext http, string token, DateTimeOffset expires) =>
        http.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });

    public static void Clear(HttpContext http)
    {
        http.Response.Cookies.Delete(Name, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict });
        http.Response.Cookies.Delete(AuditReason, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict });
        http.Response.Cookies.Delete(Ledger.Api.Access.OidcSignIn.IdTokenCookie, new CookieOptions { Path = "/console", SameSite = SameSiteMode.Strict });
    }

    /// <summary>A person's browser asking for a console page, as opposed to a script or API client expecting problem details.</summary>
    public static bool WantsPage(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/console") && HttpMethods.IsGet(http.Request.Method)
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
