using Ledger.Domain.Claims;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// HLJ-SUB-02 "一是高危企业特种作业人员参加安全技能培训取得“特种作业操作证”的…给予1000元/人培训补贴": Heilongjiang's 1000 CNY is for the
/// special-operation workers of high-risk enterprises, so a line claimed by any other enterprise earns nothing, citing the clause.
/// </summary>
public sealed class HighRiskSubsidyTests
{
    private static readonly LocalDate Trained = new(2021, 5, 11);
    private static readonly LocalDate Issued = new(2021, 5, 20);

    private static LineAssessment Line(string industry)
    {
        var world = new SubsidyLineWorld("hlj", Trained, industry: industry);
        return world.Assess(world.Person(), world.Certificate(Issued), SubsidyKind.SpecialOperationInitial, Issued.PlusDays(10));
    }

    [Theory]
    [InlineData("hazardous-chemicals")]
    [InlineData("coal-mine")]
    [InlineData("fireworks")]
    public void a_high_risk_enterprise_earns_1000_HLJ_SUB_02(string industry)
    {
        var line = Line(industry);
        line.EntitledAmount.ShouldBe(1000m);
        line.Findings.ShouldNotContain(f => f.RuleId == "HLJ-SUB-02");
    }

    [Theory]
    [InlineData("construction")]
    [InlineData("other")]
    public void an_enterprise_outside_the_high_risk_industries_earns_nothing_HLJ_SUB_02(string industry)
    {
        var line = Line(industry);
        line.EntitledAmount.ShouldBe(0m);
        var finding = line.Findings.Single(f => f.RuleId == "HLJ-SUB-02");
        finding.Blocking.ShouldBeTrue();
        finding.Evidence.ShouldContain("not a high-risk enterprise");
    }
}
