using Ledger.Domain.Actors;
using Ledger.Domain.Reports;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Reports;

public sealed class ComplianceSubmissionDeciderTests
{
    private static readonly ComplianceProgramme Jizhou = ComplianceCatalog.Find("JZ")!;
    private static readonly IReadOnlyList<ReportSchedule> Schedules = ReportCalendar.Schedules();
    private static readonly Actor Officer = new("clerk-wang", "tj-jizhou-emergency-bureau", ActorRole.Regulator, "tj-jizhou");
    private static readonly Instant Now = Instant.FromUtc(2026, 7, 12, 2, 0);

    private static ComplianceSubmissionDecision Submit(ReportPeriod period, LocalDate on, params ComplianceReportSubmitted[] existing) =>
        ComplianceSubmissionDecider.Decide(new SubmitComplianceReport(Guid.NewGuid(), period, on, "上半年工作情况已报市级部门", Now), Jizhou, Schedules, existing, Officer);

    [Fact]
    public void JZ_RPT_01_a_first_half_report_by_10_July_is_recorded_on_time_with_its_actor()
    {
        // JZ-RPT-01: "每年7月10日前将上半年工作开展情况报市级部门"
        var recorded = Submit(ReportPeriod.Half(2026, 1), new(2026, 7, 10)).ShouldBeOfType<ComplianceSubmissionDecision.Recorded>();
        recorded.Status.ShouldBe(CalendarStatus.Submitted);
        recorded.DueOn.ShouldBe(new LocalDate(2026, 7, 10));
        recorded.Submitted.RuleId.ShouldBe("JZ-RPT-01");
        (recorded.Submitted.Period, recorded.Submitted.Jurisdiction, recorded.Submitted.ActorUser, recorded.Submitted.ActorOrganisation)
            .ShouldBe(("2026-H1", Jizhou.Jurisdiction, "clerk-wang", "tj-jizhou-emergency-bureau"));
    }

    [Fact]
    public void JZ_RPT_01_a_report_after_the_due_day_is_recorded_as_late()
    {
        Submit(ReportPeriod.Half(2026, 1), new(2026, 7, 11)).ShouldBeOfType<ComplianceSubmissionDecision.Recorded>()
            .Status.ShouldBe(CalendarStatus.SubmittedLate);
    }

    [Fact]
    public void JZ_RPT_01_the_second_half_is_no_report_of_its_own_and_a_monthly_period_is_owed_by_no_Jizhou_schedule()
    {
        // The second half is covered by the annual report ("每年1月10日前报上一年度工作开展情况").
        var notOwed = Submit(ReportPeriod.Half(2026, 2), new(2027, 1, 5)).ShouldBeOfType<ComplianceSubmissionDecision.NotOwed>();
        notOwed.Owed.Select(s => s.RuleId).Distinct().ShouldBe(["JZ-RPT-01"]);
        notOwed.FirstPeriodFrom.ShouldBe(new LocalDate(2020, 4, 2));
        Submit(ReportPeriod.Month(2026, 5), new(2026, 6, 1)).ShouldBeOfType<ComplianceSubmissionDecision.NotOwed>();
    }

    [Fact]
    public void a_report_cannot_be_submitted_before_its_period_begins()
    {
        Submit(ReportPeriod.Year(2026), new(2025, 12, 31)).ShouldBeOfType<ComplianceSubmissionDecision.BeforePeriod>()
            .PeriodFrom.ShouldBe(new LocalDate(2026, 1, 1));
    }

    [Fact]
    public void one_submission_per_report_and_period_the_first_stands()
    {
        var first = ((ComplianceSubmissionDecision.Recorded)Submit(ReportPeriod.Half(2026, 1), new(2026, 7, 3))).Submitted;
        Submit(ReportPeriod.Half(2026, 1), new(2026, 7, 9), first).ShouldBeOfType<ComplianceSubmissionDecision.AlreadySubmitted>()
            .Existing.ShouldBe(first);
        // The annual report of the same programme is another report.
        Submit(ReportPeriod.Year(2025), new(2026, 1, 8), first).ShouldBeOfType<ComplianceSubmissionDecision.Recorded>();
    }

    [Fact]
    public void a_baseline_is_kept_as_the_bureau_states_it()
    {
        var baseline = ComplianceSubmissionDecider.Decide(new RecordComplianceBaseline(Guid.NewGuid(), "JZ-TGT-04", new(2020, 4, 1), 12, 80, "2019年统计", "方案未给基数", Now),
            Jizhou, Officer);
        (baseline.Jurisdiction, baseline.RuleId, baseline.Numerator, baseline.Denominator, baseline.ActorUser).ShouldBe((Jizhou.Jurisdiction, "JZ-TGT-04", 12, 80, "clerk-wang"));
    }
}
