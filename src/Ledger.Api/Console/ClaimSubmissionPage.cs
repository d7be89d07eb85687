using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Institutions;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The enterprise fills in the Heilongjiang audit form (申请安全技能提升补贴特种作业人员信息审核表) and the page posts it to
/// POST /api/claims. ID numbers travel in that request body only.
/// </summary>
public static class ClaimSubmissionPage
{
    [ActorRoles(ActorRole.Enterprise)]
    public static Task<IResult> Get(HttpContext http, IClock clock, IQuerySession session, PolicyCatalog policies, CancellationToken ct) => ConsoleErrors.PageAsync(http, async page =>
    {
        var today = Date(clock.Today());
        // The institution is picked from the published list (GET /api/institutions) of the enterprise's province, by name
        // and credit code; the work type from the national catalogue by its official name. Neither is typed as a code.
        var enterprise = page.Actor!.EnterpriseId is { } own ? await session.LoadAsync<Enterprise>(own, ct) : null;
        var province = enterprise is null ? null
            : policies.ChainOf(enterprise.Jurisdiction).FirstOrDefault(j => j.Level == JurisdictionLevel.Province)?.Code ?? enterprise.Jurisdiction;
        var institutions = Value<List<InstitutionListEntry>>(await ReadInstitutionEndpoints.List(province, null, http, session, policies, clock, ct));
        var institutionOptions = Join(institutions.Select(i => H($"<option value=\"{i.InstitutionId}\">{i.Name}（{page.L("统一社会信用代码", "credit code")} {i.CreditCode}）</option>")));
        var workTypes = WorkTypeOptions(page, "electrical.low-voltage");
        var line = H($"""
            <fieldset class="line roster-line">
              <legend>{page.L("名单第", "Line")} <span data-line-no></span></legend>
              <input type="hidden" name="roster.#.lineNo" data-type="int" data-line-no-value>
              <label>{page.L("14 姓名", "14 Name")}<input name="roster.#.name" required maxlength="50"></label>
              <label>{page.L("16 身份证号", "16 ID number")}<input name="roster.#.idNumber" required maxlength="18" autocomplete="off"></label>
              <label>{page.L("15 工种", "15 Work type")}<select name="roster.#.workType" required>{workTypes}</select></label>
              <label>{page.L("证书编号", "Certificate number")}<input name="roster.#.certificateNumber" required maxlength="40"></label>
              <label>{page.L("补贴类别", "Subsidy kind")}<select name="roster.#.kind">
                <option value="special-operation-initial">{page.L("特种作业初次取证", "Special operation, initial")}</option>
                <option value="special-operation-review">{page.L("特种作业复审", "Special operation, review")}</option>
                <option value="safety-qualification-initial">{page.L("安全生产知识和管理能力考核", "Safety qualification, initial")}</option>
              </select></label>
              <label>{page.L("申请金额", "Requested")}<input name="roster.#.requestedAmount" data-type="number" inputmode="decimal" value="1000"></label>
            </fieldset>
            """);
        var body = H($"""
            <form data-api="POST /api/claims" data-then="/console/claims/:claimId" class="grid claim-form" id="claim-form">
              <input type="hidden" name="enterpriseId" value="{page.Actor!.EnterpriseId}">
              <label>{page.L("5 经办人姓名", "5 Handler")}<input name="handlerName" required maxlength="50" autofocus></label>
              <label>{page.L("6 经办人手机", "6 Handler's mobile")}<input name="handlerMobile" required pattern="1[3-9][0-9]{"{9}"}" inputmode="tel" autocomplete="off"></label>
              <label>{page.L("7 培训机构", "7 Training institution")}<select name="institutionId" required><option value="">{page.L("请选择培训机构", "Choose the institution")}</option>{institutionOptions}</select></label>
              <label>{page.L("8 培训工种", "8 Work type")}<select name="workTypes.0.workType" required>{workTypes}</select></label>
              <label>{page.L("8 人数", "8 Head count")}<input name="workTypes.0.count" required data-type="int" inputmode="numeric" value="1"></label>
              <label>{page.L("9 培训开始", "9 Training from")}<input {DateInput(page)} name="trainingFrom" required></label>
              <label>{page.L("9 培训结束", "9 Training until")}<input {DateInput(page)} name="trainingUntil" required></label>
              <label>{page.L("10 取证人数", "10 Certified")}<input name="certifiedCount" required data-type="int" inputmode="numeric" value="1"></label>
              <label>{page.L("11 申请金额", "11 Requested amount")}<input name="requestedAmount" required data-type="number" inputmode="decimal" value="1000"></label>
              <label>{page.L("2 申请日期", "2 Application date")}<input {DateInput(page)} name="applicationDate" required value="{today}"></label>
              <label class="wide">{page.L("12 承诺", "12 Commitment")}<textarea name="commitment.text" rows="2" required>本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。</textarea></label>
              <label>{page.L("承诺人", "Signed by")}<input name="commitment.signer" required maxlength="50"></label>
              <label>{page.L("承诺日期", "Signed on")}<input {DateInput(page)} name="commitment.signedOn" required value="{today}"></label>
              <div class="wide" id="roster" data-roster>
                <h2>{page.L("13–16 人员名单", "13–16 Roster")}</h2>
                <template id="roster-line">{line}</template>
              </div>
              <div class="wide buttons">
                <button type="button" class="secondary" data-add-line>{page.L("添加一行", "Add a line")}</button>
                <button type="submit">{page.L("提交申请", "Submit the claim")}</button>
              </div>
              <div class="form-error wide" role="alert" hidden></div>
            </form>
            """);
        return page.Render(page.L("填写补贴申请", "Submit a subsidy claim"), body);
    });

    /// <summary>The national special-operation catalogue as a select: work types by their official names, grouped by category.</summary>
    public static Html WorkTypeOptions(ConsolePage page, string? selected) => Join(CertificateCatalog.Default.Categories.Select(c => H($"""
        <optgroup label="{page.L(c.NameZh, c.NameEn)}">{Join(CertificateCatalog.Default.WorkTypes.Where(w => w.Category == c.Code).Select(w =>
            H($"<option value=\"{w.Code}\"{Raw(w.Code == selected ? " selected" : "")}>{page.L(w.NameZh, w.NameEn)}</option>")))}</optgroup>
        """)));
}
