using Ledger.Domain;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Reports;

public sealed record SubmitComplianceReportRequest(string? Period, string? SubmittedOn, string? Notes)
{
    public sealed class Validator : AbstractValidator<SubmitComplianceReportRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Period).Must(p => ReportPeriod.TryParse(p, out _)).WithMessage($"is required, written {ReportPeriod.Formats}");
            RuleFor(r => r.SubmittedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Notes).Text(2000);
        }
    }
}

public sealed record RecordBaselineRequest(string? RuleId, string? MeasuredOn, int? Numerator, int? Denominator, string? Source, string? Reason)
{
    public sealed class Validator : AbstractValidator<RecordBaselineRequest>
    {
        public Validator(ComplianceProgramme programme, LocalDate today)
        {
            var rules = ComplianceCatalog.For(programme).Where(t => t.Measure == TargetMeasure.TeamLeaderQualificationRise).Select(t => t.RuleId).Distinct().ToList();
            RuleFor(r => r.RuleId).Must(id => id is not null && rules.Contains(id.Trim()))
                .WithMessage(rules.Count == 0 ? $"{programme.Code} has no target measured against a baseline" : $"must be one of {string.Join(", ", rules)}");
            RuleFor(r => r.MeasuredOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Denominator).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be at least 1");
            RuleFor(r => r.Numerator).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0).WithMessage("cannot be negative")
                .Must((r, n) => r.Denominator is not { } d || n is not { } v || v <= d).WithMessage("cannot exceed the denominator");
            RuleFor(r => r.Source).Text(500);
            RuleFor(r => r.Reason).Text(500);
        }
    }
}

public sealed record ComplianceSubmissionWritten(Guid SubmissionId, string RuleId, string Period, LocalDate SubmittedOn, LocalDate DueOn, string Status);

public sealed record ComplianceBaselineWritten(Guid BaselineId, string RuleId, LocalDate MeasuredOn, int Numerator, int Denominator);

/// <summary>A programme as the console lists it: its targets and the reports it owes.</summary>
public sealed record ComplianceProgrammeView(ComplianceProgramme Programme, IReadOnlyList<ComplianceTarget> Targets, IReadOnlyList<ReportSchedule> Schedules);

public sealed record ComplianceCalendarView(string Programme, string Jurisdiction, LocalDate From, LocalDate To, LocalDate AsOf, IReadOnlyList<CalendarEntry> Entries);

/// <summary>
/// Compliance reports per programme jurisdiction and period (the TGT rules computed from the ledger), the report calendar (RPT rules)
/// with submissions, and the report as a workbook and a printable page. Bureaus see their jurisdiction and those under it (403 otherwise).
/// </summary>
public static class ComplianceReportEndpoints
{
    [WolverineGet("/api/reports/compliance", Name = "ListCompliancePrograms")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static IReadOnlyList<ComplianceProgrammeView> Programmes(HttpContext http, PolicyCatalog policies, IConfiguration configuration)
    {
        var actor = ActorMiddleware.Required(http);
        var schedules = ComplianceSchedules.From(configuration);
        return ComplianceCatalog.Programmes.Where(p => Scope.CoversJurisdiction(actor, policies, p.Jurisdiction))
            .Select(p => new ComplianceProgrammeView(p, ComplianceCatalog.For(p), ReportCalendar.For(p, schedules))).ToList();
    }

    /// <param name="persons">False leaves out the persons behind each figure (the counted and missing lists), for a summary screen.</param>
    [WolverineGet("/api/reports/compliance/{jurisdiction}", Name = "GetComplianceReport")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    /// <remarks>Computed in one pass over the jurisdiction's enterprises, a page at a time, with the persons spilled to temporary files and streamed into the answer.</remarks>
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ComplianceReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Report(string jurisdiction, string? period, string? from, string? to, string? persons, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var withPersons = RequestValidation.OptionalBool(persons, nameof(persons), errors);
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var (programme, parsed) = Resolve(jurisdiction, period, from, to, http, policies);
        var options = json.Value.SerializerOptions;
        var rows = withPersons == false ? null : new ComplianceSpill(options);
        if (rows is not null) http.Response.RegisterForDispose(rows);
        var figures = await ComplianceStreaming.ComputeAsync(session, policies, industries, programme, parsed, clock.Today(), (IComplianceRows?)rows ?? new NoComplianceRows(), ct);
        return new StreamedComplianceReport(figures, rows, options);
    }

    [WolverineGet("/api/reports/compliance/{jurisdiction}/export.xlsx", Name = "ExportComplianceReportXlsx")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<IResult> Xlsx(string jurisdiction, string? period, string? from, string? to, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (programme, parsed) = Resolve(jurisdiction, period, from, to, http, policies);
        using var rows = new ComplianceSpill(json.Value.SerializerOptions);
        var figures = await ComplianceStreaming.ComputeAsync(session, policies, industries, programme, parsed, clock.Today(), rows, ct);
        // Written to a temporary file from the spill, then sent from it: neither the persons nor the workbook are held in memory.
        return Results.File(ComplianceWorkbook.WriteToTempFile(figures, rows.Persons), Spreadsheet.ContentType,
            $"compliance-{figures.Programme}-{FileLabel(figures.Period)}.xlsx");
    }

    [WolverineGet("/api/reports/compliance/{jurisdiction}/print", Name = "PrintComplianceReport")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<IResult> Print(string jurisdiction, string? period, string? from, string? to, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, IClock clock, CancellationToken ct)
    {
        var report = await LoadReportAsync(jurisdiction, period, from, to, http, session, policies, industries, clock, ct);
        return Results.Content(CompliancePrintPage.Render(report, clock.GetCurrentInstant()), "text/html; charset=utf-8");
    }

    [WolverineGet("/api/reports/compliance/{jurisdiction}/calendar", Name = "GetComplianceCalendar")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<ComplianceCalendarView> Calendar(string jurisdiction, string? from, string? to, string? asOf, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, programme.Jurisdiction);
        var (first, last, day) = CalendarRange(from, to, asOf, clock.Today());
        return new ComplianceCalendarView(programme.Code, programme.Jurisdiction, first, last, day,
            ReportCalendar.Entries(programme, ComplianceSchedules.From(configuration), await SubmissionsAsync(session, programme, ct), first, last, day));
    }

    /// <summary>Every programme's calendar the caller's jurisdiction covers (all five for a national bureau), for one overview.</summary>
    [WolverineGet("/api/reports/compliance/calendar", Name = "GetComplianceCalendars")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ComplianceCalendarView>> Calendars(string? from, string? to, string? asOf, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, null);
        var (first, last, day) = CalendarRange(from, to, asOf, clock.Today());
        var schedules = ComplianceSchedules.From(configuration);
        var views = new List<ComplianceCalendarView>();
        foreach (var programme in ComplianceCatalog.Programmes.Where(p => Scope.CoversJurisdiction(actor, policies, p.Jurisdiction)))
            views.Add(new ComplianceCalendarView(programme.Code, programme.Jurisdiction, first, last, day,
                ReportCalendar.Entries(programme, schedules, await SubmissionsAsync(session, programme, ct), first, last, day)));
        return views;
    }

    private static (LocalDate From, LocalDate To, LocalDate AsOf) CalendarRange(string? from, string? to, string? asOf, LocalDate today)
    {
        var errors = new Dictionary<string, string[]>();
        var first = OptionalDay(from, "from", errors) ?? new LocalDate(today.Year, 1, 1);
        var last = OptionalDay(to, "to", errors) ?? new LocalDate(today.Year, 12, 31);
        var day = OptionalDay(asOf, "asOf", errors) ?? today;
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        if (errors.Count == 0 && Period.Between(first, last, PeriodUnits.Years).Years >= 20) errors["to"] = ["the calendar spans at most 20 years"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return (first, last, day);
    }

    /// <summary>Records that the bureau submitted a period's report (JZ-RPT-01 …): one submission per report and period.</summary>
    [WolverinePost("/api/reports/compliance/{jurisdiction}/submissions", Name = "SubmitComplianceReport")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Submit(string jurisdiction, SubmitComplianceReportRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, programme.Jurisdiction);
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new SubmitComplianceReportRequest.Validator(today));
        ReportPeriod.TryParse(r.Period, out var period);
        var stream = SubmissionStream(programme);
        var state = await session.Events.FetchStreamStateAsync(stream, ct);
        var decision = ComplianceSubmissionDecider.Decide(
            new SubmitComplianceReport(Guid.NewGuid(), period, RequestValidation.Date(r.SubmittedOn!), r.Notes!.Trim(), clock.GetCurrentInstant()),
            programme, ComplianceSchedules.From(configuration), await SubmissionsAsync(session, programme, ct), actor);
        switch (decision)
        {
            case ComplianceSubmissionDecision.NotOwed n:
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["period"] = [$"{programme.Code} owes {string.Join(", ", n.Owed.Select(s => $"{s.RuleId} {Kind(s.Frequency)}"))}, from {n.FirstPeriodFrom:uuuu-MM-dd}"],
                });
            case ComplianceSubmissionDecision.BeforePeriod b:
                throw new RequestValidationException(new Dictionary<string, string[]> { ["submittedOn"] = [$"cannot precede the period's first day {b.PeriodFrom:uuuu-MM-dd}"] });
            case ComplianceSubmissionDecision.AlreadySubmitted a:
                throw new DuplicateException("submission", a.Existing.SubmissionId, $"/api/reports/compliance/{programme.Jurisdiction}/calendar",
                    $"the {a.Existing.RuleId} report for {a.Existing.Period} was recorded as submitted on {a.Existing.SubmittedOn:uuuu-MM-dd}");
        }
        var recorded = (ComplianceSubmissionDecision.Recorded)decision;
        var submitted = recorded.Submitted;
        // The expected version makes two racing submissions of one period collide (409) instead of both landing.
        if (state is null) session.Events.StartStream(stream, submitted);
        else session.Events.Append(stream, state.Version + 1, submitted);
        return Results.Created($"/api/reports/compliance/{programme.Jurisdiction}/calendar",
            new ComplianceSubmissionWritten(submitted.SubmissionId, submitted.RuleId, submitted.Period, submitted.SubmittedOn, recorded.DueOn, JsonNames.Kebab(recorded.Status)));
    }

    /// <summary>Records the baseline share a "+20 pp" target is measured against; the documents name none (rules.md 7.1), so the bureau states it.</summary>
    [WolverinePost("/api/reports/compliance/{jurisdiction}/baselines", Name = "RecordComplianceBaseline")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> RecordBaseline(string jurisdiction, RecordBaselineRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, programme.Jurisdiction);
        var r = RequestValidation.Valid(request, new RecordBaselineRequest.Validator(programme, clock.Today()));
        var recorded = ComplianceSubmissionDecider.Decide(new RecordComplianceBaseline(Guid.NewGuid(), r.RuleId!.Trim(), RequestValidation.Date(r.MeasuredOn!),
            r.Numerator!.Value, r.Denominator!.Value, r.Source!.Trim(), r.Reason!.Trim(), clock.GetCurrentInstant()), programme, actor);
        var stream = BaselineStream(programme);
        if (await session.Events.FetchStreamStateAsync(stream, ct) is { } state) session.Events.Append(stream, state.Version + 1, recorded);
        else session.Events.StartStream(stream, recorded);
        return Results.Created($"/api/reports/compliance/{programme.Jurisdiction}",
            new ComplianceBaselineWritten(recorded.BaselineId, recorded.RuleId, recorded.MeasuredOn, recorded.Numerator, recorded.Denominator));
    }

    /// <summary>The report with its persons in memory, for the pages a person reads (the console's report and the printable page).</summary>
    public static async Task<ComplianceReport> LoadReportAsync(string jurisdiction, string? period, string? from, string? to, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, IClock clock, CancellationToken ct)
    {
        var (programme, parsed) = Resolve(jurisdiction, period, from, to, http, policies);
        var rows = new ComplianceRowLists();
        return rows.Fill(await ComplianceStreaming.ComputeAsync(session, policies, industries, programme, parsed, clock.Today(), rows, ct));
    }

    /// <summary>The programme, the caller's scope over it (403) and the period (400), before anything is read.</summary>
    private static (ComplianceProgramme, ReportPeriod) Resolve(string jurisdiction, string? period, string? from, string? to, HttpContext http, PolicyCatalog policies)
    {
        var programme = Programme(jurisdiction);
        Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, programme.Jurisdiction);
        return (programme, ParsePeriod(period, from, to));
    }

    private static ReportPeriod ParsePeriod(string? period, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var hasRange = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (hasRange) errors["period"] = ["give either period or from and to, not both"];
            else if (ReportPeriod.TryParse(period, out var p)) return p;
            else errors["period"] = [$"must be written {ReportPeriod.Formats}"];
            throw new RequestValidationException(errors);
        }
        if (!hasRange) throw new RequestValidationException(new Dictionary<string, string[]> { ["period"] = [$"is required ({ReportPeriod.Formats}), or from and to"] });
        var first = OptionalDay(from, "from", errors);
        var last = OptionalDay(to, "to", errors);
        if (first is null && !errors.ContainsKey("from")) errors["from"] = ["is required with to, a real calendar date written yyyy-MM-dd"];
        if (last is null && !errors.ContainsKey("to")) errors["to"] = ["is required with from, a real calendar date written yyyy-MM-dd"];
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        if (errors.Count == 0 && Period.Between(first!.Value, last!.Value, PeriodUnits.Years).Years >= 10) errors["to"] = ["a report spans at most 10 years"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return ReportPeriod.Range(first!.Value, last!.Value);
    }

    private static LocalDate? OptionalDay(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (RequestValidation.IsDate(text.Trim())) return RequestValidation.Date(text.Trim());
        errors[field] = [RequestValidation.DateMessage];
        return null;
    }

    private static ComplianceProgramme Programme(string jurisdiction) =>
        ComplianceCatalog.Find(jurisdiction) ?? throw new ResourceNotFoundException("compliance programme (one of JZ/tj-jizhou, TZ/zj-taizhou, HLJ/hlj, QF/sd-jining-qufu, NN/gx-nanning)");

    private static string Kind(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => "yearly (yyyy)",
        PeriodKind.HalfYear => "first-half (yyyy-H1)",
        PeriodKind.Quarter => "quarterly (yyyy-Q1…Q4)",
        _ => "monthly (yyyy-MM)",
    };

    private static string FileLabel(string label) => label.Replace("..", "_", StringComparison.Ordinal);

    public static async Task<IReadOnlyList<ComplianceReportSubmitted>> SubmissionsAsync(IQuerySession session, ComplianceProgramme programme, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(SubmissionStream(programme), token: ct)).Select(e => e.Data).OfType<ComplianceReportSubmitted>().ToList();

    /// <summary>One stream per programme for its submissions and one for its baselines, derived from the jurisdiction so no lookup finds them.</summary>
    public static Guid SubmissionStream(ComplianceProgramme programme) => StreamIdentity.ForComplianceSubmissions(programme.Jurisdiction);

    public static Guid BaselineStream(ComplianceProgramme programme) => StreamIdentity.ForComplianceBaselines(programme.Jurisdiction);

}

/// <summary>The report calendar's schedules, with NN-RPT-02's ambiguous due day from configuration (Ledger:Reports:NanningAnnualDue, MM-dd).</summary>
public static class ComplianceSchedules
{
    public const string NanningAnnualDueKey = "Ledger:Reports:NanningAnnualDue";

    public static IReadOnlyList<ReportSchedule> From(IConfiguration configuration)
    {
        var text = configuration[NanningAnnualDueKey];
        if (string.IsNullOrWhiteSpace(text)) return ReportCalendar.Schedules();
        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var month) && int.TryParse(parts[1], out var day) && month is >= 1 and <= 12 && day is >= 1 and <= 31)
            return ReportCalendar.Schedules(month, day);
        throw new InvalidOperationException($"{NanningAnnualDueKey} must be written MM-dd, such as 01-31");
    }
}
