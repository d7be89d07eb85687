using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Obligations;

/// <summary>
/// The unit's training plan. Jizhou (000): "高危企业是安全技能提升培训的责任主体，企业主要负责人要在2020年4月底前组织制定本单位安全技能提升培训计划，
/// 并组织实施" (JZ-PLN-01); Heilongjiang (002): "企业主要负责人要在 2020 年 4 月底前组织制定并推进实施安全技能提升培训计划" (HLJ-PLN-01);
/// Taizhou (001): "生产经营单位主要负责人要制定本单位的培训计划，并组织实施" (TZ-PLN-01, no day set).
/// </summary>
public sealed class TrainingPlanRuleTests
{
    private static readonly LocalDate DueBy = new(2020, 4, 30);

    private static Enterprise Registered(string jurisdiction, string industry = "hazardous-chemicals") =>
        Enterprise.Create(new EnterpriseRegistered(Guid.NewGuid(), "91120225MA05K0QX2C", "蓟州化工", "王强", industry, jurisdiction, true, 300,
            TrainingCapability.SelfTraining, new LocalDate(2020, 1, 2)));

    private static Enterprise Adopted(Enterprise enterprise, LocalDate on, int year = 2020) =>
        EnterpriseDecider.Decide(new AdoptTrainingPlan(year, on, $"{year}年度安全技能提升培训计划", "王强", true, null), enterprise).Aggregate(enterprise, (e, a) => e.Apply(a));

    private static Obligation? Plan(Enterprise enterprise, LocalDate on) =>
        EnterpriseObligations.Evaluate(enterprise, null, [], PolicyCatalog.Default, IndustryCatalog.Default, on).SingleOrDefault(o => o.Kind == "training-plan");

    [Theory]
    [InlineData("tj-jizhou", "JZ-PLN-01")]
    [InlineData("hlj", "HLJ-PLN-01")]
    public void JZ_PLN_01_HLJ_PLN_01_a_high_risk_enterprise_has_its_plan_by_the_end_of_April_2020(string jurisdiction, string ruleId)
    {
        var enterprise = Registered(jurisdiction);
        Plan(enterprise, DueBy)!.ShouldSatisfyAllConditions(o => o.RuleId.ShouldBe(ruleId), o => o.Status.ShouldBe(ObligationStatus.Open), o => o.Deadline.ShouldBe(DueBy));
        // "4月底前" is on or before 30 April: the next day without a plan is a breach, with the days overdue.
        var missing = Plan(enterprise, DueBy.PlusDays(20))!;
        missing.Status.ShouldBe(ObligationStatus.Breached);
        missing.Detail.ShouldContain("20 days overdue");
        Plan(Adopted(enterprise, DueBy), DueBy.PlusDays(20))!.Status.ShouldBe(ObligationStatus.Met);
    }

    [Theory]
    [InlineData("tj-jizhou")]
    [InlineData("hlj")]
    public void JZ_PLN_01_HLJ_PLN_01_a_plan_adopted_after_the_day_is_a_breach_with_the_days_late_not_met(string jurisdiction)
    {
        var late = Plan(Adopted(Registered(jurisdiction), DueBy.PlusDays(12)), new LocalDate(2020, 9, 1))!;
        late.Status.ShouldBe(ObligationStatus.Breached);
        late.Detail.ShouldContain("12 days after it was due");
    }

    [Fact]
    public void JZ_SCP_01_HLJ_SCP_01_the_day_binds_the_high_risk_enterprises_the_programmes_cover_only()
    {
        Plan(Registered("tj-jizhou", "construction"), DueBy.PlusDays(20)).ShouldBeNull();
        Plan(Registered("hlj", "other"), DueBy.PlusDays(20)).ShouldBeNull();
    }

    [Fact]
    public void JZ_PLN_01_a_plan_is_judged_where_and_when_its_programme_is_in_force()
    {
        // Jizhou's programme ran to the end of 2021: asked in 2026, no pack sets the day.
        Plan(Registered("tj-jizhou"), new LocalDate(2026, 3, 1)).ShouldBeNull();
        // A plan written before the programme (for 2019) is not its plan.
        Plan(Adopted(Registered("tj-jizhou"), new LocalDate(2019, 12, 1), year: 2019), DueBy.PlusDays(1))!.Status.ShouldBe(ObligationStatus.Breached);
    }

    [Fact]
    public void TZ_PLN_01_every_unit_draws_up_its_plan_for_the_year_with_no_day_set()
    {
        var unit = Registered("zj-taizhou", "construction");
        var on = new LocalDate(2020, 6, 1);
        var open = Plan(unit, on)!;
        (open.RuleId, open.Status, open.Deadline).ShouldBe(("TZ-PLN-01", ObligationStatus.Open, (LocalDate?)null));
        Plan(Adopted(unit, new LocalDate(2020, 3, 1)), on)!.Status.ShouldBe(ObligationStatus.Met);
    }

    [Fact]
    public void a_plan_is_not_adopted_after_its_year_and_a_retried_adoption_records_nothing()
    {
        var enterprise = Registered("hlj");
        Should.Throw<DomainRuleViolation>(() => EnterpriseDecider.Decide(new AdoptTrainingPlan(2020, new LocalDate(2021, 1, 5), "计划", "王强", true, null), enterprise))
            .RuleId.ShouldBe(EnterpriseRules.PlanYearMismatch);
        var adopted = Adopted(enterprise, DueBy);
        EnterpriseDecider.Decide(new AdoptTrainingPlan(2020, DueBy, "2020年度安全技能提升培训计划", "王强", true, null), adopted).ShouldBeEmpty();
        adopted.TrainingPlans.Single().AdoptedOn.ShouldBe(DueBy);
    }
}
