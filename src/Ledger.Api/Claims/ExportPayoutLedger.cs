using NodaTime;
using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public static partial class ClaimExportEndpoints
{
    /// <summary>The payout ledger as CSV, written row by row as the rows are read, the totals last.</summary>
    [WolverineGet("/api/reports/payout-ledger.csv", Name = "ExportPayoutLedgerCsv")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static IResult LedgerCsv(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session, PolicyCatalog policies)
    {
        var (months, rows) = LedgerRows(from, to, jurisdiction, http, session, policies);
        return new StreamedCsv(ct => LedgerLines(rows.ToAsyncEnumerable(ct), months, jurisdiction), $"payout-ledger-{months[0]}-{months[^1]}.csv");
    }

    /// <summary>The payout ledger as a workbook written to a temporary file as the rows are read, then sent from it.</summary>
    [WolverineGet("/api/reports/payout-ledger.xlsx", Name = "ExportPayoutLedgerXlsx")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> LedgerXlsx(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        var (months, rows) = LedgerRows(from, to, jurisdiction, http, session, policies);
        // Chinese headers and names, the month a date cell (yyyy-mm) Excel sorts and filters, amounts #,##0.00, the header frozen.
        var layout = new SheetLayout(Widths: [10, 18, 28, 22, 28, 8, 8, 8, 10, 10, 14, 14, 14, 14, 14, 14, 14], FrozenRows: 1, HeaderRow: 0, Landscape: true,
            AutoFilter: $"A1:{Spreadsheet.Column(LedgerColumns.Length - 1)}1", PrintArea: $"$A:${Spreadsheet.Column(LedgerColumns.Length - 1)}");
        var file = await Spreadsheet.WriteToTempFileAsync("补贴发放台账", layout, LedgerLines(rows.ToAsyncEnumerable(ct), months, jurisdiction, typed: true));
        return Results.File(file, Spreadsheet.ContentType, $"payout-ledger-{months[0]}-{months[^1]}.xlsx");
    }

    private static (string[] Months, IQueryable<PayoutLedgerRow> Rows) LedgerRows(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session,
        PolicyCatalog policies) =>
        ClaimReportEndpoints.PayoutLedgerQuery(from, to, Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction), session, policies);

    private static Cell Month(string month) =>
        System.Text.RegularExpressions.Regex.IsMatch(month, "^[0-9]{4}-[0-9]{2}$")
            ? new(new LocalDate(int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(month[5..], System.Globalization.CultureInfo.InvariantCulture), 1), CellLook.Month)
            : new(month, CellLook.Plain);

    /// <summary>The columns, a line per row, and the totals counted on the way.</summary>
    private static async IAsyncEnumerable<object?[]> LedgerLines(IAsyncEnumerable<PayoutLedgerRow> rows, string[] months, string? jurisdiction, bool typed = false)
    {
        yield return typed ? LedgerColumnsZh : LedgerColumns;
        int claims = 0, rejected = 0, lines = 0, approvedLines = 0, paidLines = 0;
        decimal requested = 0, entitled = 0, approved = 0, disbursed = 0, reconciled = 0, clawedBack = 0, repaid = 0;
        await foreach (var r in rows)
        {
            claims += r.Claims; rejected += r.RejectedClaims; lines += r.Lines; approvedLines += r.ApprovedLines; paidLines += r.PaidLines;
            requested += r.Requested; entitled += r.Entitled; approved += r.Approved; disbursed += r.Disbursed; reconciled += r.Reconciled;
            clawedBack += r.ClawedBack; repaid += r.Repaid;
            yield return [typed ? Month(r.Month) : r.Month, typed ? DisplayNames.Jurisdiction(r.Jurisdiction).Zh : r.Jurisdiction, r.EnterpriseName, r.EnterpriseCreditCode, r.InstitutionName, r.Claims, r.RejectedClaims, r.Lines, r.ApprovedLines,
                r.PaidLines, r.Requested, r.Entitled, r.Approved, r.Disbursed, r.Reconciled, r.ClawedBack, r.Repaid];
        }
        var area = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        yield return [typed ? new Cell($"合计 {months[0]} 至 {months[^1]}", CellLook.Label) : $"合计 total {months[0]}…{months[^1]}",
            typed && area is not null ? DisplayNames.Jurisdiction(area).Zh : area, null, null, null, claims, rejected,
            lines, approvedLines, paidLines, requested, entitled, approved, disbursed, reconciled, clawedBack, repaid];
    }
}
