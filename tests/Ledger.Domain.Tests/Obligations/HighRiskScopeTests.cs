using Ledger.Domain.Assessments;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Obligations;

/// <summary>
/// JZ-SCP-01 "重点在化工危险化学品、非煤矿山、金属冶炼等高危行业（以下简称高危企业）实施" and HLJ-SCP-01 "以化工危险化学品、煤矿…等高危行业企业
/// （以下简称“高危企业”）为重点": the programmes' 72 学时 and 3-month return bind high-risk enterprises. Any other unit in Jizhou or
/// Heilongjiang answers to the national rule, 国家安监总局令第3号 art. 13 ("岗前安全培训时间不得少于24学时", 72 for coal and non-coal mines,
/// hazardous chemicals, fireworks and metal smelting) and art. 15 ("离岗一年以上重新上岗", NAT-OFF-01).
/// </summary>
public sealed class HighRiskScopeTests
{
    private static readonly LocalDate Hired = new(2020, 6, 1);
    private static readonly LocalDate On = new(2021, 6, 1);
    private static readonly Guid EnterpriseId = Guid.NewGuid();

    private static Person Hire(string jurisdiction, decimal inductionHours)
    {
        var personId = Guid.NewGuid();
        var classId = Guid.NewGuid();
        var person = Person.Create(new PersonRegistered(personId, new SealedValue("test", ""), "120***********002X", "孙工", new LocalDate(1985, 1, 1), Sex.Male,
                EducationLevel.SeniorSecondary, "天津市蓟州区", null, null, new LocalDate(2020, 1, 1)))
            .Apply(new EmploymentStarted(personId, Guid.NewGuid(), EnterpriseId, "某单位", jurisdiction, new PostAssignment("文员", false, false, null),
                EmploymentRelation.LabourContract, Hired));
        for (var day = 0; day < Math.Ceiling(inductionHours / 8m); day++)
            person = person.Apply(new TrainingAttended(personId, classId, Guid.NewGuid(), Guid.NewGuid(), jurisdiction, TrainingKind.NewHireInduction, null,
                Hired.PlusDays(-20 + day), SessionMode.Classroom, Math.Min(8m, inductionHours - 8m * day), null, null));
        return person.Apply(new AssessmentRecorded(personId, Guid.NewGuid(), AssessmentKind.TrainingAssessment, EnterpriseId, classId, jurisdiction, "文员", null,
            90m, 60m, null, null, null, [], true, ["考官"], Hired.PlusDays(-2), "考官"));
    }

    private static Obligation Induction(Person person, bool highRisk) =>
        PersonObligations.Evaluate(person, [], PolicyCatalog.Default, On, _ => highRisk).Single(o => o.Kind == "new-hire-induction");

    [Fact]
    public void a_high_risk_enterprise_in_jizhou_needs_72_hours_JZ_TRN_01()
    {
        // JZ-TRN-01: "高危企业要建立健全并严格落实新员工安全技能培训制度。新上岗员工安全培训不得少于72学时".
        var o = Induction(Hire("tj-jizhou", 24m), highRisk: true);
        (o.RuleId, o.Status).ShouldBe(("JZ-TRN-01", ObligationStatus.Breached));
        o.Detail.ShouldContain("24 of 72");
    }

    [Theory]
    [InlineData("tj-jizhou")]
    [InlineData("hlj")]
    [InlineData("sd-jining-qufu")]
    public void any_other_unit_needs_the_national_24_hours_NAT_TRN_01(string jurisdiction)
    {
        // Order No. 3 art. 13: "生产经营单位新上岗的从业人员，岗前安全培训时间不得少于24学时"; Jizhou's and Heilongjiang's 72 are for 高危企业.
        var o = Induction(Hire(jurisdiction, 24m), highRisk: false);
        (o.RuleId, o.Status).ShouldBe(("NAT-TRN-01", ObligationStatus.Met));
        o.Detail.ShouldContain("24 of 24");
    }

    [Fact]
    public void a_high_risk_enterprise_with_no_local_hours_needs_the_national_72_NAT_TRN_01()
    {
        // Qufu sets no hours, so the national rule answers: 72 for the high-risk industries of art. 13.
        var o = Induction(Hire("sd-jining-qufu", 24m), highRisk: true);
        (o.RuleId, o.Status).ShouldBe(("NAT-TRN-01", ObligationStatus.Breached));
        o.Detail.ShouldContain("24 of 72");
    }

    /// <param name="left">The day the worker left the post: in Jizhou's and Heilongjiang's window (2020–2021) unless given, after Qufu's start (2022-08-18) for Qufu.</param>
    private static IEnumerable<Obligation> Returns(string jurisdiction, bool highRisk, int monthsAway, LocalDate? left = null)
    {
        var person = Hire(jurisdiction, 72m);
        var employmentId = person.Employments.Single().EmploymentId;
        var from = left ?? new LocalDate(2020, 7, 1);
        var back = from.PlusMonths(monthsAway);
        person = person.Apply(new LeftPost(person.Id, employmentId, from, "病假")).Apply(new ReturnedToPost(person.Id, employmentId, back));
        return PersonObligations.Evaluate(person, [], PolicyCatalog.Default, back, _ => highRisk).Where(o => o.Kind == "return-to-post-retraining");
    }

    [Theory]
    [InlineData("tj-jizhou", "JZ-OFF-02")]
    [InlineData("hlj", "HLJ-OFF-02")]
    public void a_high_risk_enterprise_retrains_after_three_months_off_post_JZ_OFF_02_HLJ_OFF_02(string jurisdiction, string rule)
    {
        // JZ-OFF-02 "离岗3个月以上重新上岗的人员要接受针对性安全培训" (HLJ-OFF-02 alike), in the programme for 高危企业.
        Returns(jurisdiction, highRisk: true, monthsAway: 4).Single().RuleId.ShouldBe(rule);
    }

    [Theory]
    [InlineData("tj-jizhou")]
    [InlineData("hlj")]
    public void any_other_unit_retrains_only_after_a_year_off_post_NAT_OFF_01(string jurisdiction)
    {
        // Order No. 3 art. 15: "离岗一年以上重新上岗时，应当重新接受车间（工段、区、队）和班组级的安全培训".
        Returns(jurisdiction, highRisk: false, monthsAway: 4).ShouldBeEmpty();
        Returns(jurisdiction, highRisk: false, monthsAway: 7).ShouldBeEmpty();
        Returns(jurisdiction, highRisk: false, monthsAway: 12).Single().RuleId.ShouldBe("NAT-OFF-01");
    }

    [Fact]
    public void qufu_binds_every_unit_to_its_six_months_QF_OFF_01()
    {
        // QF-SCP-01: Qufu's notice speaks to every unit, high-risk or not ("离岗6个月以上的").
        Returns("sd-jining-qufu", highRisk: false, monthsAway: 6, left: new LocalDate(2023, 1, 9)).Single().RuleId.ShouldBe("QF-OFF-01");
    }

    [Fact]
    public void a_pack_that_scopes_a_rule_to_high_risk_enterprises_leaves_other_units_to_the_parent_JZ_SCP_01_HLJ_SCP_01()
    {
        var p = PolicyCatalog.Default;
        p.For("hlj", On, highRiskEnterprise: true).Parameters.NewHireMinHours!.RuleId.ShouldBe("HLJ-TRN-01");
        p.For("hlj", On, highRiskEnterprise: false).Parameters.NewHireMinHours.ShouldBe(new Rule<int>(24, "NAT-TRN-01",
            p.For("cn", On).Parameters.NewHireMinHours!.OtherUnits!.Note));
        // Outside the programme's window (Heilongjiang's ends 2021-12-31) the national rule binds everyone.
        p.For("hlj", new LocalDate(2022, 3, 1), highRiskEnterprise: true).Parameters.NewHireMinHours!.RuleId.ShouldBe("NAT-TRN-01");
    }
}
