namespace Ledger.Domain.Policies;

// Explicit values: the level orders the chain (a child is always deeper than its parent).
public enum JurisdictionLevel
{
    National = 0,
    Province = 1,
    City = 2,
    District = 3,
}

/// <param name="Code">Stable kebab-case code, stored on enterprises and in events, so never renamed.</param>
/// <param name="Parent">Null only for the national root.</param>
public sealed record Jurisdiction(string Code, string NameZh, string NameEn, JurisdictionLevel Level, string? Parent);
