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
    public const string SummarySheet = "汇总 Summary";
    public const string PersonsSheet = "人员 Persons";

    public static readonly string[] SummaryColumns =
    [
        "规则 rule", "口径 variant", "目标 target", "Target", "要求 threshold", "可计算 computable", "分子 numerator", "分母 denominator", "比例 ratio",
        "应达 required", "达标 met", "差额 shortfall", "基数 baseline", "基数来源 baseline source", "期限 deadline", "说明 notes / not computable",
    ];

    public static readonly string[] PersonColumns =
    [
        "规则 rule", "口径 variant", "计入 counted", "人员编号 person id", "身份证号 ID (masked)", "姓名 name", "企业 enterprise", "岗位 post", "依据 detail",
    ];

    /// <summary>
    /// The workbook in a temporary file (deleted when the stream closes), written with <see cref="Spreadsheet"/>'s streaming
    /// writer as the persons are read from <paramref name="persons"/> (target i, counted or missing): the OpenXml SDK's package
    /// held every sheet of a province-sized report in memory until it closed.
    /// </summary>
    public static Stream WriteToTempFile(ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons) =>
        Spreadsheet.WriteToTempFile((SummarySheet, SummaryRows(report)), (PersonsSheet, PersonRows(report, persons)));

    public static byte[] Write(ComplianceReport report)
    {
        using var file = WriteToTempFile(report, (i, counted) => counted ? report.Targets[i].Counted : report.Targets[i].Missing);
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static IEnumerable<object?[]> SummaryRows(ComplianceReport report)
    {
        yield return [$"{report.NameZh} {report.NameEn} · 安全技能提升目标完成情况 compliance report"];
        yield return ["期间 period", report.Period, report.From.ToString("uuuu-MM-dd", null), report.To.ToString("uuuu-MM-dd", null), "评估日 evaluated on",
            report.EvaluatedOn.ToString("uuuu-MM-dd", null)];
        yield return ["文件 document", report.Document, "方案期内 within programme", report.WithinProgramme ? "是 yes" : "否 no", "企业 enterprises", report.Enterprises,
            "从业人员 employees", report.Employees];
        yield return [];
        yield return SummaryColumns;
        foreach (var t in report.Targets)
            yield return [t.RuleId, t.Variant, t.TextZh, t.TextEn, t.Threshold, t.Computable ? "是 yes" : "否 no", t.Numerator, t.Denominator, t.Ratio, t.Required,
                t.Met switch { true => "达标 met", false => "未达标 not met", null => "—" }, t.Shortfall, t.Baseline, t.BaselineSource,
                t.Deadline?.ToString("uuuu-MM-dd", null), t.NotComputable ?? string.Join(" ", t.Notes)];
    }

    private static IEnumerable<object?[]> PersonRows(ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons)
    {
        yield return PersonColumns;
        for (var i = 0; i < report.Targets.Count; i++)
        {
            var t = report.Targets[i];
            foreach (var p in persons(i, true)) yield return [t.RuleId, t.Variant, "计入 counted", p.PersonId.ToString(), p.IdNumberMasked, p.Name, p.Enterprise, p.Post, p.Detail];
            foreach (var p in persons(i, false)) yield return [t.RuleId, t.Variant, "未计入 shortfall", p.PersonId.ToString(), p.IdNumberMasked, p.Name, p.Enterprise, p.Post, p.Detail];
        }
    }
}
