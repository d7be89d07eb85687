using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Certificates;

/// <summary>
/// One test per rule id CertificateDecider enforces. The NAT-CRT ids are national rules of SAWS Order No. 30, which the source
/// documents assume without stating (rules.md 5.1 and 6.4); JZ-EDU-01 and HLJ-EDU-01 are the documents' own.
/// </summary>
public sealed class CertificateDeciderRuleTests
{
    private static readonly CertificateCatalog Catalog = CertificateCatalog.Default;
    private const string LowVoltage = "electrical.low-voltage";
    private const string Nitration = "hazardous-chemical.nitration";
    private const string CoalBlasting = "coal-mine.underground-blasting";
    private static readonly LocalDate Passed = new(2020, 6, 10);
    private static readonly LocalDate Issued = new(2020, 6, 15);

    private static Person Holder(LocalDate? born = null, EducationLevel education = EducationLevel.SeniorSecondary) =>
        Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "230***********1234", "张伟", born ?? new LocalDate(1990, 1, 1), Sex.Male,
            education, "黑龙江省哈尔滨市", null, null, new LocalDate(2020, 1, 1)));

    private static IssueCertificate Issue(string? workType = LowVoltage, string kind = CertificateKindCodes.SpecialOperation, LocalDate? passed = null,
        LocalDate? issued = null, LocalDate? validUntil = null) =>
        new(Guid.NewGuid(), "T2301012020" + Random.Shared.Next(1000, 9999), kind, workType, kind == CertificateKindCodes.SafetyQualification ? "hazardous-chemicals" : null,
            "哈尔滨考点", passed ?? Passed, passed ?? Passed, issued ?? Issued, "黑龙江省应急管理厅", issued ?? Issued, validUntil, null);

    private static Certificate InForce(string? workType = LowVoltage, string kind = CertificateKindCodes.SpecialOperation) =>
        Certificate.Create(CertificateDecider.Decide(Issue(workType, kind), Holder(), Catalog));

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    // --- issue ---

    [Fact]
    public void issue_derives_six_years_of_validity_and_a_review_at_three_from_the_catalog()
    {
        var holder = Holder();
        var issued = CertificateDecider.Decide(Issue(), holder, Catalog);
        (issued.PersonId, issued.HolderName, issued.Kind, issued.WorkType).ShouldBe((holder.Id, "张伟", CertificateKindCodes.SpecialOperation, LowVoltage));
        (issued.ValidUntil, issued.NextReviewDue).ShouldBe((Issued.PlusYears(6), Issued.PlusYears(3)));
        (issued.Supersedes, issued.SupersessionKind).ShouldBe((null, null));
    }

    [Fact]
    public void issue_keeps_a_shortened_validity_and_caps_the_review_at_it()
    {
        var issued = CertificateDecider.Decide(Issue(validUntil: Issued.PlusYears(2)), Holder(), Catalog);
        (issued.ValidUntil, issued.NextReviewDue).ShouldBe((Issued.PlusYears(2), Issued.PlusYears(2)));
    }

    [Fact]
    public void issue_masks_an_ID_shaped_number_and_keeps_its_seal_only_then()
    {
        var seal = new SealedValue("test", "sealed");
        var idShaped = CertificateDecider.Decide(Issue() with { Number = "230102199001011234", NumberSealed = seal }, Holder(), Catalog);
        idShaped.Number.ShouldBe(CertificateNumber.Display("230102199001011234"));
        idShaped.Number.ShouldNotContain("19900101");
        idShaped.NumberSealed.ShouldBe(seal);
        CertificateDecider.Decide(Issue() with { Number = "T2301012020-0001", NumberSealed = seal }, Holder(), Catalog).NumberSealed.ShouldBeNull();
    }

    [Fact]
    public void NAT_CRT_08_a_special_operation_holder_under_18_on_the_pass_date_is_refused()
    {
        // rules.md 6.4 (SAWS Order No. 30): "Eligibility: age 18 to statutory retirement age".
        var passed = new LocalDate(2020, 6, 10);
        Rule(() => CertificateDecider.Decide(Issue(passed: passed), Holder(born: new LocalDate(2002, 6, 11)), Catalog)).ShouldBe(CertificateRules.AgeGate);
    }

    [Fact]
    public void NAT_CRT_08_the_18th_birthday_itself_passes_the_age_gate()
    {
        var passed = new LocalDate(2020, 6, 10);
        CertificateDecider.Decide(Issue(passed: passed), Holder(born: new LocalDate(2002, 6, 10)), Catalog).PassDate.ShouldBe(passed);
    }

    [Fact]
    public void NAT_CRT_08_the_age_is_taken_on_the_pass_date_not_the_issue_date()
    {
        // Turned 18 between the exam and the issue: the exam was sat under age.
        Rule(() => CertificateDecider.Decide(Issue(passed: new LocalDate(2020, 6, 10), issued: new LocalDate(2020, 6, 20)),
            Holder(born: new LocalDate(2002, 6, 15)), Catalog)).ShouldBe(CertificateRules.AgeGate);
    }

    [Fact]
    public void NAT_CRT_08_gates_special_operations_only_not_the_principals_assessment_certificate()
    {
        // Order No. 30's eligibility list is for special-operation workers; the safety-qualification certificate has no work type.
        CertificateDecider.Decide(Issue(workType: null, kind: CertificateKindCodes.SafetyQualification), Holder(born: new LocalDate(2003, 1, 1)), Catalog)
            .Kind.ShouldBe(CertificateKindCodes.SafetyQualification);
    }

    [Theory]
    [InlineData(EducationLevel.JuniorSecondary, false)]
    [InlineData(EducationLevel.Primary, false)]
    [InlineData(EducationLevel.SeniorSecondary, true)]
    [InlineData(EducationLevel.SecondaryVocational, true)]
    [InlineData(EducationLevel.Bachelor, true)]
    public void JZ_EDU_01_a_hazardous_chemical_work_type_needs_senior_secondary_or_its_equivalent(EducationLevel education, bool issued)
    {
        // JZ-EDU-01: "严格危险化学品特种作业人员须具备高中或者相当于高中及以上文化程度" (中职 is the equivalent).
        var decide = () => CertificateDecider.Decide(Issue(Nitration), Holder(education: education), Catalog);
        if (issued) decide().WorkType.ShouldBe(Nitration);
        else Rule(() => decide()).ShouldBe(CertificateRules.HazchemEducation);
    }

    [Fact]
    public void JZ_EDU_01_binds_a_renewal_too_hazchem_holders_are_not_grandfathered()
    {
        var old = Certificate.Create(CertificateDecider.Decide(Issue(Nitration), Holder(), Catalog));
        var renewal = new SupersedeCertificate(SupersessionKind.Renewal, Issue(Nitration, issued: old.ValidUntil), "延期复审换证");
        Rule(() => CertificateDecider.Decide(renewal, old, Holder(education: EducationLevel.JuniorSecondary), Catalog)).ShouldBe(CertificateRules.HazchemEducation);
    }

    private static CertificateRulesInForce IssuedIn(string? jurisdiction, LocalDate? exam = null) =>
        CertificateRulesInForce.For(Ledger.Domain.Policies.PolicyCatalog.Default, jurisdiction, exam ?? Passed);

    [Fact]
    public void HLJ_EDU_01_a_new_coal_mine_applicant_needs_senior_secondary()
    {
        // HLJ-EDU-01: "危险化学品和新申请煤矿安全作业的特种作业人员须具备高中及以上文化程度要求".
        Rule(() => CertificateDecider.Decide(Issue(CoalBlasting), Holder(education: EducationLevel.JuniorSecondary), Catalog, IssuedIn("hlj")))
            .ShouldBe(CertificateRules.HazchemAndNewCoalEducation);
        CertificateDecider.Decide(Issue(CoalBlasting), Holder(education: EducationLevel.SeniorSecondary), Catalog, IssuedIn("hlj")).WorkType.ShouldBe(CoalBlasting);
    }

    [Theory]
    [InlineData("tj-jizhou")]
    [InlineData("sd-jining-qufu")]
    [InlineData("cn")]
    [InlineData(null)]
    public void HLJ_EDU_01_binds_coal_mine_applicants_only_where_heilongjiangs_programme_is_in_force(string? jurisdiction)
    {
        // The sentence is Heilongjiang's (黑应急联〔规〕发〔2020〕1号, measure 4); the national rule asks junior secondary of coal-mine work types.
        CertificateDecider.Decide(Issue(CoalBlasting), Holder(education: EducationLevel.JuniorSecondary), Catalog, IssuedIn(jurisdiction))
            .WorkType.ShouldBe(CoalBlasting);
    }

    [Fact]
    public void HLJ_EDU_01_ends_with_heilongjiangs_programme_at_the_end_of_2021()
    {
        CertificateDecider.Decide(Issue(CoalBlasting, passed: new LocalDate(2022, 3, 1), issued: new LocalDate(2022, 3, 5)),
            Holder(education: EducationLevel.JuniorSecondary), Catalog, IssuedIn("hlj", new LocalDate(2022, 3, 1))).WorkType.ShouldBe(CoalBlasting);
        IssuedIn("hlj", new LocalDate(2021, 12, 31)).NewCoalApplicantEducationBy.ShouldBe("HLJ-EDU-01");
    }

    [Theory]
    [InlineData(SupersessionKind.Renewal)]
    [InlineData(SupersessionKind.Replacement)]
    public void HLJ_EDU_01_an_existing_coal_mine_holder_is_grandfathered_at_renewal_and_replacement(SupersessionKind kind)
    {
        // Only "新申请" (new applicants) are bound: an existing holder renewing or replacing keeps the post [I, rules.md HLJ-EDU-01].
        var old = Certificate.Create(CertificateDecider.Decide(Issue(CoalBlasting), Holder(), Catalog));
        var (_, issued) = CertificateDecider.Decide(new SupersedeCertificate(kind, Issue(CoalBlasting, issued: Issued.PlusYears(1)), "换证"), old,
            Holder(education: EducationLevel.JuniorSecondary), Catalog);
        (issued.WorkType, issued.Supersedes, issued.SupersessionKind).ShouldBe((CoalBlasting, old.Id, kind));
    }

    [Fact]
    public void an_unknown_kind_is_a_programming_error_not_a_rule()
    {
        // The API refuses unknown codes with 400 before deciding.
        Should.Throw<ArgumentException>(() => CertificateDecider.Decide(Issue(kind: "driving-licence"), Holder(), Catalog));
    }

    // --- review (复审) ---

    [Fact]
    public void review_passed_sets_the_next_review_three_years_on_capped_at_expiry()
    {
        var certificate = InForce();
        var late = Issued.PlusYears(3).PlusMonths(6);
        var reviewed = CertificateDecider.Decide(new ReviewCertificate(late, true, late.PlusDays(-2), null, null), certificate, Catalog);
        (reviewed.Passed, reviewed.ReviewPassDate, reviewed.NextReviewDue).ShouldBe((true, late.PlusDays(-2), certificate.ValidUntil));
        var early = CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(1), true, null, null, null), certificate, Catalog);
        early.NextReviewDue.ShouldBe(Issued.PlusYears(4));
    }

    [Fact]
    public void review_failed_sets_no_next_review_and_the_certificate_reads_review_failed()
    {
        var certificate = InForce();
        var failed = CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(3), false, null, null, "体检不合格"), certificate, Catalog);
        (failed.Passed, failed.NextReviewDue, failed.Reason).ShouldBe((false, null, "体检不合格"));
        certificate.Apply(failed).StatusOn(Issued.PlusYears(3)).ShouldBe(CertificateStatus.ReviewFailed);
    }

    [Fact]
    public void a_failed_review_may_be_retaken_and_a_pass_puts_the_certificate_back_in_force()
    {
        // rules.md 5.1: "ReviewFailed --> UnderReview: retrained and re-examined [N]".
        var certificate = InForce();
        var failed = certificate.Apply(CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(3), false, null, null, "考试不合格"), certificate, Catalog));
        var retaken = CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(3).PlusMonths(2), true, null, null, "补考合格"), failed, Catalog);
        failed.Apply(retaken).StatusOn(Issued.PlusYears(3).PlusMonths(2)).ShouldBe(CertificateStatus.Valid);
    }

    [Fact]
    public void NAT_CRT_01_a_kind_without_periodic_review_is_not_reviewed()
    {
        // rules.md 6.4: the special operation certificate is reviewed "every 3 years"; the assessment certificate has no such review in the catalog.
        var qualification = InForce(workType: null, kind: CertificateKindCodes.SafetyQualification);
        Rule(() => CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(1), true, null, null, null), qualification, Catalog))
            .ShouldBe(CertificateRules.ReviewOnlyForReviewableKinds);
    }

    [Fact]
    public void NAT_CRT_05_a_certificate_past_its_validity_is_renewed_not_reviewed()
    {
        // rules.md 6.4: "At the 6-year expiry, renewal goes through an 'extended review' (延期复审) that re-issues the certificate."
        var certificate = InForce();
        Rule(() => CertificateDecider.Decide(new ReviewCertificate(certificate.ValidUntil!.Value.PlusDays(1), true, null, null, null), certificate, Catalog))
            .ShouldBe(CertificateRules.NoReviewAfterExpiry);
        CertificateDecider.Decide(new ReviewCertificate(certificate.ValidUntil!.Value, true, null, null, null), certificate, Catalog).Passed.ShouldBeTrue();
    }

    [Fact]
    public void NAT_CRT_09_a_suspended_certificate_is_reinstated_before_it_is_reviewed()
    {
        var certificate = InForce();
        var suspended = certificate.Apply(CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "违章作业", null), certificate));
        Rule(() => CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(2), true, null, null, null), suspended, Catalog))
            .ShouldBe(CertificateRules.ReviewWhileSuspended);
    }

    [Fact]
    public void NAT_CRT_07_no_lifecycle_date_precedes_the_issue()
    {
        var certificate = InForce();
        var before = Issued.PlusDays(-1);
        Rule(() => CertificateDecider.Decide(new ReviewCertificate(before, true, null, null, null), certificate, Catalog)).ShouldBe(CertificateRules.DatesFollowIssue);
        Rule(() => CertificateDecider.Decide(new SuspendCertificate(before, "x", null), certificate)).ShouldBe(CertificateRules.DatesFollowIssue);
        Rule(() => CertificateDecider.Decide(new RevokeCertificate(before, RevocationGround.Deception, "x", "30号令第三十九条"), certificate)).ShouldBe(CertificateRules.DatesFollowIssue);
        Rule(() => CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement, Issue(issued: before), "补证"), certificate, Holder(), Catalog))
            .ShouldBe(CertificateRules.DatesFollowIssue);
    }

    [Fact]
    public void NAT_CRT_07_a_reinstatement_cannot_precede_its_suspension()
    {
        var certificate = InForce();
        var suspended = certificate.Apply(CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "违章作业", null), certificate));
        Rule(() => CertificateDecider.Decide(new ReinstateCertificate(Issued.PlusYears(1).PlusDays(-1), "整改完成"), suspended)).ShouldBe(CertificateRules.DatesFollowIssue);
        CertificateDecider.Decide(new ReinstateCertificate(Issued.PlusYears(1), "整改完成"), suspended).On.ShouldBe(Issued.PlusYears(1));
    }

    // --- suspension, reinstatement, revocation ---

    [Fact]
    public void suspension_reinstatement_and_revocation_carry_their_dates_reasons_and_legal_basis()
    {
        var certificate = InForce();
        var suspended = CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "违章作业", "安全生产法"), certificate);
        (suspended.CertificateId, suspended.From, suspended.Reason, suspended.LegalBasis).ShouldBe((certificate.Id, Issued.PlusYears(1), "违章作业", "安全生产法"));
        var reinstated = CertificateDecider.Decide(new ReinstateCertificate(Issued.PlusYears(1).PlusDays(30), "整改完成"), certificate.Apply(suspended));
        (reinstated.CertificateId, reinstated.On).ShouldBe((certificate.Id, Issued.PlusYears(1).PlusDays(30)));
        var revoked = CertificateDecider.Decide(new RevokeCertificate(Issued.PlusYears(2), RevocationGround.Deception, "以欺骗手段取得", "30号令第三十九条"), certificate);
        (revoked.On, revoked.Reason, revoked.LegalBasis).ShouldBe((Issued.PlusYears(2), "以欺骗手段取得", "30号令第三十九条"));
    }

    // Order No. 30 art. 30: "有下列情形之一的，考核发证机关应当撤销特种作业操作证：…（四）特种作业操作证记载虚假信息的；（五）以欺骗、贿赂等不正当手段
    // 取得特种作业操作证的。特种作业人员违反前款第四项、第五项规定的，3年内不得再次申请特种作业操作证。" Qufu's QF-ENF-05 ("以欺骗、贿赂等不正当手段
    // 取得安全合格证或者特种作业操作证的，将依法予以处罚") rests on it.

    private static CertificateHolder RevokedHolder(RevocationGround ground, LocalDate on, string kind = CertificateKindCodes.SpecialOperation)
    {
        var holder = Holder();
        var old = Certificate.Create(CertificateDecider.Decide(Issue(kind: kind, workType: kind == CertificateKindCodes.SpecialOperation ? LowVoltage : null), holder, Catalog));
        var revoked = old.Apply(CertificateDecider.Decide(new RevokeCertificate(on, ground, "查实", "30号令第三十条"), old));
        revoked.RevokedFor.ShouldBe(ground);
        return CertificateHolder.Of(holder, [PriorRevocation.Of(revoked)!]);
    }

    private static IssueCertificate ExamOn(LocalDate exam) => Issue(passed: exam, issued: exam.PlusDays(5));

    [Theory]
    [InlineData(RevocationGround.Deception)]
    [InlineData(RevocationGround.FalseInformation)]
    public void NAT_CRT_10_QF_ENF_05_FR_04_a_holder_revoked_for_deception_or_false_information_may_not_apply_again_for_3_years(RevocationGround ground)
    {
        var revokedOn = Issued.PlusYears(1);
        var holder = RevokedHolder(ground, revokedOn);
        var refused = Should.Throw<DomainRuleViolation>(() => CertificateDecider.Decide(ExamOn(revokedOn.PlusYears(3).PlusDays(-1)), holder, Catalog));
        refused.RuleId.ShouldBe(CertificateRules.BarAfterRevocation);
        refused.Message.ShouldContain(revokedOn.PlusYears(3).ToString("uuuu-MM-dd", null));
        // The bar ends three years after the revocation: an exam on that day is a new application the authority may take.
        CertificateDecider.Decide(ExamOn(revokedOn.PlusYears(3)), holder, Catalog).PersonId.ShouldBe(holder.Id);
        // An exam sat before the revocation, recorded late, was no application "再次" after it.
        CertificateDecider.Decide(ExamOn(revokedOn.PlusDays(-10)), holder, Catalog).PersonId.ShouldBe(holder.Id);
    }

    [Theory]
    [InlineData(RevocationGround.ExpiredWithoutReview)]
    [InlineData(RevocationGround.Unfit)]
    [InlineData(RevocationGround.AccidentResponsibility)]
    [InlineData(RevocationGround.Unstated)]
    public void NAT_CRT_10_the_other_grounds_and_revocations_recorded_without_one_bar_nothing(RevocationGround ground)
    {
        var revokedOn = Issued.PlusYears(1);
        CertificateDecider.Decide(ExamOn(revokedOn.PlusDays(30)), RevokedHolder(ground, revokedOn), Catalog).Kind.ShouldBe(CertificateKindCodes.SpecialOperation);
    }

    [Fact]
    public void NAT_CRT_10_bars_special_operation_certificates_only()
    {
        var revokedOn = Issued.PlusYears(1);
        // A safety-qualification certificate revoked for deception does not bar a special operation certificate, nor the other way round.
        CertificateDecider.Decide(ExamOn(revokedOn.PlusDays(30)), RevokedHolder(RevocationGround.Deception, revokedOn, CertificateKindCodes.SafetyQualification), Catalog)
            .Kind.ShouldBe(CertificateKindCodes.SpecialOperation);
        var qualification = Issue(kind: CertificateKindCodes.SafetyQualification, workType: null, passed: revokedOn.PlusDays(30), issued: revokedOn.PlusDays(35));
        CertificateDecider.Decide(qualification, RevokedHolder(RevocationGround.Deception, revokedOn), Catalog).Kind.ShouldBe(CertificateKindCodes.SafetyQualification);
    }

    [Fact]
    public void NAT_CRT_04_only_a_certificate_in_force_is_suspended()
    {
        var certificate = InForce();
        var suspended = certificate.Apply(CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "违章作业", null), certificate));
        Rule(() => CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1).PlusDays(1), "again", null), suspended)).ShouldBe(CertificateRules.SuspendOnlyActive);
        var failed = certificate.Apply(CertificateDecider.Decide(new ReviewCertificate(Issued.PlusYears(3), false, null, null, "考试不合格"), certificate, Catalog));
        Rule(() => CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(3).PlusDays(1), "x", null), failed)).ShouldBe(CertificateRules.SuspendOnlyActive);
    }

    [Fact]
    public void NAT_CRT_03_only_a_suspended_certificate_is_reinstated()
    {
        Rule(() => CertificateDecider.Decide(new ReinstateCertificate(Issued.PlusYears(1), "x"), InForce())).ShouldBe(CertificateRules.ReinstateOnlySuspended);
    }

    [Fact]
    public void revocation_may_follow_a_suspension()
    {
        var certificate = InForce();
        var suspended = certificate.Apply(CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "调查中", null), certificate));
        CertificateDecider.Decide(new RevokeCertificate(Issued.PlusYears(1).PlusDays(10), RevocationGround.Deception, "以贿赂手段取得", "30号令第三十九条"), suspended).On
            .ShouldBe(Issued.PlusYears(1).PlusDays(10));
    }

    [Fact]
    public void NAT_CRT_02_a_revoked_or_superseded_certificate_takes_no_further_step()
    {
        var certificate = InForce();
        var revoked = certificate.Apply(CertificateDecider.Decide(new RevokeCertificate(Issued.PlusYears(1), RevocationGround.Deception, "以欺骗手段取得", "30号令第三十九条"), certificate));
        var (old, _) = CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement, Issue(issued: Issued.PlusYears(1)), "遗失补证"), certificate, Holder(), Catalog);
        var superseded = certificate.Apply(old);
        foreach (var final in new[] { revoked, superseded })
        {
            var later = Issued.PlusYears(2);
            Rule(() => CertificateDecider.Decide(new ReviewCertificate(later, true, null, null, null), final, Catalog)).ShouldBe(CertificateRules.RevokedOrSupersededIsFinal);
            Rule(() => CertificateDecider.Decide(new SuspendCertificate(later, "x", null), final)).ShouldBe(CertificateRules.RevokedOrSupersededIsFinal);
            Rule(() => CertificateDecider.Decide(new ReinstateCertificate(later, "x"), final)).ShouldBe(CertificateRules.RevokedOrSupersededIsFinal);
            Rule(() => CertificateDecider.Decide(new RevokeCertificate(later, RevocationGround.Deception, "x", "x"), final)).ShouldBe(CertificateRules.RevokedOrSupersededIsFinal);
            Rule(() => CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Renewal, Issue(issued: later), "x"), final, Holder(), Catalog))
                .ShouldBe(CertificateRules.RevokedOrSupersededIsFinal);
        }
    }

    // --- renewal (换证) and replacement (补证) ---

    [Fact]
    public void renewal_supersedes_the_old_certificate_and_the_new_one_points_back_with_the_old_kind_and_work_type()
    {
        var certificate = InForce();
        var renewedOn = certificate.ValidUntil!.Value.PlusDays(-10);
        var successor = Issue(workType: "welding.fusion", passed: renewedOn.PlusDays(-2), issued: renewedOn) with { Industry = "other" };
        var (old, issued) = CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Renewal, successor, "延期复审换证"), certificate, Holder(), Catalog);

        (old.CertificateId, old.NewCertificateId, old.NewNumber, old.Kind, old.On).ShouldBe((certificate.Id, successor.CertificateId, successor.Number, SupersessionKind.Renewal, renewedOn));
        (issued.CertificateId, issued.Supersedes, issued.SupersessionKind).ShouldBe((successor.CertificateId, certificate.Id, SupersessionKind.Renewal));
        // The successor is the same licence: the command cannot change what it licenses.
        (issued.Kind, issued.WorkType, issued.Industry).ShouldBe((certificate.Kind, certificate.WorkType, certificate.Industry));
        (issued.ValidUntil, issued.NextReviewDue).ShouldBe((renewedOn.PlusYears(6), renewedOn.PlusYears(3)));
        certificate.Apply(old).StatusOn(renewedOn).ShouldBe(CertificateStatus.Superseded);
    }

    [Fact]
    public void NAT_CRT_06_a_suspended_certificate_is_not_renewed_or_replaced()
    {
        var certificate = InForce();
        var suspended = certificate.Apply(CertificateDecider.Decide(new SuspendCertificate(Issued.PlusYears(1), "违章作业", null), certificate));
        Rule(() => CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement, Issue(issued: Issued.PlusYears(2)), "补证"), suspended, Holder(), Catalog))
            .ShouldBe(CertificateRules.RenewOnlyActive);
    }

    [Fact]
    public void NAT_CRT_08_binds_the_successor_too()
    {
        // A renewal re-issues the certificate, and the issue rules run on the successor's own pass date.
        var certificate = InForce();
        var (_, issued) = CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Renewal, Issue(issued: Issued.PlusYears(6)), "换证"), certificate, Holder(), Catalog);
        issued.Supersedes.ShouldBe(certificate.Id);
        Rule(() => CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement, Issue(passed: Issued.PlusDays(1), issued: Issued.PlusDays(1)), "补证"),
            certificate, Holder(born: Issued.PlusYears(-17)), Catalog)).ShouldBe(CertificateRules.AgeGate);
    }
}
