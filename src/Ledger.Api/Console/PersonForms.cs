using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Employment;
using Ledger.Domain.Persons;
using Ledger.Projections.Persons;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// Registering a person (POST /api/persons) and the employment steps (POST /api/persons/{id}/employments and its
/// departures, returns, post changes, 四新 and end). An enterprise registers and hires in one form: the person is registered
/// (or, holding the card with the same name, found again) and hired with the ID number shown, as the hire endpoint asks.
/// </summary>
public static class PersonForms
{
    public static readonly ActorRole[] Registrars = [ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau];

    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau)]
    public static Task<IResult> New(string? registered, HttpContext http, IClock clock, CancellationToken ct) => ConsoleErrors.PageAsync(http, page =>
    {
        var hiring = page.Actor!.EnterpriseId is not null;
        var step = hiring ? "1" : null;
        var person = H($"""
            <fieldset class="wide"><legend>{page.L("身份信息（按身份证填写）", "Identity (as on the ID card)")}</legend>
              {Text("idNumber", page.L("身份证号", "Resident ID number"), max: 18, step: hiring ? "1 2" : null, extra: "autocomplete=\"off\" autofocus")}
              {Text("name", page.L("姓名", "Name"), max: 50, step: step)}
              {Select("education", page.L("学历", "Education"), Choices<EducationLevel>(page, DisplayNames.Education), "senior-secondary", step: step)}
              {Text("hukouDistrict", page.L("户籍地", "Household registration"), max: 100, step: step)}
              {Text("mobile", page.L("手机（选填）", "Mobile (optional)"), required: false, max: 11, step: step, extra: "inputmode=\"tel\" autocomplete=\"off\"")}
            </fieldset>
            """);
        var title = hiring ? page.L("入职登记", "Hire a worker") : page.L("人员登记", "Register a person");
        Html form;
        if (hiring)
        {
            var employment = H($"""
                <fieldset class="wide"><legend>{page.L("入职与岗位", "Hire and post")}</legend>
                  {Hidden("enterpriseId", page.Actor.EnterpriseId!.Value.ToString())}
                  {Text("post", page.L("岗位", "Post"), max: 100)}
                  {WorkTypes(page, "specialOperationWorkType", page.L("特种作业工种（无则不选）", "Special-operation work type (if any)"), required: false)}
                  {Select("relation", page.L("用工关系", "Relation"), Choices<EmploymentRelation>(page, DisplayNames.Relation))}
                  {Date(page, "hiredOn", page.L("入职日期", "Hired on"), Date(clock.Today()))}
                  {Check("keyPost", page.L("关键岗位", "Key post"))}
                  {Check("teamLeader", page.L("班组长", "Team leader"))}
                </fieldset>
                """);
            form = ApiForm("POST /api/persons", title, H($"{person}{employment}"), page.L("登记入职", "Hire"), id: "person-form",
                apiThen: "POST /api/persons/:personId/employments", carry: "version", then: "/console/persons/:personId", css: "grid");
        }
        else
        {
            // Institutions and exam points see a file only once the person is enrolled or a candidate: the page says what was recorded.
            var then = page.Is(ActorRole.Regulator, ActorRole.HrBureau) ? "/console/persons/:personId" : "/console/persons/new?registered=:idNumberMasked";
            form = ApiForm("POST /api/persons", title, person, page.L("登记", "Register"), id: "person-form", then: then, css: "grid");
        }
        var done = string.IsNullOrEmpty(registered) ? Empty
            : H($"<p class=\"notice\" role=\"status\">{page.L("已登记：", "Registered: ")}{ConsolePage.Ident(registered)}</p>");
        return Task.FromResult(page.Render(title, H($"""
            {done}
            <p class="hint">{page.L("身份证号只在请求正文中发送，不会出现在网址或日志中；出生日期和性别由身份证号得出。",
                "The ID number travels in the request body only, never in an address or log; birth date and sex follow from it.")}</p>
            <section class="card">{form}</section>
            """)));
    });

    /// <summary>What the signed-in role may record on this file: a hire (a regulator, picking the enterprise by name) and each open employment's steps.</summary>
    public static Html OnFile(ConsolePage page, PersonFile file, LocalDate today)
    {
        if (!page.Is(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau) || file.AsOf is not null) return Empty;
        var on = Date(today);
        var acts = new List<Html>();
        // Education is recorded from the diploma by the bureaus that check it (JZ-EDU-01, HLJ-EDU-01), with the evidence named.
        if (page.Is(ActorRole.Regulator, ActorRole.HrBureau))
            acts.Add(Folded(page.L("登记学历", "Record education"), ApiForm($"POST /api/persons/{file.PersonId}/education", page.L("登记学历（凭毕业证书）", "Record education (from the diploma)"), H($"""
                {Version(file.Version)}
                {Select("education", page.L("学历", "Education"), Choices<EducationLevel>(page, DisplayNames.Education), JsonNames.Kebab(file.Education))}
                {Text("evidence", page.L("证明材料（证书名称及编号）", "Evidence (the diploma and its number)"))}
                {Date(page, "recordedOn", page.L("登记日期", "Recorded on"), on)}
                {Text("reason", page.L("登记理由", "Reason"), max: 500, css: "wide")}
                """), page.L("登记学历", "Record"), id: "education-form")));
        // 社保缴费: the HR bureau records the months paid from its own social-insurance records, the evidence of employment a
        // claim is judged on; never the enterprise whose claim they decide (RecordSocialInsuranceEndpoint).
        if (page.Is(ActorRole.HrBureau))
            acts.Add(Folded(page.L("登记社保缴费", "Record social insurance"), ApiForm($"POST /api/persons/{file.PersonId}/social-insurance", page.L("登记社保缴费月份", "Record the months paid"), H($"""
                <label>{page.L("参保地", "Insured in")}{JurisdictionSelect(page, "region", page.Actor?.Jurisdiction, required: true)}</label>
                {EnterprisePicker(page, "employerCreditCode", page.L("缴费单位（输入名称或统一社会信用代码后从列表中选择）", "Paying employer (type its name or credit code, then choose)"), "creditCode")}
                <label class="wide">{page.L("缴费月份（年-月，如 2021-01，以逗号或换行分隔）", "Months paid (yyyy-MM, comma or line apart)")}<textarea name="months" data-type="list" rows="2" required placeholder="2021-01, 2021-02"></textarea></label>
                {Text("source", page.L("数据来源", "Source"), value: page.L("社会保险信息系统", "Social insurance system"))}
                """), page.L("登记", "Record"), id: "social-insurance-form")));
        // 分岗位考核: an enterprise assesses its own staff at their posts (JZ-EXM-01, HLJ-EXM-01).
        foreach (var e in file.Employments.Where(e => e.IsOpen && page.Actor?.EnterpriseId == e.EnterpriseId))
            acts.Add(Folded(page.L("登记岗位考核", "Record a post assessment"), ApiForm($"POST /api/persons/{file.PersonId}/assessments", page.L($"分岗位考核（{e.Assignment.Post}）", $"Post assessment ({e.Assignment.Post})"), H($"""
                {Hidden("kind", "post-assessment")}{Hidden("enterpriseId", e.EnterpriseId.ToString())}{Hidden("post", e.Assignment.Post)}
                {When(e.Assignment.SpecialOperationWorkType is not null, Hidden("workType", e.Assignment.SpecialOperationWorkType ?? ""))}
                {Number("theoryScore", page.L("理论成绩", "Theory score"), integer: false)}
                {Number("theoryPassMark", page.L("理论合格线", "Theory pass mark"), "80", integer: false)}
                {Number("practicalScore", page.L("实操成绩（选填）", "Practical score (optional)"), required: false, integer: false)}
                {Number("practicalPassMark", page.L("实操合格线", "Practical pass mark"), "80", required: false, integer: false)}
                {Select("practicalMode", page.L("实操方式", "Practical mode"), Choices<Ledger.Domain.Assessments.PracticalMode>(page, FormNames.Practical), required: false, empty: page.L("无实操", "No practical"))}
                {Date(page, "assessedOn", page.L("考核日期", "Assessed on"), on)}
                {Text("assessor", page.L("考评员", "Assessor"), max: 100)}
                """), page.L("登记考核", "Record"), id: "post-assessment-form")));
        if (page.Is(ActorRole.Regulator))
        {
            acts.Add(Folded(page.L("登记入职", "Record a hire"), ApiForm($"POST /api/persons/{file.PersonId}/employments", page.L("登记入职", "Record a hire"), H($"""
                {Version(file.Version)}
                {EnterprisePicker(page)}
                {Text("post", page.L("岗位", "Post"), max: 100)}
                {WorkTypes(page, "specialOperationWorkType", page.L("特种作业工种（无则不选）", "Special-operation work type (if any)"), required: false)}
                {Select("relation", page.L("用工关系", "Relation"), Choices<EmploymentRelation>(page, DisplayNames.Relation))}
                {Date(page, "hiredOn", page.L("入职日期", "Hired on"), on)}
                {Check("keyPost", page.L("关键岗位", "Key post"))}
                {Check("teamLeader", page.L("班组长", "Team leader"))}
                """), page.L("登记入职", "Record the hire"), id: "hire-form")));
            acts.Add(H($"<p><a class=\"button secondary\" href=\"/console/certificates/new\">{page.L("为此人发证", "Issue a certificate")}</a></p>"));
        }
        foreach (var e in file.Employments.Where(e => e.IsOpen && (page.Is(ActorRole.Regulator) || page.Actor?.EnterpriseId == e.EnterpriseId)))
        {
            var url = $"/api/persons/{file.PersonId}/employments/{e.EmploymentId}";
            var version = Version(file.Version);
            var steps = new List<Html>();
            if (e.Presence == PostPresence.OnPost)
                steps.Add(ApiForm($"POST {url}/departures", page.L("离岗", "Leave the post"), H($"""
                    {version}{Date(page, "on", page.L("离岗日期", "Left on"), on)}{Text("reason", page.L("离岗原因", "Reason"), max: 500, css: "wide")}
                    """), page.L("登记离岗", "Record"), css: "grid action"));
            else
                steps.Add(ApiForm($"POST {url}/returns", page.L("返岗", "Return to the post"), H($"""
                    {version}{Date(page, "on", page.L("返岗日期", "Returned on"), on)}{Text("reason", page.L("说明（选填）", "Note (optional)"), required: false, max: 500, css: "wide")}
                    """), page.L("登记返岗", "Record"), css: "grid action"));
            steps.Add(ApiForm($"POST {url}/post-changes", page.L("调岗", "Change post"), H($"""
                {version}
                {Text("post", page.L("新岗位", "New post"), max: 100, value: e.Assignment.Post)}
                {WorkTypes(page, "specialOperationWorkType", page.L("特种作业工种（无则不选）", "Special-operation work type (if any)"), e.Assignment.SpecialOperationWorkType, required: false)}
                {Date(page, "on", page.L("调岗日期", "Changed on"), on)}
                {Check("keyPost", page.L("关键岗位", "Key post"), e.Assignment.KeyPost)}
                {Check("teamLeader", page.L("班组长", "Team leader"), e.Assignment.TeamLeader)}
                {Text("reason", page.L("调岗原因", "Reason"), max: 500, css: "wide")}
                """), page.L("登记调岗", "Record"), css: "grid action"));
            steps.Add(ApiForm($"POST {url}/four-new", page.L("四新（新工艺、新技术、新设备、新材料）", "Four-new introduction"), H($"""
                {version}
                {Select("kind", page.L("类别", "Kind"), Choices<FourNewKind>(page, DisplayNames.FourNew))}
                {Date(page, "on", page.L("采用日期", "Introduced on"), on)}
                {Text("description", page.L("内容", "Description"), max: 500, css: "wide")}
                """), page.L("登记四新", "Record"), css: "grid action"));
            steps.Add(ApiForm($"POST {url}/end", page.L("离职", "End the employment"), H($"""
                {version}{Date(page, "on", page.L("离职日期", "Ended on"), on)}{Text("reason", page.L("离职原因", "Reason"), max: 500, css: "wide")}
                """), page.L("登记离职", "Record"), css: "grid action"));
            acts.Add(Folded(page.L($"{e.EnterpriseName} · {e.Assignment.Post} 的从业变动", $"Employment at {e.EnterpriseName} · {e.Assignment.Post}"), Join(steps)));
        }
        if (acts.Count == 0) return Empty;
        return H($"""<section class="card actions" id="person-acts"><h2>{page.L("档案登记", "Record on this file")}</h2>{acts}</section>""");
    }

    /// <summary>
    /// An enterprise found by name or credit code as the officer types (GET /api/enterprises, the bureau's own area), its id
    /// carried in a hidden field: never typed.
    /// </summary>
    public static Html EnterprisePicker(ConsolePage page, string name = "enterpriseId", string? label = null, string field = "enterpriseId") => H($"""
        <label class="wide">{label ?? page.L("企业（输入名称或统一社会信用代码后从列表中选择）", "Enterprise (type its name or credit code, then choose)")}
          <input data-pick="/api/enterprises" data-pick-into="{name}" data-pick-field="{field}" list="{name}-choices" required autocomplete="off" maxlength="100">
          <datalist id="{name}-choices"></datalist>
          <input type="hidden" name="{name}">
        </label>
        """);
}
