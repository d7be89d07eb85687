using NodaTime;

namespace Ledger.Domain.Persons;

public sealed record Person(
    Guid Id,
    string IdNumber,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    string? Mobile,
    LocalDate RegisteredOn)
{
    public long Version { get; init; }

    public static Person Create(PersonRegistered e) =>
        new(e.PersonId, e.IdNumber, e.Name, e.BirthDate, e.Sex, e.Education, e.HukouDistrict, e.Mobile, e.RegisteredOn);

    public Person Apply(PersonEducationRecorded e) => this with { Education = e.Education };
}
