using Ledger.Domain.Policies;

namespace Ledger.Domain.Claims;

/// <summary>
/// A holding the national index knows of: which province's claim holds an entitlement key. The key is the entitlement's
/// stream id, a keyed hash of the person's and the certificate's keyed ids with the subsidy kind and cycle, so the index
/// holds no ID number, name or certificate number; every province derives the same key because they share the pseudonym key.
/// </summary>
public sealed record NationalHolding(Guid EntitlementId, string Province, Guid ClaimId, bool Paid);

/// <summary>What the national index says about the entitlements a submission in <paramref name="Province"/> would take.</summary>
public sealed record NationalFacts(string Province, IReadOnlyDictionary<Guid, NationalHolding> Holdings);

/// <summary>
/// One payment per entitlement nationwide (NAT-SUB-04). A provincial database holds its own entitlement streams, which
/// make a second claim in the same province a DUPLICATE line (FR-01); a claim in another province cannot see them, so the
/// national index answers for it, and a submission that would take an entitlement another province's claim holds is refused.
/// </summary>
public static class NationalEntitlements
{
    public const string OnePaymentNationwide = "NAT-SUB-04";

    /// <summary>The province a jurisdiction lies in (its province-level ancestor); a jurisdiction outside any province is its own.</summary>
    public static string ProvinceOf(PolicyCatalog policies, string jurisdiction) =>
        policies.ChainOf(jurisdiction).FirstOrDefault(j => j.Level == JurisdictionLevel.Province)?.Code ?? jurisdiction;

    /// <summary>
    /// Refuses the submission when an eligible line's entitlement (or the twin of it under another record of the same
    /// certificate, FR-01's fuzzy key) is held by a claim of another province. A holding of this province is the provincial
    /// streams' to judge (FR-01), so it is left to them.
    /// </summary>
    public static void Check(IReadOnlyList<JudgedLine> judged, NationalFacts national)
    {
        var elsewhere = judged.Where(l => l.Assessment.Eligible)
            .Select(l => (l.Roster.LineNo, Holding: l.Twins.Select(t => t.EntitlementId).Prepend(l.EntitlementId)
                .Select(id => national.Holdings.GetValueOrDefault(id)).FirstOrDefault(h => h is not null && h.Province != national.Province)))
            .Where(l => l.Holding is not null)
            .ToList();
        if (elsewhere.Count == 0) return;
        throw new DomainRuleViolation(OnePaymentNationwide,
            string.Join("; ", elsewhere.Select(l => $"line {l.LineNo}'s entitlement is {(l.Holding!.Paid ? "paid" : "held")} by a claim in province {l.Holding.Province}")) +
            ": one subsidy per person, certificate, kind and cycle nationwide; remove the line or have that province release it");
    }

    /// <summary>The keys a decided submission reserves in the national index: exactly the entitlements it holds.</summary>
    public static IReadOnlyList<Guid> ToReserve(ClaimSubmission decision) => decision.Held.Select(h => h.EntitlementId).Distinct().ToList();
}
