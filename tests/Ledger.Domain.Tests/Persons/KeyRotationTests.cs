using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Persons;

public sealed class KeyRotationTests
{
    private static readonly byte[] OldKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] NewKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
    private static readonly LocalDate Today = new(2026, 12, 3);

    private static Person Registered(PersonalDataCipher cipher, bool withMobile)
    {
        ResidentIdNumber.TryParse("11010519491231002X", Today, out var id, out _).ShouldBeTrue();
        var personId = Guid.NewGuid();
        return Person.Create(PersonRegistered.Of(cipher, personId, id!, "王芳", EducationLevel.SeniorSecondary, "北京市西城区", withMobile ? "13800138000" : null, Today));
    }

    [Fact]
    public void a_person_sealed_under_an_older_key_is_sealed_again_under_the_current_one_with_the_same_values()
    {
        var old = new PersonalDataCipher([("k1", OldKey)]);
        var person = Registered(old, withMobile: true);
        var rotated = new PersonalDataCipher([("k2", NewKey), ("k1", OldKey)]);

        var resealed = KeyRotation.Reseal(person, rotated, Today).ShouldNotBeNull();
        resealed.IdNumber.KeyId.ShouldBe("k2");
        resealed.Mobile!.KeyId.ShouldBe("k2");
        rotated.Open(resealed.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id).ShouldBe("11010519491231002X");
        rotated.Open(resealed.Mobile, PersonalDataCipher.MobilePurpose, person.Id).ShouldBe("13800138000");
        resealed.ResealedOn.ShouldBe(Today);
    }

    [Fact]
    public void a_person_already_on_the_current_key_gets_no_event()
    {
        var cipher = new PersonalDataCipher([("k2", NewKey)]);
        KeyRotation.Reseal(Registered(cipher, withMobile: true), cipher, Today).ShouldBeNull();
        KeyRotation.Reseal(Registered(cipher, withMobile: false), cipher, Today).ShouldBeNull();
    }
}
