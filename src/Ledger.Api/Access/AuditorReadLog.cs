using Ledger.Domain;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>Auditors' reads of person files and claims, each recorded as an event with its reason.</summary>
public static class AuditorReadLog
{
    public const string ReasonHeader = "X-Ledger-Reason";

    public static bool HasReason(HttpContext http)
    {
        try
        {
            return Reason(http) is not null;
        }
        catch (RequestValidationException)
        {
            return false;
        }
    }

    /// <summary>Refuses an auditor's read without a reason before anything is read.</summary>
    public static string? Reason(HttpContext http)
    {
        var actor = ActorMiddleware.Required(http);
        if (actor.Role != ActorRole.Auditor) return null;
        var reason = http.Request.Headers[ReasonHeader].ToString().Trim();
        if (reason.Length == 0) reason = http.Request.Query["reason"].ToString().Trim();
        // In the console an auditor states the purpose of the session's reads once (the console's own cookie, set only by
        // its reason form); each read is recorded with it, exactly as an API client's reason is.
        if (reason.Length == 0 && http.Request.Headers.Authorization.Count == 0
            && http.Request.Cookies.TryGetValue(Ledger.Api.WebConsole.ConsoleCookie.AuditReason, out var stated))
            reason = stated.Trim();
        if (reason.Length is 0 or > 500)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["reason"] = [$"an auditor names why they read this ({ReasonHeader} header or reason query), at most 500 characters"],
            });
        return reason;
    }

    public static async Task RecordAsync(HttpContext http, IDocumentStore store, IClock clock, string? reason, string subject, Guid subjectId, CancellationToken ct)
    {
        if (reason is null) return;
        AuditorReadMiddleware.MarkRecorded(http);
        var actor = ActorMiddleware.Required(http);
        await using var session = store.LightweightSession();
        ActorStamp.Stamp(session, actor);
        session.CorrelationId = ActorStamp.CorrelationId(http);
        session.Events.Append(StreamOf(subject, subjectId),
            AccessRecord.Read(actor, subject, subjectId, reason, clock.GetCurrentInstant()));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>One access stream per subject, derived from its id so no lookup is needed to find who read it.</summary>
    public static Guid StreamOf(string subject, Guid subjectId) => StreamIdentity.ForAccessRecord(subject, subjectId);
}
