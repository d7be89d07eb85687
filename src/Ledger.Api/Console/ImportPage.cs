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
        if (page.Is(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.SystemAdministrator))
            kinds.Add(H($"<option value=\"/api/imports/certificates\">{page.L("特种作业操作证", "Certificates")}</option>"));
        kinds.Add(H($"<option value=\"/api/imports/attendance\">{page.L("培训考勤", "Training attendance")}</option>"));
        return Task.FromResult(page.Render(page.L("批量导入", "Bulk import"), H($"""
            <section class="card">
              <form data-upload class="grid" id="import-form">
                <label>{page.L("导入内容", "What to import")}<select name="target">{kinds}</select></label>
                <label>{page.L("CSV 文件（UTF-8）", "CSV file (UTF-8)")}<input type="file" name="file" accept=".csv,text/csv" required></label>
                <button type="submit">{page.L("导入", "Import")}</button>
                <div class="form-error" role="alert" hidden></div>
              </form>
              <p class="hint">{page.L("大文件分批提交；重复导入的行会被跳过，不会重复记录。", "Large files are committed batch by batch; rows imported before are skipped, never recorded twice.")}</p>
              <pre id="import-result" class="result" hidden></pre>
            </section>
            """)));
    });
}
