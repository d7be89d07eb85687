using Ledger.Domain.Assessments;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Obligations;

/// <summary>HLJ-TRN-01 "新上岗人员安全生产与工伤预防培训不得少于72学时…考核合格后方可上岗": training and a pass come before the post.</summary>
public sealed class NewHireInductionTests
{
    private static readonly LocalDate Hired = new(2021, 3, 1);
    private static readonly Guid EnterpriseId = Guid.NewGuid();

    private static Obligation Induction(LocalDate trainedOn, LocalDate passedOn)
    {
        var personId = Guid.NewGuid();
        var classId = Guid.NewGuid();
        var person = Person.Create(new PersonRegistered(personId, new SealedValue("test", ""), "110***********002X", "赵工", new LocalDate(1980, 1, 1), Sex.Male,
                EducationLevel.SeniorSecondary, "黑龙江省哈尔滨市", null, null, new LocalDate(2021, 1, 1)))
            .Apply(new EmploymentStarted(personId, Guid.NewGuid(), EnterpriseId, "黑龙江化工", "hlj", new PostAssignment("操作工", false, false, null),
                EmploymentRelation.LabourContract, Hired));
        for (var day = 0; day < 9; day++)
            person = person.Apply(new TrainingAttended(personId, classId, Guid.NewGuid(), Guid.NewGuid(), "hlj", TrainingKind.NewHireInduction, null,
                trainedOn.PlusDays(day), SessionMode.Classroom, 8m, null, null));
        person = person.Apply(new AssessmentRecorded(personId, Guid.NewGuid(), AssessmentKind.TrainingAssessment, EnterpriseId, classId, "hlj", "操作工", null,
            90m, 60m, null, null, null, [], true, ["考官"], passedOn, "考官"));
        return PersonObligations.Evaluate(person, [], PolicyCatalog.Default, new LocalDate(2021, 6, 1), _ => true).Single(o => o.Kind == "new-hire-induction");
    }

    [Fact]
    public void induction_and_a_pass_before_the_post_meet_the_rule_HLJ_TRN_01()
    {
        var o = Induction(Hired.PlusDays(-20), Hired.PlusDays(-5));
        o.RuleId.ShouldBe("HLJ-TRN-01");
        o.Status.ShouldBe(ObligationStatus.Met);
    }

    [Fact]
    public void induction_finished_after_the_worker_took_the_post_is_a_breach_with_the_days_late_HLJ_TRN_01()
    {
        var o = Induction(Hired.PlusDays(3), Hired.PlusDays(14));
        o.RuleId.ShouldBe("HLJ-TRN-01");
        o.Status.ShouldBe(ObligationStatus.Breached);
        o.Detail.ShouldContain("14 days after taking the post on 2021-03-01");
    }
}
