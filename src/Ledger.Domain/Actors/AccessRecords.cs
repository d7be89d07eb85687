using NodaTime;

namespace Ledger.Domain.Actors;

/// <summary>
/// An auditor read a person file or a claim: who, when and why. Kept on the subject's access stream so the record of
/// reads is as append-only as the data read; it names the subject by id only, never by ID number.
/// </summary>
public sealed record AuditorRead(string Subject, Guid SubjectId, string Reason, string UserId, string OrganisationId, string? Jurisdiction, Instant At);

/// <summary>
/// Someone was shown a person's full ID number (and mobile): who, when, why. Like <see cref="AuditorRead"/> it lives on the
/// person's access stream and names the person by id only, so the record of the disclosure discloses nothing.
/// </summary>
public sealed record FullIdNumberRead(Guid PersonId, string Reason, string UserId, string OrganisationId, string Role, string? Jurisdiction, Instant At);
