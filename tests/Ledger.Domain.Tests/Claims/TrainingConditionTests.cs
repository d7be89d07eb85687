using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// Heilongjiang makes the training itself a condition of the subsidy (HLJ-SUB-02 "通过安全技能培训取得"): the syllabus hours and the
/// practical (HLJ-INS-01 "严格特种作业人员理论和实际操作培训课时要求"), and the kept video (HLJ-ARC-02 "留存、备查").
/// </summary>
public sealed class TrainingConditionTests
{
    private static Claim Attested(string jurisdiction, params Finding[] findings)
    {
        var id = Guid.NewGuid();
        var applied = new LocalDate(2021, 6, 1);
        var line = new ClaimLine(1, Guid.NewGuid(), "赵工", "110***********002X", "electrical.low-voltage", null, "T1", SubsidyKind.SpecialOperationInitial,
            "initial", Guid.NewGuid(), null, 1000m, LineStatus.Eligible, null, findings.Where(f => f.RuleId != FraudPatterns.FalseAttestation).ToList());
        return Claim.Create(new ClaimSubmitted(id, jurisdiction, Guid.NewGuid(), "91230100MA1B2C3D4E", "化工企业", "王总", "刘", "139****1111", Guid.NewGuid(), "培训学校",
                [new WorkTypeCount("electrical.low-voltage", 1)], applied.PlusDays(-30), applied.PlusDays(-20), 1, 1000m, new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "刘", applied), applied,
                [line], [], "handler", "enterprise"))
            .Apply(new InstitutionAttested(id, "已完成", applied.PlusDays(2), [new LineFindings(1, findings.Where(f => f.RuleId == FraudPatterns.FalseAttestation).ToList())], "registrar"));
    }

    private static readonly Finding HalfTheHours = new(FraudPatterns.TrainingShorterThanRequired, Severity.High, false, "8 of 16 syllabus hours attended in class 初训");
    private static readonly Finding NoPractical = new(FraudPatterns.FalseAttestation, Severity.High, false, "the attestation states practical training, but no practical session is recorded");
    private static readonly Finding NoVideo = new(FraudPatterns.MissingTrainingVideo, Severity.High, false, "no video of the Practical session on 2021-05-11 (HLJ-ARC-02)");

    [Fact]
    public void in_heilongjiang_a_line_short_of_the_syllabus_hours_or_the_practical_fails_verification_HLJ_INS_01()
    {
        var claim = Attested("hlj", HalfTheHours, NoPractical);
        var verified = ClaimDecider.Verify(claim, new Actor("inspector", "harbin", ActorRole.Regulator), "系统", new LocalDate(2021, 6, 5), new Dictionary<Guid, Ledger.Domain.Certificates.Certificate>(),
            PolicyCatalog.Default).Lines.Single();
        verified.Verified.ShouldBeFalse();
        verified.Reasons.ShouldContain(r => r.StartsWith("FR-06") && r.Contains("HLJ-INS-01") && r.Contains("严格特种作业人员理论和实际操作培训课时要求"));
        verified.Reasons.ShouldContain(r => r.StartsWith("FR-07") && r.Contains("HLJ-INS-01"));
    }

    [Fact]
    public void in_heilongjiang_a_line_without_the_kept_video_fails_verification_HLJ_ARC_02()
    {
        var reasons = ClaimChecks.UnmetConditions(Attested("hlj", NoVideo).Lines[0], new LocalDate(2021, 5, 20), "hlj", PolicyCatalog.Default);
        reasons.ShouldHaveSingleItem().ShouldContain("留存、备查");
    }

    [Fact]
    public void a_failed_condition_is_paid_only_after_the_verifier_overrides_it_with_a_reason_HLJ_SUB_02()
    {
        var inspector = new Actor("inspector", "harbin", ActorRole.Regulator);
        var claim = Attested("hlj", HalfTheHours);
        claim = claim.Apply(ClaimDecider.Verify(claim, inspector, "系统", new LocalDate(2021, 6, 5), new Dictionary<Guid, Ledger.Domain.Certificates.Certificate>(), PolicyCatalog.Default));
        var hr = new Actor("officer", "hlj-hr", ActorRole.HrBureau, "hlj");
        var approve = new Approve([new LineDecision(1, true, 0m, null)], new LocalDate(2021, 6, 10));
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Approve(claim, hr, approve, PolicyCatalog.Default)).RuleId.ShouldBe(ClaimRules.WorkflowOrder);

        claim = claim.Apply(ClaimDecider.Override(claim, inspector, 1, "补课记录经现场核实", new LocalDate(2021, 6, 6)));
        ClaimDecider.Approve(claim, hr, approve, PolicyCatalog.Default).ApprovedAmount.ShouldBe(1000m);
    }

    [Fact]
    public void where_no_document_makes_training_a_condition_of_the_subsidy_the_findings_stay_flags()
    {
        ClaimChecks.UnmetConditions(Attested("zj-taizhou", HalfTheHours, NoPractical, NoVideo).Lines[0], new LocalDate(2020, 5, 20), "zj-taizhou", PolicyCatalog.Default)
            .ShouldBeEmpty();
    }
}
