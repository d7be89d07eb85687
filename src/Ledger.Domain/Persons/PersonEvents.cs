using NodaTime;

namespace Ledger.Domain.Persons;

public interface IPersonEvent
{
    Guid PersonId { get; }
}

// The ID number and mobile are the facts registered, so the event keeps them, but sealed (PersonalDataCipher): a
// database dump alone does not reveal them. The masked forms travel beside them for every screen that needs no more,
// and the stream id is a keyed hash of the number (StreamIdentity), which is how duplicates still collide.
[EventSchema(1)]
public sealed record PersonRegistered(
    Guid PersonId,
    SealedValue IdNumber,
    string IdNumberMasked,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    SealedValue? Mobile,
    string? MobileMasked,
    LocalDate RegisteredOn) : IPersonEvent
{
    /// <summary>The registration of an ID card's holder, its number and mobile sealed by the caller's cipher (not a decision: no rule applies).</summary>
    public static PersonRegistered Of(PersonalDataCipher cipher, Guid personId, ResidentIdNumber idNumber, string name, EducationLevel education,
        string hukouDistrict, string? mobile, LocalDate registeredOn) =>
        PersonDecider.Decide(new RegisterPerson(personId, cipher.Seal(idNumber.Value, PersonalDataCipher.IdNumberPurpose, personId), idNumber.Masked,
            idNumber.BirthDate, idNumber.Sex, name, education, hukouDistrict, mobile is null ? null : cipher.Seal(mobile, PersonalDataCipher.MobilePurpose, personId),
            mobile is null ? null : Masking.Mobile(mobile), registeredOn));
}

/// <summary>
/// The person's ID number and mobile sealed again under the current key (key rotation). Events are never edited, so
/// the registration keeps its old ciphertext; this later event is what readers open, and once every person has one
/// under the new key the old key can be retired.
/// </summary>
[EventSchema(1)]
public sealed record PersonalDataResealed(Guid PersonId, SealedValue IdNumber, SealedValue? Mobile, LocalDate ResealedOn) : IPersonEvent;

[EventSchema(1)]
public sealed record PersonEducationRecorded(
    Guid PersonId,
    EducationLevel Education,
    string Evidence,
    LocalDate RecordedOn,
    string Reason) : IPersonEvent;
