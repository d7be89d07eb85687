using NodaTime;

namespace Ledger.Domain.Persons;

public interface IPersonEvent
{
    Guid PersonId { get; }
}

// The raw ID number stays in the event: it is the fact registered. Responses mask it, logs never see it,
// and its stream id is a keyed hash of it (PersonPseudonym), so URLs and ids carry no personal data.
public sealed record PersonRegistered(
    Guid PersonId,
    string IdNumber,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    string? Mobile,
    LocalDate RegisteredOn) : IPersonEvent;

public sealed record PersonEducationRecorded(
    Guid PersonId,
    EducationLevel Education,
    string Evidence,
    LocalDate RecordedOn,
    string Reason) : IPersonEvent;
