using CsCheck;
using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Persons;

// Rule: rules.md 6.1 (GB 11643-1999), checked over generated numbers rather than hand-picked ones.
public sealed class ResidentIdNumberPropertyTests
{
    private static readonly LocalDate Today = new(2026, 1, 31);
    private const string CheckCharacters = "0123456789X";
    private const int Iterations = 2000;

    private static Gen<string> DigitString(int length) => Gen.Char['0', '9'].Array[length, length].Select(a => new string(a));

    private static readonly Gen<LocalDate> BirthDate =
        Gen.Int[0, Period.Between(new LocalDate(1900, 1, 1), Today, PeriodUnits.Days).Days].Select(d => new LocalDate(1900, 1, 1).PlusDays(d));

    /// <summary>A 17-digit prefix with a real birth date, its birth date and the sex its sequence digit encodes.</summary>
    private static readonly Gen<(string First17, LocalDate Birth, Sex Sex)> Prefix =
        Gen.Select(DigitString(6), BirthDate, DigitString(3))
            .Select((address, birth, sequence) => (address + birth.ToString("yyyyMMdd", null) + sequence, birth,
                (sequence[2] - '0') % 2 == 1 ? Sex.Male : Sex.Female));

    [Fact]
    public void a_real_birth_date_and_the_computed_check_character_parse_and_every_other_check_character_is_refused() =>
        Prefix.Sample(p =>
        {
            var check = ResidentIdNumber.ComputeCheckCharacter(p.First17);
            ResidentIdNumber.TryParse(p.First17 + check, Today, out _, out var error).ShouldBeTrue(error);
            foreach (var other in CheckCharacters.Where(c => c.ToString() != check))
            {
                ResidentIdNumber.TryParse(p.First17 + other, Today, out _, out error).ShouldBeFalse();
                error.ShouldBe("Check character does not match (GB 11643).");
            }
        }, iter: Iterations);

    [Fact]
    public void whatever_parses_round_trips_its_birth_date_and_sex() =>
        Gen.Select(Prefix, Gen.Char[" \t"].Array[0, 2].Select(a => new string(a)), Gen.Bool).Sample((p, padding, lower) =>
        {
            var raw = p.First17 + ResidentIdNumber.ComputeCheckCharacter(p.First17);
            var input = padding + (lower ? raw.ToLowerInvariant() : raw) + padding;

            ResidentIdNumber.TryParse(input, Today, out var id, out _).ShouldBeTrue();
            id.Value.ShouldBe(raw);
            id.BirthDate.ShouldBe(p.Birth);
            id.Sex.ShouldBe(p.Sex);
            ResidentIdNumber.TryParse(id.Value, Today, out var again, out _).ShouldBeTrue();
            again.ShouldBe(id);
        }, iter: Iterations);

    /// <summary>Arbitrary text, and text shaped almost like a number, where a careless message would quote it.</summary>
    private static readonly Gen<string?> Hostile = Gen.OneOf(
        Gen.String.Select(s => (string?)s),
        Gen.String[0, 40].Select(s => (string?)s),
        Gen.Int[0, 25].SelectMany(DigitString).Select(s => (string?)s),
        Gen.Select(DigitString(17), Gen.Char).Select((d, c) => (string?)(d + c)),
        Gen.Select(Prefix, Gen.Int[0, 17], Gen.Char).Select((p, at, c) =>
        {
            var raw = p.First17 + ResidentIdNumber.ComputeCheckCharacter(p.First17);
            return (string?)(raw[..at] + c + raw[(at + 1)..]);
        }),
        Gen.Const((string?)null));

    [Fact]
    public void arbitrary_text_never_throws_and_a_refusal_never_quotes_the_input() =>
        Hostile.Sample(input =>
        {
            if (ResidentIdNumber.TryParse(input, Today, out _, out var error)) return;
            error.ShouldNotBeNullOrWhiteSpace();
            QuotesInput(error, input).ShouldBeFalse(error);
        }, iter: Iterations);

    /// <summary>
    /// Any six consecutive characters of the input found in the message count as quoting it; shorter runs
    /// (a length, a position) say nothing about the number.
    /// </summary>
    internal static bool QuotesInput(string error, string? input)
    {
        var text = input?.Trim() ?? "";
        for (var i = 0; i + 6 <= text.Length; i++)
            if (error.Contains(text.Substring(i, 6), StringComparison.Ordinal)) return true;
        return false;
    }
}
