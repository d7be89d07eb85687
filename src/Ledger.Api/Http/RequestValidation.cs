using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using NodaTime;
using NodaTime.Text;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

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
        // What no field of any request may hold, checked once here rather than in each validator (which may assume it):
        // a null inside a list, the empty UUID (no record has it, and the event store refuses it as a stream id), a control
        // character or a lone surrogate in text (PostgreSQL refuses \u0000 in JSON, and the others corrupt what is shown).
        var shape = new Dictionary<string, string[]>();
        Inspect(request, "", shape, 0);
        if (shape.Count > 0) throw new RequestValidationException(shape);
        var result = validator.Validate(request);
        if (!result.IsValid) throw new RequestValidationException(ToDictionary(result));
        return request;
    }

    private static void Inspect(object value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > 4) return;
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var name = path + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            switch (property.GetValue(value))
            {
                case null:
                    break;
                case string text:
                    if (!StorableText(text)) errors[name] = ["must not contain control characters (other than tab and line ends) or broken characters"];
                    break;
                case Guid id when id == Guid.Empty:
                    errors[name] = ["must not be the empty UUID 00000000-0000-0000-0000-000000000000"];
                    break;
                case System.Collections.IEnumerable list when property.PropertyType != typeof(string):
                    var i = 0;
                    foreach (var item in list)
                    {
                        var at = $"{name}[{i++}]";
                        if (item is null) errors[at] = ["must not be null"];
                        else if (item is string s && !StorableText(s)) errors[at] = ["must not contain control characters (other than tab and line ends) or broken characters"];
                        else if (item is Guid g && g == Guid.Empty) errors[at] = ["must not be the empty UUID"];
                        else if (!IsSimple(item.GetType())) Inspect(item, at + ".", errors, depth + 1);
                    }
                    break;
                case var nested when !IsSimple(nested.GetType()):
                    Inspect(nested, name + ".", errors, depth + 1);
                    break;
            }
        }
    }

    private static bool IsSimple(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type.Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true || type == typeof(DateTime) || type == typeof(DateTimeOffset);

    /// <summary>Text PostgreSQL's JSON can hold and screens show as stored: no C0 control character but tab and line ends, no lone surrogate.</summary>
    public static bool StorableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\r' or '\n')) return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    private static Dictionary<string, string[]> ToDictionary(ValidationResult result) =>
        result.Errors
            .GroupBy(e => string.Join(".", e.PropertyName.Split(".").Select(JsonNamingPolicy.CamelCase.ConvertName)))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>
    /// The dates and instants a request may name, the same for every field: wide enough for any birth date on an ID card
    /// and any validity a certificate can have, narrow enough that no arithmetic on them (a validity added, a time zone
    /// applied, a year counted) leaves NodaTime's or PostgreSQL's range. Narrower rules (not in the future, within the
    /// late-entry window) are the fields' own.
    /// </summary>
    public static readonly LocalDate EarliestDate = new(1900, 1, 1);

    public static readonly LocalDate LatestDate = new(2199, 12, 31);

    public static readonly string DateMessage = $"must be a real calendar date written yyyy-MM-dd, between {EarliestDate:uuuu-MM-dd} and {LatestDate:uuuu-MM-dd}";

    public static readonly string InstantMessage =
        $"must be an ISO-8601 instant such as 2026-03-01T08:00:00Z, between {EarliestDate:uuuu-MM-dd} and {LatestDate:uuuu-MM-dd}";

    public static bool IsDate(string? text) => text is not null && IsoDate.Parse(text) is { Success: true } p && InRange(p.Value);

    private static bool InRange(LocalDate date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>Call only after validation has accepted the text.</summary>
    public static LocalDate Date(string text) => IsoDate.Parse(text).Value;

    public static LocalDate? OptionalDate(string? text) => string.IsNullOrWhiteSpace(text) ? null : Date(text);

    /// <summary>An instant in a query or body, in the same range as dates (UTC days); null when the text is not one.</summary>
    public static Instant? ParseInstant(string? text) =>
        text is not null && InstantPattern.ExtendedIso.Parse(text.Trim()) is { Success: true } p && InRange(p.Value.InUtc().Date) ? p.Value : null;

    /// <summary>
    /// A number in a query string. Query parameters are taken as text and parsed here, because a typed parameter that does
    /// not parse is bound as null by the framework and the request would silently run with the default instead of being
    /// refused naming the field.
    /// </summary>
    public static int? OptionalInt(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors[field] = ["must be a whole number"];
        return null;
    }

    public static decimal? OptionalDecimal(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
        errors[field] = ["must be a number such as 0.3"];
        return null;
    }

    public static bool? OptionalBool(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (bool.TryParse(text.Trim(), out var value)) return value;
        errors[field] = ["must be true or false"];
        return null;
    }

    public static IRuleBuilderOptions<T, string?> MustBeIsoDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsDate).WithMessage(DateMessage);

    public static IRuleBuilderOptions<T, string?> MustBeOptionalIsoDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => string.IsNullOrWhiteSpace(t) || IsDate(t)).WithMessage(DateMessage);

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
