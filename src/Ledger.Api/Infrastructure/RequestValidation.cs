using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Infrastructure;

/// <summary>Thrown before anything is written; LedgerExceptionHandler turns it into a 400 naming every bad field.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors) : Exception("the request is invalid")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

public static class RequestValidation
{
    public static T Valid<T>(T? request, IValidator<T> validator) where T : class
    {
        if (request is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["body"] = ["a JSON object is required"] });
        var result = validator.Validate(request);
        if (!result.IsValid) throw new RequestValidationException(ToDictionary(result));
        return request;
    }

    private static Dictionary<string, string[]> ToDictionary(ValidationResult result) =>
        result.Errors
            .GroupBy(e => string.Join(".", e.PropertyName.Split(".").Select(JsonNamingPolicy.CamelCase.ConvertName)))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    public static bool IsDate(string? text) => text is not null && IsoDate.Parse(text).Success;

    /// <summary>Call only after validation has accepted the text.</summary>
    public static LocalDate Date(string text) => IsoDate.Parse(text).Value;

    public static LocalDate? OptionalDate(string? text) => string.IsNullOrWhiteSpace(text) ? null : Date(text);

    public static IRuleBuilderOptions<T, string?> MustBeIsoDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsDate).WithMessage("must be a real calendar date written yyyy-MM-dd");

    public static IRuleBuilderOptions<T, string?> MustBeOptionalIsoDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => string.IsNullOrWhiteSpace(t) || IsDate(t)).WithMessage("must be a real calendar date written yyyy-MM-dd");

    public static IRuleBuilderOptions<T, string?> NotInFuture<T>(this IRuleBuilder<T, string?> rule, LocalDate today) =>
        rule.Must(t => !IsDate(t) || Date(t!) <= today).WithMessage($"cannot be later than today ({today:uuuu-MM-dd}, China Standard Time)");

    public static IRuleBuilderOptions<T, string?> MustBeKebab<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(t => JsonNames.TryParseKebab<TEnum>(t, out _)).WithMessage($"must be one of {JsonNames.AllKebab<TEnum>()}");

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.NotEmpty().WithMessage("is required").MaximumLength(max).WithMessage($"must be at most {max} characters")
            .Must(t => t is null || IsPlainText(t)).WithMessage("must not contain control characters, direction overrides or invisible characters");

    /// <summary>
    /// No control characters but tab and line ends, no format characters (direction overrides, zero-width
    /// characters, byte-order marks) and no lone surrogates: they render a record differently from what was
    /// stored, so a name or reason could read as something else on a screen, in a certificate or in an export.
    /// </summary>
    public static bool IsPlainText(string text)
    {
        foreach (var c in text)
        {
            if (c is '\t' or '\r' or '\n') continue;
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate) return false;
        }
        return true;
    }

    /// <summary>
    /// A person's name as written on an ID card or a passport: letters and marks of any script, spaces, the middle
    /// dot of transliterated names (·, •, ・), apostrophes, hyphens and full stops. Nothing else occurs in a name,
    /// so markup, formulas and query fragments are refused rather than stored.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PersonName<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Text(max)
            .Must(t => t is null || t.All(c => char.IsLetter(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                                              || c is ' ' or '·' or '•' or '・' or '\'' or '’' or '-' or '.'))
            .WithMessage("may hold only letters, spaces, the middle dot, apostrophes, hyphens and full stops");
}
