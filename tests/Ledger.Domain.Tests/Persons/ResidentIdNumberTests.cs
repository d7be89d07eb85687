using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Persons;

// Rule: rules.md 6.1 (GB 11643-1999).
public sealed class ResidentIdNumberTests
{
    private static readonly LocalDate Today = new(2026, 1, 31);

    // The worked example printed in GB 11643-1999.
    private const string StandardExample = "11010519491231002X";

    [Fact]
    public void standard_example_parses_as_a_woman_born_1949_12_31()
    {
        var id = Parse(StandardExample);

        id.Value.ShouldBe(StandardExample);
        id.BirthDate.ShouldBe(new LocalDate(1949, 12, 31));
        id.Sex.ShouldBe(Sex.Female);
        id.AddressCode.ShouldBe("110105");
    }

    [Theory]
    [InlineData("120225", "19850615", "123", Sex.Male)]     // 蓟县 code: retired in 2016 yet still valid in old numbers
    [InlineData("230102", "20000229", "046", Sex.Female)]   // leap day
    [InlineData("450103", "19900101", "001", Sex.Male)]
    [InlineData("370881", "20080131", "998", Sex.Female)]
    [InlineData("810000", "19751010", "555", Sex.Male)]     // Hong Kong residence permit uses the same format
    public void generated_numbers_with_a_correct_check_character_parse(string address, string birth, string sequence, Sex sex)
    {
        var first17 = address + birth + sequence;
        var raw = first17 + IndependentCheckCharacter(first17);

        var id = Parse(raw);

        id.Value.ShouldBe(raw);
        id.AddressCode.ShouldBe(address);
        id.BirthDate.ToString("yyyyMMdd", null).ShouldBe(birth);
        id.Sex.ShouldBe(sex);
    }

    [Fact]
    public void compute_check_character_agrees_with_the_recursive_form_of_iso_7064()
    {
        ResidentIdNumber.ComputeCheckCharacter(StandardExample[..17]).ShouldBe("X");
        foreach (var first17 in SampleFirst17s())
        {
            ResidentIdNumber.ComputeCheckCharacter(first17).ShouldBe(IndependentCheckCharacter(first17));
        }
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021X")]
    [InlineData("１１０１０５１９４９１２３１００２")]
    public void compute_check_character_rejects_anything_but_17_ascii_digits(string first17) =>
        Should.Throw<ArgumentException>(() => ResidentIdNumber.ComputeCheckCharacter(first17));

    [Fact]
    public void input_is_trimmed_and_a_lower_case_x_normalised()
    {
        var id = Parse("  11010519491231002x\t");

        id.Value.ShouldBe(StandardExample);
    }

    [Fact]
    public void odd_17th_digit_means_male()
    {
        var first17 = "11010519491231001";
        Parse(first17 + IndependentCheckCharacter(first17)).Sex.ShouldBe(Sex.Male);
    }

    [Fact]
    public void masked_keeps_the_first_3_and_last_4_characters()
    {
        var id = Parse(StandardExample);

        id.Masked.ShouldBe("110***********002X");
    }

    [Fact]
    public void to_string_never_shows_the_raw_number()
    {
        var id = Parse(StandardExample);

        id.ToString().ShouldBe("110***********002X");
        $"{id}".ShouldNotContain("19491231");
    }

    [Fact]
    public void equal_numbers_are_equal_values()
    {
        Parse(StandardExample).ShouldBe(Parse(" 11010519491231002x"));
    }

    [Fact]
    public void wrong_check_character_is_rejected_without_revealing_the_expected_one()
    {
        var error = ParseError("110105194912310021");

        error.ShouldBe("Check character does not match (GB 11643).");
        error.ShouldNotContain("X");
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("1")]
    public void wrong_length_is_rejected_with_the_length_found(string input)
    {
        ParseError(input).ShouldBe($"ID number must be 18 characters long, not {input.Length}.");
    }

    [Fact]
    public void fifteen_digit_first_generation_numbers_are_rejected_as_obsolete()
    {
        ParseError("110105491231002").ShouldContain("first-generation");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void missing_input_is_rejected(string? input)
    {
        ParseError(input).ShouldBe("ID number is empty.");
    }

    [Theory]
    [InlineData("1101A519491231002X", 5)]
    [InlineData("X1010519491231002X", 1)]
    [InlineData("1101051949123100X2", 17)]
    [InlineData("11010519491231００2X", 15)]
    public void letters_and_non_ascii_digits_are_rejected_with_their_position(string input, int position)
    {
        ParseError(input).ShouldBe(
            $"ID number must be 17 digits followed by a digit or X; character {position} is not a digit.");
    }

    [Fact]
    public void a_last_character_other_than_digit_or_x_is_rejected()
    {
        ParseError("11010519491231002Y").ShouldBe(
            "ID number must be 17 digits followed by a digit or X; the last character is neither.");
    }

    [Theory]
    [InlineData("19991340")]
    [InlineData("19990229")]   // 1999 is not a leap year
    [InlineData("20000431")]
    [InlineData("20000001")]
    [InlineData("20000100")]
    public void impossible_birth_dates_are_rejected(string birth)
    {
        ParseError(WithValidCheck("110105" + birth + "002")).ShouldBe("Birth date (characters 7-14) is not a real calendar date.");
    }

    [Fact]
    public void birth_date_after_today_is_rejected()
    {
        ParseError(WithValidCheck("110105" + "20260201" + "002")).ShouldBe("Birth date (characters 7-14) is in the future.");
    }

    [Fact]
    public void birth_date_today_is_accepted()
    {
        Parse(WithValidCheck("110105" + "20260131" + "002")).BirthDate.ShouldBe(Today);
    }

    [Fact]
    public void birth_date_before_1900_is_rejected()
    {
        ParseError(WithValidCheck("110105" + "18991231" + "002")).ShouldBe("Birth date (characters 7-14) is before 1900.");
    }

    [Fact]
    public void errors_never_echo_the_input()
    {
        var input = WithValidCheck("110105" + "20991231" + "002");

        ParseError(input).ShouldNotContain("2099");
    }

    private static ResidentIdNumber Parse(string input)
    {
        ResidentIdNumber.TryParse(input, Today, out var id, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
        return id.ShouldNotBeNull();
    }

    private static string ParseError(string? input)
    {
        ResidentIdNumber.TryParse(input, Today, out var id, out var error).ShouldBeFalse();
        id.ShouldBeNull();
        return error.ShouldNotBeNull();
    }

    private static string WithValidCheck(string first17) => first17 + IndependentCheckCharacter(first17);

    private static IEnumerable<string> SampleFirst17s()
    {
        var random = new Random(11643);
        for (var n = 0; n < 200; n++)
        {
            yield return string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
        }
    }

    // ISO 7064 MOD 11-2 in its recursive form, written independently of the weighted sum used in production,
    // so the two implementations check each other.
    private static string IndependentCheckCharacter(string first17)
    {
        var p = 0;
        foreach (var c in first17)
        {
            p = (p + (c - '0')) * 2 % 11;
        }

        var check = (12 - p) % 11;
        return check == 10 ? "X" : check.ToString();
    }
}
