using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Obligations;

/// <summary>Obligations of the enterprise itself rather than of one employee: internal-trainer staffing.</summary>
public static class EnterpriseObligations
{
    /// <param name="specialOperationWorkTypes">The special-operation work types the enterprise's current posts need (for NN-INT-01).</param>
    public static IReadOnlyList<Obligation> Evaluate(Enterprise enterprise, InternalTrainerRoster? roster, IReadOnlyCollection<string> specialOperationWorkTypes,
        PolicyCatalog policies, IndustryCatalog industries, LocalDate on)
    {
        var result = new List<Obligation>();
        var parameters = policies.For(enterprise.Jurisdiction, on).Parameters;
        var inPost = roster?.InPostOn(on) ?? [];

        if (parameters.InternalTrainers is { } ratio)
        {
            var highRisk = industries.Find(enterprise.Industry)?.HighRisk ?? false;
            // "不低于职工总数的千分之五" is at least 5‰, so a fraction of a trainer rounds up (rules.md 6.10).
            int required = highRisk
                ? Math.Max(PerMille(enterprise.Headcount, ratio.Value.HighRiskPerMille), ratio.Value.HighRiskMinimum)
                : enterprise.AboveDesignatedSize ? PerMille(enterprise.Headcount, ratio.Value.OtherAboveSizePerMille) : 0;
            if (required > 0)
            {
                result.Add(new Obligation(ratio.RuleId, "internal-trainer-ratio", null, enterprise.Name, on, on,
                    inPost.Count >= required ? ObligationStatus.Met : ObligationStatus.Breached,
                    $"{inPost.Count} internal trainers in post; {required} required for headcount {enterprise.Headcount} " +
                    (highRisk ? $"(high-risk: {ratio.Value.HighRiskPerMille}‰, at least {ratio.Value.HighRiskMinimum})" : $"(above designated size: {ratio.Value.OtherAboveSizePerMille}‰)")));
            }
        }

        if (parameters.InternalTrainersPerWorkType is { } perWorkType)
        {
            // "内训师须经实训示范基地培训考核合格" (NN-INT-01): a trainer the enterprise assessed itself does not count for the work type.
            var counts = inPost.Where(a => a.Qualification == TrainerQualification.DemonstrationBaseCertified).SelectMany(a => a.WorkTypes)
                .GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var workType in specialOperationWorkTypes.Order(StringComparer.Ordinal))
            {
                var count = counts.GetValueOrDefault(workType);
                result.Add(new Obligation(perWorkType.RuleId, "internal-trainer-per-work-type", null, enterprise.Name, on, on,
                    count >= perWorkType.Value ? ObligationStatus.Met : ObligationStatus.Breached,
                    $"{count} internal trainers qualified at a demonstration base for {workType}; at least {perWorkType.Value} required"));
            }
        }
        return result;
    }

    private static int PerMille(int headcount, int perMille) => (int)Math.Ceiling(headcount * perMille / 1000m);
}
