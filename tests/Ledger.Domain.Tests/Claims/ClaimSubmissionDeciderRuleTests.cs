using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// Submission (rules.md 5.4 Draft → Submitted): the roster's lines judged on the ledger's facts, each eligible line holding its
/// entitlement (person × certificate × subsidy kind × cycle) or recorded a duplicate of its holder (FR-01), the form's arithmetic
/// checked (FR-12), and only the employing enterprise submitting (NAT-SUB-02). The FR-01 tests use the exact key only.
/// </summary>
public sealed class ClaimSubmissionDeciderRuleTests
{
    private static readonly TrainingClass Course = Class();

    private sealed record Trainee_(Person Person, Certificate Certificate);

    private static Trainee_ Certified(string name = "张伟")
    {
        var person = Trainee(name).FullyTrained(Course);
        return new(person, CertificateOf(person));
    }

    private static RosterLine Roster(int lineNo, Trainee_ t, SubsidyKind kind = SubsidyKind.SpecialOperationInitial) =>
        new(lineNo, t.Person.Name, t.Person.IdNumberMasked, t.Person.Id, LowVoltage, t.Certificate.Id, t.Certificate.Number, kind, null);

    private static SubmitClaim Form(IReadOnlyList<RosterLine> roster, int? certified = null, decimal? requested = null) =>
        new(Guid.NewGuid(), EnterpriseId, InstitutionId, "赵会计", "138****0000", new SealedValue("test", "sealed-mobile"), [new WorkTypeCount(LowVoltage, roster.Count)],
            ClassOpened, Trained, certified ?? roster.Count, requested ?? 1000m * roster.Count, new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "王总", Applied), Applied, roster);

    private static SubmissionFacts Facts(params Trainee_[] trainees) => new(Enterprise(), Institution(),
        trainees.ToDictionary(t => t.Person.Id, t => t.Person), trainees.ToDictionary(t => t.Certificate.Id, t => t.Certificate),
        new Dictionary<Guid, TrainingClass> { [Course.Id] = Course });

    private static ClaimSubmission Submit(SubmitClaim form, SubmissionFacts facts, Dictionary<Guid, Entitlement?>? entitlements = null, Actor? actor = null)
    {
        var judged = ClaimSubmissionDecider.Judge(form, facts, PolicyCatalog.Default, CertificateCatalog.Default, Ids);
        var read = entitlements ?? ClaimSubmissionDecider.EntitlementsToRead(judged).ToDictionary(id => id, _ => (Entitlement?)null);
        return ClaimSubmissionDecider.Decide(form, actor ?? Submitter, facts, judged, read, PolicyCatalog.Default);
    }

    [Fact]
    public void each_eligible_line_holds_its_entitlement_and_the_claim_carries_the_form_and_the_enterprise()
    {
        var (zhang, li) = (Certified("张伟"), Certified("李娜"));
        var form = Form([Roster(2, li), Roster(1, zhang)]);
        var submission = Submit(form, Facts(zhang, li));

        var claim = submission.Submitted;
        (claim.ClaimId, claim.Jurisdiction, claim.EnterpriseId, claim.EnterpriseCreditCode, claim.InstitutionName)
            .ShouldBe((form.ClaimId, Hlj, EnterpriseId, "91230100MA1B2C3D4E", "哈尔滨安全培训学校"));
        (claim.SubmittedBy, claim.SubmittedByOrganisation, claim.HandlerMobile, claim.HandlerMobileSealed).ShouldBe((Submitter.UserId, Submitter.OrganisationId, "138****0000", form.HandlerMobileSealed));
        // Lines are judged in line order, whatever order the roster came in.
        claim.Lines.Select(l => (l.LineNo, l.Name, l.Status, l.EntitledAmount, l.Cycle)).ShouldBe([(1, "张伟", LineStatus.Eligible, 1000m, "initial"), (2, "李娜", LineStatus.Eligible, 1000m, "initial")]);
        claim.FormFindings.ShouldBeEmpty();

        submission.Held.Count.ShouldBe(2);
        var held = submission.Held.Single(h => h.LineNo == 1);
        (held.EntitlementId, held.PersonId, held.CertificateId, held.Kind, held.Cycle, held.ClaimId, held.Jurisdiction, held.EnterpriseId, held.HeldOn)
            .ShouldBe((Ids.ForEntitlement(zhang.Person.Id, zhang.Certificate.Id, "special-operation-initial", "initial"), zhang.Person.Id, zhang.Certificate.Id,
                SubsidyKind.SpecialOperationInitial, "initial", form.ClaimId, Hlj, EnterpriseId, Applied));
        claim.Lines[0].EntitlementId.ShouldBe(held.EntitlementId);
    }

    [Fact]
    public void HLJ_SUB_03_the_enterprise_commits_in_the_forms_own_words()
    {
        // 附件 申请企业书面承诺: "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,
        // 愿意承担虚假培训及申报产生的全部法律责任。" A paraphrase that drops the liability is not the commitment the form asks the enterprise to sign.
        var zhang = Certified();
        var paraphrase = Form([Roster(1, zhang)]) with { Commitment = new Commitment("已依法建立了劳动(用工)关系，信息真实", "王总", Applied) };
        Should.Throw<DomainRuleViolation>(() => Submit(paraphrase, Facts(zhang))).RuleId.ShouldBe("HLJ-SUB-03");
        var fullWidth = Form([Roster(1, zhang)]) with { Commitment = new Commitment(
            "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动（用工）关系，补贴资金申请信息真实全面、准确无误，愿意承担虚假培训及申报产生的全部法律责任。", "王总", Applied) };
        Submit(fullWidth, Facts(zhang)).Submitted.Commitment.Signer.ShouldBe("王总");
    }

    [Fact]
    public void FR_01_an_entitlement_another_claim_holds_makes_the_line_a_duplicate_of_that_claim()
    {
        // FR-01: "Unique key (subsidy kind, certificate ID, event = initial issue or review cycle)" — across enterprises and jurisdictions.
        var zhang = Certified();
        var form = Form([Roster(1, zhang)]);
        var judged = ClaimSubmissionDecider.Judge(form, Facts(zhang), PolicyCatalog.Default, CertificateCatalog.Default, Ids);
        var entitlementId = ClaimSubmissionDecider.EntitlementsToRead(judged).ShouldHaveSingleItem();
        var otherClaim = Guid.NewGuid();
        var holding = Entitlement.Create(new EntitlementHeld(entitlementId, zhang.Person.Id, zhang.Certificate.Id, SubsidyKind.SpecialOperationInitial, "initial",
            otherClaim, 4, "zj-taizhou", Guid.NewGuid(), Applied.PlusDays(-10)));

        var submission = ClaimSubmissionDecider.Decide(form, Submitter, Facts(zhang), judged, new Dictionary<Guid, Entitlement?> { [entitlementId] = holding }, PolicyCatalog.Default);

        submission.Held.ShouldBeEmpty();
        var line = submission.Submitted.Lines.ShouldHaveSingleItem();
        (line.Status, line.HeldByClaim, line.EntitledAmount).ShouldBe((LineStatus.Duplicate, otherClaim, 0m));
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.DuplicateClaim && f.Blocking && f.Severity == Severity.High && f.Evidence.Contains(otherClaim.ToString()));
    }

    [Fact]
    public void FR_01_the_same_entitlement_twice_on_one_roster_is_held_by_the_first_line_only()
    {
        var zhang = Certified();
        var form = Form([Roster(1, zhang), Roster(2, zhang)], certified: 2, requested: 1000m);
        var submission = Submit(form, Facts(zhang));

        submission.Held.ShouldHaveSingleItem().LineNo.ShouldBe(1);
        var second = submission.Submitted.Lines[1];
        (second.Status, second.HeldByClaim, second.EntitledAmount).ShouldBe((LineStatus.Duplicate, form.ClaimId, 0m));
        second.Findings.ShouldContain(f => f.RuleId == FraudPatterns.DuplicateClaim);
        submission.Submitted.FormFindings.ShouldBeEmpty();
    }

    [Fact]
    public void FR_01_an_entitlement_given_back_by_its_claim_can_be_held_again()
    {
        var zhang = Certified();
        var form = Form([Roster(1, zhang)]);
        var id = Ids.ForEntitlement(zhang.Person.Id, zhang.Certificate.Id, "special-operation-initial", "initial");
        var released = Entitlement.Create(new EntitlementHeld(id, zhang.Person.Id, zhang.Certificate.Id, SubsidyKind.SpecialOperationInitial, "initial", Guid.NewGuid(), 1,
            Hlj, EnterpriseId, Applied.PlusDays(-30))).Apply(new EntitlementReleased(id, Guid.NewGuid(), 1, "claim rejected", Applied.PlusDays(-5)));

        var submission = Submit(form, Facts(zhang), new Dictionary<Guid, Entitlement?> { [id] = released });

        submission.Held.ShouldHaveSingleItem().EntitlementId.ShouldBe(id);
        submission.Submitted.Lines.Single().Status.ShouldBe(LineStatus.Eligible);
    }

    [Fact]
    public void FR_01_the_entitlement_is_the_same_whichever_enterprise_claims_it()
    {
        var zhang = Certified();
        var facts = Facts(zhang);
        var here = ClaimSubmissionDecider.Judge(Form([Roster(1, zhang)]), facts, PolicyCatalog.Default, CertificateCatalog.Default, Ids).Single().EntitlementId;
        var elsewhere = ClaimSubmissionDecider.Judge(Form([Roster(7, zhang)]) with { EnterpriseId = Guid.NewGuid() },
            facts with { Enterprise = facts.Enterprise with { Id = Guid.NewGuid(), Jurisdiction = "zj-taizhou" } },
            PolicyCatalog.Default, CertificateCatalog.Default, Ids).Single().EntitlementId;
        elsewhere.ShouldBe(here);
    }

    [Fact]
    public void FR_03_a_line_whose_person_or_certificate_the_ledger_does_not_hold_is_ineligible_and_holds_nothing()
    {
        var zhang = Certified();
        var unknown = new Trainee_(Trainee("无名"), CertificateOf(Trainee("无名")));
        var form = Form([Roster(1, zhang), Roster(2, unknown)], certified: 1, requested: 1000m);
        var judged = ClaimSubmissionDecider.Judge(form, Facts(zhang), PolicyCatalog.Default, CertificateCatalog.Default, Ids);

        judged[1].EntitlementId.ShouldBe(Guid.Empty);
        ClaimSubmissionDecider.EntitlementsToRead(judged).ShouldBe([judged[0].EntitlementId]);
        var submission = ClaimSubmissionDecider.Decide(form, Submitter, Facts(zhang), judged, new Dictionary<Guid, Entitlement?> { [judged[0].EntitlementId] = null }, PolicyCatalog.Default);
        submission.Held.ShouldHaveSingleItem().LineNo.ShouldBe(1);
        var line = submission.Submitted.Lines[1];
        (line.Status, line.PersonId, line.CertificateId, line.EntitledAmount).ShouldBe((LineStatus.Ineligible, Guid.Empty, null, 0m));
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.UnverifiableCertificate && f.Blocking);
    }

    [Fact]
    public void FR_08_an_ineligible_line_holds_no_entitlement()
    {
        // The HLJ form's commitment: "已依法建立了劳动(用工)关系"; a person not employed by the claimant earns nothing and takes nothing.
        var stranger = Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "230***********5678", "钱多", new LocalDate(1985, 3, 1),
            Sex.Female, EducationLevel.SeniorSecondary, "黑龙江省哈尔滨市", null, null, ClassOpened)).FullyTrained(Course);
        var t = new Trainee_(stranger, CertificateOf(stranger));
        var submission = Submit(Form([Roster(1, t)], certified: 0, requested: 0m), Facts(t));
        submission.Held.ShouldBeEmpty();
        var line = submission.Submitted.Lines.Single();
        line.Status.ShouldBe(LineStatus.Ineligible);
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.NoLabourRelation && f.Blocking);
    }

    [Fact]
    public void FR_12_the_forms_declared_counts_and_amount_are_checked_against_the_judged_roster()
    {
        // HLJ form fields 8, 10 and 11: counts per work type, the certified count and the amount (= 1000 × field 10, HLJ-SUB-02).
        var (zhang, li) = (Certified("张伟"), Certified("李娜"));
        var form = Form([Roster(1, zhang), Roster(2, li)], certified: 3, requested: 2500m) with { WorkTypes = [new WorkTypeCount(LowVoltage, 1), new WorkTypeCount("welding.fusion", 1)] };
        var findings = Submit(form, Facts(zhang, li)).Submitted.FormFindings;

        findings.ShouldAllBe(f => f.RuleId == FraudPatterns.AmountsInconsistent && !f.Blocking);
        findings.Select(f => f.Evidence).ShouldBe([
            "1 declared for electrical.low-voltage, 2 on the roster",
            "1 declared for welding.fusion, none on the roster",
            "3 certified declared, 2 roster lines hold a certificate in the ledger",
            "2500.00 CNY requested, 2000.00 CNY entitled: a difference of 500.00",
        ]);
    }

    [Theory]
    [InlineData(ActorRole.TrainingInstitution)]
    [InlineData(ActorRole.HrBureau)]
    [InlineData(ActorRole.Regulator)]
    public void NAT_SUB_02_only_the_employing_enterprise_submits(ActorRole role)
    {
        // HLJ form field 12: the enterprise signs the commitment and bears the liability.
        var zhang = Certified();
        Rule(() => Submit(Form([Roster(1, zhang)]), Facts(zhang), actor: new Actor("someone", "org", role, Hlj))).ShouldBe(ClaimRules.RoleRequired);
    }
}
