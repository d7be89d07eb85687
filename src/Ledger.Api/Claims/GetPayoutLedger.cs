using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record PayoutLedgerTotals(
    int Claims, int Lines, int ApprovedLines, int PaidLines, decimal Requested, decimal Entitled, decimal Approved, decimal Disbursed, decimal Reconciled,
    decimal ClawedBack, decimal Repaid)
{
    public static PayoutLedgerTotals Of(IReadOnlyList<PayoutLedgerRow> rows) => new(
        rows.Sum(r => r.Claims), rows.Sum(r => r.Lines), rows.Sum(r => r.ApprovedLines), rows.Sum(r => r.PaidLines), rows.Sum(r => r.Requested),
        rows.Sum(r => r.Entitled), rows.Sum(r => r.Approved), rows.Sum(r => r.Disbursed), rows.Sum(r => r.Reconciled), rows.Sum(r => r.ClawedBack),
        rows.Sum(r => r.Repaid));
}

public sealed record PayoutLedgerReport(string From, string To, string? Jurisdiction, PayoutLedgerTotals Totals, IReadOnlyList<PayoutLedgerRow> Rows);

public static partial class ClaimReportEndpoints
{
    /// <summary>The payout ledger by month of application, jurisdiction (with those under it), enterprise and institution.</summary>
    [WolverineGet("/api/reports/payout-ledger", Name = "GetPayoutLedger")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<PayoutLedgerReport> PayoutLedger(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session,
        PolicyCatalog policies, CancellationToken ct) =>
        await LoadPayoutLedgerAsync(from, to, Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction), session, policies, ct);

    public static async Task<PayoutLedgerReport> LoadPayoutLedgerAsync(string? from, string? to, string? jurisdiction, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        var (months, query) = PayoutLedgerQuery(from, to, jurisdiction, session, policies);
        var rows = (await query.ToListAsync(ct))
            .OrderBy(r => r.Month).ThenBy(r => r.Jurisdiction, StringComparer.Ordinal).ThenBy(r => r.EnterpriseName, StringComparer.Ordinal)
            .ThenBy(r => r.InstitutionName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new PayoutLedgerReport(months[0], months[^1], string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim(), PayoutLedgerTotals.Of(rows), rows);
    }

    /// <summary>The payout ledger's rows for the months and jurisdictions asked (400 naming a bad field), in the ledger's order, for a file written as they are read.</summary>
    public static (string[] Months, IQueryable<PayoutLedgerRow> Rows) PayoutLedgerQuery(string? from, string? to, string? jurisdiction, IQuerySession session,
        PolicyCatalog policies)
    {
        var errors = new Dictionary<string, string[]>();
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        if (errors.Count == 0 && Months(first, last).Count > 240) errors["to"] = ["the period spans at most 20 years"];
        var codes = Within(jurisdiction, policies, errors);
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var months = Months(first, last).Select(m => m.ToString("uuuu-MM", null)).ToArray();
        var query = session.Query<PayoutLedgerRow>().Where(r => r.Month.IsOneOf(months));
        if (codes is not null) query = query.Where(r => r.Jurisdiction.IsOneOf(codes));
        return (months, query.OrderBy(r => r.Month).ThenBy(r => r.Jurisdiction).ThenBy(r => r.EnterpriseName).ThenBy(r => r.InstitutionName).ThenBy(r => r.Id));
    }
}
