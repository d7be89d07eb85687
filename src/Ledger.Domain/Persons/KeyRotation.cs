using Ledger.Domain.Claims;
using NodaTime;

namespace Ledger.Domain.Persons;

/// <summary>
/// Moving sealed personal data onto the current key. Events are never edited: a record sealed under an older key gets one
/// new event carrying its values sealed again; one already on the current key gets none.
/// </summary>
public static class KeyRotation
{
    public static PersonalDataResealed? Reseal(Person person, PersonalDataCipher cipher, LocalDate on)
    {
        if (person.IdNumber.KeyId == cipher.CurrentKeyId && (person.Mobile is null || person.Mobile.KeyId == cipher.CurrentKeyId)) return null;
        return new PersonalDataResealed(person.Id, cipher.Reseal(person.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id),
            person.Mobile is null ? null : cipher.Reseal(person.Mobile, PersonalDataCipher.MobilePurpose, person.Id), on);
    }

    public static ClaimHandlerMobileResealed? Reseal(Claim claim, PersonalDataCipher cipher, LocalDate on) =>
        claim.Form.HandlerMobileSealed is not { } sealedMobile || sealedMobile.KeyId == cipher.CurrentKeyId
            ? null
            : new ClaimHandlerMobileResealed(claim.Id, cipher.Reseal(sealedMobile, PersonalDataCipher.HandlerMobilePurpose, claim.Id), on);
}
