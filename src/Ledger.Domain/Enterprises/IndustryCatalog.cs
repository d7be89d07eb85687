using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Enterprises;

/// <param name="Code">Stable kebab-case code, stored in events, so never renamed.</param>
/// <param name="HighRisk">A high-risk industry (高危行业) of the source documents: stricter training, internal-trainer and target rules apply.</param>
/// <param name="Basis">The rule ids or national rules that put the industry on the list, with [N]/[I] markers.</param>
public sealed record IndustryInfo(string Code, string NameZh, string NameEn, bool HighRisk, string Basis);

/// <summary>The industries an enterprise is registered under, read from <c>Policies/Data/enterprise-industries.json</c>.</summary>
public sealed partial class IndustryCatalog
{
    private const string ResourceFileName = "enterprise-industries.json";

    private static readonly Lazy<IndustryCatalog> LazyDefault = new(() =>
    {
        using var json = ReferenceData.OpenEmbedded(ResourceFileName);
        return Load(json);
    });

    private readonly FrozenDictionary<string, IndustryInfo> _byCode;

    private IndustryCatalog(IndustryFile file)
    {
        Source = file.Source;
        Industries = file.Industries.Select(i => i ?? throw new InvalidDataException("Industry catalog contains a null entry.")).ToList().AsReadOnly();
        var byCode = new Dictionary<string, IndustryInfo>(StringComparer.Ordinal);
        foreach (var industry in Industries)
        {
            if (!KebabCase().IsMatch(industry.Code)) throw new InvalidDataException($"Industry code '{industry.Code}' is not kebab-case.");
            if (!byCode.TryAdd(industry.Code, industry)) throw new InvalidDataException($"The industry code '{industry.Code}' appears more than once.");
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static IndustryCatalog Default => LazyDefault.Value;

    public string Source { get; }

    public IReadOnlyList<IndustryInfo> Industries { get; }

    /// <summary>Exact, case-sensitive lookup: codes are stored in events as written here.</summary>
    public IndustryInfo? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Whether an enterprise of this industry is a high-risk enterprise (高危企业), whom the programmes' scoped rules bind; an unknown code is not.</summary>
    public bool IsHighRisk(string? code) => code is not null && Find(code)?.HighRisk == true;

    public static IndustryCatalog Load(Stream json) => new(ReferenceData.Read<IndustryFile>(json, "Industry catalog"));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private sealed record IndustryFile(string Source, IReadOnlyList<IndustryInfo?> Industries);
}
