using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Obligations;

/// <summary>Obligations of the enterprise itself rather than of one employee: internal-trainer staffing and the training plan.</summary>
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
        result.AddRange(TrainingPlanObligations(enterprise, policies, industries, on));
        return result;
    }

    /// <summary>
    /// JZ-PLN-01 / HLJ-PLN-01: "高危企业…企业主要负责人要在2020年4月底前组织制定本单位安全技能提升培训计划" — due by the pack's day, for the
    /// high-risk enterprises the programme covers; a plan adopted later is a breach with the days late, as the retraining rules report.
    /// TZ-PLN-01: "生产经营单位主要负责人要制定本单位的培训计划" — a plan for the year, with no day set, so it stays open until one is recorded.
    /// </summary>
    public static IEnumerable<Obligation> TrainingPlanObligations(Enterprise enterprise, PolicyCatalog policies, IndustryCatalog industries, LocalDate on)
    {
        var highRisk = industries.Find(enterprise.Industry)?.HighRisk ?? false;
        var parameters = policies.For(enterprise.Jurisdiction, on, highRisk).Parameters;
        if (parameters.TrainingPlanDueBy is { } due)
        {
            var dueBy = due.Value;
            // The programme's plan is one for its own years (2020 or after), whichever was adopted first.
            var plan = enterprise.TrainingPlans.Where(p => p.Year >= dueBy.Year).OrderBy(p => p.AdoptedOn).FirstOrDefault();
            var (status, detail) = plan switch
            {
                { } p when p.AdoptedOn <= dueBy => (ObligationStatus.Met, $"plan \"{p.Title}\" adopted on {p.AdoptedOn:uuuu-MM-dd}, due by {dueBy:uuuu-MM-dd}"),
                { } p => (ObligationStatus.Breached,
                    $"plan \"{p.Title}\" adopted on {p.AdoptedOn:uuuu-MM-dd}, {Period.Between(dueBy, p.AdoptedOn, PeriodUnits.Days).Days} days after it was due ({dueBy:uuuu-MM-dd})"),
                null when on > dueBy => (ObligationStatus.Breached, $"no training plan for {dueBy.Year} recorded; due by {dueBy:uuuu-MM-dd}, {Period.Between(dueBy, on, PeriodUnits.Days).Days} days overdue"),
                null => (ObligationStatus.Open, $"a training plan for {dueBy.Year} is due by {dueBy:uuuu-MM-dd}"),
            };
            yield return new Obligation(due.RuleId, "training-plan", null, enterprise.Name, dueBy, dueBy, status, detail);
        }
        else if (parameters.TrainingPlanRequired is { Value: true } required)
        {
            var plan = enterprise.TrainingPlans.Where(p => p.Year == on.Year && p.AdoptedOn <= on).OrderBy(p => p.AdoptedOn).FirstOrDefault();
            yield return new Obligation(required.RuleId, "training-plan", null, enterprise.Name, new LocalDate(on.Year, 1, 1), null,
                plan is null ? ObligationStatus.Open : ObligationStatus.Met,
                plan is null ? $"no training plan for {on.Year} recorded (the document sets no day)" : $"plan \"{plan.Title}\" adopted on {plan.AdoptedOn:uuuu-MM-dd}");
        }
    }

    private static int PerMille(int headcount, int perMille) => (int)Math.Ceiling(headcount * perMille / 1000m);
}
