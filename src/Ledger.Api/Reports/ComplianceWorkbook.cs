using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ledger.Api.Infrastructure;
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

    /// <summary>The workbook in a temporary file (deleted when the stream closes), its persons read from <paramref name="persons"/> as the sheet is written.</summary>
    public static Stream WriteToTempFile(ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        Write(file, report, persons);
        file.Position = 0;
        return file;
    }

    public static byte[] Write(ComplianceReport report)
    {
        using var buffer = new MemoryStream();
        Write(buffer, report, (i, counted) => counted ? report.Targets[i].Counted : report.Targets[i].Missing);
        return buffer.ToArray();
    }

    /// <param name="persons">The persons behind target i's figure, counted (true) or missing (false).</param>
    public static void Write(Stream output, ComplianceReport report, Func<int, bool, IEnumerable<ReportPerson>> persons)
    {
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var summary = new List<object?[]>
            {
                new object?[] { $"{report.NameZh} {report.NameEn} · 安全技能提升目标完成情况 compliance report" },
                new object?[] { "期间 period", report.Period, report.From.ToString("uuuu-MM-dd", null), report.To.ToString("uuuu-MM-dd", null), "评估日 evaluated on",
                    report.EvaluatedOn.ToString("uuuu-MM-dd", null) },
                new object?[] { "文件 document", report.Document, "方案期内 within programme", report.WithinProgramme ? "是 yes" : "否 no", "企业 enterprises", report.Enterprises,
                    "从业人员 employees", report.Employees },
                Array.Empty<object?>(),
                SummaryColumns,
            };
            foreach (var t in report.Targets)
                summary.Add([t.RuleId, t.Variant, t.TextZh, t.TextEn, t.Threshold, t.Computable ? "是 yes" : "否 no", t.Numerator, t.Denominator, t.Ratio, t.Required,
                    t.Met switch { true => "达标 met", false => "未达标 not met", null => "—" }, t.Shortfall, t.Baseline, t.BaselineSource,
                    t.Deadline?.ToString("uuuu-MM-dd", null), t.NotComputable ?? string.Join(" ", t.Notes)]);
            AddSheet(workbook, sheets, 1, SummarySheet, summary);

            AddSheet(workbook, sheets, 2, PersonsSheet, PersonRows(report, persons));
            workbook.Workbook.Save();
        }
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

    /// <summary>Streams the rows with <see cref="OpenXmlWriter"/>: a report of a few thousand employees has hundreds of thousands of cells.</summary>
    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint r = 1;
            foreach (var cells in rows)
            {
                writer.WriteStartElement(new Row { RowIndex = r });
                for (var c = 0; c < cells.Length; c++)
                {
                    var reference = Spreadsheet.Column(c) + r;
                    writer.WriteElement(cells[c] switch
                    {
                        null => new Cell { CellReference = reference },
                        int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
                        decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
                        var v => new Cell
                        {
                            CellReference = reference, DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(Spreadsheet.Neutralise(v.ToString() ?? "")) { Space = SpaceProcessingModeValues.Preserve }),
                        },
                    });
                }
                writer.WriteEndElement();
                r++;
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }
}
