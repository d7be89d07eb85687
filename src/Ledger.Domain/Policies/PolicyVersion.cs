using NodaTime;

namespace Ledger.Domain.Policies;

/// <summary>
/// One jurisdiction's policy pack as a document set it, in force from <see cref="EffectiveFrom"/> to
/// <see cref="EffectiveUntil"/> (both inclusive; null: open-ended).
/// </summary>
/// <param name="Source">The source document's file and doc no., or the national rule it restates.</param>
public sealed record PolicyVersion(
    string Id,
    string Jurisdiction,
    LocalDate EffectiveFrom,
    LocalDate? EffectiveUntil,
    string Source,
    PolicyParameters Parameters)
{
    public bool InForceOn(LocalDate d) => d >= EffectiveFrom && (EffectiveUntil is not { } until || d <= until);
}

/// <summary>The parameters that apply in <see cref="Jurisdiction"/> on <see cref="On"/>, merged nearest jurisdiction first.</summary>
/// <param name="VersionIds">The versions consulted, nearest jurisdiction first: one per jurisdiction of the chain that had one in force.</param>
public sealed record EffectivePolicy(string Jurisdiction, LocalDate On, PolicyParameters Parameters, IReadOnlyList<string> VersionIds);
