using Ledger.Domain.Catalogue;
using System.Globalization;
using System.Net;
using System.Text;
using Ledger.Domain.Reports;
using NodaTime;

namespace Ledger.Api.Reports;

/// <summary>
/// The compliance report as a standalone printable page: Chinese labels with English alongside, A4 print styles, one summary
/// table and the persons behind each target. Every value is HTML-encoded; ID numbers are the masked ones the report carries.
/// </summary>
public static class CompliancePrintPage
{
    private const string Styles = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; color: #111; margin: 1.5em; }
        h1 { font-size: 16pt; margin: 0 0 .3em; } h2 { font-size: 13pt; margin: 1.2em 0 .3em; border-bottom: 1px solid #999; }
        .en { color: #555; font-size: .85em; } .meta td { padding: 0 1em .2em 0; }
        table.grid { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
        table.grid th, table.grid td { border: 1px solid #888; padding: .25em .4em; vertical-align: top; text-align: left; }
        table.grid th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .met { color: #0a5c1a; font-weight: bold; } .not-met { color: #a40000; font-weight: bold; } .na { color: #666; }
        .note { font-size: .85em; color: #333; }
        @page { size: A4; margin: 15mm; }
        @media print { body { margin: 0; font-size: 9.5pt; } .no-print { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
          table.grid th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;

    /// <summary>The page in one language: Chinese for officials, English with <c>?lang=en</c> (or an English Accept-Language).</summary>
    public static string Render(ComplianceReport report, Instant generatedAt, bool english = false)
    {
        string L(string zh, string en) => english ? en : zh;
        string Th(string zh, string en) => $"<th scope=\"col\">{E(L(zh, en))}</th>";
        void Meta(StringBuilder h, string zh, string en, string value) =>
            h.Append("<tr><th scope=\"row\" style=\"text-align:left\">").Append(E(L(zh, en))).Append("</th><td>").Append(E(value)).Append("</td></tr>");

        var name = L(report.NameZh, report.NameEn);
        var title = L("安全技能提升目标完成情况", "safety-skills upgrading: compliance report");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(english ? "en" : "zh-CN").Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E($"{name} {title} {report.Period}")).Append("</title><style>").Append(Styles).Append("</style></head><body>");
        html.Append("<p class=\"no-print\"><button type=\"button\" onclick=\"window.print()\">").Append(L("打印", "Print")).Append("</button></p>");
        html.Append("<h1>").Append(E(name)).Append(' ').Append(E(title)).Append("</h1>");
        html.Append("<table class=\"meta\">");
        Meta(html, "报告期", "Period", $"{report.Period} ({D(report.From)} – {D(report.To)})");
        Meta(html, "评估日", "Evaluated on", D(report.EvaluatedOn));
        Meta(html, "依据文件", "Document", report.Document);
        Meta(html, "方案期限", "Programme window", $"{D(report.ProgrammeFrom)} – {(report.ProgrammeUntil is { } u ? D(u) : L("长期", "open-ended"))}" +
                                                   (report.WithinProgramme ? "" : L("（报告期在方案期外，数据仅供参考）", " (outside the window: informative)")));
        Meta(html, "企业 / 从业人员", "Enterprises / employees", $"{report.Enterprises} / {report.Employees}");
        Meta(html, "生成时间", "Generated", generatedAt.ToString("uuuu-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        html.Append("</table>");

        html.Append("<h2>").Append(L("目标汇总", "Targets")).Append("</h2><table class=\"grid\"><thead><tr>")
            .Append(Th("规则", "Rule")).Append(Th("目标", "Target")).Append(Th("要求", "Threshold")).Append(Th("分子", "Num.")).Append(Th("分母", "Den."))
            .Append(Th("比例", "Ratio")).Append(Th("应达", "Required")).Append(Th("结果", "Result")).Append(Th("差额", "Shortfall"))
            .Append("</tr></thead><tbody>");
        foreach (var t in report.Targets)
        {
            html.Append("<tr><td>").Append(E(t.RuleId)).Append(english && t.Variant is not null ? $"<br>{E(t.Variant)}" : "").Append("</td><td>")
                .Append(E(L(t.TextZh, t.TextEn)));
            var notComputable = english ? t.NotComputable : t.NotComputableZh ?? t.NotComputable;
            if (notComputable is not null) html.Append("<div class=\"note\">").Append(L("无法从台账计算：", "Not computable from the ledger: ")).Append(E(notComputable)).Append("</div>");
            if (t.BaselineSource is not null) html.Append("<div class=\"note\">").Append(L("基数 ", "Baseline ")).Append(P(t.Baseline)).Append(": ").Append(E(t.BaselineSource)).Append("</div>");
            html.Append("</td><td>").Append(E(t.Threshold)).Append("</td>")
                .Append(Num(t.Numerator?.ToString("N0", CultureInfo.InvariantCulture))).Append(Num(t.Denominator?.ToString("N0", CultureInfo.InvariantCulture)))
                .Append(Num(P(t.Ratio))).Append(Num(t.ThresholdKind == ThresholdKind.Count ? t.Required?.ToString("N0", CultureInfo.InvariantCulture) : P(t.Required)))
                .Append("<td>").Append(t.Met switch
                {
                    true => $"<span class=\"met\">{L("达标", "Met")}</span>",
                    false => $"<span class=\"not-met\">{L("未达标", "Not met")}</span>",
                    null => t.Computable ? $"<span class=\"na\">— {L("不评判", "not judged")}</span>" : $"<span class=\"na\">— {L("无法计算", "n/a")}</span>",
                }).Append("</td>").Append(Num(t.Shortfall?.ToString("N0", CultureInfo.InvariantCulture))).Append("</tr>");
        }
        html.Append("</tbody></table>");

        foreach (var t in report.Targets.Where(t => t.Computable))
        {
            html.Append("<h2>").Append(E(t.RuleId)).Append(' ').Append(E(L(t.TextZh, t.TextEn))).Append("</h2>");
            foreach (var note in english ? t.Notes : t.NotesZh ?? t.Notes) html.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            if (t.Groups.Count > 0)
            {
                html.Append("<table class=\"grid\"><thead><tr>").Append(Th("分组", "Group")).Append(Th("分子", "Num.")).Append(Th("分母", "Den.")).Append(Th("比例", "Ratio")).Append("</tr></thead><tbody>");
                foreach (var g in t.Groups)
                    html.Append("<tr><td>").Append(E(DisplayNames.Industry(g.Group).In(english))).Append("</td>").Append(Num(g.Numerator.ToString(CultureInfo.InvariantCulture)))
                        .Append(Num(g.Denominator.ToString(CultureInfo.InvariantCulture))).Append(Num(P(g.Ratio))).Append("</tr>");
                html.Append("</tbody></table>");
            }
            Persons(html, L("未计入（差额）", "Not counted (shortfall)"), t.Missing, english);
            Persons(html, L("计入", "Counted"), t.Counted, english);
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Persons(StringBuilder html, string caption, IReadOnlyList<ReportPerson> persons, bool english)
    {
        if (persons.Count == 0) return;
        string Th(string zh, string en) => $"<th scope=\"col\">{E(english ? en : zh)}</th>";
        html.Append("<table class=\"grid\"><caption style=\"text-align:left\">").Append(E(caption)).Append(" (").Append(persons.Count).Append(")</caption><thead><tr>")
            .Append(Th("姓名", "Name")).Append(Th("身份证号", "ID (masked)")).Append(Th("企业", "Enterprise")).Append(Th("岗位", "Post")).Append(Th("依据", "Detail"))
            .Append("</tr></thead><tbody>");
        foreach (var p in persons)
            html.Append("<tr><td>").Append(E(p.Name)).Append("</td><td>").Append(E(p.IdNumberMasked)).Append("</td><td>").Append(E(p.Enterprise)).Append("</td><td>")
                .Append(E(p.Post)).Append("</td><td>").Append(E(english ? p.Detail : p.DetailZh ?? p.Detail)).Append("</td></tr>");
        html.Append("</tbody></table>");
    }

    private static string Num(string? value) => $"<td class=\"num\">{E(value ?? "—")}</td>";

    private static string P(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    private static string D(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
