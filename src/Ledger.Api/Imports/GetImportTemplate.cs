using System.Text;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Domain.Actors;
using Wolverine.Http;

namespace Ledger.Api.Imports;

public static partial class ImportEndpoints
{
    /// <summary>
    /// The empty file to fill in: the header row in Chinese with each column's code, as CSV (UTF-8 with BOM, so Excel opens
    /// it in Chinese) or as an .xlsx workbook with a second sheet saying what goes in each column.
    /// </summary>
    [WolverineGet("/api/imports/templates/{kind}", Name = "GetImportTemplate")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.SystemAdministrator)]
    public static IResult GetTemplate(string kind, string? format)
    {
        var columns = kind switch
        {
            "attendance" => ImportColumns.Attendance,
            "certificates" => ImportColumns.Certificates,
            _ => null,
        };
        if (columns is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import",
                detail: "the import templates are attendance and certificates", extensions: new Dictionary<string, object?> { ["code"] = "not-found" });
        var name = kind == "attendance" ? "培训考勤导入模板" : "特种作业操作证导入模板";
        var headers = columns.Select(ImportWording.TemplateHeader).ToArray();
        switch (format ?? "csv")
        {
            case "csv":
                var csv = new StringBuilder("\uFEFF").AppendJoin(',', headers).Append("\r\n");
                return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{kind}-template.csv");
            case "xlsx":
                var instructions = new List<object?[]> { new object?[] { "列名", "代码", "填写要求" } };
                instructions.AddRange(columns.Select(c => new object?[] { ImportWording.Columns[c], c, ImportWording.Hints[c] }));
                instructions.Add([]);
                instructions.Add(["", "", "第一行为表头，请勿修改；每行一条记录。导入结果会列出不能导入的行、列和原因，并可下载这些行修改后重新导入；已导入的行再次导入会被跳过。"]);
                return Results.File(Spreadsheet.WriteToTempFile(("导入", new[] { headers.Cast<object?>().ToArray() }), ("填写说明", instructions)), Spreadsheet.ContentType, $"{kind}-template.xlsx");
            default:
                throw new Ledger.Api.Http.RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["must be csv or xlsx"] });
        }
    }
}
