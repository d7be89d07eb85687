using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// The claim workflow of rules.md 5.4 (Heilongjiang's chain, 2.3.C): submitted → attested (form field 17) → verified (field 18,
/// HLJ-SUB-03) → approved or rejected → disbursed → reconciled, then clawback and repayment. One test per rule id and step:
/// HLJ-SUB-03 for the order, NAT-SUB-01 maker-checker, NAT-SUB-02 role, NAT-SUB-03 jurisdiction, FR-01, FR-07 and FR-12.
/// Who pays (the disbursing, reconciling and repaying role) is being revised per jurisdiction, so these tests take the payer
/// from <see cref="ClaimRuleWorld.Payer"/> and assert only that the claimant enterprise cannot pay itself.
/// </summary>
public sealed class ClaimDeciderRuleTests
{
    private static readonly PolicyCatalog Policies = PolicyCatalog.Default;
    private const string Statement = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程。";

    private static Claim OneLine() => Submitted(Line(1));

    private static Approve ApproveAll(Claim claim) => new(claim.Lines.Select(l => new LineDecision(l.Line.LineNo, true, 0m, null)).ToList(), Applied);

    // --- attestation (form field 17, FR-07) ---

    [Fact]
    public void attest_records_the_statement_and_the_institutions_user()
    {
        var claim = OneLine();
        var attested = ClaimDecider.Attest(claim, School, Statement, Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies);
        (attested.ClaimId, attested.Statement, attested.AttestedOn, attested.AttestedBy).ShouldBe((claim.Id, Statement, Applied, School.UserId));
        attested.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void FR_07_an_attestation_that_attendance_does_not_bear_out_is_flagged_per_line()
    {
        // HLJ form field 17: "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程"; FR-07 cross-checks it against attendance.
        var course = Class();
        var full = Trainee("张伟").FullyTrained(course);
        var theoryOnly = Trainee("李娜").Attended(course, SessionMode.Classroom, 4m);
        var shortHours = Trainee("王芳").Attended(course, SessionMode.Classroom, 2m).Attended(course, SessionMode.Practical, 4m);
        var claim = Submitted(Line(1, full), Line(2, theoryOnly), Line(3, shortHours));

        var attested = ClaimDecider.Attest(claim, School, Statement, Applied,
            new[] { full, theoryOnly, shortHours }.ToDictionary(p => p.Id), new Dictionary<Guid, TrainingClass> { [course.Id] = course }, Policies);

        attested.Findings.Select(f => f.LineNo).ShouldBe([2, 3]);
        var noPractice = attested.Findings.Single(f => f.LineNo == 2).Findings;
        noPractice.ShouldAllBe(f => f.RuleId == FraudPatterns.FalseAttestation && !f.Blocking && f.Severity == Severity.High);
        noPractice.ShouldContain(f => f.Evidence.Contains("no practical session"));
        attested.Findings.Single(f => f.LineNo == 3).Findings.ShouldHaveSingleItem().Evidence.ShouldContain("6 of 8 syllabus hours");
        // The findings join the lines' later findings for the approver to read.
        claim.Apply(attested).LineNo(2)!.AllFindings.ShouldContain(f => f.RuleId == FraudPatterns.FalseAttestation);
    }

    [Fact]
    public void FR_07_online_theory_counts_as_theory_but_not_as_practice()
    {
        var course = Class();
        var online = Trainee().Attended(course, SessionMode.Online, 4m);
        var findings = ClaimChecks.Attestation(online, InstitutionId, LowVoltage, [course]);
        findings.Select(f => f.Evidence).ShouldContain(e => e.Contains("no practical session"));
        findings.Select(f => f.Evidence).ShouldNotContain(e => e.Contains("no theory session"));
    }

    [Fact]
    public void FR_07_only_the_attesting_institutions_attendance_for_the_lines_work_type_counts()
    {
        var course = Class();
        var elsewhere = Trainee().Apply(new TrainingAttended(Guid.Empty, course.Id, PracticeSession, Guid.NewGuid(), Hlj, TrainingKind.SpecialOperationInitial, LowVoltage,
            Trained, SessionMode.Practical, 4m, null, null)).Attended(course, SessionMode.Classroom, 4m);
        ClaimChecks.Attestation(elsewhere, InstitutionId, LowVoltage, [course]).ShouldContain(f => f.Evidence.Contains("no practical session"));
        var full = Trainee().FullyTrained(course);
        ClaimChecks.Attestation(full, InstitutionId, "welding.fusion", []).Count.ShouldBe(2);
    }

    [Fact]
    public void HLJ_SUB_03_attestation_comes_once_right_after_submission()
    {
        var attested = OneLine().Attested();
        Rule(() => ClaimDecider.Attest(attested, School, Statement, Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies))
            .ShouldBe(ClaimRules.WorkflowOrder);
    }

    [Fact]
    public void NAT_SUB_02_only_a_training_institution_attests()
    {
        Rule(() => ClaimDecider.Attest(OneLine(), Verifier, Statement, Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies))
            .ShouldBe(ClaimRules.RoleRequired);
    }

    [Fact]
    public void NAT_SUB_01_the_submitter_does_not_attest_its_own_claim()
    {
        var sameUser = School with { UserId = Submitter.UserId };
        Rule(() => ClaimDecider.Attest(OneLine(), sameUser, Statement, Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies))
            .ShouldBe(ClaimRules.MakerChecker);
    }

    // --- verification (form field 18, HLJ-SUB-03) ---

    [Fact]
    public void HLJ_SUB_03_every_lines_certificate_is_checked_known_the_persons_of_the_work_type_and_valid_on_the_day()
    {
        // HLJ-SUB-03: "对企业提交当地人社部门申请补贴人员的“特种作业操作证”和申领补贴资金材料的真实性进行审核".
        var (zhang, li, wang, zhao) = (Trainee("张伟"), Trainee("李娜"), Trainee("王芳"), Trainee("赵强"));
        var genuine = CertificateOf(zhang);
        var othersCertificate = CertificateOf(li);
        var welding = CertificateOf(wang, "welding.fusion");
        var suspended = CertificateOf(zhao);
        suspended = suspended.Apply(CertificateDecider.Decide(new SuspendCertificate(Applied, "违章作业", null), suspended));
        var claim = Submitted(Line(1, zhang, genuine), Line(2, zhang, othersCertificate), Line(3, wang, welding), Line(4, zhao, suspended), Line(5, zhang)).Attested();
        var known = new[] { genuine, othersCertificate, welding, suspended }.ToDictionary(c => c.Id);

        var verified = ClaimDecider.Verify(claim, Verifier, "黑龙江省安全生产培训考核系统", Later, known, PolicyCatalog.Default);

        (verified.SystemReference, verified.VerifiedOn, verified.VerifiedBy).ShouldBe(("黑龙江省安全生产培训考核系统", Later, Verifier.UserId));
        verified.Lines.Select(l => l.Verified).ShouldBe([true, false, false, false, false]);
        verified.Lines[1].Reasons.ShouldBe(["the certificate belongs to another person"]);
        verified.Lines[2].Reasons.ShouldBe(["the work type differs from the certificate's"]);
        verified.Lines[3].Reasons.ShouldBe(["the certificate is suspended on 2021-06-15"]);
        verified.Lines[4].Reasons.ShouldBe(["the certificate is not in the ledger"]);
    }

    [Fact]
    public void HLJ_SUB_03_a_certificate_superseded_by_a_newer_one_still_verifies()
    {
        var zhang = Trainee();
        var old = CertificateOf(zhang);
        var (superseded, _) = CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement,
            new IssueCertificate(Guid.NewGuid(), "T2301012021999", old.Kind, old.WorkType, null, "哈尔滨考点", old.PassDate, old.PassDate, Applied, "黑龙江省应急管理厅", Applied, null, null),
            "遗失补证"), old, zhang, CertificateCatalog.Default);
        var claim = Submitted(Line(1, zhang, old)).Attested();
        ClaimDecider.Verify(claim, Verifier, "x", Later, new Dictionary<Guid, Certificate> { [old.Id] = old.Apply(superseded) }, PolicyCatalog.Default).Lines.Single().Verified.ShouldBeTrue();
    }

    [Fact]
    public void HLJ_SUB_03_verification_follows_the_attestation()
    {
        Rule(() => ClaimDecider.Verify(OneLine(), Verifier, "x", Later, new Dictionary<Guid, Certificate>(), PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.Verify(OneLine().Attested().Verified(), Verifier, "x", Later, new Dictionary<Guid, Certificate>(), PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
    }

    [Fact]
    public void NAT_SUB_02_only_the_emergency_management_department_verifies()
    {
        // HLJ-SUB-03 names "各市（地）应急管理、煤矿安全培训主管部门"; the regulator role stands for them.
        Rule(() => ClaimDecider.Verify(OneLine().Attested(), Hr, "x", Later, new Dictionary<Guid, Certificate>(), PolicyCatalog.Default)).ShouldBe(ClaimRules.RoleRequired);
    }

    [Fact]
    public void NAT_SUB_01_the_submitter_does_not_verify_its_own_claim()
    {
        Rule(() => ClaimDecider.Verify(OneLine().Attested(), Verifier with { UserId = Submitter.UserId }, "x", Later, new Dictionary<Guid, Certificate>(), PolicyCatalog.Default))
            .ShouldBe(ClaimRules.MakerChecker);
    }

    // --- override ---

    [Fact]
    public void override_lets_the_verifying_department_clear_a_failed_line_with_a_reason()
    {
        var claim = Submitted(Line(1), Line(2)).Attested().Verified(2);
        var overridden = ClaimDecider.Override(claim, Verifier, 2, "煤矿平台可查", Later);
        (overridden.LineNo, overridden.Reason, overridden.OverriddenBy).ShouldBe((2, "煤矿平台可查", Verifier.UserId));
        claim.Apply(overridden).LineNo(2)!.VerifiedOrOverridden.ShouldBeTrue();
    }

    [Fact]
    public void HLJ_SUB_03_an_override_needs_a_verified_claim_a_known_line_and_a_line_that_failed()
    {
        Rule(() => ClaimDecider.Override(Submitted(Line(1)).Attested(), Verifier, 1, "x", Later)).ShouldBe(ClaimRules.WorkflowOrder);
        var verified = Submitted(Line(1), Line(2)).Attested().Verified(2);
        Rule(() => ClaimDecider.Override(verified, Verifier, 9, "x", Later)).ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.Override(verified, Verifier, 1, "x", Later)).ShouldBe(ClaimRules.WorkflowOrder);
    }

    [Fact]
    public void NAT_SUB_02_only_the_verifying_department_overrides()
    {
        Rule(() => ClaimDecider.Override(Submitted(Line(1)).Attested().Verified(1), Hr, 1, "x", Later)).ShouldBe(ClaimRules.RoleRequired);
    }

    // --- approval ---

    [Fact]
    public void approval_takes_each_lines_entitled_amount_unless_a_lower_one_is_given_and_unnamed_lines_earn_nothing()
    {
        var claim = Submitted(Line(1), Line(2), Line(3)).Attested().Verified();
        var approved = ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 0m, null), new LineDecision(2, true, 600m, "部分材料缺失")], Applied), Policies);
        approved.Lines.Select(d => (d.LineNo, d.Approved, d.Amount)).ShouldBe([(1, true, 1000m), (2, true, 600m), (3, false, 0m)]);
        (approved.ApprovedAmount, approved.ApprovedBy).ShouldBe((1600m, Hr.UserId));
        approved.Lines[2].Reason.ShouldBe("not approved");
    }

    [Fact]
    public void HLJ_SUB_03_approval_requires_the_verification_and_a_failed_line_needs_its_override()
    {
        // HLJ-SUB-03: "审核通过的，及时向相关人力资源社会保障部门提供…信息审核表", then HR pays: no approval before verification.
        Rule(() => ClaimDecider.Approve(OneLine().Attested(), Hr, ApproveAll(OneLine()), Policies)).ShouldBe(ClaimRules.WorkflowOrder);
        var failed = Submitted(Line(1), Line(2)).Attested().Verified(2);
        Rule(() => ClaimDecider.Approve(failed, Hr, ApproveAll(failed), Policies)).ShouldBe(ClaimRules.WorkflowOrder);
        var overridden = failed.Apply(ClaimDecider.Override(failed, Verifier, 2, "煤矿平台可查", Later));
        ClaimDecider.Approve(overridden, Hr, ApproveAll(overridden), Policies).ApprovedAmount.ShouldBe(2000m);
    }

    [Fact]
    public void HLJ_SUB_03_approval_names_only_the_claims_lines_and_approves_at_least_one()
    {
        var claim = OneLine().Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 0m, null), new LineDecision(7, true, 0m, null)], Applied), Policies))
            .ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, false, 0m, "材料不实")], Applied), Policies)).ShouldBe(ClaimRules.WorkflowOrder);
    }

    [Fact]
    public void FR_01_a_duplicate_line_cannot_be_approved()
    {
        var claim = Submitted(Line(1), Line(2, status: LineStatus.Duplicate)).Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Hr, ApproveAll(claim), Policies)).ShouldBe(FraudPatterns.DuplicateClaim);
    }

    [Fact]
    public void an_ineligible_line_cannot_be_approved_and_the_refusal_names_its_blocking_finding_not_FR_01()
    {
        // An ineligible line is no duplicate: the 422 names why it earns nothing (here FR-08, no labour relation).
        var ghost = Line(2, status: LineStatus.Ineligible) with
        {
            Findings = [new Finding(FraudPatterns.NoLabourRelation, Severity.High, true, "no employment with 黑龙江化工 (HLJ-SUB-02)")],
        };
        var claim = Submitted(Line(1), ghost).Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Hr, ApproveAll(claim), Policies)).ShouldBe(FraudPatterns.NoLabourRelation);
    }

    [Theory]
    [InlineData(1000.01)]
    [InlineData(-1)]
    public void FR_12_a_line_is_approved_for_at_most_its_entitled_amount(decimal amount)
    {
        var claim = OneLine().Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, amount, null)], Applied), Policies)).ShouldBe(ClaimRules.AmountsReconcile);
    }

    [Fact]
    public void NAT_SUB_02_the_HR_bureau_decides_the_claim()
    {
        // HLJ-SUB-03: "由同级人力资源社会保障部门…" — HR decides; the verifying department does not approve what it verified.
        var claim = OneLine().Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Verifier, ApproveAll(claim), Policies)).ShouldBe(ClaimRules.RoleRequired);
        Rule(() => ClaimDecider.Reject(claim, Verifier, "x", Later, Policies)).ShouldBe(ClaimRules.RoleRequired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tj-jizhou")]
    [InlineData("zj")]
    public void NAT_SUB_03_the_deciding_HR_bureau_answers_for_the_claims_jurisdiction(string? jurisdiction)
    {
        var claim = OneLine().Attested().Verified();
        Rule(() => ClaimDecider.Approve(claim, Hr with { Jurisdiction = jurisdiction }, ApproveAll(claim), Policies)).ShouldBe(ClaimRules.JurisdictionRequired);
        Rule(() => ClaimDecider.Reject(claim, Hr with { Jurisdiction = jurisdiction }, "x", Later, Policies)).ShouldBe(ClaimRules.JurisdictionRequired);
    }

    [Fact]
    public void NAT_SUB_03_a_bureau_above_the_claims_jurisdiction_answers_for_it()
    {
        var claim = OneLine().Attested().Verified();
        ClaimDecider.Approve(claim, Hr with { Jurisdiction = "cn" }, ApproveAll(claim), Policies).ApprovedAmount.ShouldBe(1000m);
    }

    [Fact]
    public void NAT_SUB_01_whoever_submitted_attested_or_verified_does_not_approve()
    {
        var claim = OneLine().Attested().Verified();
        foreach (var user in new[] { Submitter.UserId, School.UserId, Verifier.UserId })
            Rule(() => ClaimDecider.Approve(claim, Hr with { UserId = user }, ApproveAll(claim), Policies)).ShouldBe(ClaimRules.MakerChecker);
        Rule(() => ClaimDecider.Reject(claim, Hr with { UserId = Submitter.UserId }, "x", Later, Policies)).ShouldBe(ClaimRules.MakerChecker);
    }

    [Fact]
    public void HLJ_SUB_03_the_institution_attests_in_the_forms_own_words()
    {
        // 附件 培训机构意见: "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程。" (加盖印章); spacing and punctuation may differ.
        Rule(() => ClaimDecider.Attest(OneLine(), School, "已完成培训", Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies))
            .ShouldBe("HLJ-SUB-03");
        ClaimDecider.Attest(OneLine(), School, " 以上人员按培训大纲要求, 在我机构完成理论授课和实操全部课程 ", Applied, new Dictionary<Guid, Person>(),
            new Dictionary<Guid, TrainingClass>(), Policies).Statement.ShouldContain("理论授课和实操全部课程");
    }

    [Fact]
    public void NAT_SUB_01_whoever_submitted_attested_or_verified_does_not_reject_either()
    {
        // No document names who rejects a claim; NAT-SUB-01 is the ledger's own policy [P], and a rejection is the decision an approval is,
        // so the same people stay out of it: the verifier who found the lines wanting, or the institution that attested them, does not decide.
        var claim = OneLine().Attested().Verified();
        foreach (var user in new[] { Submitter.UserId, School.UserId, Verifier.UserId })
            Rule(() => ClaimDecider.Reject(claim, Hr with { UserId = user }, "材料不实", Later, Policies)).ShouldBe(ClaimRules.MakerChecker);
        ClaimDecider.Reject(claim, Hr, "材料不实", Later, Policies).RejectedBy.ShouldBe(Hr.UserId);
    }

    [Fact]
    public void approval_gives_back_the_entitlements_of_the_lines_it_does_not_approve()
    {
        var claim = Submitted(Line(1), Line(2), Line(3, status: LineStatus.Duplicate)).Attested().Verified();
        var step = ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 0m, null), new LineDecision(2, false, 0m, "非本单位职工")], Applied), Policies, HeldBy(claim));
        step.Claim.ApprovedAmount.ShouldBe(1000m);
        var released = step.Entitlements.ShouldHaveSingleItem().ShouldBeOfType<EntitlementReleased>();
        (released.EntitlementId, released.LineNo, released.Reason, released.On).ShouldBe((claim.LineNo(2)!.Line.EntitlementId, 2, "非本单位职工", Applied));
    }

    // --- rejection ---

    [Fact]
    public void rejection_before_approval_gives_back_every_entitlement_the_claim_holds()
    {
        foreach (var claim in new[] { Submitted(Line(1), Line(2)), Submitted(Line(1), Line(2)).Attested(), Submitted(Line(1), Line(2)).Attested().Verified() })
        {
            var step = ClaimDecider.Reject(claim, Hr, "材料不实", Later, Policies, HeldBy(claim));
            (step.Claim.Reason, step.Claim.RejectedBy, step.Claim.RejectedOn).ShouldBe(("材料不实", Hr.UserId, Later));
            step.Entitlements.Cast<EntitlementReleased>().Select(r => (r.LineNo, r.Reason)).ShouldBe([(1, "claim rejected: 材料不实"), (2, "claim rejected: 材料不实")]);
        }
    }

    [Fact]
    public void HLJ_SUB_03_an_approved_or_already_rejected_claim_is_not_rejected()
    {
        var approved = OneLine().Attested().Verified().Approved();
        Rule(() => ClaimDecider.Reject(approved, Hr, "x", Later, Policies)).ShouldBe(ClaimRules.WorkflowOrder);
        var rejected = OneLine();
        rejected = rejected.Apply(ClaimDecider.Reject(rejected, Hr, "x", Later, Policies));
        Rule(() => ClaimDecider.Reject(rejected, Hr, "again", Later, Policies)).ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.Attest(rejected, School, Statement, Later, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), Policies)).ShouldBe(ClaimRules.WorkflowOrder);
    }

    // --- disbursement, reconciliation ---

    private static Disburse Payment(decimal amount) => new("PAY-2021-0001", "黑龙江化工", "6222********1234", amount, Later);

    [Fact]
    public void disbursement_pays_the_approved_amount_and_every_approved_lines_entitlement()
    {
        var claim = Submitted(Line(1), Line(2)).Attested().Verified();
        claim = claim.Apply(ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 0m, null)], Applied), Policies));
        var step = ClaimDecider.Disburse(claim, Payer, Payment(1000m), PolicyCatalog.Default, HeldBy(claim));
        (step.Claim.Amount, step.Claim.PaymentReference, step.Claim.PaidOn, step.Claim.PaidBy).ShouldBe((1000m, "PAY-2021-0001", Later, Payer.UserId));
        var paid = step.Entitlements.ShouldHaveSingleItem().ShouldBeOfType<EntitlementPaid>();
        (paid.EntitlementId, paid.LineNo, paid.Amount, paid.PaymentReference).ShouldBe((claim.LineNo(1)!.Line.EntitlementId, 1, 1000m, "PAY-2021-0001"));
    }

    [Fact]
    public void FR_12_the_payment_equals_the_approved_amount()
    {
        var claim = OneLine().Attested().Verified().Approved();
        Rule(() => ClaimDecider.Disburse(claim, Payer, Payment(999m), PolicyCatalog.Default)).ShouldBe(ClaimRules.AmountsReconcile);
    }

    [Fact]
    public void HLJ_SUB_03_only_an_approved_claim_is_paid_and_only_a_paid_one_reconciled()
    {
        Rule(() => ClaimDecider.Disburse(OneLine().Attested().Verified(), Payer, Payment(0m), PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
        var paid = OneLine().Attested().Verified().Approved().Disbursed();
        Rule(() => ClaimDecider.Disburse(paid, Payer, Payment(1000m), PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.Reconcile(OneLine().Attested().Verified().Approved(), Finance, "BANK-1", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
        var reconciled = ClaimDecider.Reconcile(paid, Finance, "BANK-1", Later, PolicyCatalog.Default);
        (reconciled.PaymentReference, reconciled.BankReference).ShouldBe(("PAY-2021-0001", "BANK-1"));
        Rule(() => ClaimDecider.Reconcile(paid.Apply(reconciled), Finance, "BANK-2", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.WorkflowOrder);
    }

    [Fact]
    public void NAT_SUB_02_the_claimant_enterprise_does_not_pay_or_reconcile_its_own_claim()
    {
        var approved = OneLine().Attested().Verified().Approved();
        Rule(() => ClaimDecider.Disburse(approved, Submitter with { UserId = "ent-other" }, Payment(1000m), PolicyCatalog.Default)).ShouldBe(ClaimRules.RoleRequired);
        Rule(() => ClaimDecider.Reconcile(approved.Disbursed(), Submitter with { UserId = "ent-other" }, "BANK-1", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.RoleRequired);
    }

    [Fact]
    public void NAT_SUB_01_the_approver_does_not_also_pay()
    {
        var approved = OneLine().Attested().Verified().Approved();
        Rule(() => ClaimDecider.Disburse(approved, Payer with { UserId = Hr.UserId }, Payment(1000m), PolicyCatalog.Default)).ShouldBe(ClaimRules.MakerChecker);
        Rule(() => ClaimDecider.Disburse(approved, Payer with { UserId = Submitter.UserId }, Payment(1000m), PolicyCatalog.Default)).ShouldBe(ClaimRules.MakerChecker);
    }

    // --- clawback and repayment ---

    [Fact]
    public void a_clawback_orders_back_what_the_named_paid_lines_received()
    {
        var claim = Submitted(Line(1), Line(2), Line(3)).Attested().Verified();
        claim = claim.Apply(ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 0m, null), new LineDecision(2, true, 700m, null)], Applied), Policies)).Disbursed();
        var ordered = ClaimDecider.OrderClawback(claim, Verifier, new OrderClawback([1, 2, 2], "证书以欺骗手段取得", [FraudPatterns.CertificateByDeception], Later));
        ordered.LineNos.ShouldBe([1, 2]);
        (ordered.Amount, ordered.OrderedBy).ShouldBe((1700m, Verifier.UserId));
        ordered.RuleIds.ShouldBe([FraudPatterns.CertificateByDeception]);
    }

    [Fact]
    public void HLJ_SUB_03_only_paid_lines_of_a_paid_claim_are_clawed_back_and_each_once()
    {
        var approved = Submitted(Line(1), Line(2)).Attested().Verified();
        approved = approved.Apply(ClaimDecider.Approve(approved, Hr, new Approve([new LineDecision(1, true, 0m, null)], Applied), Policies));
        Rule(() => ClaimDecider.OrderClawback(approved, Verifier, new OrderClawback([1], "x", [], Later))).ShouldBe(ClaimRules.WorkflowOrder);
        var paid = approved.Disbursed();
        Rule(() => ClaimDecider.OrderClawback(paid, Verifier, new OrderClawback([2], "x", [], Later))).ShouldBe(ClaimRules.WorkflowOrder);
        Rule(() => ClaimDecider.OrderClawback(paid, Verifier, new OrderClawback([5], "x", [], Later))).ShouldBe(ClaimRules.WorkflowOrder);
        var clawing = paid.Apply(ClaimDecider.OrderClawback(paid, Verifier, new OrderClawback([1], "x", [], Later)));
        Rule(() => ClaimDecider.OrderClawback(clawing, Verifier, new OrderClawback([1], "again", [], Later))).ShouldBe(ClaimRules.WorkflowOrder);
        // A reconciled claim is still paid.
        var reconciled = paid.Apply(ClaimDecider.Reconcile(paid, Finance, "BANK-1", Later, PolicyCatalog.Default));
        ClaimDecider.OrderClawback(reconciled, Verifier, new OrderClawback([1], "x", [], Later)).Amount.ShouldBe(1000m);
    }

    [Theory]
    [InlineData(ActorRole.Enterprise)]
    [InlineData(ActorRole.TrainingInstitution)]
    [InlineData(ActorRole.HrBureau)]
    [InlineData(ActorRole.Auditor)]
    public void NAT_SUB_02_a_finance_bureau_or_regulator_orders_a_clawback(ActorRole role)
    {
        var paid = OneLine().Attested().Verified().Approved().Disbursed();
        Rule(() => ClaimDecider.OrderClawback(paid, new Actor("someone", "org", role, Hlj), new OrderClawback([1], "x", [], Later))).ShouldBe(ClaimRules.RoleRequired);
        ClaimDecider.OrderClawback(paid, Finance, new OrderClawback([1], "x", [], Later)).Amount.ShouldBe(1000m);
    }

    [Fact]
    public void FR_12_repayments_are_positive_and_never_exceed_what_is_outstanding()
    {
        var paid = OneLine().Attested().Verified().Approved().Disbursed();
        var clawing = paid.Apply(ClaimDecider.OrderClawback(paid, Verifier, new OrderClawback([1], "x", [], Later)));
        var first = ClaimDecider.Repay(clawing, Finance, 400m, "REPAY-1", Later, PolicyCatalog.Default);
        (first.Amount, first.Reference).ShouldBe((400m, "REPAY-1"));
        var partly = clawing.Apply(first);
        Rule(() => ClaimDecider.Repay(partly, Finance, 600.01m, "REPAY-2", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.AmountsReconcile);
        Rule(() => ClaimDecider.Repay(partly, Finance, 0m, "REPAY-2", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.AmountsReconcile);
        ClaimDecider.Repay(partly, Finance, 600m, "REPAY-2", Later, PolicyCatalog.Default).Amount.ShouldBe(600m);
        Rule(() => ClaimDecider.Repay(paid, Finance, 1m, "REPAY-0", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.AmountsReconcile);
    }

    [Fact]
    public void NAT_SUB_02_the_claimant_does_not_record_its_own_repayment()
    {
        var paid = OneLine().Attested().Verified().Approved().Disbursed();
        var clawing = paid.Apply(ClaimDecider.OrderClawback(paid, Verifier, new OrderClawback([1], "x", [], Later)));
        Rule(() => ClaimDecider.Repay(clawing, Submitter, 100m, "REPAY-1", Later, PolicyCatalog.Default)).ShouldBe(ClaimRules.RoleRequired);
    }
}
