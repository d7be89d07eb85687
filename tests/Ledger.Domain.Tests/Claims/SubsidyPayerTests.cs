using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>Who verifies, decides, pays and audits a subsidy claim is policy data of the claim's jurisdiction (HLJ-SUB-03, NN-SUB-03).</summary>
public sealed class SubsidyPayerTests
{
    private static readonly LocalDate Applied = new(2021, 6, 1);

    public static Claim Approved(string jurisdiction = "hlj", LineStatus status = LineStatus.Eligible)
    {
        var id = Guid.NewGuid();
        var line = new ClaimLine(1, Guid.NewGuid(), "赵工", "110***********002X", "electrical.low-voltage", Guid.NewGuid(), "T1", SubsidyKind.SpecialOperationInitial,
            "initial", Guid.NewGuid(), null, 1000m, status, null, []);
        return Claim.Create(new ClaimSubmitted(id, jurisdiction, Guid.NewGuid(), "91230100MA1B2C3D4E", "黑龙江化工", "王总", "刘", "139****1111", Guid.NewGuid(), "培训学校",
                [new WorkTypeCount("electrical.low-voltage", 1)], Applied.PlusDays(-30), Applied.PlusDays(-20), 1, 1000m,
                new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "刘", Applied), Applied, [line], [], "handler", "enterprise"))
            .Apply(new InstitutionAttested(id, "已完成", Applied.PlusDays(2), [], "registrar"))
            .Apply(new CertificatesVerified(id, [new LineVerification(1, true, [])], "系统", Applied.PlusDays(5), "inspector"))
            .Apply(new ClaimApproved(id, [new LineDecision(1, true, 1000m, null)], 1000m, Applied.PlusDays(10), "officer"));
    }

    private static Disburse Payment => new("PAY-1", "黑龙江化工", "6222020200001234567", 1000m, Applied.PlusDays(15));

    [Fact]
    public void heilongjiang_subsidies_are_paid_by_the_hr_bureau_of_the_same_level_not_the_finance_bureau_HLJ_SUB_03()
    {
        // 002: "审核通过的，及时向相关人力资源社会保障部门提供…由同级人力资源社会保障部门按…规定拨付培训补贴资金"
        var claim = Approved();
        var finance = new Actor("cashier", "hlj-finance", ActorRole.FinanceBureau, "hlj");
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Disburse(claim, finance, Payment, PolicyCatalog.Default)).RuleId.ShouldBe(ClaimRules.RoleRequired);

        var hr = new Actor("hr-cashier", "hlj-hr", ActorRole.HrBureau, "hlj");
        var paid = ClaimDecider.Disburse(claim, hr, Payment, PolicyCatalog.Default);
        paid.PaidBy.ShouldBe("hr-cashier");
        ClaimDecider.Authorities(claim, PolicyCatalog.Default).RuleId.ShouldBe("HLJ-SUB-03");
    }

    [Fact]
    public void the_paying_hr_bureau_answers_for_the_claims_jurisdiction_HLJ_SUB_03()
    {
        // "同级": the HR bureau of another province, or one with no jurisdiction, does not pay.
        var elsewhere = new Actor("hr-cashier", "sd-hr", ActorRole.HrBureau, "sd");
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Disburse(Approved(), elsewhere, Payment, PolicyCatalog.Default)).RuleId.ShouldBe(ClaimRules.JurisdictionRequired);
    }

    [Fact]
    public void the_approver_does_not_also_pay_NAT_SUB_01()
    {
        var approver = new Actor("officer", "hlj-hr", ActorRole.HrBureau, "hlj");
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Disburse(Approved(), approver, Payment, PolicyCatalog.Default)).RuleId.ShouldBe(ClaimRules.MakerChecker);
    }

    [Fact]
    public void finance_bureaus_audit_the_payout_and_the_payer_does_not_reconcile_its_own_payment_HLJ_SUB_03()
    {
        var hr = new Actor("hr-cashier", "hlj-hr", ActorRole.HrBureau, "hlj");
        var claim = Approved();
        claim = claim.Apply(ClaimDecider.Disburse(claim, hr, Payment, PolicyCatalog.Default));
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Reconcile(claim, hr, "BOC-1", Applied.PlusDays(18), PolicyCatalog.Default)).RuleId.ShouldBe(ClaimRules.RoleRequired);
        var finance = new Actor("accountant", "hlj-finance", ActorRole.FinanceBureau, "hlj");
        ClaimDecider.Reconcile(claim, finance, "BOC-1", Applied.PlusDays(18), PolicyCatalog.Default).BankReference.ShouldBe("BOC-1");
    }

    [Fact]
    public void nanning_city_hr_pays_NN_SUB_03()
    {
        // 004: "特种作业人员获得操作资格证者，市人力资源与社会保障部门给予补贴"
        var rule = PolicyCatalog.Default.For("gx-nanning", new LocalDate(2021, 3, 1)).Parameters.SubsidyAuthorities!;
        rule.RuleId.ShouldBe("NN-SUB-03");
        rule.Value.Payer.ShouldBe(ActorRole.HrBureau);
        rule.Value.Auditor.ShouldBe(ActorRole.FinanceBureau);
    }

    [Fact]
    public void where_no_document_names_the_payer_the_ledgers_own_default_says_so_LGR_SUB_01()
    {
        var rule = PolicyCatalog.Default.For("zj-taizhou", new LocalDate(2020, 6, 1)).Parameters.SubsidyAuthorities!;
        rule.RuleId.ShouldBe("LGR-SUB-01");
        rule.Note!.ShouldStartWith("[P]");
    }

    /// <summary>Nanning with one of its districts, as a pack file adds it (the shipped packs stop at the city).</summary>
    private static PolicyCatalog NanningWithDistrict()
    {
        using var pack = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("""
            { "source": "test", "versions": [],
              "jurisdictions": [ { "code": "gx-nanning-wuming", "nameZh": "武鸣区", "nameEn": "Wuming District", "level": "district", "parent": "gx-nanning" } ] }
            """));
        return PolicyCatalog.Default.WithPack(pack);
    }

    [Fact]
    public void nanning_pays_a_city_enterprises_subsidy_from_the_city_and_a_districts_from_the_district_NN_SUB_02()
    {
        // 004: 市财政局 "落实市属高危企业…特种作业人员上岗培训补贴"; 县（区） "落实高危企业职工班组长安全技能提升培训补贴、特种作业人员上岗培训补贴".
        var policies = NanningWithDistrict();
        var city = new Actor("nn-cashier", "nn-hr", ActorRole.HrBureau, "gx-nanning");
        var district = new Actor("wm-cashier", "wm-hr", ActorRole.HrBureau, "gx-nanning-wuming");
        ClaimDecider.Disburse(Approved("gx-nanning"), city, Payment, policies).PaidBy.ShouldBe("nn-cashier");
        ClaimDecider.Disburse(Approved("gx-nanning-wuming"), district, Payment, policies).PaidBy.ShouldBe("wm-cashier");
        // The city bureau answers for the district too, but does not fund the district's own enterprises.
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Disburse(Approved("gx-nanning-wuming"), city, Payment, policies)).RuleId.ShouldBe("NN-SUB-02");
        Should.Throw<DomainRuleViolation>(() => ClaimDecider.Disburse(Approved("gx-nanning"), district, Payment, policies)).RuleId.ShouldBe(ClaimRules.JurisdictionRequired);
    }

    [Fact]
    public void elsewhere_a_bureau_above_the_claims_jurisdiction_may_pay_NAT_SUB_03()
    {
        var province = new Actor("hr-cashier", "hlj-hr", ActorRole.HrBureau, "cn");
        ClaimDecider.Disburse(Approved(), province, Payment, PolicyCatalog.Default).PaidBy.ShouldBe("hr-cashier");
    }
}
