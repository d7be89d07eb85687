using System.Globalization;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Reports;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>Compliance reports (the TGT targets per programme and period) and the report calendar (RPT), as GET /api/reports/compliance… answer them.</summary>
public static class ReportPages
{
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static Task<IResult> Index(string? year, HttpContext http, IQuerySession session, PolicyCatalog policies, IConfiguration configuration, IClock clock,
        CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var programmes = ComplianceReportEndpoints.Programmes(http, policies, configuration);
            var y = int.TryParse(year, out var parsed) && parsed is > 2000 and < 2100 ? parsed : clock.Today().Year;
            var calendars = await ComplianceReportEndpoints.Calendars($"{y}-01-01", $"{y + 1}-01-31", null, http, session, policies, configuration, clock, ct);
            var cards = Join(programmes.Select(p => H($"""
                <li class="card">
                  <h2>{page.L(p.Programme.NameZh, p.Programme.NameEn)}</h2>
                  <p class="hint">{page.N(DisplayNames.Document(p.Programme.Document))}</p>
                  <form method="get" action="/console/reports/{p.Programme.Jurisdiction}" class="search">
                    <label for="period-{p.Programme.Code}">{page.L("报告期", "Period")}</label>
                    <input id="period-{p.Programme.Code}" name="period" required placeholder="2021-H1" value="{y}-H1">
                    <button type="submit">{page.L("生成报表", "Show the report")}</button>
                  </form>
                  <p class="hint">{p.Targets.Count} {page.L("项目标", "targets")} · {page.L("报送要求：", "reporting: ")}{Join(p.Schedules.Select(s => s.RuleId).Distinct().Select(r => PersonPages.RuleName(page, r)))}</p>
                </li>
                """)));
            var entries = calendars.SelectMany(c => c.Entries).OrderBy(e => e.DueOn).Select(e => new[]
            {
                ConsolePage.Ident(e.RuleId), H($"{ProgrammeName(page, e.Programme)}"), H($"<a href=\"/console/reports/{e.Jurisdiction}?period={Uri.EscapeDataString(e.Period)}\">{e.Period}</a>"),
                H($"{e.DueOn}"), CalendarBadge(page, e.Status, e.DaysOverdue), H($"{page.L(e.TextZh, e.TextEn)}"),
            });
            var body = H($"""
                <ul class="cards">{cards}</ul>
                <section class="card">
                  <h2>{page.L("报送日历", "Report calendar")} {y}</h2>
                  <form method="get" class="search filters"><label for="year">{page.L("年度", "Year")}</label><input id="year" name="year" type="number" value="{y}" min="2001" max="2099"><button type="submit">{page.L("切换", "Show")}</button></form>
                  {PersonPages.Table([page.L("规则", "Rule"), page.L("项目", "Programme"), page.L("报告期", "Period"), page.L("截止日期", "Due"), page.L("状态", "Status"), page.L("要求", "Requirement")], entries, "calendar")}
                </section>
                """);
            return page.Render(page.L("合规报表", "Compliance reports"), body);
        });

    private static Html CalendarBadge(ConsolePage page, CalendarStatus status, int? daysOverdue) => status switch
    {
        CalendarStatus.Overdue => Badge($"{page.L("逾期", "Overdue")} {daysOverdue}{page.L("天", " days")}", "bad"),
        CalendarStatus.Submitted => Badge(page.L("已报送", "Submitted"), "ok"),
        CalendarStatus.SubmittedLate => Badge(page.L("逾期报送", "Submitted late"), "warn"),
        _ => Badge(page.L("待报送", "Due"), "muted"),
    };

    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static Task<IResult> Report(string jurisdiction, string? period, HttpContext http, IQuerySession session, PolicyCatalog policies, IndustryCatalog industries,
        IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var report = await ComplianceReportEndpoints.LoadReportAsync(jurisdiction, period, null, null, http, session, policies, industries, clock, ct);
            var query = "period=" + Uri.EscapeDataString(report.Period);
            var rows = report.Targets.Select(t => new[]
            {
                ConsolePage.Ident(t.Variant is null ? t.RuleId : $"{t.RuleId} · {t.Variant}"),
                H($"{page.L(t.TextZh, t.TextEn)}{When(t.BaselineSource is not null, H($"<div class=\"hint\">{page.L("基线：", "Baseline: ")}{t.BaselineSource}</div>"))}"),
                t.Computable ? H($"<strong>{t.Numerator}</strong> / {t.Denominator}") : H($"<span class=\"muted\" title=\"{t.NotComputable}\">{page.L("台账未记录计算所需的数据；如文件要求基线，请在下方“登记基线”中登记。", t.NotComputable ?? "")}</span>"),
                H($"{Percent(t.Ratio)}"),
                ThresholdCell(page, t.Threshold),
                t.Met switch { true => Badge(page.L("达标", "Met"), "ok"), false => Badge(page.L("未达标", "Not met"), "bad"), _ => Badge(page.L("无法判定", "Not judged"), "muted") },
                H($"{(t.Shortfall is { } s && s > 0 ? s.ToString(CultureInfo.InvariantCulture) : "—")}"),
                Persons(page, t),
            });
            var body = H($"""
                <section class="card">
                  <h2>{page.L(report.NameZh, report.NameEn)} · {report.Period}</h2>
                  <dl class="facts">
                    {Field(page.L("文件", "Document"), page.N(DisplayNames.Document(report.Document)))}
                    {Field(page.L("报告期", "Period"), $"{Date(report.From)} — {Date(report.To)}")}
                    {Field(page.L("统计截至", "Figures as of"), Date(report.EvaluatedOn))}
                    {Field(page.L("企业数", "Enterprises"), report.Enterprises.ToString(CultureInfo.InvariantCulture))}
                    {Field(page.L("从业人员", "Employees"), report.Employees.ToString(CultureInfo.InvariantCulture))}
                    {Field(page.L("在项目期内", "Within the programme"), report.WithinProgramme ? page.L("是", "Yes") : page.L("否（仅供参考）", "No (informative)"))}
                  </dl>
                  <p class="exports">
                    <a href="/api/reports/compliance/{report.Jurisdiction}/export.xlsx?{query}" data-download>{page.L("下载 XLSX", "Download XLSX")}</a> ·
                    <a href="/api/reports/compliance/{report.Jurisdiction}/print?{query}" target="_blank" rel="noopener">{page.L("打印版", "Printable page")}</a> ·
                    <a href="/console/reports">{page.L("报送日历", "Report calendar")}</a>
                  </p>
                </section>
                <section class="card">
                  <h2>{page.L("目标完成情况", "Targets")}</h2>
                  {PersonPages.Table([page.L("规则", "Rule"), page.L("目标", "Target"), page.L("分子/分母", "Numerator / denominator"), page.L("比例", "Ratio"), page.L("要求", "Required"),
                      page.L("结论", "Verdict"), page.L("差额", "Shortfall"), page.L("涉及人员", "Persons")], rows, "targets")}
                </section>
                """);
            return page.Render(page.L("合规报表", "Compliance report") + " · " + page.L(report.NameZh, report.NameEn),
                H($"{body}{When(page.Is(ActorRole.Regulator), Record(page, report, clock.Today()))}"));
        });

    /// <summary>
    /// A regulator records that the period's report went to its superiors, and the baseline a "+20 pp" target is measured
    /// against, through the API's own POST endpoints; the calendar then shows the period submitted.
    /// </summary>
    private static Html Record(ConsolePage page, ComplianceReport report, LocalDate today)
    {
        var programme = ComplianceCatalog.Find(report.Jurisdiction);
        if (programme is null) return Empty;
        var api = $"/api/reports/compliance/{report.Jurisdiction}";
        var error = H($"<div class=\"form-error\" role=\"alert\" hidden></div>");
        // A period is a label (2021-H1) unless the report was asked for a date range; then the officer names the period.
        var period = report.Period.Contains("..", StringComparison.Ordinal) ? "" : report.Period;
        var submission = H($"""
            <form id="submission-form" data-api="POST {api}/submissions" data-then="/console/reports?year={report.From.Year}" class="grid action"
                  aria-label="{page.L("登记报送", "Record the submission")}"
                  data-next-409="{page.L("该报告期已登记报送，无需重复登记；如登记有误，请联系系统管理员更正。", "This period's report is already recorded as submitted: nothing more to do; if that record is wrong, ask your administrator.")}">
              <h3>{page.L("登记报送", "Record the submission")}</h3>
              <p class="hint wide">{page.L("报表报送上级后在此登记，报送日历随即显示“已报送”。", "Once the report has gone to your superiors, record it here; the report calendar then shows it submitted.")}</p>
              <label>{page.L("报告期", "Period")}<input name="period" required value="{period}" placeholder="2021-H1" autocomplete="off"></label>
              <label>{page.L("报送日期", "Submitted on")}<input name="submittedOn" {DateInput(page)} value="{Date(today)}" required></label>
              <label class="wide">{page.L("报送说明（文号、接收单位）", "Notes (reference, receiving office)")}<textarea name="notes" rows="2" required maxlength="2000"></textarea></label>
              <button type="submit">{page.L("登记报送", "Record submission")}</button>{error}
            </form>
            """);
        var baselineRules = ComplianceCatalog.For(programme).Where(t => t.Measure == TargetMeasure.TeamLeaderQualificationRise).Select(t => t.RuleId).Distinct().ToList();
        var baseline = baselineRules.Count == 0 ? Empty : H($"""
            <form id="baseline-form" data-api="POST {api}/baselines" class="grid action" aria-label="{page.L("登记基线", "Record a baseline")}">
              <h3>{page.L("登记基线", "Record a baseline")}</h3>
              <p class="hint wide">{page.L("“提高 20 个百分点”的目标须有起点；文件未给出，由本部门登记其来源。", "A \"+20 percentage points\" target needs a starting share; the documents give none, so the bureau records it with its source.")}</p>
              <label>{page.L("规则", "Rule")}<select name="ruleId" required>{Join(baselineRules.Select(r => H($"<option value=\"{r}\">{page.L(DisplayNames.Rule(r).TitleZh, DisplayNames.Rule(r).TitleEn)}</option>")))}</select></label>
              <label>{page.L("测算日期", "Measured on")}<input name="measuredOn" {DateInput(page)} required></label>
              <label>{page.L("分子（达标人数）", "Numerator (qualified)")}<input name="numerator" data-type="int" inputmode="numeric" required></label>
              <label>{page.L("分母（总人数）", "Denominator (all)")}<input name="denominator" data-type="int" inputmode="numeric" required></label>
              <label class="wide">{page.L("数据来源", "Source")}<input name="source" required maxlength="500"></label>
              <label class="wide">{page.L("登记理由", "Reason")}<input name="reason" required maxlength="500"></label>
              <button type="submit">{page.L("登记基线", "Record baseline")}</button>{error}
            </form>
            """);
        return H($"""<section class="card actions"><h2>{page.L("报送与基线", "Submission and baseline")}</h2>{submission}{baseline}</section>""");
    }

    private static string ProgrammeName(ConsolePage page, string code) =>
        ComplianceCatalog.Find(code) is { } p ? page.L(p.NameZh, p.NameEn) : code;

    // Thresholds are written bilingually in the catalogue ("20,000 人次 person-times"); a page shows its own language's half.
    private static string ThresholdText(ConsolePage page, string threshold) =>
        System.Text.RegularExpressions.Regex.Replace(threshold, page.English ? @"\s*[\u4e00-\u9fff]+\s*" : @"\s+[A-Za-z][A-Za-z -]*$", page.English ? " " : "").Trim();

    // A threshold the catalogue writes in English only ("≥1 / ≥1 / several; …") is the document's wording on a Chinese page.
    private static Html ThresholdCell(ConsolePage page, string threshold)
    {
        var text = ThresholdText(page, threshold);
        return !page.English && System.Text.RegularExpressions.Regex.IsMatch(text, "[A-Za-z]{2,}")
            ? H($"<span title=\"{threshold}\">{page.L("按文件要求（见提示）", threshold)}</span>")
            : H($"{text}");
    }

    private static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>The persons behind the figure, ID numbers masked as the report gives them.</summary>
    private static Html Persons(ConsolePage page, TargetResult t)
    {
        if (t.Counted.Count == 0 && t.Missing.Count == 0) return H($"<span class=\"muted\">—</span>");
        Html List(IEnumerable<ReportPerson> people) => Join(people.Take(50).Select(p =>
            H($"<li><a href=\"/console/persons/{p.PersonId}\">{p.Name}</a> {p.IdNumberMasked} · {p.Enterprise}{(page.English ? " · " + p.Detail : "")}</li>")));
        return H($"""
            <details><summary>{page.L("计入", "counted")} {t.Counted.Count} · {page.L("缺", "missing")} {t.Missing.Count}</summary>
              {When(t.Missing.Count > 0, H($"<p><strong>{page.L("未达标人员", "Missing")}</strong></p><ul class=\"flags\">{List(t.Missing)}</ul>"))}
              {When(t.Counted.Count > 0, H($"<p><strong>{page.L("已计入", "Counted")}</strong></p><ul class=\"flags\">{List(t.Counted)}</ul>"))}
            </details>
            """);
    }
}
