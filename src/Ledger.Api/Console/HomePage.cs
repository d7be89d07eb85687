using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Marten;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

public static class HomePage
{
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau,
        ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static Task<IResult> Get(HttpContext http) => ConsoleErrors.PageAsync(http, async page =>
    {
        var descriptions = new Dictionary<string, (string Zh, string En)>
        {
            ["/console/certificates"] = ("按编号查询特种作业操作证、复审与吊销履历及公开核验二维码。", "Look up a certificate: its review, suspension and revocation history and a QR code for public verification."),
            ["/console/persons"] = ("一人一档：身份（脱敏）、从业、培训学时、考核、证书、义务、补贴与时间线。", "A person's lifelong file: identity (masked), employment, training hours, assessments, certificates, obligations, subsidies."),
            ["/console/enterprises"] = ("企业的培训与持证义务及违规情况，按规则编号筛选。", "An enterprise's obligations and breaches, filterable by rule id."),
            ["/console/claims"] = ("补贴申请审核队列、补贴审核表及本角色的审批操作。", "The claim review queue, each claim's audit file and your role's workflow step."),
            ["/console/payouts"] = ("补贴发放台账图表、导出与重复发放排查。", "The payout ledger as charts, its exports and the duplicate-payment finder."),
            ["/console/imports"] = ("上传证书或培训考勤表格文件，显示上传进度与逐行结果。", "Upload certificate or attendance CSV files, with upload progress and a row-by-row report."),
            ["/console/reports"] = ("各项目目标完成情况（分子、分母及人员）、报送日历与逾期提醒、电子表格与打印版。", "Each programme's targets (numerator, denominator and the persons behind them), the report calendar with overdue status, XLSX and a printable page."),
            ["/console/registers"] = ("本角色可查看的登记簿（复审提醒、假证线索、发证期限超时、培训机构异常、待追回补贴、企业违规），可筛选、翻页和导出。", "The registers your role may read (reviews due, forgery leads, deadline breaches, institution anomalies, clawbacks, breaches by enterprise): filter, page and export."),
            ["/console/audit"] = ("生成摘要、核验台账完整性、事件存在证明。", "Seal digests, verify the ledger's integrity, inclusion proofs."),
        };
        var cards = Join(ConsoleNavigation.For(page).Where(i => i.Path != "/console").Select(i => H($"""
            <li class="card"><a href="{i.Path}"><h2>{page.L(i.Zh, i.En)}</h2></a><p>{(descriptions.TryGetValue(i.Path, out var d) ? page.L(d.Zh, d.En) : "")}</p></li>
            """)));
        var actor = page.Actor!;
        var todo = await ToDoList(page, actor);
        return page.Render(page.L("工作台", "Console"), H($"""
            <p>{page.L("您以", "You are signed in as")} <strong>{page.RoleName(actor.Role)}</strong>（{page.OrganisationName}）{page.L("身份登录；以下页面与接口按同一范围显示数据。", ": these pages show what the API shows this actor, no more.")}</p>
            {todo}
            <ul class="cards">{cards}</ul>
            """));
    });

    /// <summary>
    /// The role's to-do list: certificates due for review (复审提醒) in 30, 60 and 90 days, claims waiting for this role's
    /// step, overdue reports, and breaches the registers recorded since the previous visit; each a link to where it is done.
    /// </summary>
    private static async Task<Html> ToDoList(ConsolePage page, Actor actor)
    {
        var http = page.Http;
        var ct = http.RequestAborted;
        var services = http.RequestServices;
        var session = services.GetRequiredService<Marten.IDocumentSession>();
        var policies = services.GetRequiredService<Ledger.Domain.Policies.PolicyCatalog>();
        var clock = services.GetRequiredService<NodaTime.IClock>();
        var today = clock.Today();
        var items = new List<Html>();
        Html Item(string id, string href, int count, string zh, string en) => H($"""
            <li class="todo-item{(count > 0 ? " due" : "")}" data-todo="{id}"><a href="{href}"><strong class="count">{count}</strong> {page.L(zh, en)}</a></li>
            """);

        if (page.Is(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor))
            foreach (var days in new[] { 30, 60, 90 })
            {
                var due = await (await ToDo.ReviewsDueAsync(session, actor, policies, today, today.PlusDays(days), ct)).CountAsync(ct);
                items.Add(Item($"reviews-{days}", $"/console/registers/reviews-due?within={days}", due, $"张证书将在 {days} 天内到期复审（复审提醒）", $"certificates due for review within {days} days"));
            }
        if (page.Is(ActorRole.TrainingInstitution, ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor))
        {
            var (count, stage, only) = await ToDo.ClaimsForMyStepAsync(session, actor, policies, ct);
            // One claim waiting: straight to its form; several: the list of that stage.
            var href = only is { } one ? $"/console/claims/{one}#next-step"
                : page.Is(ActorRole.TrainingInstitution) ? "/console/claims" : $"/console/claims?claimStage={(stage is { } s ? JsonNames.Kebab(s) : "attested")}";
            items.Add(Item("claims", href, count, "份补贴申请等待本角色办理", "claims waiting for your step"));
        }
        if (page.Is(ActorRole.Regulator, ActorRole.Auditor))
        {
            var calendars = await Ledger.Api.Reports.ComplianceReportEndpoints.Calendars(null, null, null, http, session, policies,
                services.GetRequiredService<IConfiguration>(), clock, ct);
            var overdue = calendars.Sum(c => c.Entries.Count(e => e.Status == Ledger.Domain.Reports.CalendarStatus.Overdue));
            items.Add(Item("reports", "/console/reports", overdue, "项报送已逾期", "reports overdue"));

            var since = await ToDo.VisitAsync(session, actor, ct);
            var store = services.GetRequiredService<Marten.IDocumentStore>();
            var breaches = 0;
            var leads = 0;
            if (since is { } visited)
            {
                await foreach (var _ in ReadCertificateEndpoints.BreachRegister(null, null, null, session, store, policies, http, visited)(ct)) breaches++;
                await foreach (var _ in ReadCertificateEndpoints.ForgeryRegister(null, null, session, store, policies, http, visited)(ct)) leads++;
            }
            var when = since is { } v ? v.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
            items.Add(Item("deadline-breaches", "/console/registers/deadline-breaches", breaches,
                when is null ? "条新的发证期限超时（首次访问，此后计新增）" : $"条发证期限超时自上次访问（{when}）以来新增或变化",
                when is null ? "new issuance-deadline breaches (first visit: counted from now on)" : $"issuance-deadline breaches new or changed since your last visit ({when})"));
            items.Add(Item("forgery-leads", "/console/registers/forgeries", leads,
                when is null ? "条新的假证线索（首次访问，此后计新增）" : $"条假证线索自上次访问以来新增或变化",
                when is null ? "new forgery leads (first visit: counted from now on)" : "forgery leads new or changed since your last visit"));
        }
        if (items.Count == 0) return Empty;
        return H($"""<section class="card todo"><h2>{page.L("待办事项", "To do")}</h2><ul class="todo-list">{Join(items)}</ul></section>""");
    }
}
