using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ledger.Api.WebConsole;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary><c>Ledger:Http</c>: what the ledger needs to know about the network in front of it.</summary>
public sealed class LedgerHttpOptions
{
    public const string Section = "Ledger:Http";

    /// <summary>
    /// Addresses (192.0.2.10) or networks (10.0.0.0/8) of the reverse proxies that terminate TLS in front of the API. Only
    /// from these are X-Forwarded-For and X-Forwarded-Proto believed: then the client address (which the public
    /// verification's rate limit counts) and the scheme (which makes the console cookie Secure) are the client's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public ForwardedHeadersOptions Forwarding()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        // Without trusted proxies nothing is forwarded: the framework's default trusts loopback, which a proxy-less
        // deployment must not (any local process could then name any client address).
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in TrustedProxies.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (entry.Contains('/'))
            {
                if (!System.Net.IPNetwork.TryParse(entry, out var network))
                    throw new InvalidOperationException($"Ledger:Http:TrustedProxies: '{entry}' is not a network such as 10.0.0.0/8");
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"Ledger:Http:TrustedProxies: '{entry}' is not an IP address or network");
        }
        return options;
    }
}

/// <summary>
/// A JSON endpoint reads only a body that says it is JSON: one sent with no Content-Type, or as a form or text, is refused
/// with 415, so a cross-site form post (which cannot send application/json without a CORS preflight) never reaches a write.
/// </summary>
public sealed class JsonContentTypeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var accepts = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (accepts is not null && hasBody && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
            && !context.Request.HasJsonContentType())
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON",
                detail: "send the request body as JSON with the header Content-Type: application/json",
                extensions: new Dictionary<string, object?> { ["code"] = "json-required" }).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}

/// <summary>
/// Writes that arrive with the console's cookie rather than an Authorization header are the ones a browser could be
/// tricked into sending. They must come from the console's own pages: the Origin (or, without one, the Referer) is this
/// site, and the request carries the page's anti-forgery token (header <c>X-Ledger-Csrf</c> or form field <c>csrf</c>),
/// which is derived from the signed-in token and so changes with every sign-in. SameSite=Strict stays as a third wall.
/// </summary>
public sealed class ConsoleRequestForgeryGuard(RequestDelegate next)
{
    public const string Header = "X-Ledger-Csrf";
    public const string FormField = "csrf";

    public async Task InvokeAsync(HttpContext context, ConsoleAntiforgery antiforgery)
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var byCookie = request.Headers.Authorization.Count == 0 && request.Cookies.TryGetValue(ConsoleCookie.Name, out _);
        // The sign-in form is anonymous and checks its own origin; it sets the cookie rather than using it.
        if (unsafeMethod && byCookie && !request.Path.Equals("/console/sign-in", StringComparison.Ordinal))
        {
            string? problem = null;
            if (!SameSite(request)) problem = "this request came from another site; the ledger accepts writes with the console's sign-in only from its own pages";
            else if (!await antiforgery.ValidAsync(context)) problem = "the page's anti-forgery token is missing or belongs to another sign-in; reload the page and try again";
            if (problem is not null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused", detail: problem,
                    extensions: new Dictionary<string, object?> { ["code"] = "cross-site-request" }).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    private static bool SameSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) origin = request.Headers.Referer.ToString();
        return origin.Length > 0 && Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The console's anti-forgery token: an HMAC of the signed-in token, so nothing is stored and any node can check it.</summary>
public sealed class ConsoleAntiforgery(IOptions<LedgerAuthOptions> auth, IHostEnvironment environment)
{
    private readonly byte[] _key = HMACSHA256.HashData(auth.Value.Keys(environment)[0].Key, "ledger console anti-forgery"u8);

    public string? TokenFor(HttpContext context) =>
        context.Request.Cookies.TryGetValue(ConsoleCookie.Name, out var token) && token is { Length: > 0 } ? Compute(token) : null;

    /// <summary>For the page rendered right after sign-in, whose request did not yet carry the new cookie.</summary>
    public string Compute(string token) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token)));

    public async Task<bool> ValidAsync(HttpContext context)
    {
        if (TokenFor(context) is not { } expected) return false;
        var sent = context.Request.Headers[ConsoleRequestForgeryGuard.Header].ToString();
        if (sent.Length == 0 && context.Request.HasFormContentType)
            sent = (await context.Request.ReadFormAsync(context.RequestAborted))[ConsoleRequestForgeryGuard.FormField].ToString();
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
    }
}

/// <summary>
/// Response headers of the API and its reference (the console's pages and assets set their own, ConsoleEndpoints): nothing
/// the API answers is cached by a browser or a proxy (person files, claims and exports hold personal data, and a shared
/// computer in a bureau keeps its cache), nothing is framed or sniffed as another type, no address leaks in a Referer to
/// another site, and the API reference loads scripts and styles only from the ledger.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Scalar's page needs inline styles and its bundled script's inline bootstrapping; nothing from another origin.
    private const string DocsPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/console")) return next(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            if (path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = DocsPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
