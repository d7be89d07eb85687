using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Persons;

/// <summary>
/// The person's own facts. PersonDecider enforces no rule id (the ID number's check character and birth date are validated before,
/// ResidentIdNumberTests); what it decides is what is kept: the sealed number with its mask, and social-insurance months once each.
/// </summary>
public sealed class PersonDeciderRuleTests
{
    private static readonly PersonalDataCipher Cipher = new([("k1", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())]);

    private static Person Registered() => Person.Create(PersonDecider.Decide(new RegisterPerson(Guid.NewGuid(), new SealedValue("k1", "sealed-id"), "120***********0011",
        new LocalDate(1990, 1, 1), Sex.Female, "王芳", EducationLevel.JuniorSecondary, "天津市蓟州区", null, null, new LocalDate(2021, 1, 4))));

    [Fact]
    public void registration_keeps_the_id_number_and_mobile_only_sealed_beside_their_masks()
    {
        ResidentIdNumber.TryParse("11010519491231002X", new LocalDate(2021, 1, 4), out var id, out _).ShouldBeTrue();
        var personId = Guid.NewGuid();
        var registered = PersonRegistered.Of(Cipher, personId, id!, "张伟", EducationLevel.Bachelor, "北京市朝阳区", "13800138000", new LocalDate(2021, 1, 4));

        (registered.PersonId, registered.Name, registered.BirthDate, registered.Sex, registered.IdNumberMasked, registered.MobileMasked)
            .ShouldBe((personId, "张伟", new LocalDate(1949, 12, 31), Sex.Female, id!.Masked, Masking.Mobile("13800138000")));
        registered.IdNumber.ToString().ShouldNotContain("11010519491231002X");
        Cipher.Open(registered.IdNumber, PersonalDataCipher.IdNumberPurpose, personId).ShouldBe("11010519491231002X");
        Cipher.Open(registered.Mobile!, PersonalDataCipher.MobilePurpose, personId).ShouldBe("13800138000");
        PersonRegistered.Of(Cipher, personId, id!, "张伟", EducationLevel.Bachelor, "北京市朝阳区", null, new LocalDate(2021, 1, 4)).Mobile.ShouldBeNull();
    }

    [Fact]
    public void an_education_record_replaces_the_level_the_gates_read()
    {
        // The level JZ-EDU-01 / HLJ-EDU-01 read at issue (CertificateDeciderRuleTests) is the latest recorded one.
        var person = Registered();
        var recorded = PersonDecider.Decide(new RecordEducation(EducationLevel.SecondaryVocational, "中职毕业证 2008", new LocalDate(2021, 2, 1), "补录学历"), person);
        (recorded.PersonId, recorded.Education, recorded.Evidence, recorded.RecordedOn).ShouldBe((person.Id, EducationLevel.SecondaryVocational, "中职毕业证 2008", new LocalDate(2021, 2, 1)));
        person.Apply(recorded).Education.IsSeniorSecondaryOrAbove().ShouldBeTrue();
    }

    [Fact]
    public void social_insurance_months_are_recorded_once_per_region_and_a_report_of_nothing_new_records_nothing()
    {
        // JZ-SUB-01 counts months of local social insurance ("在本区缴纳社会保险满3个月的外埠人员"), so a month reported twice must count once.
        var person = Registered();
        var months = new[] { new YearMonth(2021, 3), new YearMonth(2021, 1), new YearMonth(2021, 2), new YearMonth(2021, 1) };
        var recorded = PersonDecider.Decide(new RecordSocialInsurance("tj-jizhou", "91120225000000001X", months, "区人社局"), person).ShouldHaveSingleItem();
        recorded.Months.ShouldBe([new YearMonth(2021, 1), new YearMonth(2021, 2), new YearMonth(2021, 3)]);
        var insured = person.Apply(recorded);

        PersonDecider.Decide(new RecordSocialInsurance("tj-jizhou", "91120225000000001X", [new YearMonth(2021, 2)], "区人社局"), insured).ShouldBeEmpty();
        // The same month in another region is another fact.
        PersonDecider.Decide(new RecordSocialInsurance("hlj", "91230100MA1B2C3D4E", [new YearMonth(2021, 2)], "省人社厅"), insured).ShouldHaveSingleItem();
        // A report with one new month records the report; the person folds in only the new month.
        var mixed = PersonDecider.Decide(new RecordSocialInsurance("tj-jizhou", "91120225000000001X", [new YearMonth(2021, 3), new YearMonth(2021, 4)], "区人社局"), insured).Single();
        insured.Apply(mixed).SocialInsurance.Count(m => m.Region == "tj-jizhou").ShouldBe(4);
    }
}
