using System.Text;
using System.Text.RegularExpressions;
using Ledger.Domain.Actors;
using Marten;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// Every API read by an auditor is recorded (issue 7: "read-only, everything in scope, every read recorded"). An auditor
/// names a reason before anything is read, as for person files (400 naming "reason" otherwise); the response is held back
/// until the read is recorded, so an auditor never sees what was not recorded; refused and failed reads record nothing.
/// Person-file and claim reads are recorded by their endpoints on the subject's access stream; this records the rest.
/// The tamper-evidence endpoints under /api/audit are left out: they disclose hashes, never records.
/// </summary>
public sealed partial class AuditorReadMiddleware(RequestDelegate next)
{
    private static readonly object RecordedKey = new();

    /// <summary>Query keys whose values are or may be personal data; their values are never recorded.</summary>
    private static readonly HashSet<string> PersonalKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "idNumber", "id", "name", "holderName", "mobile", "phone", "q", "query", "search", "number", "certificateNumber", "reason",
    };

    public static void MarkRecorded(HttpContext http) => http.Items[RecordedKey] = true;

    /// <summary>
    /// The console's pages that show ledger content: every GET page under /console but the home page (links only), the
    /// reason form itself and the tamper-evidence page (hashes). The same rule as the API's, whichever door is used.
    /// </summary>
    public static bool IsConsoleRead(HttpContext context)
    {
        var path = context.Request.Path;
        return HttpMethods.IsGet(context.Request.Method) && path.StartsWithSegments("/console", StringComparison.Ordinal)
            && path.Value!.TrimEnd('/') != "/console"
            && !path.StartsWithSegments("/console/audit", StringComparison.Ordinal)
            && !path.StartsWithSegments(Ledger.Api.WebConsole.ConsoleAuditReason.Path, StringComparison.Ordinal)
            && !path.StartsWithSegments("/console/sign-in", StringComparison.Ordinal);
    }

    public async Task InvokeAsync(HttpContext context, IDocumentStore store, IClock clock)
    {
        var path = context.Request.Path;
        if (ActorMiddleware.Current(context) is not { Role: ActorRole.Auditor } actor
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<ActorRolesAttribute>() is null
            || !((path.StartsWithSegments("/api", StringComparison.Ordinal)
                  // The tamper-evidence tools (sealing a digest, which is itself saved, and inclusion proofs) answer hashes, not ledger content.
                  && !path.StartsWithSegments("/api/audit", StringComparison.Ordinal))
                 || IsConsoleRead(context)))
        {
            await next(context);
            return;
        }
        if (IsConsoleRead(context) && !AuditorReadLog.HasReason(context))
        {
            // A person at the console is asked for the purpose, then brought back to the page; nothing is read before.
            context.Response.Redirect($"{Ledger.Api.WebConsole.ConsoleAuditReason.Path}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return;
        }
        var reason = AuditorReadLog.Reason(context)!;
        var body = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status is >= 200 and < 300 && !context.Items.ContainsKey(RecordedKey))
            {
                await using var session = store.LightweightSession();
                ActorStamp.Stamp(session, actor);
                session.CorrelationId = ActorStamp.CorrelationId(context);
                // A stream of its own per read: auditors' reads never contend with each other or with the records they read.
                session.Events.StartStream(Guid.CreateVersion7(), AccessRecord.RouteRead(actor, context.Request.Method,
                    "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), MaskedPath(context.Request.Path.Value!), MaskedQuery(context.Request.Query), reason,
                    clock.GetCurrentInstant()));
                await session.SaveChangesAsync(context.RequestAborted);
            }
        }
        finally
        {
            context.Response.Body = body;
        }
        held.Position = 0;
        await held.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>Path segments other than GUIDs and plain words (a certificate number may be an ID number) are masked.</summary>
    public static string MaskedPath(string path) =>
        string.Join('/', path.Split('/').Select(s => s.Length == 0 || Guid.TryParse(s, out _) || PlainWord().IsMatch(s) ? s : "***"));

    /// <summary>Keeps a value only when its key is not personal and it looks like a date, a code or a number too short to be an ID number or phone.</summary>
    public static string? MaskedQuery(IQueryCollection query)
    {
        if (query.Count == 0) return null;
        var text = new StringBuilder();
        foreach (var (key, values) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (key.Equals("reason", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values)
            {
                if (text.Length > 0) text.Append('&');
                var safe = !PersonalKeys.Contains(key) && value is not null && SafeValue().IsMatch(value) && !LongDigits().IsMatch(value);
                text.Append(Uri.EscapeDataString(key)).Append('=').Append(safe ? Uri.EscapeDataString(value!) : "***");
            }
        }
        return text.Length == 0 ? null : text.ToString();
    }

    [GeneratedRegex("^[a-z][a-z0-9.-]{0,63}$")]
    private static partial Regex PlainWord();

    [GeneratedRegex("^[A-Za-z0-9._:+-]{0,64}$")]
    private static partial Regex SafeValue();

    // Eleven or more digits in a row may be a mobile number or part of an ID number.
    [GeneratedRegex("[0-9]{11,}")]
    private static partial Regex LongDigits();
}
