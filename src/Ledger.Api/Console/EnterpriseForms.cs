using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Obligations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Enterprises;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// An enterprise's own daily records, by the enterprise itself or the regulator of its area: the headcount it reports
/// (POST …/headcount), its training arrangement (self-training or entrusting, POST …/training-capability) and its roster of
/// internal trainers (内训师, POST /api/trainer-rosters and …/removals), the trainer picked from its own employees.
/// </summary>
public static class EnterpriseForms
{
    public static async Task<Html> ActsAsync(ConsolePage page, Guid enterpriseId, IReadOnlyList<PersonObligationsView> employees, IQuerySession session,
        StreamIdentity ids, LocalDate today, CancellationToken ct)
    {
        if (!page.Is(ActorRole.Regulator, ActorRole.Enterprise)) return Empty;
        var enterprise = await session.LoadAsync<Enterprise>(enterpriseId, ct);
        if (enterprise is null) return Empty;
        var rosterId = ids.ForEnterpriseRoster(enterprise.CreditCode);
        var roster = await session.LoadAsync<InternalTrainerRoster>(rosterId, ct);
        var on = Date(today);
        var names = employees.ToDictionary(p => p.PersonId, p => p.Name);
        var api = $"/api/enterprises/{enterpriseId}";
        var acts = new List<Html>
        {
            Folded(page.L("报告从业人员数", "Report the headcount"), ApiForm($"POST {api}/headcount", page.L($"报告从业人员数（现登记 {enterprise.Headcount} 人，{Date(enterprise.HeadcountReportedOn)}）",
                $"Report the headcount (now {enterprise.Headcount}, as of {Date(enterprise.HeadcountReportedOn)})"), H($"""
                {Version(enterprise.Version)}
                {Number("headcount", page.L("从业人员数", "Headcount"), enterprise.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture))}
                {Date(page, "reportedOn", page.L("报告日期", "Reported on"), on)}
                """), page.L("报告", "Report"), id: "headcount-form")),
            Folded(page.L("变更培训方式", "Change the training arrangement"), ApiForm($"POST {api}/training-capability", page.L($"培训方式（现为{page.N(DisplayNames.Capability(enterprise.TrainingCapability))}）",
                $"Training arrangement (now: {page.N(DisplayNames.Capability(enterprise.TrainingCapability))})"), H($"""
                {Version(enterprise.Version)}
                {Select("trainingCapability", page.L("培训方式", "Arrangement"), Choices<TrainingCapability>(page, DisplayNames.Capability), JsonNames.Kebab(enterprise.TrainingCapability))}
                {Text("entrustedInstitution", page.L("受托培训机构（委托培训时填写）", "Entrusted institution (when entrusting)"), required: false, value: enterprise.EntrustedInstitution)}
                {Date(page, "on", page.L("变更日期", "Changed on"), on)}
                {Text("reason", page.L("变更理由", "Reason"), max: 500, css: "wide")}
                """), page.L("登记变更", "Record"), id: "capability-form")),
        };
        // The trainer is one of the enterprise's own employees, chosen by name; the id travels only in the option's value.
        var people = employees.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.PersonId.ToString(), p.Name)).ToList();
        if (people.Count > 0)
            acts.Add(Folded(page.L("聘任内部培训师", "Appoint an internal trainer"), ApiForm("POST /api/trainer-rosters", page.L("聘任内部培训师（内训师）", "Appoint an internal trainer"), H($"""
                {Hidden("enterpriseCreditCode", enterprise.CreditCode)}
                {Select("personId", page.L("培训师（本单位职工）", "Trainer (an employee)"), people)}
                <label class="wide">{page.L("授课工种（可多选）", "Work types taught (choose one or more)")}<select name="workTypes" multiple required size="4">{ClaimSubmissionPage.WorkTypeOptions(page, null)}</select></label>
                {Select("qualification", page.L("资格来源", "Qualified by"), Choices<TrainerQualification>(page, DisplayNames.Qualification))}
                {Date(page, "qualifiedOn", page.L("取得资格日期", "Qualified on"), on)}
                {Date(page, "appointedOn", page.L("聘任日期", "Appointed on"), on)}
                """), page.L("聘任", "Appoint"), id: "trainer-form")));
        var inPost = roster?.Appointments.Where(a => a.RemovedOn is null).ToList() ?? [];
        var rows = inPost.Select(a => new[]
        {
            H($"{(names.TryGetValue(a.PersonId, out var n) ? n : page.L("（非本单位在册职工）", "(not on the enterprise's file)"))}"),
            H($"{string.Join(page.L("、", ", "), a.WorkTypes.Select(w => page.N(DisplayNames.WorkType(w))))}"), H($"{page.N(DisplayNames.Qualification(a.Qualification))}"), H($"{Date(a.AppointedOn)}"),
            ApiForm($"POST /api/trainer-rosters/{rosterId}/removals", page.L("解聘", "Remove"), H($"""
                {Version(roster!.Version)}{Hidden("personId", a.PersonId.ToString())}
                {Date(page, "on", page.L("解聘日期", "Removed on"), on)}{Text("reason", page.L("解聘理由", "Reason"), max: 500)}
                """), page.L("解聘", "Remove"), css: "grid action compact"),
        });
        return H($"""
            <section class="card actions" id="enterprise-acts">
              <h2>{page.L("企业登记事项", "The enterprise's records")}</h2>
              {Join(acts)}
              <h3>{page.L("在聘内部培训师", "Internal trainers in post")} <span class="muted">({inPost.Count})</span></h3>
              {PersonPages.Table([page.L("姓名", "Name"), page.L("授课工种", "Work types"), page.L("资格来源", "Qualified by"), page.L("聘任日期", "Appointed"), page.L("解聘", "Remove")], rows, "trainers")}
            </section>
            """);
    }
}
