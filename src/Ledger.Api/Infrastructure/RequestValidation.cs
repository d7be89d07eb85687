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
        rule.NotEmpty().WithMessage("is required").MaximumLength(max).WithMessage($"must be at most {max} characters");
}
