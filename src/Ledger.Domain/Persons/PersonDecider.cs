using NodaTime;

namespace Ledger.Domain.Persons;

/// <summary>A person registered from an ID card: the number and mobile arrive sealed, since sealing draws a random nonce.</summary>
public sealed record RegisterPerson(Guid PersonId, SealedValue IdNumber, string IdNumberMasked, LocalDate BirthDate, Sex Sex, string Name,
    EducationLevel Education, string HukouDistrict, SealedValue? Mobile, string? MobileMasked, LocalDate RegisteredOn);

public sealed record RecordEducation(EducationLevel Education, string Evidence, LocalDate RecordedOn, string Reason);

public sealed record RecordSocialInsurance(string Region, string EmployerCreditCode, IReadOnlyList<YearMonth> Months, string Source);

/// <summary>The person's own facts: registration, and the eligibility facts the authorities that hold them record.</summary>
public static class PersonDecider
{
    public static PersonRegistered Decide(RegisterPerson c) =>
        new(c.PersonId, c.IdNumber, c.IdNumberMasked, c.Name, c.BirthDate, c.Sex, c.Education, c.HukouDistrict, c.Mobile, c.MobileMasked, c.RegisteredOn);

    public static PersonEducationRecorded Decide(RecordEducation c, Person person) =>
        new(person.Id, c.Education, c.Evidence, c.RecordedOn, c.Reason);

    /// <summary>Months already recorded for a region are not recorded again; a report of nothing new records nothing.</summary>
    public static SocialInsuranceMonthsRecorded[] Decide(RecordSocialInsurance c, Person person)
    {
        var months = c.Months.Distinct().Order().ToList();
        return months.All(m => person.SocialInsurance.Any(s => s.Region == c.Region && s.Month == m))
            ? []
            : [new SocialInsuranceMonthsRecorded(person.Id, c.Region, c.EmployerCreditCode, months, c.Source)];
    }
}
