using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Training;

/// <summary>
/// Classes, sessions, videos, attendance and enrolment: who may train on the day (JZ-INS-01/02, TZ-ENF-01), exam points that train
/// (QF-EXM-03 forbidden, FR-16 flagged elsewhere), face recognition for online hours (QF-ONL-02), video kept as long as the
/// certificate is valid (HLJ-ARC-02), the ledger's own ordering rules (NAT-TRN-10..12) and the late-entry window (NAT-ARC-01 default).
/// </summary>
public sealed class TrainingDeciderRuleTests
{
    // The test institutions are in Heilongjiang, whose documents name no filing or suspension rule of their own: a refusal
    // cites the ledger's own policy there (issue 20: never another jurisdiction's rule id, as JZ-INS-02 and TZ-ENF-01 were).
    private const string HljFiling = "LGR-INS-01";
    private const string HljSuspension = "LGR-INS-02";

    private const string LowVoltage = "electrical.low-voltage";
    private static readonly LocalDate Opened = new(2021, 4, 20);
    private static readonly LocalDate Day = new(2021, 5, 11);
    private static readonly CertificateCatalog Catalog = CertificateCatalog.Default;

    /// <summary>Rules with a generous late-entry window, so tests of other rules are not caught by it.</summary>
    private static readonly TrainingRulesInForce Lenient = new(10_000, "NAT-ARC-01", ExamPointTraining.Flag, "FR-16", false, null);

    private static Institution School(bool examPoint = false, bool capable = true)
    {
        var id = Guid.NewGuid();
        var school = Institution.Create(new InstitutionRegistered(id, "52230100MJ0000000X", "培训学校", InstitutionKind.TrainingInstitution, "hlj", new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionFiled(id, "应急管理厅", [LowVoltage], new LocalDate(2021, 1, 5), "备案"));
        if (capable) school = school.Apply(new PracticalCapabilityRecorded(id, LowVoltage, "实训室", new LocalDate(2021, 1, 5)));
        if (examPoint) school = school.Apply(new ExamPointDesignated(id, [LowVoltage], "全市", "市应急管理局", new LocalDate(2021, 2, 1)));
        return school;
    }

    private static OpenTrainingClass Open(Institution school, string jurisdiction = "hlj", string? workType = LowVoltage) =>
        new(Guid.NewGuid(), TrainingProviderKind.Institution, school.Id, school.Name, jurisdiction, "低压电工作业初训", "2019", 8m, workType, TrainingKind.SpecialOperationInitial, Opened);

    private static TrainingClass Class(string jurisdiction = "hlj", string? workType = LowVoltage, SessionMode mode = SessionMode.Classroom)
    {
        var school = School();
        var opened = TrainingClass.Create(TrainingDecider.Decide(Open(school, jurisdiction, workType), ProviderStanding.Of(school, workType, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient));
        return opened.Apply(TrainingDecider.Decide(Session(mode), opened, ProviderStanding.Enterprise, Lenient, Day));
    }

    private static readonly Guid SessionId = Guid.NewGuid();

    private static HoldSession Session(SessionMode mode = SessionMode.Classroom, LocalDate? on = null, string? lateReason = null) =>
        new(SessionId, on ?? Day, new LocalTime(8, 0), new LocalTime(12, 0), mode, "李老师", "教室", "理论", lateReason);

    private static Person Trainee() => Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "230***********1234", "张伟", new LocalDate(1985, 3, 1),
        Sex.Male, EducationLevel.SeniorSecondary, "黑龙江省哈尔滨市", null, null, new LocalDate(2021, 1, 1)));

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    // --- the rules in force ---

    [Fact]
    public void the_rules_in_force_come_from_the_packs_with_the_ledgers_defaults_where_none_speaks()
    {
        var qufu = TrainingRulesInForce.For(PolicyCatalog.Default, "sd-jining-qufu", new LocalDate(2023, 1, 1));
        (qufu.ExamPointTraining, qufu.ExamPointRuleId, qufu.FaceRecognitionRequired, qufu.FaceRecognitionRuleId)
            .ShouldBe((ExamPointTraining.Forbidden, "QF-EXM-03", true, "QF-ONL-02"));
        // Before the Qufu opinions (2022-08-18) the national baseline applies.
        var before = TrainingRulesInForce.For(PolicyCatalog.Default, "sd-jining-qufu", new LocalDate(2022, 8, 17));
        (before.ExamPointTraining, before.ExamPointRuleId, before.FaceRecognitionRequired, before.FaceRecognitionRuleId)
            .ShouldBe((ExamPointTraining.Flag, "FR-16", false, null));
        var heilongjiang = TrainingRulesInForce.For(PolicyCatalog.Default, "hlj", Day);
        (heilongjiang.ExamPointTraining, heilongjiang.FaceRecognitionRequired).ShouldBe((ExamPointTraining.Flag, false));
    }

    // --- opening a class ---

    [Fact]
    public void JZ_INS_02_and_JZ_INS_01_a_class_is_opened_only_by_a_provider_that_may_train_the_work_type_that_day()
    {
        // JZ-INS-02 "对培训机构实行备案制登记管理"; JZ-INS-01/HLJ-INS-01 "不具备实际操作条件的机构不得承担相应工种培训任务".
        var school = School();
        Rule(() => TrainingDecider.Decide(Open(school) with { WorkType = "welding.fusion" }, ProviderStanding.Of(school, "welding.fusion", Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient))
            .ShouldBe(HljFiling);
        var incapable = School(capable: false);
        Rule(() => TrainingDecider.Decide(Open(incapable), ProviderStanding.Of(incapable, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient)).ShouldBe("HLJ-INS-01"); // Heilongjiang's own practical-conditions rule
        Rule(() => TrainingDecider.Decide(Open(school), ProviderStanding.Of(school, LowVoltage, new LocalDate(2020, 12, 31), Ledger.Domain.Policies.PolicyCatalog.Default), Lenient)).ShouldBe(HljFiling);
        var opened = TrainingDecider.Decide(Open(school), ProviderStanding.Of(school, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient);
        (opened.ProviderId, opened.WorkType, opened.RequiredHours).ShouldBe((school.Id, LowVoltage, 8m));
        opened.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void JZ_INS_02_and_QF_ONL_02_name_the_refusal_when_the_standing_or_the_pack_gives_no_rule_id()
    {
        // A standing built without a rule id (an enterprise's, say) still refuses under the filing rule; a face requirement without one under Qufu's.
        var refused = new ProviderStanding(false, null, null, false);
        Rule(() => TrainingDecider.Decide(Open(School()), refused, Lenient)).ShouldBe("JZ-INS-02");
        Rule(() => TrainingDecider.Decide(Session(), Class(), refused, Lenient, Day)).ShouldBe("JZ-INS-02");
        Rule(() => TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), Class(mode: SessionMode.Online), Trainee(),
            Lenient with { FaceRecognitionRequired = true, FaceRecognitionRuleId = null }, Day)).ShouldBe("QF-ONL-02");
    }

    [Fact]
    public void TZ_ENF_01_a_suspended_institution_opens_no_class()
    {
        var school = School();
        school = school.Apply(new InstitutionSuspended(school.Id, new LocalDate(2021, 4, 1), "停业整顿", null));
        Rule(() => TrainingDecider.Decide(Open(school), ProviderStanding.Of(school, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient)).ShouldBe(HljSuspension);
    }

    [Fact]
    public void a_class_without_a_work_type_needs_the_institution_filed_and_an_enterprise_trains_its_own_staff()
    {
        var unfiled = Institution.Create(new InstitutionRegistered(Guid.NewGuid(), "52230100MJ0000001X", "未备案学校", InstitutionKind.TrainingInstitution, "hlj", new LocalDate(2021, 1, 5)));
        Rule(() => TrainingDecider.Decide(Open(unfiled, workType: null), ProviderStanding.Of(unfiled, null, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient)).ShouldBe(HljFiling);
        TrainingDecider.Decide(Open(School(), workType: null), ProviderStanding.Of(School(), null, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient).WorkType.ShouldBeNull();
        TrainingDecider.Decide(Open(unfiled) with { ProviderKind = TrainingProviderKind.Enterprise }, ProviderStanding.Enterprise, Lenient).ProviderKind
            .ShouldBe(TrainingProviderKind.Enterprise);
    }

    [Fact]
    public void QF_EXM_03_an_exam_point_runs_no_safety_training_in_Qufu()
    {
        // QF-EXM-03: "考试点不得开展安全培训业务".
        var examPoint = School(examPoint: true);
        var qufu = TrainingRulesInForce.For(PolicyCatalog.Default, "sd-jining-qufu", new LocalDate(2023, 1, 1));
        Rule(() => TrainingDecider.Decide(Open(examPoint, "sd-jining-qufu"), ProviderStanding.Of(examPoint, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), qufu)).ShouldBe("QF-EXM-03");
    }

    [Fact]
    public void FR_16_elsewhere_an_exam_point_that_trains_is_flagged_on_the_class_or_allowed_where_a_pack_says_so()
    {
        var examPoint = School(examPoint: true);
        var standing = ProviderStanding.Of(examPoint, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default);
        standing.IsExamPoint.ShouldBeTrue();
        TrainingDecider.Decide(Open(examPoint), standing, TrainingRulesInForce.For(PolicyCatalog.Default, "hlj", Opened)).Flags.ShouldBe(["FR-16"]);
        TrainingDecider.Decide(Open(examPoint), standing, Lenient with { ExamPointTraining = ExamPointTraining.Allowed }).Flags.ShouldBeEmpty();
        TrainingDecider.Decide(Open(School()), ProviderStanding.Of(School(), LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient).Flags.ShouldBeEmpty();
    }

    // --- sessions ---

    [Fact]
    public void NAT_TRN_10_and_11_a_session_falls_between_the_classs_opening_and_its_closing()
    {
        var course = Class();
        Rule(() => TrainingDecider.Decide(Session(on: Opened.PlusDays(-1)) with { SessionId = Guid.NewGuid() }, course, ProviderStanding.Enterprise, Lenient, Day))
            .ShouldBe(TrainingRules.DatesInOrder);
        var closed = course.Apply(new TrainingClassClosed(course.Id, Day));
        Rule(() => TrainingDecider.Decide(Session(on: Day.PlusDays(1)) with { SessionId = Guid.NewGuid() }, closed, ProviderStanding.Enterprise, Lenient, Day.PlusDays(1)))
            .ShouldBe(TrainingRules.ClassClosed);
        TrainingDecider.Decide(Session(on: Day) with { SessionId = Guid.NewGuid() }, closed, ProviderStanding.Enterprise, Lenient, Day).Date.ShouldBe(Day);
    }

    [Fact]
    public void TZ_ENF_01_a_class_opened_while_the_institution_could_train_holds_no_session_once_it_is_suspended()
    {
        var school = School();
        var course = TrainingClass.Create(TrainingDecider.Decide(Open(school), ProviderStanding.Of(school, LowVoltage, Opened, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient));
        var suspended = school.Apply(new InstitutionSuspended(school.Id, Day, "停业整顿", null));
        Rule(() => TrainingDecider.Decide(Session(), course, ProviderStanding.Of(suspended, LowVoltage, Day, Ledger.Domain.Policies.PolicyCatalog.Default), Lenient, Day)).ShouldBe(HljSuspension);
    }

    [Fact]
    public void NAT_ARC_01_a_record_entered_after_the_late_entry_window_needs_a_reason()
    {
        // The window is the pack's where one sets it, the ledger's own 30 days otherwise; the refusal names the rule that set it.
        var rules = Lenient with { LateEntryDays = 30, LateEntryRuleId = "NAT-ARC-01" };
        var course = TrainingClass.Create(TrainingDecider.Decide(Open(School()), ProviderStanding.Enterprise, rules));
        TrainingDecider.Decide(Session(), course, ProviderStanding.Enterprise, rules, Day.PlusDays(30)).LateEntryReason.ShouldBeNull();
        Rule(() => TrainingDecider.Decide(Session(), course, ProviderStanding.Enterprise, rules, Day.PlusDays(31))).ShouldBe("NAT-ARC-01");
        TrainingDecider.Decide(Session(lateReason: "纸质签到表补录"), course, ProviderStanding.Enterprise, rules, Day.PlusDays(31)).LateEntryReason.ShouldBe("纸质签到表补录");
        Rule(() => TrainingDecider.Decide(Session(lateReason: "  "), course, ProviderStanding.Enterprise, rules, Day.PlusDays(31))).ShouldBe("NAT-ARC-01");
    }

    // --- video ---

    [Fact]
    public void HLJ_ARC_02_video_of_a_subsidised_special_operation_session_is_kept_as_long_as_the_certificate_is_valid()
    {
        // HLJ-ARC-02: "保存期不少于申请补贴人员所获证书有效期" — six years for a special operation certificate.
        var course = Class("hlj");
        var sixYears = Day.PlusYears(6);
        Rule(() => TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "sha256:ab", "s3://videos/1", sixYears.PlusDays(-1)), course, PolicyCatalog.Default, Catalog))
            .ShouldBe("HLJ-ARC-02");
        var archived = TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "sha256:ab", "s3://videos/1", sixYears), course, PolicyCatalog.Default, Catalog);
        (archived.ClassId, archived.SessionId, archived.ContentHash, archived.RetainUntil).ShouldBe((course.Id, SessionId, "sha256:ab", sixYears));
    }

    [Fact]
    public void HLJ_ARC_02_binds_where_its_pack_is_in_force_and_for_special_operation_classes_only()
    {
        var aYear = Day.PlusYears(1);
        TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "h", "s", aYear), Class("zj-taizhou"), PolicyCatalog.Default, Catalog).RetainUntil.ShouldBe(aYear);
        TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "h", "s", aYear), Class("hlj", workType: null), PolicyCatalog.Default, Catalog).RetainUntil.ShouldBe(aYear);
    }

    [Fact]
    public void HLJ_ARC_02_video_covers_offline_sessions_and_outlasts_the_session()
    {
        // "理论（不含线上学时）和实际操作培训全程视频资料": online hours are the platform's record.
        Rule(() => TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "h", "s", Day.PlusYears(7)), Class(mode: SessionMode.Online))).ShouldBe(TrainingRules.VideoRetention);
        Rule(() => TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "h", "s", Day), Class("zj-taizhou"))).ShouldBe(TrainingRules.VideoRetention);
        Rule(() => TrainingDecider.Decide(new ArchiveSessionVideo(Guid.NewGuid(), "h", "s", Day.PlusYears(7)), Class())).ShouldBe(TrainingRules.AttendanceWithinSession);
    }

    // --- attendance ---

    [Fact]
    public void attendance_repeats_the_class_and_session_facts_on_the_persons_stream_and_a_repeat_adds_nothing()
    {
        var course = Class();
        var person = Trainee();
        var credited = TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), course, person, Lenient, Day).ShouldHaveSingleItem();
        (credited.PersonId, credited.ClassId, credited.ProviderId, credited.Jurisdiction, credited.Kind, credited.WorkType, credited.Date, credited.Mode, credited.Hours)
            .ShouldBe((person.Id, course.Id, course.ProviderId, "hlj", TrainingKind.SpecialOperationInitial, LowVoltage, Day, SessionMode.Classroom, 4m));
        TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), course, person.Apply(credited), Lenient, Day).ShouldBeEmpty();
    }

    [Fact]
    public void NAT_TRN_12_attendance_is_credited_for_a_session_of_the_class_and_never_beyond_its_length()
    {
        var course = Class();
        Rule(() => TrainingDecider.Decide(new CreditAttendance(Guid.NewGuid(), 1m, null, null), course, Trainee(), Lenient, Day)).ShouldBe(TrainingRules.AttendanceWithinSession);
        Rule(() => TrainingDecider.Decide(new CreditAttendance(SessionId, 4.5m, null, null), course, Trainee(), Lenient, Day)).ShouldBe(TrainingRules.AttendanceWithinSession);
        TrainingDecider.Decide(new CreditAttendance(SessionId, 3.5m, null, null), course, Trainee(), Lenient, Day).Single().Hours.ShouldBe(3.5m);
    }

    [Fact]
    public void QF_ONL_02_online_hours_in_Qufu_need_the_face_verification_result()
    {
        // QF-ONL-02: "要通过人脸识别等技术对在线培训进行全过程监控".
        var online = Class("sd-jining-qufu", mode: SessionMode.Online);
        var qufu = TrainingRulesInForce.For(PolicyCatalog.Default, "sd-jining-qufu", new LocalDate(2023, 1, 1)) with { LateEntryDays = 10_000 };
        Rule(() => TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), online, Trainee(), qufu, Day)).ShouldBe("QF-ONL-02");
        TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, new FaceVerification(4, 3, "平台"), null), online, Trainee(), qufu, Day).Single().Face!.Passed.ShouldBe(3);
        // A classroom session, or online hours where no pack asks for it, needs none.
        TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), Class("sd-jining-qufu"), Trainee(), qufu, Day).ShouldHaveSingleItem();
        TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), Class(mode: SessionMode.Online), Trainee(), Lenient, Day).ShouldHaveSingleItem();
    }

    [Fact]
    public void NAT_ARC_01_late_attendance_needs_a_reason_too()
    {
        var rules = Lenient with { LateEntryDays = 30 };
        Rule(() => TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, null), Class(), Trainee(), rules, Day.PlusDays(31))).ShouldBe("NAT-ARC-01");
        TrainingDecider.Decide(new CreditAttendance(SessionId, 4m, null, "补录"), Class(), Trainee(), rules, Day.PlusDays(31)).Single().LateEntryReason.ShouldBe("补录");
    }

    // --- enrolment ---

    [Fact]
    public void NAT_TRN_11_no_one_enrols_in_a_closed_class_and_enrolling_twice_records_nothing()
    {
        var course = Class();
        var person = Trainee();
        var enrol = new EnrolTrainee(TrainingProviderKind.Institution, course.ProviderId, "培训学校", course.Id, Day);
        var enrolled = TrainingDecider.Decide(enrol, course, person).ShouldHaveSingleItem();
        (enrolled.PersonId, enrolled.ProviderId, enrolled.ClassId, enrolled.EnrolledOn).ShouldBe((person.Id, course.ProviderId, course.Id, Day));
        TrainingDecider.Decide(enrol, course, person.Apply(enrolled)).ShouldBeEmpty();

        var closed = course.Apply(new TrainingClassClosed(course.Id, Day));
        Rule(() => TrainingDecider.Decide(enrol with { EnrolledOn = Day.PlusDays(1) }, closed, Trainee())).ShouldBe(TrainingRules.ClassClosed);
        TrainingDecider.Decide(enrol, closed, Trainee()).ShouldHaveSingleItem();
    }

    [Fact]
    public void an_exam_points_candidate_is_enrolled_once_without_a_class()
    {
        var person = Trainee();
        var provider = Guid.NewGuid();
        var candidate = new EnrolTrainee(TrainingProviderKind.Institution, provider, "考点", null, Day);
        var enrolled = TrainingDecider.Decide(candidate, null, person).ShouldHaveSingleItem();
        TrainingDecider.Decide(candidate, null, person.Apply(enrolled)).ShouldBeEmpty();
        person.Apply(enrolled).IsTraineeOf(provider).ShouldBeTrue();
    }
}
