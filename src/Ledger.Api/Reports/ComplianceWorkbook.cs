using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Reports;

namespace Ledger.Api.Reports;

/// <summary>
/// The compliance report as a workbook: a summary sheet with one row per target and a sheet of the persons behind each figure.
/// Text is written as inline strings with formula-like text neutralised, figures as numbers, so a bureau can sum them.
/// </summary>
public static class ComplianceWorkbook
{
    public const string SummarySheet = "汇总";
    public const string PersonsSheet = "人员";

    public static readonly string[] SummaryColumns =
    [
        "规则", "口径", "目标", "要求", "可计算", "分子", "分母", "比例", "应达", "达标情况", "差额", "基数", "基数来源", "期限", "说明",
    ];

    public static readonly string[] SummaryColumnsEn =
    [
        "Rule", "Variant", "Target", "Threshold", "Computable", "Numerator", "Denominator", "Ratio", "Required", "Met", "Shortfall", "Baseline", "Baseline source",
        "Deadline", "Notes / not computable",
    ];

    public static readonly string[] PersonColumns = ["规则", "口径", "计入", "身份证号（脱敏）", "姓名", "企业", "岗位", "依据"];

    public static readonly string[] PersonColumnsEn = ["Rule", "Variant", "Counted", "ID number (masked)", "Name", "Enterprise", "Post", "Detail"];

    /// <summary>
    /// The workbook in a temporary file (deleted when the stream closes), written with <see cref="Spreadsheet"/>'s streaming
    /// writer as the persons are read from <paramref name="persons"/> (target i, counted or missing): the OpenXml SDK's package
    /// held every sheet of a province-sized report in memory until it closed. Chinese for officials; English with ?lang=en.
    /// </summary>
    public static Stream WriteToTempFile(ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons, bool english = false) =>
        Spreadsheet.WriteToTempFile((english ? "Summary" : SummarySheet, SummaryRows(report, english)), (english ? "Persons" : PersonsSheet, PersonRows(report, persons, english)));

    public static byte[] Write(ComplianceReport report, bool english = false)
    {
        using var file = WriteToTempFile(report, (i, counted) => counted ? report.Targets[i].Counted : report.Targets[i].Missing, english);
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static IEnumerable<object?[]> SummaryRows(ComplianceReport report, bool english)
    {
        string L(string zh, string en) => english ? en : zh;
        yield return [english ? $"{report.NameEn} · safety-skills upgrading: compliance report" : $"{report.NameZh} · 安全技能提升目标完成情况"];
        yield return [L("报告期", "Period"), report.Period, report.From.ToString("uuuu-MM-dd", null), report.To.ToString("uuuu-MM-dd", null), L("评估日", "Evaluated on"),
            report.EvaluatedOn.ToString("uuuu-MM-dd", null)];
        yield return [L("依据文件", "Document"), report.Document, L("方案期内", "Within programme"), report.WithinProgramme ? L("是", "yes") : L("否", "no"),
            L("企业", "Enterprises"), report.Enterprises, L("从业人员", "Employees"), report.Employees];
        yield return [];
        yield return english ? SummaryColumnsEn : SummaryColumns;
        foreach (var t in report.Targets)
        {
            var notes = english ? t.NotComputable ?? string.Join(" ", t.Notes)
                : t.NotComputableZh ?? t.NotComputable ?? string.Join(" ", t.NotesZh ?? t.Notes);
            yield return [t.RuleId, english ? t.Variant : null, L(t.TextZh, t.TextEn), t.Threshold, t.Computable ? L("是", "yes") : L("否", "no"), t.Numerator, t.Denominator,
                t.Ratio, t.Required, t.Met switch { true => L("达标", "met"), false => L("未达标", "not met"), null => "—" }, t.Shortfall, t.Baseline, t.BaselineSource,
                t.Deadline?.ToString("uuuu-MM-dd", null), notes];
        }
    }

    private static IEnumerable<object?[]> PersonRows(ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons, bool english)
    {
        yield return english ? PersonColumnsEn : PersonColumns;
        for (var i = 0; i < report.Targets.Count; i++)
        {
            var t = report.Targets[i];
            var variant = english ? t.Variant : null;
            foreach (var p in persons(i, true))
                yield return [t.RuleId, variant, english ? "counted" : "计入", p.IdNumberMasked, p.Name, p.Enterprise, p.Post, english ? p.Detail : p.DetailZh ?? p.Detail];
            foreach (var p in persons(i, false))
                yield return [t.RuleId, variant, english ? "shortfall" : "未计入", p.IdNumberMasked, p.Name, p.Enterprise, p.Post, english ? p.Detail : p.DetailZh ?? p.Detail];
        }
    }
}
