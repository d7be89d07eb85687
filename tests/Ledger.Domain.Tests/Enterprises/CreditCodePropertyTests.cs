using CsCheck;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Tests.Persons;
using Shouldly;

namespace Ledger.Domain.Tests.Enterprises;

// Rule: rules.md 6.2 (GB 32100-2015), checked over generated codes rather than hand-picked ones.
public sealed class CreditCodePropertyTests
{
    private const string Symbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const int Iterations = 2000;

    private static Gen<string> From(string alphabet, int length) => Gen.Char[alphabet].Array[length, length].Select(a => new string(a));

    /// <summary>Registration authority and category, a six-digit division code, then the nine-symbol organisation code.</summary>
    private static readonly Gen<string> First17 =
        Gen.Select(From(Symbols, 2), From("0123456789", 6), From(Symbols, 9)).Select((head, division, body) => head + division + body);

    [Fact]
    public void the_computed_check_character_parses_and_every_other_check_character_is_refused() =>
        First17.Sample(first17 =>
        {
            var check = CreditCode.ComputeCheckCharacter(first17);
            CreditCode.TryParse(first17 + check, out _, out var error).ShouldBeTrue(error);
            foreach (var other in Symbols.Where(c => c != check))
            {
                CreditCode.TryParse(first17 + other, out _, out error).ShouldBeFalse();
                error.ShouldBe("Check character does not match (GB 32100).");
            }
        }, iter: Iterations);

    [Fact]
    public void whatever_parses_round_trips_its_authority_and_division() =>
        Gen.Select(First17, Gen.Char[" \t"].Array[0, 2].Select(a => new string(a)), Gen.Bool).Sample((first17, padding, lower) =>
        {
            var raw = first17 + CreditCode.ComputeCheckCharacter(first17);
            CreditCode.TryParse(padding + (lower ? raw.ToLowerInvariant() : raw) + padding, out var code, out _).ShouldBeTrue();
            code.Value.ShouldBe(raw);
            code.RegistrationAuthority.ShouldBe(raw[..1]);
            code.DivisionCode.ShouldBe(raw[2..8]);
            CreditCode.TryParse(code.Value, out var again, out _).ShouldBeTrue();
            again.ShouldBe(code);
        }, iter: Iterations);

    private static readonly Gen<string?> Hostile = Gen.OneOf(
        Gen.String.Select(s => (string?)s),
        Gen.Int[0, 25].SelectMany(n => From(Symbols + "IOZSVaz-", n)).Select(s => (string?)s),
        Gen.Select(First17, Gen.Int[0, 17], Gen.Char).Select((f, at, c) =>
        {
            var raw = f + CreditCode.ComputeCheckCharacter(f);
            return (string?)(raw[..at] + c + raw[(at + 1)..]);
        }),
        Gen.Const((string?)null));

    [Fact]
    public void arbitrary_text_never_throws_and_a_refusal_never_quotes_the_input() =>
        Hostile.Sample(input =>
        {
            if (CreditCode.TryParse(input, out _, out var error)) return;
            error.ShouldNotBeNullOrWhiteSpace();
            ResidentIdNumberPropertyTests.QuotesInput(error, input).ShouldBeFalse(error);
        }, iter: Iterations);
}
