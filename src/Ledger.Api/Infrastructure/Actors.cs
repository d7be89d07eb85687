using Ledger.Domain.Actors;
using Marten;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Development actor scheme: until real authentication arrives, every write names its user, organisation
/// and role in headers, and a write without them is refused before any handler runs.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public const string UserHeader = "X-Ledger-User";
    public const string OrganisationHeader = "X-Ledger-Org";
    public const string RoleHeader = "X-Ledger-Role";
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string JurisdictionHeader = "X-Ledger-Jurisdiction";
    private static readonly object ActorKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var actor = Read(context.Request.Headers, out var problems);
        if (actor is not null) context.Items[ActorKey] = actor;

        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (isWrite && context.Request.Path.StartsWithSegments("/api") && actor is null)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An actor is required",
                detail: "Every write names the acting user, organisation and role: " + string.Join("; ", problems),
                extensions: new Dictionary<string, object?> { ["code"] = "actor-required" }).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    public static Actor? Current(HttpContext context) => context.Items.TryGetValue(ActorKey, out var a) ? (Actor?)a : null;

    private static Actor? Read(IHeaderDictionary headers, out List<string> problems)
    {
        problems = [];
        var user = headers[UserHeader].ToString().Trim();
        var org = headers[OrganisationHeader].ToString().Trim();
        var roleText = headers[RoleHeader].ToString().Trim();
        if (user.Length is 0 or > 100) problems.Add($"{UserHeader} is missing or longer than 100 characters");
        if (org.Length is 0 or > 100) problems.Add($"{OrganisationHeader} is missing or longer than 100 characters");
        if (!TryParseRole(roleText, out var role))
            problems.Add($"{RoleHeader} must be one of {string.Join(", ", Enum.GetValues<ActorRole>().Select(JsonNames.Kebab))}");
        var jurisdiction = headers[JurisdictionHeader].ToString().Trim();
        if (jurisdiction.Length > 50) problems.Add($"{JurisdictionHeader} is longer than 50 characters");
        return problems.Count == 0 ? new Actor(user, org, role, jurisdiction.Length == 0 ? null : jurisdiction) : null;
    }

    private static bool TryParseRole(string text, out ActorRole role)
    {
        foreach (var candidate in Enum.GetValues<ActorRole>())
        {
            if (string.Equals(JsonNames.Kebab(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}

/// <summary>Puts the acting user, organisation, role and correlation id on every event a write appends.</summary>
public static class ActorStamp
{
    public static void Before(HttpContext context, IDocumentSession session)
    {
        var actor = ActorMiddleware.Current(context);
        if (actor is not null) Stamp(session, actor);
        session.CorrelationId = CorrelationId(context);
    }

    /// <summary>For writes that open their own sessions, such as bulk imports committing batch by batch.</summary>
    public static void Stamp(IDocumentSession session, Actor actor)
    {
        session.LastModifiedBy = actor.UserId;
        session.SetHeader("actor-user", actor.UserId);
        session.SetHeader("actor-org", actor.OrganisationId);
        session.SetHeader("actor-role", JsonNames.Kebab(actor.Role));
        if (actor.Jurisdiction is not null) session.SetHeader("actor-jurisdiction", actor.Jurisdiction);
    }

    public static string CorrelationId(HttpContext context)
    {
        var correlation = context.Request.Headers[ActorMiddleware.CorrelationHeader].ToString();
        return correlation.Length is > 0 and <= 100 ? correlation : context.TraceIdentifier;
    }
}
