using NodaTime;

namespace Ledger.Domain.Actors;

/// <summary>
/// An auditor read a person file or a claim: who, when and why. Kept on the subject's access stream so the record of
/// reads is as append-only as the data read; it names the subject by id only, never by ID number.
/// </summary>
[EventSchema(1)]
public sealed record AuditorRead(string Subject, Guid SubjectId, string Reason, string UserId, string OrganisationId, string? Jurisdiction, Instant At);

/// <summary>
/// Someone was shown a person's full ID number (and mobile): who, when, why. Like <see cref="AuditorRead"/> it lives on the
/// person's access stream and names the person by id only, so the record of the disclosure discloses nothing.
/// </summary>
[EventSchema(1)]
public sealed record FullIdNumberRead(Guid PersonId, string Reason, string UserId, string OrganisationId, string Role, string? Jurisdiction, Instant At);

/// <summary>
/// An auditor read something other than one person file or claim (a list, a report, a certificate, an export): who, from
/// which organisation, when, which route with which pseudonymous ids, and why. The path keeps only GUIDs and the query only
/// values that cannot be personal data (dates, codes, numbers), so the record of the read discloses nothing it read.
/// </summary>
[EventSchema(1)]
public sealed record AuditorRouteRead(string Method, string Route, string Path, string? Query, string Reason, string UserId, string OrganisationId,
    string? Jurisdiction, Instant At);

/// <summary>
/// A console session was ended: from now on the token it was signed in with is refused wherever it is presented, until it
/// expires. Kept on a stream named by a hash of the token, so ending the session stores no usable credential.
/// </summary>
[EventSchema(1)]
public sealed record SessionEnded(string UserId, string OrganisationId, string Role, Instant TokenExpires, Instant At);

/// <summary>
/// The records of access an actor leaves: nothing is decided (every such read or sign-out is recorded), but the record names
/// the actor the same way everywhere, by user, organisation, role and jurisdiction, never by anything it read.
/// </summary>
public static class AccessRecord
{
    public static AuditorRead Read(Actor actor, string subject, Guid subjectId, string reason, Instant at) =>
        new(subject, subjectId, reason, actor.UserId, actor.OrganisationId, actor.Jurisdiction, at);

    /// <param name="maskedPath">The request path with every segment that could be personal data masked (the route's own words and GUIDs kept).</param>
    /// <param name="maskedQuery">Only query values that cannot be personal data, or null.</param>
    public static AuditorRouteRead RouteRead(Actor actor, string method, string route, string maskedPath, string? maskedQuery, string reason, Instant at) =>
        new(method, route, maskedPath, maskedQuery, reason, actor.UserId, actor.OrganisationId, actor.Jurisdiction, at);

    public static FullIdNumberRead IdNumberShown(Actor actor, Guid personId, string reason, Instant at) =>
        new(personId, reason, actor.UserId, actor.OrganisationId, RoleCode(actor.Role), actor.Jurisdiction, at);

    public static SessionEnded SessionEnd(Actor actor, Instant tokenExpires, Instant at) =>
        new(actor.UserId, actor.OrganisationId, RoleCode(actor.Role), tokenExpires, at);

    /// <summary>The role as the API writes it (kebab-case), so a record reads the same as the token that made it.</summary>
    public static string RoleCode(ActorRole role) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());
}
