using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Certificates;

/// <summary>Kind codes that code may branch on; everything else about a kind is data in the catalog.</summary>
public static class CertificateKindCodes
{
    public const string SpecialOperation = "special-operation";
    public const string SafetyQualification = "safety-qualification";
    public const string VocationalQualification = "vocational-qualification";
}

/// <param name="ValidityYears">Null: the certificate does not expire.</param>
/// <param name="ReviewIntervalYears">Null: no periodic review (复审) during validity.</param>
/// <param name="RequiresWorkType">Issued per special-operation work type (工种).</param>
/// <param name="RequiresIndustry">Issued per industry, as the principals' and safety managers' certificate is.</param>
/// <param name="Basis">Where the numbers come from, with the catalog's [N]/[I] marker, so an audit can tell law from assumption.</param>
public sealed record CertificateKindInfo(
    string Code,
    string NameZh,
    string NameEn,
    int? ValidityYears,
    int? ReviewIntervalYears,
    bool RequiresWorkType,
    bool RequiresIndustry,
    string Basis);

public sealed record WorkTypeCategoryInfo(string Code, string NameZh, string NameEn);

/// <param name="Code">Stable kebab-case code, <c>category.work-type</c>; stored in events, so never renamed.</param>
/// <param name="Category">Code of the <see cref="WorkTypeCategoryInfo"/> the work type belongs to.</param>
/// <param name="RequiresSeniorSecondary">Everyone needs senior-secondary education or its equivalent (national rule, JZ-EDU-01, HLJ-EDU-01).</param>
/// <param name="RequiresSeniorSecondaryForNewApplicants">
/// Only new applicants need it; existing holders are grandfathered (HLJ-EDU-01, coal mines). Whether a jurisdiction
/// applies it is for its policy to decide: the source is a Heilongjiang document.
/// </param>
public sealed record WorkTypeInfo(
    string Code,
    string NameZh,
    string NameEn,
    string Category,
    bool RequiresSeniorSecondary,
    bool RequiresSeniorSecondaryForNewApplicants = false);

/// <summary>
/// Certificate kinds, special-operation work types (SAWS Order No. 30 catalogue, rules.md 6.4) and the industries of
/// the principals' and safety managers' certificate, read from <c>Policies/Data/certificate-kinds.json</c>.
/// </summary>
public sealed partial class CertificateCatalog
{
    private const string ResourceFileName = "certificate-kinds.json";

    private static readonly Lazy<CertificateCatalog> LazyDefault = new(() =>
    {
        using var json = ReferenceData.OpenEmbedded(ResourceFileName);
        return Load(json);
    });

    private readonly FrozenDictionary<string, CertificateKindInfo> _kinds;
    private readonly FrozenDictionary<string, WorkTypeInfo> _workTypes;

    private CertificateCatalog(CatalogFile file)
    {
        Source = file.Source;
        Kinds = NoNulls(file.Kinds, "kinds");
        Categories = NoNulls(file.Categories, "categories");
        WorkTypes = NoNulls(file.WorkTypes, "workTypes");
        Industries = NoNulls(file.Industries, "industries");

        _kinds = UniqueByCode(Kinds, k => k.Code, "kind");
        var categories = UniqueByCode(Categories, c => c.Code, "category");
        _workTypes = UniqueByCode(WorkTypes, w => w.Code, "work type");
        UniqueByCode(Industries, i => i, "industry");

        foreach (var code in Kinds.Select(k => k.Code).Concat(Categories.Select(c => c.Code)).Concat(Industries))
        {
            if (!KebabCase().IsMatch(code))
            {
                throw new InvalidDataException($"Code '{code}' is not kebab-case.");
            }
        }

        foreach (var kind in Kinds)
        {
            if (kind.ValidityYears is <= 0 || kind.ReviewIntervalYears is <= 0 || kind.ReviewIntervalYears > kind.ValidityYears)
            {
                throw new InvalidDataException(
                    $"Kind '{kind.Code}' has validity {kind.ValidityYears} and review interval {kind.ReviewIntervalYears} years.");
            }
        }

        foreach (var workType in WorkTypes)
        {
            if (!categories.ContainsKey(workType.Category))
            {
                throw new InvalidDataException($"Work type '{workType.Code}' names unknown category '{workType.Category}'.");
            }

            // The prefix makes a stored code readable on its own and keeps codes unique across categories.
            if (!workType.Code.StartsWith(workType.Category + ".", StringComparison.Ordinal)
                || !KebabCase().IsMatch(workType.Code[(workType.Category.Length + 1)..]))
            {
                throw new InvalidDataException(
                    $"Work type code '{workType.Code}' must be '{workType.Category}.' followed by a kebab-case name.");
            }
        }
    }

    /// <summary>The catalog embedded in this assembly, read once on first use.</summary>
    public static CertificateCatalog Default => LazyDefault.Value;

    public string Source { get; }

    public IReadOnlyList<CertificateKindInfo> Kinds { get; }

    public IReadOnlyList<WorkTypeCategoryInfo> Categories { get; }

    public IReadOnlyList<WorkTypeInfo> WorkTypes { get; }

    /// <summary>Industry codes for <see cref="CertificateKindCodes.SafetyQualification"/> certificates.</summary>
    public IReadOnlyList<string> Industries { get; }

    /// <summary>Exact, case-sensitive lookup: codes are stored in events as written here.</summary>
    public CertificateKindInfo? FindKind(string code) => _kinds.GetValueOrDefault(code);

    /// <summary>Exact, case-sensitive lookup: codes are stored in events as written here.</summary>
    public WorkTypeInfo? FindWorkType(string code) => _workTypes.GetValueOrDefault(code);

    /// <summary>
    /// Reads a catalog in the shape of the embedded <c>certificate-kinds.json</c>.
    /// Throws <see cref="InvalidDataException"/> on malformed or inconsistent data.
    /// </summary>
    public static CertificateCatalog Load(Stream json) =>
        new(ReferenceData.Read<CatalogFile>(json, "Certificate catalog"));

    // Nullable annotations do not reach list elements, so a stray null in the data is caught here.
    private static IReadOnlyList<T> NoNulls<T>(IReadOnlyList<T?> items, string property) where T : class =>
        items.Contains(null)
            ? throw new InvalidDataException($"Certificate catalog '{property}' contains a null entry.")
            : items.OfType<T>().ToList().AsReadOnly();

    private static FrozenDictionary<string, T> UniqueByCode<T>(IEnumerable<T> items, Func<T, string> code, string what)
    {
        var byCode = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = code(item);
            if (!byCode.TryAdd(key, item))
            {
                throw new InvalidDataException($"The {what} code '{key}' appears more than once.");
            }
        }

        return byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private sealed record CatalogFile(
        string Source,
        IReadOnlyList<CertificateKindInfo?> Kinds,
        IReadOnlyList<WorkTypeCategoryInfo?> Categories,
        IReadOnlyList<WorkTypeInfo?> WorkTypes,
        IReadOnlyList<string?> Industries);
}
