using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// How submission judges a roster line (ClaimAssessor, called by ClaimSubmissionDecider.Judge): one test per fraud pattern of rules.md
/// section 4 it detects, blocking (the line earns nothing) or flagging (evidence for the reviewer). Amounts are asserted only for the
/// initial special-operation subsidy; the review subsidy is being revised and is tested here only as far as FR-13 goes.
/// </summary>
public sealed class ClaimAssessorRuleTests
{
    /// <summary>The class with full-process video of both sessions kept beyond the certificate's validity (HLJ-ARC-02).</summary>
    private static TrainingClass Filmed(TrainingClass course, LocalDate? retainUntil = null) => course
        .Apply(new SessionVideoArchived(course.Id, TheorySession, "sha256:01", "archive://1", retainUntil ?? IssuedOn.PlusYears(7)))
        .Apply(new SessionVideoArchived(course.Id, PracticeSession, "sha256:02", "archive://2", retainUntil ?? IssuedOn.PlusYears(7)));

    private static readonly TrainingClass Course = Filmed(Class());

    private static ClaimContext Hlj_(Institution? institution = null, LocalDate? from = null) =>
        new(Hlj, Enterprise(), institution ?? Institution(), from ?? ClassOpened, Trained, Applied);

    private static LineAssessment Judge(Person? person, Certificate? certificate, string? name = null, string workType = LowVoltage,
        SubsidyKind kind = SubsidyKind.SpecialOperationInitial, ClaimContext? context = null, IReadOnlyList<TrainingClass>? classes = null, decimal? requested = null) =>
        ClaimAssessor.Assess(new LineFacts(1, name ?? person?.Name ?? "张伟", workType, kind, requested, person, certificate, classes ?? [Course]), context ?? Hlj_(),
            PolicyCatalog.Default, CertificateCatalog.Default);

    private static (Person Person, Certificate Certificate) Clean()
    {
        var person = Trainee().FullyTrained(Course);
        return (person, CertificateOf(person));
    }

    private static IEnumerable<string> Blocking(LineAssessment line) => line.Findings.Where(f => f.Blocking).Select(f => f.RuleId);

    private static IEnumerable<string> Flags(LineAssessment line) => line.Findings.Where(f => !f.Blocking).Select(f => f.RuleId);

    [Fact]
    public void HLJ_SUB_02_a_clean_line_earns_1000_yuan_for_the_initial_certificate_with_no_finding()
    {
        // HLJ-SUB-02: "给予1000元/人培训补贴".
        var (person, certificate) = Clean();
        var line = Judge(person, certificate);
        line.Findings.ShouldBeEmpty();
        (line.Eligible, line.EntitledAmount, line.Cycle, line.EventDate).ShouldBe((true, 1000m, "initial", IssuedOn));
    }

    [Fact]
    public void FR_03_a_person_or_certificate_the_ledger_does_not_hold_blocks_the_line()
    {
        var (person, certificate) = Clean();
        var unknownPerson = Judge(null, certificate);
        (unknownPerson.Cycle, unknownPerson.EntitledAmount).ShouldBe(("unknown", 0m));
        unknownPerson.Findings.ShouldHaveSingleItem().Evidence.ShouldBe("the ID number on the roster is not registered in the ledger");
        Judge(person, null).Findings.ShouldHaveSingleItem().Evidence.ShouldBe("the certificate number is not in the ledger");
        Judge(null, null).Findings.Count(f => f.RuleId == FraudPatterns.UnverifiableCertificate && f.Blocking).ShouldBe(2);
    }

    [Fact]
    public void FR_03_another_persons_certificate_a_different_name_or_work_type_blocks_the_line()
    {
        // FR-03: "holder name/ID mismatch; work type mismatch".
        var (person, certificate) = Clean();
        var someoneElses = CertificateOf(Trainee("李娜"));
        Judge(person, someoneElses).Findings.ShouldContain(f => f.RuleId == "FR-03" && f.Blocking && f.Evidence.Contains("belongs to another person"));
        Judge(person, certificate, name: "张 伟").Findings.ShouldContain(f => f.RuleId == "FR-03" && f.Evidence == "the roster name differs from the registered name");
        Judge(person, certificate, name: " 张伟 ").Findings.ShouldBeEmpty();
        Judge(person, certificate, workType: "welding.fusion").Findings.ShouldContain(f => f.RuleId == "FR-03" && f.Blocking && f.Evidence.Contains("differs from the certificate's"));
    }

    [Fact]
    public void FR_03_a_certificate_suspended_or_expired_on_the_application_date_blocks_the_line()
    {
        var (person, certificate) = Clean();
        var suspended = certificate.Apply(new CertificateSuspended(certificate.Id, Applied.PlusDays(-1), "违章作业", null));
        Judge(person, suspended).Findings.ShouldContain(f => f.RuleId == "FR-03" && f.Blocking && f.Evidence.Contains("Suspended on the application date"));
        var expired = certificate with { ValidUntil = Applied.PlusDays(-1) };
        Blocking(Judge(person, expired)).ShouldContain("FR-03");
    }

    [Fact]
    public void FR_04_a_revoked_certificate_blocks_the_line_and_a_revocation_after_the_application_still_shows()
    {
        var (person, certificate) = Clean();
        var revokedBefore = certificate.Apply(new CertificateRevoked(certificate.Id, Applied.PlusDays(-1), RevocationGround.Deception, "以欺骗手段取得", "30号令"));
        var line = Judge(person, revokedBefore);
        Blocking(line).ShouldContain("FR-04");
        line.EntitledAmount.ShouldBe(0m);
        // Judged again for an audit, a revocation dated after the application is evidence against the line, not a block.
        var revokedAfter = certificate.Apply(new CertificateRevoked(certificate.Id, Later, RevocationGround.Deception, "以欺骗手段取得", "30号令"));
        var audit = Judge(person, revokedAfter);
        audit.Findings.ShouldHaveSingleItem().ShouldSatisfyAllConditions(f => f.RuleId.ShouldBe("FR-04"), f => f.Blocking.ShouldBeFalse(),
            f => f.Evidence.ShouldContain("2021-06-15, after the application"));
    }

    [Fact]
    public void FR_13_an_initial_subsidy_for_a_renewed_certificate_or_another_kind_is_the_wrong_subsidy_event()
    {
        // FR-13: "an HLJ claim (for 'obtaining' a certificate) made for a review/renewal".
        var (person, certificate) = Clean();
        Judge(person, certificate with { Supersedes = Guid.NewGuid() }).Findings
            .ShouldContain(f => f.RuleId == "FR-13" && f.Blocking && f.Evidence.Contains("renewed or replacement"));
        Judge(person, certificate, kind: SubsidyKind.SafetyQualificationInitial).Findings
            .ShouldContain(f => f.RuleId == "FR-13" && f.Blocking && f.Evidence.Contains("special-operation certificate"));
    }

    [Fact]
    public void FR_13_a_review_subsidy_needs_a_passed_review()
    {
        var (person, certificate) = Clean();
        var line = Judge(person, certificate, kind: SubsidyKind.SpecialOperationReview);
        line.Cycle.ShouldBe("review:none");
        line.Findings.ShouldContain(f => f.RuleId == "FR-13" && f.Blocking && f.Evidence == "a review subsidy is claimed but the certificate has no passed review");
    }

    [Fact]
    public void FR_13_a_subsidy_the_jurisdictions_pack_does_not_set_earns_nothing()
    {
        // Jizhou's amounts are "按照相关规定": no figure in the document, so none in the pack.
        var (person, certificate) = Clean();
        var jizhou = Hlj_() with { Jurisdiction = "tj-jizhou", Enterprise = Enterprise() with { Jurisdiction = "tj-jizhou" } };
        var line = Judge(person, certificate, context: jizhou);
        line.Findings.ShouldContain(f => f.RuleId == "FR-13" && f.Blocking && f.Evidence.StartsWith("no SpecialOperationInitial subsidy is set for tj-jizhou"));
        line.EntitledAmount.ShouldBe(0m);
    }

    [Fact]
    public void FR_23_a_claim_before_the_certificate_event_is_impossible()
    {
        var person = Trainee().FullyTrained(Course);
        var issuedAfter = CertificateOf(person, issuedOn: Applied.PlusDays(5));
        Judge(person, issuedAfter).Findings.ShouldContain(f => f.RuleId == "FR-23" && f.Blocking && f.Evidence == "the claim predates the certificate event it claims for");
    }

    [Fact]
    public void FR_23_attendance_outside_the_forms_training_period_and_a_certificate_before_training_ended_are_flagged()
    {
        var (person, certificate) = Clean();
        Judge(person, certificate, context: Hlj_(from: Trained.PlusDays(1))).Findings
            .ShouldContain(f => f.RuleId == "FR-23" && !f.Blocking && f.Evidence.Contains("falls outside the form's training period"));
        var early = certificate with { IssuedOn = Trained.PlusDays(-1) };
        Judge(person, early).Findings.ShouldContain(f => f.RuleId == "FR-23" && !f.Blocking && f.Evidence.Contains("before training ended on 2021-05-11"));
    }

    [Fact]
    public void FR_08_no_employment_with_the_claimant_on_the_certificate_or_application_date_blocks_the_line()
    {
        // The HLJ form's commitment "已依法建立了劳动(用工)关系"; the pack ties it to HLJ-SUB-02.
        var stranger = Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "230***********5678", "钱多", new LocalDate(1985, 3, 1), Sex.Female,
            EducationLevel.SeniorSecondary, "黑龙江省哈尔滨市", null, null, new LocalDate(2021, 1, 1))).FullyTrained(Course);
        Judge(stranger, CertificateOf(stranger)).Findings.ShouldContain(f => f.RuleId == "FR-08" && f.Blocking && f.Evidence.Contains("(HLJ-SUB-02)"));

        // Employed only after the certificate but by the application date is a labour relation on one of the two dates.
        var hiredLater = stranger.Apply(new EmploymentStarted(stranger.Id, Guid.NewGuid(), EnterpriseId, "黑龙江化工", Hlj, new PostAssignment("电工", true, false, null),
            EmploymentRelation.Dispatched, Applied.PlusDays(-3)));
        Blocking(Judge(hiredLater, CertificateOf(hiredLater))).ShouldNotContain("FR-08");
        var employmentId = Guid.NewGuid();
        var ended = stranger.Apply(new EmploymentStarted(stranger.Id, employmentId, EnterpriseId, "黑龙江化工", Hlj, new PostAssignment("电工", true, false, null),
            EmploymentRelation.LabourContract, new LocalDate(2021, 1, 4))).Apply(new EmploymentEnded(stranger.Id, employmentId, new LocalDate(2021, 5, 1), "辞职"));
        Blocking(Judge(ended, CertificateOf(ended))).ShouldContain("FR-08");
    }

    [Fact]
    public void FR_05_in_Jizhou_a_claimant_needs_local_hukou_or_three_months_of_local_social_insurance()
    {
        // JZ-SUB-01: "取得特种作业操作证的本区户籍人员和在本区缴纳社会保险满3个月的外埠人员".
        var jizhou = Hlj_() with { Jurisdiction = "tj-jizhou", Enterprise = Enterprise() with { Jurisdiction = "tj-jizhou" } };
        var outsider = Trainee().FullyTrained(Course);
        Person Insured(Person p, params int[] months) => p.Apply(new SocialInsuranceMonthsRecorded(p.Id, "tj-jizhou", "91120225000000001X",
            months.Select(m => new YearMonth(2021, m)).ToList(), "区人社局"));

        Blocking(Judge(outsider, CertificateOf(outsider), context: jizhou)).ShouldContain("FR-05");
        var local = outsider with { HukouDistrict = "天津市蓟州区渔阳镇" };
        Blocking(Judge(local, CertificateOf(local), context: jizhou)).ShouldNotContain("FR-05");
        var threeMonths = Insured(outsider, 2, 3, 4);
        Blocking(Judge(threeMonths, CertificateOf(threeMonths), context: jizhou)).ShouldNotContain("FR-05");
        var twoMonths = Insured(outsider, 3, 4);
        Judge(twoMonths, CertificateOf(twoMonths), context: jizhou).Findings.ShouldContain(f => f.RuleId == "FR-05" && f.Evidence.Contains("2 of 3 months"));
        // Heilongjiang sets no residency condition.
        Blocking(Judge(outsider, CertificateOf(outsider))).ShouldNotContain("FR-05");
    }

    [Fact]
    public void FR_14_training_by_an_institution_missing_from_the_HR_catalogue_or_outside_its_filing_blocks_the_line()
    {
        // HLJ-INS-06 (HR catalogue) for subsidised training; JZ-INS-02 for the filing and its scope.
        var (person, certificate) = Clean();
        var unlisted = Institution() with { HrListings = [] };
        Judge(person, certificate, context: Hlj_(unlisted)).Findings.ShouldContain(f => f.RuleId == "FR-14" && f.Blocking && f.Evidence.Contains("(HLJ-INS-06)"));
        var unfiled = Institution() with { Filings = [] };
        Judge(person, certificate, context: Hlj_(unfiled)).Findings.ShouldContain(f => f.RuleId == "FR-14" && f.Blocking && f.Evidence.Contains("(LGR-INS-01)"));
    }

    [Fact]
    public void FR_16_an_exam_point_that_trained_is_flagged_where_it_is_not_forbidden()
    {
        var (person, certificate) = Clean();
        var examPoint = Institution().Apply(new ExamPointDesignated(InstitutionId, [LowVoltage], "全市", "市应急管理局", new LocalDate(2021, 2, 1)));
        var line = Judge(person, certificate, context: Hlj_(examPoint));
        Flags(line).ShouldBe(["FR-16", "FR-16"]);
        line.EntitledAmount.ShouldBe(1000m);
    }

    [Fact]
    public void FR_06_no_attendance_or_fewer_hours_than_the_syllabus_is_flagged()
    {
        var untrained = Trainee();
        Judge(untrained, CertificateOf(untrained)).Findings.ShouldHaveSingleItem().ShouldSatisfyAllConditions(f => f.RuleId.ShouldBe("FR-06"),
            f => f.Blocking.ShouldBeFalse(), f => f.Evidence.ShouldContain("no attendance at 哈尔滨安全培训学校"));
        var half = Trainee().Attended(Course, SessionMode.Classroom, 4m);
        Judge(half, CertificateOf(half)).Findings.ShouldContain(f => f.RuleId == "FR-06" && f.Evidence == "4 of 8 syllabus hours attended in class 低压电工作业初训");
    }

    [Fact]
    public void FR_09_in_Heilongjiang_each_offline_session_needs_video_kept_as_long_as_the_certificate_is_valid()
    {
        // HLJ-ARC-02: "保存期不少于申请补贴人员所获证书有效期".
        var unfilmed = Class();
        var person = Trainee().FullyTrained(unfilmed);
        var line = Judge(person, CertificateOf(person), classes: [unfilmed]);
        line.Findings.Where(f => f.RuleId == "FR-09").Select(f => f.Evidence).ShouldBe(["no video of the Classroom session on 2021-05-11 (HLJ-ARC-02)",
            "no video of the Practical session on 2021-05-11 (HLJ-ARC-02)"]);
        var shortKept = Filmed(Class(), IssuedOn.PlusYears(6).PlusDays(-1));
        var kept = Trainee().FullyTrained(shortKept);
        Judge(kept, CertificateOf(kept), classes: [shortKept]).Findings.ShouldContain(f => f.RuleId == "FR-09" && f.Evidence.Contains("before the certificate expires"));
        line.EntitledAmount.ShouldBe(1000m);
    }

    [Fact]
    public void FR_18_a_hazardous_chemical_line_whose_holder_lacks_senior_secondary_education_is_flagged()
    {
        // JZ-EDU-01 / HLJ-EDU-01; a certificate recorded before the gate (imported, historical) still reaches a claim.
        const string nitration = "hazardous-chemical.nitration";
        var person = Trainee(education: EducationLevel.JuniorSecondary);
        Judge(person, CertificateOf(person, nitration), workType: nitration).Findings.ShouldContain(f => f.RuleId == "FR-18" && !f.Blocking);
    }

    [Fact]
    public void FR_20_a_special_operation_post_held_before_the_certificate_is_flagged()
    {
        var person = Trainee().FullyTrained(Course);
        person = person.Apply(new PostChanged(person.Id, person.Employments[0].EmploymentId, new PostAssignment("电工", true, false, LowVoltage), new LocalDate(2021, 4, 1), "调岗"));
        Judge(person, CertificateOf(person)).Findings.ShouldContain(f => f.RuleId == "FR-20" && !f.Blocking && f.Evidence.Contains("from 2021-04-01, before the certificate was issued"));
    }

    [Fact]
    public void FR_29_more_than_12_hours_on_one_day_across_classes_is_flagged()
    {
        var other = Filmed(Class());
        var person = Trainee().FullyTrained(Course).FullyTrained(other);
        Judge(person, CertificateOf(person), classes: [Course, other]).Findings
            .ShouldContain(f => f.RuleId == "FR-29" && !f.Blocking && f.Evidence == "16 hours credited on 2021-05-11 in 2 classes");
    }

    [Theory]
    [InlineData(400, 400)]
    [InlineData(300, 300)]
    [InlineData(450, 450)]
    [InlineData(500, 300)]
    [InlineData(null, 300)]
    public void TZ_SUB_03_the_Taizhou_new_certificate_subsidy_is_the_requested_amount_within_300_to_450_else_the_minimum(int? requested, int entitled)
    {
        // TZ-SUB-03: "特种作业操作证新取证补贴300-450元/人"; the figure within the range is the authority's to fix.
        var school = Domain.Institutions.Institution.Create(new InstitutionRegistered(InstitutionId, "52331000MJ0000000X", "台州安全培训学校", InstitutionKind.TrainingInstitution,
                "zj-taizhou", new LocalDate(2020, 1, 5)))
            .Apply(new InstitutionFiled(InstitutionId, "台州市应急管理局", [LowVoltage], new LocalDate(2020, 1, 5), "备案"))
            .Apply(new PracticalCapabilityRecorded(InstitutionId, LowVoltage, "实训室", new LocalDate(2020, 1, 5)));
        var person = Trainee();
        var certificate = CertificateOf(person, issuedOn: new LocalDate(2020, 5, 20));
        var taizhou = new ClaimContext("zj-taizhou", Enterprise() with { Jurisdiction = "zj-taizhou" }, school, new LocalDate(2020, 4, 20), new LocalDate(2020, 5, 11),
            new LocalDate(2020, 6, 1));
        var line = Judge(person, certificate, context: taizhou, requested: requested);
        Blocking(line).ShouldBeEmpty();
        line.EntitledAmount.ShouldBe((decimal)entitled);
    }
}
