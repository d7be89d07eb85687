using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Assessments;

public sealed record RecordAssessment(
    Guid AssessmentId, AssessmentKind Kind, Guid? EnterpriseId, Guid? ClassId, string Jurisdiction, string? Post, string? WorkType,
    decimal TheoryScore, decimal TheoryPassMark, decimal? PracticalScore, decimal? PracticalPassMark, PracticalMode? PracticalMode,
    IReadOnlyList<string> KeySkillsFailed, LocalDate AssessedOn, string Assessor);

/// <param name="QaPracticalForbiddenBy">The rule that forbids replacing practice with questions and answers here, if any.</param>
/// <param name="KeySkillFailFailsBy">The rule under which one failed key safety skill fails the whole assessment, if any.</param>
public sealed record AssessmentRulesInForce(string? QaPracticalForbiddenBy, string? KeySkillFailFailsBy)
{
    /// <summary>The assessment rules of the packs in force for a jurisdiction on the assessment's day.</summary>
    public static AssessmentRulesInForce For(Policies.PolicyCatalog policies, string jurisdiction, NodaTime.LocalDate on)
    {
        var p = policies.For(jurisdiction, on).Parameters;
        return new AssessmentRulesInForce(
            p.QaReplacingPracticalForbidden is { Value: true } qa ? qa.RuleId : null,
            p.KeySkillFailFailsAssessment is { Value: true } key ? key.RuleId : null);
    }
}

public static class AssessmentDecider
{
    public const string ScoresRule = "NAT-EXM-01";

    public static AssessmentRecorded Decide(RecordAssessment command, Person person, AssessmentRulesInForce rules)
    {
        if (command.PracticalMode == PracticalMode.QuestionAndAnswer && rules.QaPracticalForbiddenBy is { } forbidden)
            throw new DomainRuleViolation(forbidden, "a practical assessment may not be replaced by questions and answers here");

        var decidedBy = new List<string>();
        var passed = command.TheoryScore >= command.TheoryPassMark;
        if (!passed) decidedBy.Add(ScoresRule);
        if (command.PracticalScore is { } practical && command.PracticalPassMark is { } mark && practical < mark)
        {
            passed = false;
            decidedBy.Add(ScoresRule);
        }
        // A failed key safety skill fails the whole assessment whatever the scores (JZ-EXM-02, HLJ-EXM-04).
        if (command.KeySkillsFailed.Count > 0 && rules.KeySkillFailFailsBy is { } keyRule)
        {
            passed = false;
            decidedBy.Add(keyRule);
        }
        return new AssessmentRecorded(person.Id, command.AssessmentId, command.Kind, command.EnterpriseId, command.ClassId, command.Jurisdiction,
            command.Post, command.WorkType, command.TheoryScore, command.TheoryPassMark, command.PracticalScore, command.PracticalPassMark,
            command.PracticalMode, command.KeySkillsFailed, passed, decidedBy.Distinct().ToList(), command.AssessedOn, command.Assessor);
    }
}
