using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>JZ-SUB-01 "取得特种作业操作证的本区户籍人员和在本区缴纳社会保险满3个月的外埠人员".</summary>
public sealed class ResidencyTests
{
    private static readonly LocalDate Trained = new(2020, 4, 10);

    private static LineAssessment Line(LocalDate issued)
    {
        var world = new SubsidyLineWorld("tj-jizhou", Trained, hukou: "河北省三河市");
        var person = world.Person().Apply(new SocialInsuranceMonthsRecorded(world.PersonId, "tj-jizhou", "91120225MA05000000",
            [new YearMonth(2020, 3), new YearMonth(2020, 4), new YearMonth(2020, 5)], "区社保中心"));
        return world.Assess(person, world.Certificate(issued), SubsidyKind.SpecialOperationInitial, issued.PlusDays(10));
    }

    [Fact]
    public void a_month_that_has_only_begun_is_not_a_month_paid_JZ_SUB_01()
    {
        // Issued on 1 May: March and April are paid in full, May has only begun, so 满3个月 is not met.
        var line = Line(new LocalDate(2020, 5, 1));
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.IneligibleClaimant && f.Blocking && f.Evidence.Contains("2 of 3"));
    }

    [Fact]
    public void three_months_paid_in_full_meet_the_rule_JZ_SUB_01()
    {
        var line = Line(new LocalDate(2020, 5, 31));
        line.Findings.ShouldNotContain(f => f.RuleId == FraudPatterns.IneligibleClaimant);
    }

    [Fact]
    public void a_line_eligible_by_household_registration_alone_says_the_registration_is_unverified_JZ_SUB_01()
    {
        var world = new SubsidyLineWorld("tj-jizhou", Trained, hukou: "天津市蓟州区");
        var line = world.Assess(world.Person(), world.Certificate(new LocalDate(2020, 5, 1)), SubsidyKind.SpecialOperationInitial, new LocalDate(2020, 5, 11));
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.IneligibleClaimant && !f.Blocking && f.Evidence.Contains("not verified"));
        line.Findings.ShouldNotContain(f => f.RuleId == FraudPatterns.IneligibleClaimant && f.Blocking);
    }
}
