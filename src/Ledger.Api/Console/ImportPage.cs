using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>CSV imports (POST /api/imports/…) with upload progress, then the import report: rows accepted, skipped and refused with each reason.</summary>
public static class ImportPage
{
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.SystemAdministrator)]
    public static Task<IResult> Get(HttpContext http) => ConsoleErrors.PageAsync(http, page =>
    {
        var kinds = new List<Html>();
        var templates = new List<Html>();
        Html Template(string kind, string zh, string en) => H($"""
            <li>{page.L(zh, en)}：<a href="/api/imports/templates/{kind}?format=xlsx" download>{page.L("Excel 模板（.xlsx，含填写说明）", "Excel template (.xlsx, with instructions)")}</a>
            · <a href="/api/imports/templates/{kind}?format=csv" download>{page.L("CSV 模板", "CSV template")}</a></li>
            """);
        if (page.Is(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.SystemAdministrator))
        {
            kinds.Add(H($"<option value=\"/api/imports/certificates\">{page.L("特种作业操作证", "Certificates")}</option>"));
            templates.Add(Template("certificates", "特种作业操作证", "Certificates"));
        }
        kinds.Add(H($"<option value=\"/api/imports/attendance\">{page.L("培训考勤", "Training attendance")}</option>"));
        templates.Add(Template("attendance", "培训考勤", "Training attendance"));
        return Task.FromResult(page.Render(page.L("批量导入", "Bulk import"), H($"""
            <section class="card">
              <form data-upload class="grid" id="import-form">
                <label>{page.L("导入内容", "What to import")}<select name="target">{kinds}</select></label>
                <label>{page.L("文件（Excel 工作簿 .xlsx，或 CSV：UTF-8 或 GBK）", "File (Excel workbook .xlsx, or CSV in UTF-8 or GBK)")}<input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
                <button type="submit">{page.L("导入", "Import")}</button>
                <div class="form-error" role="alert" hidden></div>
              </form>
              <p class="hint">{page.L("大文件分批提交；重复导入的行会被跳过，不会重复记录。", "Large files are committed batch by batch; rows imported before are skipped, never recorded twice.")}</p>
              <h2>{page.L("模板下载", "Templates")}</h2>
              <ul id="import-templates">{templates}</ul>
            </section>
            <section class="card" id="import-report" hidden>
              <h2>{page.L("导入结果", "Import report")}</h2>
              <p id="import-summary" role="status"></p>
              <div id="import-rejected" hidden>
                <h3>{page.L("不能导入的行", "Rows not imported")}</h3>
                <p class="hint">{page.L("下载这些行，按原因改正后重新导入；已导入的行不必再传。", "Download these rows, correct them by the reasons and import them again; rows already imported need not be sent again.")}</p>
                <p><button type="button" class="secondary" id="import-rejected-download">{page.L("下载不能导入的行（CSV）", "Download the rows not imported (CSV)")}</button></p>
                <table class="table" id="import-errors"><thead><tr><th scope="col">{page.L("行号", "Line")}</th><th scope="col">{page.L("列", "Column")}</th><th scope="col">{page.L("原因", "Reason")}</th></tr></thead><tbody></tbody></table>
              </div>
            </section>
            """)));
    });
}
