using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

public static class HomePage
{
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau,
        ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static Task<IResult> Get(HttpContext http) => ConsoleErrors.PageAsync(http, page =>
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
            ["/console/audit"] = ("生成摘要、核验台账完整性、事件存在证明。", "Seal digests, verify the ledger's integrity, inclusion proofs."),
        };
        var cards = Join(ConsoleNavigation.For(page).Where(i => i.Path != "/console").Select(i => H($"""
            <li class="card"><a href="{i.Path}"><h2>{page.L(i.Zh, i.En)}</h2></a><p>{(descriptions.TryGetValue(i.Path, out var d) ? page.L(d.Zh, d.En) : "")}</p></li>
            """)));
        var actor = page.Actor!;
        return Task.FromResult(page.Render(page.L("工作台", "Console"), H($"""
            <p>{page.L("您以", "You are signed in as")} <strong>{page.RoleName(actor.Role)}</strong>（{page.OrganisationName}）{page.L("身份登录；以下页面与接口按同一范围显示数据。", ": these pages show what the API shows this actor, no more.")}</p>
            <ul class="cards">{cards}</ul>
            """)));
    });
}
