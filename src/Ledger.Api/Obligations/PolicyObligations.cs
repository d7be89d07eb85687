using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Api.Obligations;

/// <summary>Reads the obligation parameters from the jurisdiction packs in force on the date asked.</summary>
public sealed class PolicyObligations(PolicyCatalog policies) : IObligationPolicy
{
    public ObligationRules For(string jurisdiction, LocalDate on)
    {
        var p = policies.For(jurisdiction, on).Parameters;
        return new ObligationRules(
            Map(p.NewHireMinHours), Map(p.OffPostRetrainMonths), Map(p.RetrainOnPostChange), Map(p.RetrainOnFourNew),
            Map(p.AnnualAllStaffAssessment), Map(p.TeamLeaderRotationDeadline), Map(p.FailedAssessmentTakesOffPost),
            Map(p.OnlineHours), Map(p.FaceRecognitionRequired));
    }

    private static RuleValue<T>? Map<T>(Rule<T>? rule) => rule is null ? null : new RuleValue<T>(rule.Value, rule.RuleId);
}
