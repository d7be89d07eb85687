using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>
/// One report a bureau owes its superiors (RPT rules): how often, and when each period's report is due. The due day lies
/// <see cref="MonthsAfterPeriodEnd"/> months after the month the period ends, on <see cref="DueDay"/> (null: that month's last day).
/// </summary>
/// <param name="FirstPeriodFrom">The first period is the one containing this day (TZ-RPT-01: "从3月份开始").</param>
/// <param name="Ambiguous">The document's wording does not fix the due date; the value is configurable and shown as such.</param>
public sealed record ReportSchedule(
    string RuleId,
    string Programme,
    PeriodKind Frequency,
    string TextZh,
    string TextEn,
    int MonthsAfterPeriodEnd,
    int? DueDay,
    LocalDate FirstPeriodFrom,
    bool Ambiguous,
    string? Note)
{
    /// <summary>"X日前" is read as on or before day X (rules.md 7.6 [I]), so the due date itself is still on time.</summary>
    public LocalDate DueOn(ReportPeriod period)
    {
        var month = new LocalDate(period.To.Year, period.To.Month, 1).PlusMonths(MonthsAfterPeriodEnd);
        var last = month.PlusMonths(1).PlusDays(-1).Day;
        return new LocalDate(month.Year, month.Month, DueDay is { } d ? Math.Min(d, last) : last);
    }

    public ReportPeriod PeriodOf(LocalDate day) => Frequency switch
    {
        PeriodKind.Year => ReportPeriod.Year(day.Year),
        PeriodKind.HalfYear => ReportPeriod.Half(day.Year, day.Month <= 6 ? 1 : 2),
        PeriodKind.Quarter => ReportPeriod.Quarter(day.Year, (day.Month - 1) / 3 + 1),
        PeriodKind.Month => ReportPeriod.Month(day.Year, day.Month),
        _ => throw new InvalidOperationException("a schedule has a named frequency"),
    };

    public ReportPeriod Next(ReportPeriod period) => PeriodOf(period.To.PlusDays(1));

    /// <summary>Every period of this schedule whose report falls due within the range, from the first period on.</summary>
    public IEnumerable<ReportPeriod> PeriodsDueBetween(LocalDate from, LocalDate to)
    {
        for (var p = PeriodOf(FirstPeriodFrom); DueOn(p) <= to; p = Next(p))
            if (DueOn(p) >= from && Owes(p)) yield return p;
    }

    /// <summary>Whether <paramref name="period"/> is one of this schedule's periods (its kind, not before the first).</summary>
    /// The half-year reports of JZ-RPT-01 and HLJ-RPT-01 are first-half reports only: the second half is in the annual report.
    public bool Owes(ReportPeriod period) => period.Kind == Frequency && period.To >= PeriodOf(FirstPeriodFrom).To
                                             && (Frequency != PeriodKind.HalfYear || period.From.Month == 1);
}

[EventSchema(1)]
public sealed record ComplianceReportSubmitted(
    Guid SubmissionId,
    string Jurisdiction,
    string RuleId,
    string Period,
    LocalDate PeriodFrom,
    LocalDate PeriodTo,
    LocalDate SubmittedOn,
    string Notes,
    string ActorUser,
    string ActorOrganisation,
    Instant RecordedAt);

public enum CalendarStatus
{
    /// <summary>Not yet past the due date and not submitted (the period may still be running).</summary>
    Due,
    Overdue,
    Submitted,
    SubmittedLate,
}

public sealed record CalendarEntry(
    string RuleId,
    string Programme,
    string Jurisdiction,
    PeriodKind Frequency,
    string Period,
    LocalDate PeriodFrom,
    LocalDate PeriodTo,
    LocalDate DueOn,
    CalendarStatus Status,
    int? DaysOverdue,
    bool WithinProgramme,
    bool Ambiguous,
    string TextZh,
    string TextEn,
    string? Note,
    ComplianceReportSubmitted? Submission);

/// <summary>The reports each programme owes (RPT rules), and their status as of a day given the submissions recorded.</summary>
public static class ReportCalendar
{
    /// <summary>
    /// NN-RPT-02's month is garbled ("每年1月、6月、12月前将上一年度…", rules.md 7.5). [I] Default: the previous year's report by 31 January,
    /// the reading that agrees with "上一年度"; <see cref="Schedules(int, int)"/> takes another month and day from configuration.
    /// </summary>
    public const int NanningAnnualDueMonthDefault = 1;
    public const int NanningAnnualDueDayDefault = 31;

    public static IReadOnlyList<ReportSchedule> Schedules(int nanningAnnualDueMonth = NanningAnnualDueMonthDefault, int nanningAnnualDueDay = NanningAnnualDueDayDefault) =>
    [
        new("JZ-RPT-01", "JZ", PeriodKind.HalfYear, "每年7月10日前将上半年工作开展情况报市级部门", "First-half work to the city by 10 July", 1, 10,
            new(2020, 4, 2), false, "[I] Only H1 is a half-year report; the H2 half is covered by the annual report, so H2 periods are not listed."),
        new("JZ-RPT-01", "JZ", PeriodKind.Year, "每年1月10日前报上一年度工作开展情况", "Previous year's work by 10 January", 1, 10,
            new(2020, 4, 2), false, null),
        new("TZ-RPT-01", "TZ", PeriodKind.Month, "从3月份开始，建立百万员工安全大培训月度报告", "Monthly report of the million-employee training, from March 2020", 1, null,
            new(2020, 3, 1), false, "[I] The document gives no due day: read as by the last day of the following month. Quarterly notices, half-year inspections and the annual assessment are the city's own acts, not reports owed."),
        new("HLJ-RPT-01", "HLJ", PeriodKind.HalfYear, "每年7月15日前将本市（地）上半年工作情况报省应急管理厅", "First-half work to the province by 15 July", 1, 15,
            new(2020, 4, 3), false, "[I] Only H1 is a half-year report; H2 is covered by the annual report."),
        new("HLJ-RPT-01", "HLJ", PeriodKind.Year, "次年1月31日前将上一年度工作开展情况报省应急管理厅", "Previous year's work by 31 January", 1, 31,
            new(2020, 4, 3), false, null),
        new("QF-RPT-01", "QF", PeriodKind.Month, "市安委会办公室每月汇总各镇街（开发区）、有关部门安全教育培训开展情况，每月通报", "Monthly summary, score and notice", 1, null,
            new(2022, 8, 18), false, "[I] The document gives no due day: read as by the last day of the following month."),
        new("NN-RPT-01", "NN", PeriodKind.Quarter, "各县(区)应急管理部门每季度5日前将前一季度工作进展情况及统计报表上报", "Previous quarter's progress and statistics by the 5th", 1, 5,
            new(2020, 12, 11), false, "[I] \"每季度5日前\" read as the 5th of the first month of the following quarter (rules.md 7.5)."),
        new("NN-RPT-02", "NN", PeriodKind.Year, "每年1月、6月、12月前将上一年度贯彻落实本方案情况及综合报表总结上报", "Annual summary and comprehensive report (months garbled)",
            nanningAnnualDueMonth, nanningAnnualDueDay, new(2020, 12, 11), true,
            $"Ambiguous: the OCR text names January, June and December (rules.md 7.5). Configured: due {nanningAnnualDueDay} of the {nanningAnnualDueMonth}. month after the year; confirm with the issuer."),
    ];

    public static IReadOnlyList<ReportSchedule> For(ComplianceProgramme programme, IReadOnlyList<ReportSchedule> schedules) =>
        schedules.Where(s => s.Programme == programme.Code).ToList();

    /// <param name="asOf">The day the status is judged: overdue from the day after the due date.</param>
    public static IReadOnlyList<CalendarEntry> Entries(ComplianceProgramme programme, IReadOnlyList<ReportSchedule> schedules, IReadOnlyList<ComplianceReportSubmitted> submissions,
        LocalDate from, LocalDate to, LocalDate asOf)
    {
        var entries = new List<CalendarEntry>();
        foreach (var schedule in For(programme, schedules))
        {
            foreach (var period in schedule.PeriodsDueBetween(from, to))
            {
                var due = schedule.DueOn(period);
                var submission = submissions.Where(s => s.RuleId == schedule.RuleId && s.Period == period.Label).OrderBy(s => s.RecordedAt).FirstOrDefault();
                var status = submission is not null
                    ? submission.SubmittedOn <= due ? CalendarStatus.Submitted : CalendarStatus.SubmittedLate
                    : asOf <= due ? CalendarStatus.Due : CalendarStatus.Overdue;
                int? daysOverdue = status == CalendarStatus.Overdue ? Period.Between(due, asOf, PeriodUnits.Days).Days
                    : status == CalendarStatus.SubmittedLate ? Period.Between(due, submission!.SubmittedOn, PeriodUnits.Days).Days : null;
                entries.Add(new CalendarEntry(schedule.RuleId, programme.Code, programme.Jurisdiction, schedule.Frequency, period.Label, period.From, period.To, due, status,
                    daysOverdue, programme.Overlaps(period.From, period.To), schedule.Ambiguous, schedule.TextZh, schedule.TextEn, schedule.Note, submission));
            }
        }
        return entries.OrderBy(e => e.DueOn).ThenBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Period, StringComparer.Ordinal).ToList();
    }

    /// <summary>The schedule a submitted period belongs to: the period's kind picks it (JZ's 2026-H1 is the half-year report, 2025 the annual one).</summary>
    public static ReportSchedule? ScheduleFor(ComplianceProgramme programme, IReadOnlyList<ReportSchedule> schedules, ReportPeriod period) =>
        For(programme, schedules).FirstOrDefault(s => s.Frequency == period.Kind);
}
