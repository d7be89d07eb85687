using NodaTime;
using Ledger.Domain.Claims;

namespace Ledger.Domain.Institutions;

/// <summary>A certificate obtained through an institution's training, and the assessments its classes ended with.</summary>
public sealed record CertifiedTrainee(Guid InstitutionId, Guid CertificateId, LocalDate IssuedOn);

public sealed record ClassAssessment(Guid InstitutionId, bool Passed);

public sealed record InstitutionAnomaly(Guid InstitutionId, string InstitutionName, string Kind, string RuleId, string Evidence);

/// <summary>
/// Signals that an institution's output is not credible: more trainees certified in a week than its filing says
/// it can train (a crash course, FR-06), or a pass rate far from everyone else's (FR-10: substitutes, leaked
/// answers). Both are [I] thresholds: capacity comes from the filing, the pass-rate gap is a parameter.
/// </summary>
public static class InstitutionAnomalies
{
    public static IReadOnlyList<InstitutionAnomaly> Evaluate(IReadOnlyDictionary<Guid, Institution> institutions, IReadOnlyList<CertifiedTrainee> certified,
        IReadOnlyList<ClassAssessment> assessments, int minAssessments, decimal passRateGap)
    {
        var result = new List<InstitutionAnomaly>();
        foreach (var week in certified.GroupBy(c => (c.InstitutionId, Monday: c.IssuedOn.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)))))
        {
            if (!institutions.TryGetValue(week.Key.InstitutionId, out var institution)) continue;
            if (institution.FilingOn(week.Key.Monday)?.WeeklyCapacity is not { } capacity || week.Count() <= capacity) continue;
            result.Add(new InstitutionAnomaly(institution.Id, institution.Name, "over-capacity", FraudPatterns.TrainingShorterThanRequired,
                $"{week.Count()} trainees certified in the week of {week.Key.Monday:uuuu-MM-dd}; the filing allows {capacity} a week"));
        }

        var byInstitution = assessments.GroupBy(a => a.InstitutionId).ToDictionary(g => g.Key, g => (Passed: g.Count(a => a.Passed), Total: g.Count()));
        foreach (var (id, own) in byInstitution.Where(p => p.Value.Total >= minAssessments))
        {
            var others = byInstitution.Where(p => p.Key != id).Aggregate((Passed: 0, Total: 0), (sum, p) => (sum.Passed + p.Value.Passed, sum.Total + p.Value.Total));
            if (others.Total < minAssessments || !institutions.TryGetValue(id, out var institution)) continue;
            var rate = (decimal)own.Passed / own.Total;
            var elsewhere = (decimal)others.Passed / others.Total;
            if (Math.Abs(rate - elsewhere) > passRateGap)
                result.Add(new InstitutionAnomaly(id, institution.Name, "outlying-pass-rate", FraudPatterns.SubstituteTestTaker,
                    $"{own.Passed} of {own.Total} passed ({rate:P0}) against {others.Passed} of {others.Total} ({elsewhere:P0}) at the other institutions"));
        }
        return result;
    }
}
