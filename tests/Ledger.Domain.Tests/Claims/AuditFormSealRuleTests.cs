using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// HLJ-SUB-03's 附件, 申请安全技能提升补贴特种作业人员信息审核表: the enterprise's written commitment "（盖章）", the training institution's
/// opinion "（加盖印章）" and the box "应急管理部门（煤矿安全培训主管部门）意见 …（加盖印章）" — each party seals its own box after the step
/// that fills it, and the department writes its opinion in its box.
/// </summary>
public sealed class AuditFormSealRuleTests
{
    private static ClaimFormSealed[] Seal(Claim claim, Actor actor, string? opinion = null, string reference = "HLJ-SEAL-0001") =>
        ClaimDecider.Seal(claim, actor, actor.OrganisationId, reference, opinion, Later, PolicyCatalog.Default);

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    [Fact]
    public void HLJ_SUB_03_each_party_seals_its_own_box_after_the_step_that_fills_it()
    {
        var submitted = Submitted(Line(1));
        Seal(submitted, Submitter).Single().Party.ShouldBe(FormParty.Enterprise);
        Rule(() => Seal(submitted, School)).ShouldBe("HLJ-SUB-03");
        var attested = submitted.Attested();
        Seal(attested, School).Single().Party.ShouldBe(FormParty.Institution);
        Rule(() => Seal(attested, Verifier, "经核验真实有效")).ShouldBe("HLJ-SUB-03");
        var verified = attested.Verified();
        var department = Seal(verified, Verifier, "  经核验，以上人员证书真实有效，同意上报。 ").Single();
        (department.Party, department.Opinion, department.Organisation).ShouldBe((FormParty.EmergencyDepartment, "经核验，以上人员证书真实有效，同意上报。", Verifier.OrganisationId));
    }

    [Fact]
    public void HLJ_SUB_03_the_department_writes_its_opinion_before_sealing_and_a_seal_is_never_replaced()
    {
        var verified = Submitted(Line(1)).Attested().Verified();
        Rule(() => Seal(verified, Verifier, opinion: " ")).ShouldBe("HLJ-SUB-03");
        var sealedOnce = Seal(verified, Verifier, "同意").Aggregate(verified, (c, e) => c.Apply(e));
        sealedOnce.Seals.Single().Opinion.ShouldBe("同意");
        Seal(sealedOnce, Verifier, "同意").ShouldBeEmpty();
        Rule(() => Seal(sealedOnce, Verifier, "不同意", reference: "HLJ-SEAL-0002")).ShouldBe("HLJ-SUB-03");
    }

    [Fact]
    public void NAT_SUB_02_only_the_claims_enterprise_institution_and_verifying_department_seal()
    {
        var verified = Submitted(Line(1)).Attested().Verified();
        Rule(() => Seal(verified, Hr, "同意")).ShouldBe(ClaimRules.RoleRequired);
        Rule(() => Seal(verified, Submitter with { EnterpriseId = Guid.NewGuid() })).ShouldBe(ClaimRules.RoleRequired);
        Rule(() => Seal(verified, School with { InstitutionId = Guid.NewGuid() })).ShouldBe(ClaimRules.RoleRequired);
    }

    [Fact]
    public void a_programme_without_the_form_has_no_boxes_to_seal()
    {
        var jizhou = Submitted(Line(1)) with { };
        var claim = jizhou with { Form = jizhou.Form with { Jurisdiction = "tj-jizhou" } };
        Rule(() => Seal(claim, Submitter with { Jurisdiction = "tj-jizhou" })).ShouldBe(ClaimRules.NoAuditForm);
    }
}
