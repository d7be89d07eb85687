using Ledger.Domain.Actors;
using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>A bureau records that it submitted one period's report (JZ-RPT-01 …) on a day, with its notes.</summary>
public sealed record SubmitComplianceReport(Guid SubmissionId, ReportPeriod Period, LocalDate SubmittedOn, string Notes, Instant RecordedAt);

/// <summary>A bureau states the baseline share a "+20 pp" target is measured against (the documents name none, rules.md 7.1).</summary>
public sealed record RecordComplianceBaseline(Guid BaselineId, string RuleId, LocalDate MeasuredOn, int Numerator, int Denominator, string Source, string Reason,
    Instant RecordedAt);

/// <summary>What a submission came to: recorded (on time or late), or refused for a named reason.</summary>
public abstract record ComplianceSubmissionDecision
{
    public sealed record Recorded(ComplianceReportSubmitted Submitted, LocalDate DueOn, CalendarStatus Status) : ComplianceSubmissionDecision;

    /// <summary>The programme owes no report for this period (another frequency, or before its first period).</summary>
    public sealed record NotOwed(IReadOnlyList<ReportSchedule> Owed, LocalDate FirstPeriodFrom) : ComplianceSubmissionDecision;

    /// <summary>A report cannot be submitted before its period has begun.</summary>
    public sealed record BeforePeriod(LocalDate PeriodFrom) : ComplianceSubmissionDecision;

    /// <summary>One submission per report and period: the first one stands.</summary>
    public sealed record AlreadySubmitted(ComplianceReportSubmitted Existing) : ComplianceSubmissionDecision;
}

public static class ComplianceSubmissionDecider
{
    public static ComplianceSubmissionDecision Decide(SubmitComplianceReport c, ComplianceProgramme programme, IReadOnlyList<ReportSchedule> schedules,
        IReadOnlyList<ComplianceReportSubmitted> submissions, Actor actor)
    {
        var owed = ReportCalendar.For(programme, schedules);
        var schedule = ReportCalendar.ScheduleFor(programme, schedules, c.Period);
        if (schedule is null || !schedule.Owes(c.Period))
            return new ComplianceSubmissionDecision.NotOwed(owed, owed.Count == 0 ? c.Period.From : owed.Min(s => s.FirstPeriodFrom));
        if (c.SubmittedOn < c.Period.From) return new ComplianceSubmissionDecision.BeforePeriod(c.Period.From);
        var existing = submissions.Where(s => s.RuleId == schedule.RuleId && s.Period == c.Period.Label).OrderBy(s => s.RecordedAt).FirstOrDefault();
        if (existing is not null) return new ComplianceSubmissionDecision.AlreadySubmitted(existing);

        var due = schedule.DueOn(c.Period);
        var submitted = new ComplianceReportSubmitted(c.SubmissionId, programme.Jurisdiction, schedule.RuleId, c.Period.Label, c.Period.From, c.Period.To,
            c.SubmittedOn, c.Notes, actor.UserId, actor.OrganisationId, c.RecordedAt);
        return new ComplianceSubmissionDecision.Recorded(submitted, due, c.SubmittedOn <= due ? CalendarStatus.Submitted : CalendarStatus.SubmittedLate);
    }

    /// <summary>Each baseline is kept as stated; a later one for the same rule supersedes it in the report, both stay on record.</summary>
    public static ComplianceBaselineRecorded Decide(RecordComplianceBaseline c, ComplianceProgramme programme, Actor actor) =>
        new(c.BaselineId, programme.Jurisdiction, c.RuleId, c.MeasuredOn, c.Numerator, c.Denominator, c.Source, c.Reason, actor.UserId, actor.OrganisationId,
            c.RecordedAt);
}
