using Ledger.Domain.Reports;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Reports;

public sealed class ReportCalendarTests
{
    private static readonly IReadOnlyList<ReportSchedule> Schedules = ReportCalendar.Schedules();

    private static IReadOnlyList<CalendarEntry> Year(string programme, int year, LocalDate asOf, params ComplianceReportSubmitted[] submissions) =>
        ReportCalendar.Entries(ComplianceCatalog.Find(programme)!, Schedules, submissions, new(year, 1, 1), new(year, 12, 31), asOf);

    private static ComplianceReportSubmitted Submitted(string ruleId, ReportPeriod period, LocalDate on) =>
        new(Guid.NewGuid(), "tj-jizhou", ruleId, period.Label, period.From, period.To, on, "已报送", "officer", "bureau", Instant.FromUtc(2026, 1, 1, 0, 0));

    [Fact]
    public void JZ_RPT_01_first_half_by_10_July_and_previous_year_by_10_January()
    {
        var entries = Year("JZ", 2026, new(2026, 3, 2));
        entries.Select(e => (e.Period, e.DueOn)).ShouldBe([("2025", new LocalDate(2026, 1, 10)), ("2026-H1", new LocalDate(2026, 7, 10))]);
        entries.ShouldAllBe(e => e.RuleId == "JZ-RPT-01" && !e.WithinProgramme);
        entries[0].Status.ShouldBe(CalendarStatus.Overdue);
        entries[0].DaysOverdue.ShouldBe(51);
        entries[1].Status.ShouldBe(CalendarStatus.Due);
    }

    [Fact]
    public void JZ_RPT_01_the_due_date_itself_is_on_time_and_the_day_after_is_overdue()
    {
        var h1 = ReportPeriod.Half(2026, 1);
        Year("JZ", 2026, new(2026, 7, 10)).Single(e => e.Period == "2026-H1").Status.ShouldBe(CalendarStatus.Due);
        var late = Year("JZ", 2026, new(2026, 7, 11)).Single(e => e.Period == "2026-H1");
        (late.Status, late.DaysOverdue).ShouldBe((CalendarStatus.Overdue, 1));

        var onTime = Year("JZ", 2026, new(2026, 8, 1), Submitted("JZ-RPT-01", h1, new(2026, 7, 10))).Single(e => e.Period == "2026-H1");
        onTime.Status.ShouldBe(CalendarStatus.Submitted);
        onTime.Submission!.SubmittedOn.ShouldBe(new LocalDate(2026, 7, 10));
        var after = Year("JZ", 2026, new(2026, 8, 1), Submitted("JZ-RPT-01", h1, new(2026, 7, 11))).Single(e => e.Period == "2026-H1");
        (after.Status, after.DaysOverdue).ShouldBe((CalendarStatus.SubmittedLate, 1));
    }

    [Fact]
    public void HLJ_RPT_01_first_half_by_15_July_and_previous_year_by_31_January()
    {
        var entries = Year("HLJ", 2021, new(2021, 1, 31));
        entries.Select(e => (e.Period, e.DueOn, e.Status)).ShouldBe(
        [
            ("2020", new LocalDate(2021, 1, 31), CalendarStatus.Due),
            ("2021-H1", new LocalDate(2021, 7, 15), CalendarStatus.Due),
        ]);
        entries.ShouldAllBe(e => e.WithinProgramme);
    }

    [Fact]
    public void NN_RPT_01_quarterly_by_the_5th_and_NN_RPT_02_configurable_and_flagged_ambiguous()
    {
        var entries = Year("NN", 2021, new(2021, 4, 6));
        entries.Where(e => e.RuleId == "NN-RPT-01").Select(e => (e.Period, e.DueOn)).ShouldBe(
        [
            ("2020-Q4", new LocalDate(2021, 1, 5)), ("2021-Q1", new LocalDate(2021, 4, 5)), ("2021-Q2", new LocalDate(2021, 7, 5)), ("2021-Q3", new LocalDate(2021, 10, 5)),
        ]);
        entries.Single(e => e.Period == "2021-Q1").Status.ShouldBe(CalendarStatus.Overdue);
        var annual = entries.Single(e => e.RuleId == "NN-RPT-02");
        (annual.Period, annual.DueOn, annual.Ambiguous).ShouldBe(("2020", new LocalDate(2021, 1, 31), true));

        var june = ReportCalendar.Entries(ComplianceCatalog.Find("NN")!, ReportCalendar.Schedules(6, 30), [], new(2021, 1, 1), new(2021, 12, 31), new(2021, 4, 6));
        june.Single(e => e.RuleId == "NN-RPT-02").DueOn.ShouldBe(new LocalDate(2021, 6, 30));
    }

    [Fact]
    public void TZ_RPT_01_monthly_from_March_2020_and_QF_RPT_01_monthly_by_the_end_of_the_next_month()
    {
        var tz = Year("TZ", 2020, new(2020, 12, 31));
        tz.First().Period.ShouldBe("2020-03");
        tz.First().DueOn.ShouldBe(new LocalDate(2020, 4, 30));
        tz.Select(e => e.Period).ShouldNotContain("2020-02");

        var qf = Year("QF", 2026, new(2026, 3, 2));
        qf.First().Period.ShouldBe("2025-12");
        qf.Single(e => e.Period == "2026-01").DueOn.ShouldBe(new LocalDate(2026, 2, 28));
        qf.Single(e => e.Period == "2026-01").Status.ShouldBe(CalendarStatus.Overdue);
    }

    [Fact]
    public void A_schedule_owes_only_its_own_kind_of_period_from_its_first_one()
    {
        var jz = ComplianceCatalog.Find("JZ")!;
        ReportCalendar.ScheduleFor(jz, Schedules, ReportPeriod.Half(2026, 1))!.Owes(ReportPeriod.Half(2026, 1)).ShouldBeTrue();
        ReportCalendar.ScheduleFor(jz, Schedules, ReportPeriod.Half(2026, 2))!.Owes(ReportPeriod.Half(2026, 2)).ShouldBeFalse();
        ReportCalendar.ScheduleFor(jz, Schedules, ReportPeriod.Quarter(2026, 1)).ShouldBeNull();
        ReportCalendar.ScheduleFor(jz, Schedules, ReportPeriod.Year(2019))!.Owes(ReportPeriod.Year(2019)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026", "2026", "2026-01-01", "2026-12-31")]
    [InlineData("2026-H1", "2026-H1", "2026-01-01", "2026-06-30")]
    [InlineData("2026-h2", "2026-H2", "2026-07-01", "2026-12-31")]
    [InlineData("2026-Q4", "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData("2024-02", "2024-02", "2024-02-01", "2024-02-29")]
    public void Periods_parse_as_bureaus_write_them(string text, string label, string from, string to)
    {
        ReportPeriod.TryParse(text, out var p).ShouldBeTrue();
        (p.Label, p.From.ToString("uuuu-MM-dd", null), p.To.ToString("uuuu-MM-dd", null)).ShouldBe((label, from, to));
    }

    [Theory]
    [InlineData("2026-H3")]
    [InlineData("2026-13")]
    [InlineData("20266")]
    [InlineData("1999")]
    [InlineData("2026-Q0")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_periods_are_refused(string? text) => ReportPeriod.TryParse(text, out _).ShouldBeFalse();
}
