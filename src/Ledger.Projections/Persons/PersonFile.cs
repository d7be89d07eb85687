using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Ledger.Projections.Certificates;
using Marten;
using NodaTime;

namespace Ledger.Projections.Persons;

public sealed record PersonFileCertificate(
    Guid CertificateId,
    string Number,
    string Kind,
    string? WorkType,
    LocalDate IssuedOn,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    CertificateStatus Status,
    Guid? Supersedes,
    Guid? SupersededBy,
    long Version);

/// <summary>一人一档: the person's identity (ID number masked), certificates with their status, and one timeline.</summary>
public sealed record PersonFile(
    Guid PersonId,
    string IdNumberMasked,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    string? MobileMasked,
    long Version,
    Instant? AsOf,
    LocalDate StatusOn,
    IReadOnlyList<PersonFileCertificate> Certificates,
    IReadOnlyList<RecordedEvent> Timeline);

public static class PersonFiles
{
    /// <summary>
    /// Rebuilt from the events on every read, so "now" and "as the ledger knew it at instant T" are the same
    /// code path: an as-of read just ignores events recorded after T.
    /// </summary>
    public static async Task<PersonFile?> LoadAsync(IQuerySession session, Guid personId, Instant? asOf, LocalDate statusOn, CancellationToken ct)
    {
        var timestamp = asOf?.ToDateTimeOffset();
        var personEvents = await session.Events.FetchStreamAsync(personId, timestamp: timestamp, token: ct);
        var person = Fold.Person(personEvents);
        if (person is null) return null;

        var certificateIds = await session.Query<Certificate>().Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        var certificates = new List<PersonFileCertificate>();
        var timeline = personEvents.Select(EventFacts.Describe).ToList();
        foreach (var id in certificateIds)
        {
            var events = await session.Events.FetchStreamAsync(id, timestamp: timestamp, token: ct);
            var certificate = Fold.Certificate(events);
            if (certificate is null) continue;
            certificates.Add(new PersonFileCertificate(
                certificate.Id, certificate.Number, certificate.Kind, certificate.WorkType, certificate.IssuedOn,
                certificate.ValidUntil, certificate.NextReviewDue, certificate.StatusOn(statusOn),
                certificate.Supersedes, certificate.SupersededBy, certificate.Version));
            timeline.AddRange(events.Select(EventFacts.Describe));
        }

        return new PersonFile(
            person.Id,
            Masking.IdNumber(person.IdNumber),
            person.Name,
            person.BirthDate,
            person.Sex,
            person.Education,
            person.HukouDistrict,
            person.Mobile is null ? null : Masking.Mobile(person.Mobile),
            person.Version,
            asOf,
            statusOn,
            certificates.OrderBy(c => c.IssuedOn).ToList(),
            timeline.OrderBy(t => t.Sequence).ToList());
    }
}
