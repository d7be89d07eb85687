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

/// <summary>
/// Compliance reports per programme jurisdiction and period (the TGT rules computed from the ledger), the report calendar (RPT rules)
/// with submissions, and the report as a workbook and a printable page. Bureaus see their jurisdiction and those under it (403 otherwise).
/// </summary>
public static partial class ComplianceReportEndpoints
{
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
