using System.Text.RegularExpressions;
using FluentValidation;

namespace Ledger.Api.Institutions;

public static partial class CreditCodeRules
{
    public const string Message = "must be an 18-character unified social credit code (digits and capital letters other than I, O, S, V and Z)";

    public static IRuleBuilderOptions<T, string?> MustBeCreditCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsCreditCode).WithMessage(Message);

    // The shape only (length and alphabet), not the GB 32100 check character: kept in this one method so the
    // full validation can take its place without touching the validators that call it.
    private static bool IsCreditCode(string? code) => code is not null && Shape().IsMatch(code.Trim().ToUpperInvariant());

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex Shape();
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
