using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Institutions;

/// <summary>
/// The institution rule ids InstitutionTests leaves out: the once-until-ended rules of capability, HR listing and exam-point
/// designation, cancellation, a second suspension, and the dates-in-order rule on each kind of period; and the anomaly signals
/// (FR-06 over capacity, FR-10 outlying pass rate). The kebab-case ids are the ledger's own, not the documents'.
/// </summary>
public sealed class InstitutionDeciderRuleTests
{
    private static readonly CertificateCatalog Catalog = CertificateCatalog.Default;
    private const string LowVoltage = "electrical.low-voltage";

    private static LocalDate D(int month, int day) => new(2025, month, day);

    private static Institution Filed()
    {
        var i = InstitutionTests.Registered();
        return i.Apply(InstitutionDecider.Decide(new FileInstitution("蓟州区应急管理局", [LowVoltage, LowVoltage], D(3, 1), "备案", 40), i, Catalog));
    }

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    [Fact]
    public void a_filing_keeps_its_scope_once_and_its_weekly_capacity()
    {
        var filing = Filed().Filings.ShouldHaveSingleItem();
        filing.Scope.ShouldBe([LowVoltage]);
        filing.WeeklyCapacity.ShouldBe(40);
    }

    [Fact]
    public void practical_capability_is_recorded_once_until_withdrawn_and_withdrawn_only_once_recorded()
    {
        var i = Filed();
        Rule(() => InstitutionDecider.Decide(new WithdrawPracticalCapability(LowVoltage, D(4, 1), "x"), i)).ShouldBe(InstitutionRules.CapabilityNotRecorded);
        i = i.Apply(InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "实训室", D(4, 1)), i, Catalog));
        Rule(() => InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "第二实训室", D(5, 1)), i, Catalog)).ShouldBe(InstitutionRules.CapabilityAlreadyRecorded);
        Rule(() => InstitutionDecider.Decide(new WithdrawPracticalCapability(LowVoltage, D(3, 31), "x"), i)).ShouldBe(InstitutionRules.DatesInOrder);
        i = i.Apply(InstitutionDecider.Decide(new WithdrawPracticalCapability(LowVoltage, D(6, 1), "实训室停用"), i));
        Rule(() => InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "新实训室", D(5, 31)), i, Catalog)).ShouldBe(InstitutionRules.DatesInOrder);
        InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "新实训室", D(6, 1)), i, Catalog).RecordedOn.ShouldBe(D(6, 1));
    }

    [Fact]
    public void an_HR_catalogue_listing_is_held_once_until_delisted()
    {
        // HLJ-INS-06 / NN-INS-01 read the listing on the training days; the periods must not overlap for that reading to hold.
        var i = Filed();
        Rule(() => InstitutionDecider.Decide(new DelistFromHrCatalogue(D(4, 1), "x"), i)).ShouldBe(InstitutionRules.NotListed);
        i = i.Apply(InstitutionDecider.Decide(new ListInHrCatalogue("职业培训机构目录", D(4, 1)), i));
        Rule(() => InstitutionDecider.Decide(new ListInHrCatalogue("另一目录", D(5, 1)), i)).ShouldBe(InstitutionRules.AlreadyListed);
        Rule(() => InstitutionDecider.Decide(new DelistFromHrCatalogue(D(3, 31), "x"), i)).ShouldBe(InstitutionRules.DatesInOrder);
        i = i.Apply(InstitutionDecider.Decide(new DelistFromHrCatalogue(D(7, 1), "评估不合格"), i));
        Rule(() => InstitutionDecider.Decide(new ListInHrCatalogue("目录", D(6, 30)), i)).ShouldBe(InstitutionRules.DatesInOrder);
        Rule(() => InstitutionDecider.Decide(new ListInHrCatalogue("目录", new LocalDate(2024, 12, 1)), InstitutionTests.Registered())).ShouldBe(InstitutionRules.DatesFollowRegistration);
    }

    [Fact]
    public void an_exam_point_designation_is_withdrawn_before_a_new_one_is_made()
    {
        var i = Filed();
        Rule(() => InstitutionDecider.Decide(new WithdrawExamPointDesignation(D(4, 1), "x"), i)).ShouldBe(InstitutionRules.NotDesignated);
        i = i.Apply(InstitutionDecider.Decide(new DesignateExamPoint([LowVoltage, LowVoltage], "全区", "区应急管理局", D(4, 1)), i, Catalog));
        i.ExamPointDesignations.Single().Scope.ShouldBe([LowVoltage]);
        Rule(() => InstitutionDecider.Decide(new DesignateExamPoint([LowVoltage], "全区", "区应急管理局", D(5, 1)), i, Catalog)).ShouldBe(InstitutionRules.AlreadyDesignated);
        Rule(() => InstitutionDecider.Decide(new WithdrawExamPointDesignation(D(3, 1), "x"), i)).ShouldBe(InstitutionRules.DatesInOrder);
        i = i.Apply(InstitutionDecider.Decide(new WithdrawExamPointDesignation(D(8, 1), "撤销"), i));
        Rule(() => InstitutionDecider.Decide(new DesignateExamPoint([LowVoltage], "全区", "区应急管理局", D(7, 1)), i, Catalog)).ShouldBe(InstitutionRules.DatesInOrder);
        Should.Throw<ArgumentException>(() => InstitutionDecider.Decide(new DesignateExamPoint(["chess"], "全区", "x", D(9, 1)), i, Catalog));
    }

    [Fact]
    public void a_suspension_needs_a_filing_in_force_that_is_not_already_suspended_and_follows_the_last_reinstatement()
    {
        // TZ-ENF-01 (停业整顿) is a period with a start and, on reinstatement, an end.
        var i = Filed();
        Rule(() => InstitutionDecider.Decide(new SuspendInstitution(D(2, 28), "x", null), i)).ShouldBe(InstitutionRules.DatesInOrder);
        i = i.Apply(InstitutionDecider.Decide(new SuspendInstitution(D(5, 1), "速成班", "安全生产培训管理办法"), i));
        Rule(() => InstitutionDecider.Decide(new SuspendInstitution(D(5, 2), "again", null), i)).ShouldBe(InstitutionRules.SuspendOnlyFiledInForce);
        Rule(() => InstitutionDecider.Decide(new ReinstateInstitution(D(4, 30), "x"), i)).ShouldBe(InstitutionRules.DatesInOrder);
        i = i.Apply(InstitutionDecider.Decide(new ReinstateInstitution(D(6, 1), "整改合格"), i));
        Rule(() => InstitutionDecider.Decide(new SuspendInstitution(D(5, 31), "x", null), i)).ShouldBe(InstitutionRules.DatesInOrder);
        InstitutionDecider.Decide(new SuspendInstitution(D(6, 1), "再次违规", null), i).From.ShouldBe(D(6, 1));
    }

    [Fact]
    public void only_a_filed_institution_has_its_filing_cancelled_and_not_before_its_latest_filing()
    {
        Rule(() => InstitutionDecider.Decide(new CancelInstitutionFiling(D(4, 1), "x"), InstitutionTests.Registered())).ShouldBe(InstitutionRules.CancelOnlyFiled);
        var i = Filed();
        Rule(() => InstitutionDecider.Decide(new CancelInstitutionFiling(D(2, 1), "x"), i)).ShouldBe(InstitutionRules.DatesInOrder);
        var cancelled = i.Apply(InstitutionDecider.Decide(new CancelInstitutionFiling(D(9, 1), "注销"), i));
        Rule(() => InstitutionDecider.Decide(new CancelInstitutionFiling(D(10, 1), "again"), cancelled)).ShouldBe(InstitutionRules.FilingCancelledIsFinal);
        Rule(() => InstitutionDecider.Decide(new FileInstitution("x", [LowVoltage], D(10, 1), "x"), cancelled, Catalog)).ShouldBe(InstitutionRules.FilingCancelledIsFinal);
        Rule(() => InstitutionDecider.Decide(new ListInHrCatalogue("目录", D(10, 1)), cancelled)).ShouldBe(InstitutionRules.FilingCancelledIsFinal);
    }

    [Fact]
    public void FR_06_more_trainees_certified_in_a_week_than_the_filing_allows_is_an_anomaly()
    {
        var i = Filed();
        var monday = new LocalDate(2025, 4, 7);
        var certified = Enumerable.Range(0, 41).Select(n => new CertifiedTrainee(i.Id, Guid.NewGuid(), monday.PlusDays(n % 7))).ToList();
        var anomaly = InstitutionAnomalies.Evaluate(new Dictionary<Guid, Institution> { [i.Id] = i }, certified, [], 20, 0.3m).ShouldHaveSingleItem();
        (anomaly.Kind, anomaly.RuleId).ShouldBe(("over-capacity", "FR-06"));
        anomaly.Evidence.ShouldBe("41 trainees certified in the week of 2025-04-07; the filing allows 40 a week");
        InstitutionAnomalies.Evaluate(new Dictionary<Guid, Institution> { [i.Id] = i }, certified.Skip(1).ToList(), [], 20, 0.3m).ShouldBeEmpty();
    }

    [Fact]
    public void FR_10_a_pass_rate_far_from_the_other_institutions_is_an_anomaly()
    {
        var (a, b) = (Filed(), Filed());
        var assessments = Enumerable.Repeat(new ClassAssessment(a.Id, true), 20)
            .Concat(Enumerable.Range(0, 20).Select(n => new ClassAssessment(b.Id, n < 10))).ToList();
        var institutions = new Dictionary<Guid, Institution> { [a.Id] = a, [b.Id] = b };
        var anomalies = InstitutionAnomalies.Evaluate(institutions, [], assessments, 20, 0.3m);
        anomalies.Select(x => (x.InstitutionId, x.RuleId)).ShouldBe([(a.Id, "FR-10"), (b.Id, "FR-10")]);
        InstitutionAnomalies.Evaluate(institutions, [], assessments, 20, 0.5m).ShouldBeEmpty();
        InstitutionAnomalies.Evaluate(institutions, [], assessments, 21, 0.3m).ShouldBeEmpty();
    }
}
