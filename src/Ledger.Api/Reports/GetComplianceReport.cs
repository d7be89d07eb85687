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

public static partial class ComplianceReportEndpoints
{
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
        return Results.File(ComplianceWorkbook.WriteToTempFile(figures, rows.Persons, English(http)), Spreadsheet.ContentType,
            $"compliance-{figures.Programme}-{FileLabel(figures.Period)}.xlsx");
    }

    [WolverineGet("/api/reports/compliance/{jurisdiction}/print", Name = "PrintComplianceReport")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<IResult> Print(string jurisdiction, string? period, string? from, string? to, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IndustryCatalog industries, IClock clock, CancellationToken ct)
    {
        var report = await LoadReportAsync(jurisdiction, period, from, to, http, session, policies, industries, clock, ct);
        return Results.Content(CompliancePrintPage.Render(report, clock.GetCurrentInstant(), English(http)), "text/html; charset=utf-8");
    }

    /// <summary>Files and printable pages are for officials: Chinese unless the caller asks for English (?lang=en, or an English Accept-Language).</summary>
    private static bool English(HttpContext http) =>
        string.Equals(http.Request.Query["lang"], "en", StringComparison.OrdinalIgnoreCase)
        || (http.Request.Query["lang"].Count == 0 && Http.ProblemLanguage.WantsEnglish(http.Request));
}
