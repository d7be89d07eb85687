using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Ledger.Domain.Persons;

// Explicit values: events store enums as numbers unless told otherwise, so reordering must not change meaning.
public enum Sex
{
    Male = 0,
    Female = 1,
}

/// <summary>
/// An 18-character resident identity number (公民身份号码) as defined by GB 11643-1999 (rules.md 6.1).
/// The same format serves the residence permits of Hong Kong, Macao and Taiwan residents (address codes 81/82/83).
/// The address code is where the number was assigned, not the current hukou, so it is no evidence of residence.
/// </summary>
public sealed record ResidentIdNumber
{
    public const int Length = 18;

    private static readonly LocalDate EarliestBirthDate = new(1900, 1, 1);
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private ResidentIdNumber(string value, LocalDate birthDate, Sex sex)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
    }

    /// <summary>The normalised number: no surrounding whitespace, check character <c>X</c> in upper case.</summary>
    public string Value { get; }

    public LocalDate BirthDate { get; }

    public Sex Sex { get; }

    /// <summary>The GB/T 2260 division code in force when the number was assigned; codes change over time.</summary>
    public string AddressCode => Value[..6];

    /// <summary>Enough to tell two people apart on a screen or in a log, not enough to reconstruct the number.</summary>
    public string Masked => Masking.IdNumber(Value);

    // Records print every property; masking here keeps a raw number out of logs and exception messages.
    public override string ToString() => Masked;

    /// <summary>
    /// Parses and validates <paramref name="input"/>. <paramref name="today"/> bounds the birth date, so the result
    /// depends only on the arguments. On failure <paramref name="error"/> says what is wrong without echoing the number.
    /// </summary>
    public static bool TryParse(
        string? input,
        LocalDate today,
        [NotNullWhen(true)] out ResidentIdNumber? id,
        [NotNullWhen(false)] out string? error)
    {
        id = null;
        error = Validate(input?.Trim(), today, out var normalised, out var birthDate);
        if (error is not null)
        {
            return false;
        }

        var sex = (normalised![16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        id = new ResidentIdNumber(normalised, birthDate, sex);
        return true;
    }

    /// <summary>
    /// The ISO 7064 MOD 11-2 check character for the first 17 digits: a digit or <c>X</c>.
    /// Public so that test-data generators produce numbers that pass <see cref="TryParse"/>.
    /// </summary>
    public static string ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1 || !first17.All(IsAsciiDigit))
        {
            throw new ArgumentException("Expected exactly 17 ASCII digits.", nameof(first17));
        }

        return CheckCharacterFor(first17).ToString();
    }

    private static string? Validate(string? trimmed, LocalDate today, out string? normalised, out LocalDate birthDate)
    {
        normalised = null;
        birthDate = default;

        if (string.IsNullOrEmpty(trimmed))
        {
            return "ID number is empty.";
        }

        if (trimmed.Length == 15)
        {
            return "15-digit first-generation ID numbers are no longer valid; 18 characters are required.";
        }

        if (trimmed.Length != Length)
        {
            return $"ID number must be 18 characters long, not {trimmed.Length}.";
        }

        var value = trimmed.ToUpperInvariant();
        for (var i = 0; i < Length - 1; i++)
        {
            if (!IsAsciiDigit(value[i]))
            {
                return $"ID number must be 17 digits followed by a digit or X; character {i + 1} is not a digit.";
            }
        }

        if (!IsAsciiDigit(value[Length - 1]) && value[Length - 1] != 'X')
        {
            return "ID number must be 17 digits followed by a digit or X; the last character is neither.";
        }

        var year = int.Parse(value.AsSpan(6, 4));
        var month = int.Parse(value.AsSpan(10, 2));
        var day = int.Parse(value.AsSpan(12, 2));
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return "Birth date (characters 7-14) is not a real calendar date.";
        }

        var date = new LocalDate(year, month, day);
        if (date < EarliestBirthDate)
        {
            return "Birth date (characters 7-14) is before 1900.";
        }

        if (date > today)
        {
            return "Birth date (characters 7-14) is in the future.";
        }

        // The expected character is deliberately not reported: it would turn this check into a forging aid.
        if (CheckCharacterFor(value.AsSpan(0, Length - 1)) != value[Length - 1])
        {
            return "Check character does not match (GB 11643).";
        }

        normalised = value;
        birthDate = date;
        return null;
    }

    private static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    // char.IsDigit accepts other scripts' digits (e.g. full-width ０), which the standard does not allow.
    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
}
