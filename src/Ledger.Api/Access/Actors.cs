using Ledger.Domain.Actors;
using Marten;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// Turns the authenticated identity (a bearer token, or the development headers) into the request's <see cref="Actor"/>.
/// Who may call what is decided before this runs, by the roles each endpoint declares.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private static readonly object ActorKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && ActorClaims.From(context.User, out _) is { } actor)
            context.Items[ActorKey] = actor;
        await next(context);
    }

    public static Actor? Current(HttpContext context) => context.Items.TryGetValue(ActorKey, out var a) ? (Actor?)a : null;

    /// <summary>For endpoints whose roles the authorization middleware has already checked: an actor is always there.</summary>
    public static Actor Required(HttpContext context) =>
        Current(context) ?? throw new InvalidOperationException("an endpoint that declares roles runs only for an authenticated actor");
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
        foreach (var (name, value) in Headers(actor)) session.SetHeader(name, value);
    }

    /// <summary>The event headers naming the actor; the staged certificate import writes the same ones without a session.</summary>
    public static IEnumerable<(string Name, string Value)> Headers(Actor actor)
    {
        yield return (EventHeaders.User, actor.UserId);
        yield return (EventHeaders.Organisation, actor.OrganisationId);
        yield return (EventHeaders.Role, JsonNames.Kebab(actor.Role));
        if (actor.Jurisdiction is not null) yield return (EventHeaders.Jurisdiction, actor.Jurisdiction);
        if (actor.EnterpriseId is { } enterprise) yield return (EventHeaders.Enterprise, enterprise.ToString());
        if (actor.InstitutionId is { } institution) yield return (EventHeaders.Institution, institution.ToString());
    }

    public static string CorrelationId(HttpContext context)
    {
        var correlation = context.Request.Headers[ActorMiddleware.CorrelationHeader].ToString();
        return correlation.Length is > 0 and <= 100 ? correlation : context.TraceIdentifier;
    }
}
