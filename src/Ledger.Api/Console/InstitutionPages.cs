using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Institutions;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// 培训机构: the published list of institutions of the bureau's area (GET /api/institutions) and one institution's file with
/// the acts the documents give each authority — the regulator files it (备案) and cancels the filing, designates it an exam
/// point and withdraws that, suspends and reinstates it; the HR bureau (or the regulator) lists it in the HR catalogue of
/// subsidised training and delists it; the institution itself, or the regulator, records and withdraws its practical
/// conditions per work type. Every form posts to the API, which answers with its own rule ids.
/// </summary>
public static class InstitutionPages
{
    public static readonly ActorRole[] Roles = [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.TrainingInstitution, ActorRole.ExamPoint];

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static Task<IResult> List(string? jurisdiction, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            // An institution keeps its own file only.
            if (page.Actor?.InstitutionId is { } own && page.Is(ActorRole.TrainingInstitution, ActorRole.ExamPoint))
                return Results.Redirect($"/console/institutions/{own}");
            var list = Value<List<InstitutionListEntry>>(await ReadInstitutionEndpoints.List(jurisdiction, null, http, session, policies, clock, ct));
            var rows = list.Select(i => new[]
            {
                H($"<a href=\"/console/institutions/{i.InstitutionId}\">{i.Name}</a>"), ConsolePage.Ident(i.CreditCode), page.Named(DisplayNames.Jurisdiction(i.Jurisdiction), i.Jurisdiction),
                H($"{page.N(DisplayNames.Institution(i.Kind))}"), StatusBadge(page, i.Status),
                H($"{string.Join(page.L("、", ", "), i.Scope.Select(w => page.N(DisplayNames.WorkType(w))))}"),
                i.ListedInHrCatalogue ? Badge(page.L("已列入", "Listed"), "ok") : H($"<span class=\"muted\">—</span>"),
                i.IsExamPoint ? Badge(page.L("考试点", "Exam point"), "ok") : H($"<span class=\"muted\">—</span>"),
            });
            return page.Render(page.L("培训机构", "Training institutions"), H($"""
                {When(page.Is(ActorRole.Regulator), H($"<p><a class=\"button\" href=\"/console/institutions/new\">{page.L("登记培训机构", "Register an institution")}</a></p>"))}
                <section class="card">
                  <h2>{page.L("本辖区培训机构名单", "Institutions of the area")} <span class="muted">({list.Count})</span></h2>
                  <form method="get" class="search filters">
                    <label for="jurisdiction">{page.L("辖区", "Jurisdiction")}</label>{JurisdictionSelect(page, "jurisdiction", jurisdiction)}
                    <button type="submit">{page.L("筛选", "Filter")}</button>
                  </form>
                  {PersonPages.Table([page.L("名称", "Name"), page.L("统一社会信用代码", "Credit code"), page.L("辖区", "Jurisdiction"), page.L("类别", "Kind"), page.L("状态", "Status"),
                      page.L("备案培训范围", "Filed scope"), page.L("人社目录", "HR catalogue"), page.L("考试点", "Exam point")], rows, "institutions")}
                </section>
                """));
        });

    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static Task<IResult> File(Guid institutionId, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            if (page.Is(ActorRole.TrainingInstitution, ActorRole.ExamPoint) && page.Actor?.InstitutionId != institutionId) throw new ResourceNotFoundException("institution");
            var i = await session.LoadAsync<Institution>(institutionId, ct) ?? throw new ResourceNotFoundException("institution");
            // A bureau sees the institutions of its area, as the list does.
            if (page.Is(ActorRole.Regulator, ActorRole.HrBureau) && page.Actor?.Jurisdiction is { } area && area != Scope.National
                && i.Jurisdiction != area && !policies.IsWithin(i.Jurisdiction, area))
                throw new ResourceNotFoundException("institution");
            var today = clock.Today();
            var events = (await session.Events.FetchStreamAsync(institutionId, token: ct)).Select(EventFacts.Describe).ToList();
            string WorkTypes(IEnumerable<string> codes) => string.Join(page.L("、", ", "), codes.Select(c => page.N(DisplayNames.WorkType(c).Zh == c ? DisplayNames.CertificateKind(c) : DisplayNames.WorkType(c))));
            var filing = i.FilingOn(today);
            var exam = i.OpenExamPointDesignation;
            var listing = i.OpenHrListing;
            var capabilities = i.PracticalCapabilitiesOn(today);
            var facts = H($"""
                <section class="card">
                  <h2>{i.Name} {StatusBadge(page, i.StatusOn(today))}</h2>
                  <dl class="facts">
                    {Field(page.L("统一社会信用代码", "Credit code"), ConsolePage.Ident(i.CreditCode))}
                    {Field(page.L("类别", "Kind"), page.N(DisplayNames.Institution(i.Kind)))}
                    {Field(page.L("辖区", "Jurisdiction"), page.N(DisplayNames.Jurisdiction(i.Jurisdiction)))}
                    {Field(page.L("登记日期", "Registered"), Date(i.RegisteredOn))}
                    {Field(page.L("备案", "Filing"), filing is null ? page.L("未备案", "Not filed") : $"{filing.FilingAuthority} · {Date(filing.FiledOn)}")}
                    {Field(page.L("备案培训范围", "Filed scope"), filing is null ? "—" : WorkTypes(filing.Scope))}
                    {Field(page.L("每周培训能力", "Weekly capacity"), filing?.WeeklyCapacity is { } w ? page.L($"{w} 人", $"{w} trainees") : "—")}
                    {Field(page.L("实操条件", "Practical conditions"), capabilities.Count == 0 ? "—" : WorkTypes(capabilities.Select(c => c.WorkType)))}
                    {Field(page.L("人社目录", "HR catalogue"), listing is null ? page.L("未列入", "Not listed") : $"{listing.Catalogue} · {Date(listing.From)}")}
                    {Field(page.L("考试点", "Exam point"), exam is null ? page.L("否", "No") : $"{exam.Area} · {WorkTypes(exam.Scope)} · {exam.DesignatedBy} · {Date(exam.From)}")}
                  </dl>
                </section>
                """);
            return page.Render(page.L("培训机构", "Training institution") + " · " + i.Name, H($"""
                {facts}
                {Acts(page, i, today)}
                <section class="card"><h2>{page.L("机构记录", "History")}</h2>{Timeline(page, events)}</section>
                """));
        });

    private static Html StatusBadge(ConsolePage page, InstitutionStatus status) =>
        Badge(page.N(DisplayNames.InstitutionState(status)), status switch { InstitutionStatus.Filed => "ok", InstitutionStatus.NotFiled => "warn", _ => "bad" });

    private static Html Acts(ConsolePage page, Institution i, LocalDate today)
    {
        var on = Date(today);
        var api = $"/api/institutions/{i.Id}";
        var version = Version(i.Version);
        var acts = new List<Html>();
        Html Multi(string name, string label, Html options) =>
            H($"<label class=\"wide\">{label}<select name=\"{name}\" multiple required size=\"5\">{options}</select></label>");
        var filed = i.FilingOn(today);
        if (page.Is(ActorRole.Regulator) && !i.IsFilingCancelled)
        {
            acts.Add(Folded(filed is null ? page.L("备案", "File") : page.L("变更备案", "Amend the filing"), ApiForm($"POST {api}/filings", page.L("机构备案（培训范围）", "Filing (training scope)"), H($"""
                {version}
                {Text("filingAuthority", page.L("备案机关", "Filing authority"), value: filed?.FilingAuthority ?? page.N(DisplayNames.Bureau(ActorRole.Regulator, page.Actor?.Jurisdiction)))}
                {Multi("scope", page.L("备案培训范围（可多选工种）", "Scope (choose one or more work types)"), ClaimSubmissionPage.WorkTypeOptions(page, null))}
                {Number("weeklyCapacity", page.L("每周培训能力（人，选填）", "Weekly capacity (trainees, optional)"), filed?.WeeklyCapacity?.ToString(System.Globalization.CultureInfo.InvariantCulture), required: false)}
                {Date(page, "filedOn", page.L("备案日期", "Filed on"), on)}
                {Text("reason", page.L("备案依据", "Basis"), max: 500, css: "wide")}
                """), page.L("备案", "File"), id: "filing-form")));
            if (i.OpenExamPointDesignation is null)
                acts.Add(Folded(page.L("确定为考试点", "Designate an exam point"), ApiForm($"POST {api}/exam-point-designations", page.L("确定考试点", "Designate as an exam point"), H($"""
                    {version}
                    {Multi("scope", page.L("考试范围（可多选工种）", "Scope (choose one or more work types)"), ClaimSubmissionPage.WorkTypeOptions(page, null))}
                    {Text("area", page.L("考试点服务区域", "Area served"), value: page.N(DisplayNames.Jurisdiction(i.Jurisdiction)))}
                    {Text("designatedBy", page.L("确定机关及文号", "Designated by (authority and document)"))}
                    {Date(page, "on", page.L("确定日期", "Designated on"), on)}
                    """), page.L("确定", "Designate"), id: "exam-point-form")));
            else
                acts.Add(Folded(page.L("撤销考试点", "Withdraw the exam point"), ApiForm($"POST {api}/exam-point-withdrawals", page.L("撤销考试点", "Withdraw the designation"), H($"""
                    {version}{Date(page, "on", page.L("撤销日期", "Withdrawn on"), on)}{Text("reason", page.L("撤销理由", "Reason"), max: 500, css: "wide")}
                    """), page.L("撤销", "Withdraw"), id: "exam-point-withdrawal-form")));
            if (i.OpenSuspension is null)
                acts.Add(Folded(page.L("停业整顿", "Suspend"), ApiForm($"POST {api}/suspensions", page.L("停业整顿", "Suspend the institution"), H($"""
                    {version}{Date(page, "from", page.L("起始日期", "From"), on)}{Text("reason", page.L("停业整顿理由", "Reason"), max: 500, css: "wide")}
                    {Text("legalBasis", page.L("法律依据（选填）", "Legal basis (optional)"), required: false, max: 300, css: "wide")}
                    """), page.L("停业整顿", "Suspend"), id: "institution-suspend-form")));
            else
                acts.Add(Folded(page.L("恢复", "Reinstate"), ApiForm($"POST {api}/reinstatements", page.L("恢复培训资格", "Reinstate"), H($"""
                    {version}{Date(page, "on", page.L("恢复日期", "Reinstated on"), on)}{Text("reason", page.L("恢复理由", "Reason"), max: 500, css: "wide")}
                    """), page.L("恢复", "Reinstate"), id: "institution-reinstate-form")));
            if (filed is not null)
                acts.Add(Folded(page.L("注销备案", "Cancel the filing"), ApiForm($"POST {api}/filing-cancellations", page.L("注销备案", "Cancel the filing"), H($"""
                    {version}{Date(page, "on", page.L("注销日期", "Cancelled on"), on)}{Text("reason", page.L("注销理由", "Reason"), max: 500, css: "wide")}
                    """), page.L("注销", "Cancel"), id: "filing-cancellation-form")));
        }
        if (page.Is(ActorRole.Regulator, ActorRole.HrBureau))
            acts.Add(i.OpenHrListing is null
                ? Folded(page.L("列入人社目录", "List in the HR catalogue"), ApiForm($"POST {api}/hr-catalogue-listings", page.L("列入人社部门统一目录清单", "List in the HR catalogue"), H($"""
                    {version}{Text("catalogue", page.L("目录名称", "Catalogue"), value: page.L("职业技能培训机构目录", "Vocational training institutions"))}
                    {Date(page, "listedOn", page.L("列入日期", "Listed on"), on)}
                    """), page.L("列入", "List"), id: "hr-listing-form"))
                : Folded(page.L("移出人社目录", "Delist from the HR catalogue"), ApiForm($"POST {api}/hr-catalogue-delistings", page.L("移出人社目录", "Delist"), H($"""
                    {version}{Date(page, "on", page.L("移出日期", "Delisted on"), on)}{Text("reason", page.L("移出理由", "Reason"), max: 500, css: "wide")}
                    """), page.L("移出", "Delist"), id: "hr-delisting-form")));
        if (page.Is(ActorRole.Regulator) || page.Actor?.InstitutionId == i.Id)
        {
            acts.Add(Folded(page.L("登记实操条件", "Record practical conditions"), ApiForm($"POST {api}/practical-capabilities", page.L("登记实操条件（按工种）", "Practical conditions (per work type)"), H($"""
                {version}
                {Forms.WorkTypes(page, "workType", page.L("工种", "Work type"))}
                {Text("facilities", page.L("实操场地与设备", "Facilities and equipment"), max: 500, css: "wide")}
                {Date(page, "recordedOn", page.L("登记日期", "Recorded on"), on)}
                """), page.L("登记", "Record"), id: "practical-form")));
            var open = i.PracticalCapabilitiesOn(today);
            if (open.Count > 0)
                acts.Add(Folded(page.L("撤销实操条件", "Withdraw practical conditions"), ApiForm($"POST {api}/practical-capability-withdrawals", page.L("撤销实操条件", "Withdraw practical conditions"), H($"""
                    {version}
                    {Select("workType", page.L("工种", "Work type"), open.Select(c => (c.WorkType, page.N(DisplayNames.WorkType(c.WorkType)))))}
                    {Date(page, "on", page.L("撤销日期", "Withdrawn on"), on)}{Text("reason", page.L("撤销理由", "Reason"), max: 500, css: "wide")}
                    """), page.L("撤销", "Withdraw"), id: "practical-withdrawal-form")));
        }
        // An exam point registers a candidate from the ID card shown at the exam (the relation through which it records the
        // assessment and issues the certificate), while it is designated.
        if ((page.Is(ActorRole.Regulator) || page.Is(ActorRole.ExamPoint) && page.Actor?.InstitutionId == i.Id) && i.ExamPointDesignationOn(today) is not null)
            acts.Add(Folded(page.L("登记考生", "Register a candidate"), ApiForm($"POST {api}/candidates", page.L("登记考生（凭身份证）", "Register a candidate (from the ID card)"), H($"""
                {Text("idNumber", page.L("身份证号", "ID number"), max: 18, extra: "autocomplete=\"off\" inputmode=\"text\"")}
                {Text("name", page.L("姓名", "Name"), max: 50)}
                {Date(page, "enrolledOn", page.L("登记日期", "Registered on"), on)}
                <p class="wide hint">{page.L("考生须已建档（身份证号与姓名一致）；尚未建档的，请先", "The candidate must be on file (ID number and name as registered); if not, first")} <a href="/console/persons/new" class="register-person">{page.L("登记人员", "register the person")}</a>{page.L("。", ".")}</p>
                """), page.L("登记", "Register"), id: "candidate-form",
                next404: page.L("没有身份证号与姓名都相符的人员档案：请核对证件，或先“登记人员”后再登记考生。", "No file matches both the ID number and the name: check the card, or register the person first.")),
                open: page.Is(ActorRole.ExamPoint)));
        if (acts.Count == 0) return Empty;
        return H($"""<section class="card actions" id="institution-acts"><h2>{page.L("机构登记事项", "Record on this institution")}</h2>{Join(acts)}</section>""");
    }
}
