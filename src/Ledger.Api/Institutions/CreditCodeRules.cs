using System.Text.RegularExpressions;
using FluentValidation;

namespace Ledger.Api.Institutions;

public static class CreditCodeRules
{
    /// <summary>
    /// The whole GB 32100 check (shape and check character) of Domain's <see cref="Ledger.Domain.Enterprises.CreditCode"/>:
    /// a validator that accepted a well-shaped code with a wrong check character let the endpoint's own parse return null.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeCreditCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((value, context) =>
        {
            if (!Ledger.Domain.Enterprises.CreditCode.TryParse(value, out _, out var error)) context.AddFailure(error);
        });
}

public static partial class JurisdictionRules
{
    /// <summary>Jurisdiction codes such as <c>tj-jizhou</c>, <c>sd-jining-qufu</c> or <c>hlj</c>: a province prefix, then kebab-case parts.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeJurisdictionCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => code is not null && Code().IsMatch(code))
            .WithMessage("must be a jurisdiction code such as tj-jizhou, zj-taizhou, hlj, sd-jining-qufu or gx-nanning");

    public static bool IsJurisdictionCode(string? code) => code is not null && Code().IsMatch(code);

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]+){0,3}$")]
    private static partial Regex Code();
}
