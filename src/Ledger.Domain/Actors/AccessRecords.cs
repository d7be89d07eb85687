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
