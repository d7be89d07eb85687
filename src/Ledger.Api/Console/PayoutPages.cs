using System.Text.Json;
using Ledger.Api.Claims;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>补贴发放台账 with ECharts (GET /api/reports/payout-ledger), its exports, and the duplicate-payment finder (GET /api/reports/double-payments).</summary>
public static class PayoutPages
{
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Ledger(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var today = clock.Today();
            from = string.IsNullOrWhiteSpace(from) ? today.PlusMonths(-11).ToString("uuuu-MM", null) : from;
            to = string.IsNullOrWhiteSpace(to) ? today.ToString("uuuu-MM", null) : to;
            var report = await ClaimReportEndpoints.PayoutLedger(from, to, jurisdiction, http, session, policies, ct);
            var query = $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}" + (string.IsNullOrWhiteSpace(jurisdiction) ? "" : "&jurisdiction=" + Uri.EscapeDataString(jurisdiction));
            // The charts read the same rows the table shows; the script only arranges them.
            var chartData = JsonSerializer.Serialize(new
            {
                labels = new { disbursed = page.L("发放金额", "Disbursed"), approved = page.L("核准金额", "Approved"), month = page.L("按月份", "By month"),
                    jurisdiction = page.L("按辖区", "By jurisdiction"), enterprise = page.L("按企业", "By enterprise"), institution = page.L("按培训机构", "By institution") },
                rows = report.Rows.Select(r => new { r.Month, Jurisdiction = page.N(DisplayNames.Jurisdiction(r.Jurisdiction)), r.EnterpriseName, r.InstitutionName, r.Disbursed, r.Approved }),
            }, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Replace("<", "\\u003c");
            var t = report.Totals;
            var body = H($"""
                <form method="get" class="search filters">
                  <label for="from">{page.L("起始月份", "From month")}</label><input id="from" name="from" {MonthInput(page)} value="{from}">
                  <label for="to">{page.L("截止月份", "To month")}</label><input id="to" name="to" {MonthInput(page)} value="{to}">
                  <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                  <button type="submit">{page.L("查询", "Show")}</button>
                </form>
                <section class="card">
                  <dl class="facts totals">
                    {Field(page.L("申请数", "Claims"), t.Claims.ToString())}
                    {Field(page.L("人数", "Lines"), t.Lines.ToString())}
                    {Field(page.L("申请金额", "Requested"), Money(t.Requested))}
                    {Field(page.L("核准金额", "Approved"), Money(t.Approved))}
                    {Field(page.L("发放金额", "Disbursed"), Money(t.Disbursed))}
                    {Field(page.L("追回金额", "Clawed back"), Money(t.ClawedBack))}
                  </dl>
                  <p class="exports">
                    <a href="/api/reports/payout-ledger.xlsx?{query}" data-download>{page.L("导出台账 XLSX", "Export ledger (XLSX)")}</a> ·
                    <a href="/api/reports/payout-ledger.csv?{query}" data-download>CSV</a> ·
                    <a href="/console/payouts/duplicates">{page.L("重复发放排查", "Duplicate-payment finder")}</a>
                  </p>
                </section>
                <script type="application/json" id="payout-data">{Raw(chartData)}</script>
                <div class="charts">
                  <figure class="chart" id="chart-month" role="img" aria-label="{page.L("按月份的发放金额", "Disbursed by month")}"></figure>
                  <figure class="chart" id="chart-jurisdiction" role="img" aria-label="{page.L("按辖区的发放金额", "Disbursed by jurisdiction")}"></figure>
                  <figure class="chart" id="chart-enterprise" role="img" aria-label="{page.L("按企业的发放金额", "Disbursed by enterprise")}"></figure>
                  <figure class="chart" id="chart-institution" role="img" aria-label="{page.L("按培训机构的发放金额", "Disbursed by institution")}"></figure>
                </div>
                <section class="card">
                  <h2>{page.L("台账明细", "Ledger rows")}</h2>
                  {PersonPages.Table([page.L("月份", "Month"), page.L("辖区", "Jurisdiction"), page.L("企业", "Enterprise"), page.L("培训机构", "Institution"), page.L("申请", "Claims"),
                      page.L("人数", "Lines"), page.L("核准", "Approved"), page.L("发放", "Disbursed"), page.L("追回", "Clawed back")],
                      report.Rows.Select(r => new[] { H($"{r.Month}"), page.Named(DisplayNames.Jurisdiction(r.Jurisdiction), r.Jurisdiction), H($"<a href=\"/console/enterprises/{r.EnterpriseId}\">{r.EnterpriseName}</a>"), H($"{r.InstitutionName}"),
                          H($"{r.Claims}"), H($"{r.Lines}"), H($"{Money(r.Approved)}"), H($"{Money(r.Disbursed)}"), H($"{Money(r.ClawedBack)}") }), "ledger")}
                </section>
                """);
            return page.Render(page.L("补贴发放台账", "Payout ledger"), body, 200, "/console/echarts.min.js", "/console/charts.js");
        });

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Duplicates(string? from, string? to, string? maxPersons, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var today = clock.Today();
            from = string.IsNullOrWhiteSpace(from) ? Date(today.PlusYears(-1)) : from;
            to = string.IsNullOrWhiteSpace(to) ? Date(today) : to;
            var report = await ClaimReportEndpoints.DoublePayments(from, to, maxPersons, null, http, session, policies, ct);
            var groups = Join(report.Groups.Select(g => H($"""
                <article class="card duplicate" data-rule="{g.RuleId}">
                  <h3>{Badge(page.L(DisplayNames.Rule(g.RuleId).TitleZh, g.Reason), "bad")} {ConsolePage.Ident(g.RuleId)} · {Money(g.TotalPaid)}</h3>
                  {PersonPages.Table([page.L("申请", "Claim"), page.L("姓名", "Name"), page.L("身份证号", "ID number"), page.L("证书", "Certificate"), page.L("类别·周期", "Kind · cycle"),
                      page.L("企业", "Enterprise"), page.L("金额", "Amount"), page.L("支付凭证", "Payment"), page.L("收款账号", "Account"), page.L("发放日期", "Paid on")],
                      g.Lines.Select(l => new[] { H($"<a href=\"/console/claims/{l.ClaimId}\">#{l.LineNo}</a>"), H($"{l.Name}"), H($"{l.IdNumberMasked}"), ConsolePage.Ident(l.CertificateNumber),
                          H($"{page.N(DisplayNames.Subsidy(l.Kind))}"), H($"{l.EnterpriseName}"), H($"{Money(l.Amount)}"), ConsolePage.Ident(l.PaymentReference), H($"{l.PayeeAccountMasked}"), H($"{l.PaidOn}") }))}
                </article>
                """)));
            var accounts = PersonPages.Table([page.L("收款账号", "Account"), page.L("收款人", "Payees"), page.L("人数", "Persons"), page.L("企业数", "Enterprises"), page.L("金额", "Paid")],
                report.SharedAccounts.Select(a => new[] { H($"{a.PayeeAccountMasked}"), H($"{string.Join(", ", a.Payees)}"), H($"{a.Persons}"), H($"{a.Enterprises}"), H($"{Money(a.TotalPaid)}") }));
            var body = H($"""
                <form method="get" class="search filters">
                  <label for="from">{page.L("发放日期自", "Paid from")}</label><input id="from" name="from" {DateInput(page)} value="{from}">
                  <label for="to">{page.L("至", "until")}</label><input id="to" name="to" {DateInput(page)} value="{to}">
                  <label for="maxPersons">{page.L("同一账号人数上限", "Persons per account above")}</label><input id="maxPersons" name="maxPersons" type="number" min="1" value="{report.MaxPersonsPerAccount}">
                  <button type="submit">{page.L("排查", "Search")}</button>
                </form>
                <p class="summary-line">{page.L("期内已发放人次", "Paid lines in the period")}: <strong>{report.PaidLines}</strong> · {page.L("疑似重复", "Suspected duplicates")}: <strong id="duplicate-count">{report.Groups.Count}</strong></p>
                {(report.Groups.Count == 0 ? H($"<p class=\"empty\">{page.L("期内未发现重复发放。", "No duplicate payment in this period.")}</p>") : groups)}
                <section class="card"><h2>{page.L("多人共用的收款账号", "Payee accounts shared across persons and enterprises")}</h2>{accounts}</section>
                """);
            return page.Render(page.L("重复发放排查", "Duplicate-payment finder"), body);
        });
}
