using System.Diagnostics.CodeAnalysis;

namespace Ledger.Domain.Enterprises;

/// <summary>
/// A unified social credit code (统一社会信用代码) as defined by GB 32100-2015 (rules.md 6.2): 18 characters from
/// the 31 symbols <c>0-9</c> and <c>A-Z</c> without I, O, Z, S and V, ending in a GB/T 17710 MOD 31 check character.
/// </summary>
public sealed record CreditCode
{
    public const int Length = 18;

    // The symbol's position in this string is its numeric value (rules.md 6.2, step 1).
    private const string Symbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    /// <summary>The normalised code: upper case, no surrounding whitespace.</summary>
    public string Value { get; }

    /// <summary>Position 1: the registration authority (9 market regulation, 5 civil affairs, 1 institutional establishment, Y other, …).</summary>
    public string RegistrationAuthority => Value[..1];

    /// <summary>Positions 3-8: the GB/T 2260 administrative division of the registering authority.</summary>
    public string DivisionCode => Value.Substring(2, 6);

    public override string ToString() => Value;

    /// <summary>Parses and validates <paramref name="input"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out CreditCode? code,
        [NotNullWhen(false)] out string? error)
    {
        code = null;
        error = Validate(input?.Trim().ToUpperInvariant(), out var normalised);
        if (error is not null) return false;
        code = new CreditCode(normalised!);
        return true;
    }

    /// <summary>
    /// The check character for the first 17 characters. Public so that test-data generators produce codes that
    /// pass <see cref="TryParse"/>. Throws <see cref="ArgumentException"/> unless given 17 valid symbols.
    /// </summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1 || !first17.All(c => Symbols.Contains(c)))
            throw new ArgumentException("Expected exactly 17 characters from 0-9 and A-Z without I, O, Z, S and V.", nameof(first17));
        return CheckCharacterFor(first17);
    }

    private static string? Validate(string? value, out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrEmpty(value)) return "Unified social credit code is empty.";
        if (value.Length != Length) return $"Unified social credit code must be 18 characters long, not {value.Length}.";

        for (var i = 0; i < Length; i++)
        {
            var c = value[i];
            if (c is 'I' or 'O' or 'Z' or 'S' or 'V')
                return $"Unified social credit code may not contain I, O, Z, S or V (character {i + 1} is {c}).";
            if (!Symbols.Contains(c))
                return $"Unified social credit code may hold only digits and upper-case letters; character {i + 1} is neither.";
        }

        for (var i = 2; i < 8; i++)
        {
            if (value[i] is < '0' or > '9')
                return "Unified social credit code characters 3-8 must be the digits of an administrative division code.";
        }

        if (CheckCharacterFor(value.AsSpan(0, Length - 1)) != value[Length - 1])
            return "Check character does not match (GB 32100).";

        normalised = value;
        return null;
    }

    private static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            sum += Symbols.IndexOf(first17[i]) * Weights[i];
        }

        return Symbols[(31 - sum % 31) % 31];
    }
}
