using Ledger.Domain.Assessments;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Assessments;

/// <summary>
/// An assessment's outcome: the scores against their pass marks (NAT-EXM-01), a failed key safety skill failing the whole assessment
/// where a pack says so (JZ-EXM-02, HLJ-EXM-04), and question-and-answer refused in place of practice where forbidden (JZ-EXM-03, HLJ-INS-01).
/// </summary>
public sealed class AssessmentDeciderRuleTests
{
    private static readonly LocalDate InJizhouWindow = new(2021, 3, 15);

    private static Person Candidate() => Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "120***********0011", "刘洋", new LocalDate(1990, 1, 1),
        Sex.Male, EducationLevel.SeniorSecondary, "天津市蓟州区", null, null, new LocalDate(2021, 1, 1)));

    private static RecordAssessment Assess(decimal theory = 85m, decimal? practical = 90m, PracticalMode? mode = PracticalMode.RealEquipment, params string[] keySkillsFailed) =>
        new(Guid.NewGuid(), AssessmentKind.PostAssessment, Guid.NewGuid(), null, "tj-jizhou", "操作工", null, theory, 60m, practical, practical is null ? null : 60m, mode,
            keySkillsFailed, InJizhouWindow, "考评员王");

    private static AssessmentRulesInForce Jizhou => AssessmentRulesInForce.For(PolicyCatalog.Default, "tj-jizhou", InJizhouWindow);
    private static readonly AssessmentRulesInForce NoPackRule = new(null, null);

    [Fact]
    public void the_rules_in_force_are_the_packs_of_the_jurisdiction_on_the_day()
    {
        AssessmentRulesInForce.For(PolicyCatalog.Default, "tj-jizhou", InJizhouWindow).ShouldBe(new AssessmentRulesInForce("JZ-EXM-03", "JZ-EXM-02"));
        AssessmentRulesInForce.For(PolicyCatalog.Default, "hlj", new LocalDate(2021, 6, 1)).ShouldBe(new AssessmentRulesInForce("HLJ-INS-01", "HLJ-EXM-04"));
        // Outside the documents' windows, and where no document speaks, no pack rule applies.
        AssessmentRulesInForce.For(PolicyCatalog.Default, "tj-jizhou", new LocalDate(2022, 1, 1)).ShouldBe(NoPackRule);
        AssessmentRulesInForce.For(PolicyCatalog.Default, "zj-taizhou", new LocalDate(2020, 6, 1)).ShouldBe(NoPackRule);
    }

    [Fact]
    public void a_pass_records_the_scores_and_no_deciding_rule()
    {
        var person = Candidate();
        var command = Assess();
        var recorded = AssessmentDecider.Decide(command, person, Jizhou);
        (recorded.PersonId, recorded.AssessmentId, recorded.Passed, recorded.TheoryScore, recorded.PracticalScore, recorded.Assessor)
            .ShouldBe((person.Id, command.AssessmentId, true, 85m, 90m, "考评员王"));
        recorded.DecidedBy.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(59, 90)]
    [InlineData(85, 59)]
    [InlineData(10, 10)]
    public void NAT_EXM_01_a_score_below_its_pass_mark_fails(int theory, int practical)
    {
        var recorded = AssessmentDecider.Decide(Assess(theory, practical), Candidate(), NoPackRule);
        recorded.Passed.ShouldBeFalse();
        recorded.DecidedBy.ShouldBe([AssessmentDecider.ScoresRule]);
    }

    [Fact]
    public void NAT_EXM_01_the_pass_mark_itself_passes_and_a_theory_only_assessment_is_judged_on_theory()
    {
        AssessmentDecider.Decide(Assess(60m, 60m), Candidate(), NoPackRule).Passed.ShouldBeTrue();
        AssessmentDecider.Decide(Assess(60m, null, null), Candidate(), NoPackRule).Passed.ShouldBeTrue();
    }

    [Fact]
    public void JZ_EXM_02_a_failed_key_safety_skill_fails_the_assessment_whatever_the_scores()
    {
        // JZ-EXM-02: "涉及安全生产的关键技能不合格的，则技能考核成绩不合格".
        var recorded = AssessmentDecider.Decide(Assess(95m, 95m, PracticalMode.RealEquipment, "带电作业防护"), Candidate(), Jizhou);
        recorded.Passed.ShouldBeFalse();
        recorded.DecidedBy.ShouldBe(["JZ-EXM-02"]);
        AssessmentDecider.Decide(Assess(50m, 95m, PracticalMode.RealEquipment, "带电作业防护"), Candidate(), Jizhou).DecidedBy.ShouldBe([AssessmentDecider.ScoresRule, "JZ-EXM-02"]);
    }

    [Fact]
    public void HLJ_EXM_04_names_itself_when_the_heilongjiang_pack_fails_the_assessment()
    {
        // HLJ-EXM-04: "涉及安全生产的关键技能不合格的，则技能考核成绩不及格".
        var heilongjiang = AssessmentRulesInForce.For(PolicyCatalog.Default, "hlj", new LocalDate(2021, 6, 1));
        AssessmentDecider.Decide(Assess(95m, 95m, PracticalMode.Simulation, "瓦斯检测"), Candidate(), heilongjiang).DecidedBy.ShouldBe(["HLJ-EXM-04"]);
    }

    [Fact]
    public void where_no_pack_makes_a_key_skill_decisive_the_scores_decide()
    {
        AssessmentDecider.Decide(Assess(95m, 95m, PracticalMode.RealEquipment, "带电作业防护"), Candidate(), NoPackRule).Passed.ShouldBeTrue();
    }

    [Fact]
    public void JZ_EXM_03_and_HLJ_INS_01_question_and_answer_does_not_replace_practice_where_the_pack_forbids_it()
    {
        // JZ-EXM-03: "逐步取消以问答代替实际操作的培训考试方式"; HLJ-INS-01: "取消以问答代替实际操作的培训和考试方式".
        Should.Throw<DomainRuleViolation>(() => AssessmentDecider.Decide(Assess(mode: PracticalMode.QuestionAndAnswer), Candidate(), Jizhou)).RuleId.ShouldBe("JZ-EXM-03");
        Should.Throw<DomainRuleViolation>(() => AssessmentDecider.Decide(Assess(mode: PracticalMode.QuestionAndAnswer), Candidate(),
            AssessmentRulesInForce.For(PolicyCatalog.Default, "hlj", new LocalDate(2021, 6, 1)))).RuleId.ShouldBe("HLJ-INS-01");
        AssessmentDecider.Decide(Assess(mode: PracticalMode.QuestionAndAnswer), Candidate(), NoPackRule).PracticalMode.ShouldBe(PracticalMode.QuestionAndAnswer);
        AssessmentDecider.Decide(Assess(mode: PracticalMode.Simulation), Candidate(), Jizhou).Passed.ShouldBeTrue();
    }
}
