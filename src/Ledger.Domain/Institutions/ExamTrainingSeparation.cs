using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Institutions;

/// <summary>The verdict on an exam point that wants to run training on a day.</summary>
public abstract record SeparationVerdict
{
    private SeparationVerdict()
    {
    }

    /// <summary>Not an exam point that day, or the jurisdiction allows it: nothing to say.</summary>
    public sealed record None : SeparationVerdict;

    /// <summary>Allowed, but recorded for regulators as a possible 考培分离 breach (FR-16).</summary>
    public sealed record Flag(string RuleId, string Reason) : SeparationVerdict;

    /// <summary>Forbidden: the training must not be run (QF-EXM-03).</summary>
    public sealed record Refuse(string RuleId, string Reason) : SeparationVerdict;
}

/// <summary>
/// Exam/training separation (考培分离). Qufu forbids exam points to train (QF-EXM-03); Taizhou and Heilongjiang
/// let colleges and enterprises be exam points and even encourage 培训考试点 (TZ-INS-04, HLJ-EXM-02), so there an
/// exam point that trains is only a risk (FR-16). The jurisdiction's policy decides which applies.
/// </summary>
public static class ExamTrainingSeparation
{
    public static SeparationVerdict Check(Institution institution, LocalDate date, ExamPointTraining policy)
    {
        if (policy == ExamPointTraining.Allowed || institution.ExamPointDesignationOn(date) is not { } designation)
            return new SeparationVerdict.None();
        var reason = $"{institution.Name} has been a designated exam point (by {designation.DesignatedBy}) since {designation.From:uuuu-MM-dd}";
        return policy == ExamPointTraining.Forbidden
            ? new SeparationVerdict.Refuse(InstitutionRules.ExamPointsMayNotTrain, reason + "; exam points must not run safety training")
            : new SeparationVerdict.Flag(InstitutionRules.ExamPointAlsoTrains, reason + "; an exam point that also trains is recorded for review");
    }
}
