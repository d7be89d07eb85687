using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Catalogue;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>Refusals and failures as pages that say what happened and what to do next, instead of problem-details JSON.</summary>
public static class ConsoleErrors
{
    public static async Task RefusedAsync(HttpContext http, bool challenged)
    {
        if (challenged)
        {
            var back = http.Request.Path + http.Request.QueryString;
            var expired = http.Request.Cookies.ContainsKey(ConsoleCookie.Name) ? "&expired=1" : "";
            http.Response.Redirect($"/console/sign-in?returnUrl={Uri.EscapeDataString(back)}{expired}");
            return;
        }
        var page = await ConsolePage.For(http).NamedAsync();
        await page.Render(page.L("此角色无权查看本页", "Your role may not open this page"),
            Message(page, page.L("您当前的角色不能查看此页面的数据。", "The role you signed in with cannot read what this page shows."),
                page.L("请返回首页选择本角色可用的页面，或退出后以有权限的角色登录。", "Go back to the home page for the pages your role can use, or sign out and sign in with a role that may."),
                true), StatusCodes.Status403Forbidden).ExecuteAsync(http);
    }

    /// <summary>Runs a page; the ledger's own refusals become a page naming the problem and the next step.</summary>
    public static async Task<IResult> PageAsync(HttpContext http, Func<ConsolePage, Task<IResult>> render)
    {
        var page = await ConsolePage.For(http).NamedAsync();
        try
        {
            return await render(page);
        }
        catch (ResourceNotFoundException e)
        {
            return page.Render(page.L("未找到", "Not found"),
                Message(page, page.L("台账中没有找到这条记录。", e.Message), page.L("请核对编号或链接后重试；记录可能不在您的管辖或单位范围内。",
                    "Check the number or link and try again; the record may also lie outside your jurisdiction or organisation."), false),
                StatusCodes.Status404NotFound);
        }
        catch (RequestValidationException e)
        {
            var fields = Join(e.Errors.Select(f => H($"<li><strong title=\"{f.Key}\">{FieldLabel(page, f.Key)}</strong>{page.L("：", ": ")}{(page.English ? string.Join("; ", f.Value) : string.Join("；", f.Value.Select(ProblemTexts.FieldMessageZh)))}</li>")));
            return page.Render(page.L("输入有误", "Some input is not valid"),
                H($"""<div class="error" role="alert"><ul>{fields}</ul><p>{page.L("请更正上述字段后重新提交。", "Correct the fields above and submit again.")}</p><p><a href="/console">{page.L("返回首页", "Home")}</a></p></div>"""),
                StatusCodes.Status400BadRequest);
        }
        catch (ForbiddenException e)
        {
            return page.Render(page.L("超出管辖范围", "Outside your scope"),
                Message(page, page.L("您要查看或办理的记录不在您的管辖或单位范围内。", e.Message), page.L("请选择您所辖范围内的辖区或单位。", "Choose a jurisdiction or organisation within your own scope."), true),
                StatusCodes.Status403Forbidden);
        }
        catch (DomainRuleViolation e)
        {
            return page.Render(page.L("业务规则不允许", "A business rule refused this"),
                RuleMessage(page, e.RuleId, e.Message),
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>A refusal raised before a page ran (its scope check, say), as a page with the console's navigation.</summary>
    public static async Task ProblemPageAsync(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails details)
    {
        var page = await ConsolePage.For(http).NamedAsync();
        var status = details.Status ?? 500;
        var (title, next) = status switch
        {
            404 => (page.L("未找到", "Not found"), page.L("请核对编号或链接后重试；记录可能不在您的管辖或单位范围内。",
                "Check the number or link and try again; the record may also lie outside your jurisdiction or organisation.")),
            403 => (page.L("超出管辖范围", "Outside your scope"), page.L("请选择您所辖范围内的辖区或单位。", "Choose a jurisdiction or organisation within your own scope.")),
            400 => (page.L("输入有误", "Some input is not valid"), page.L("请更正后重新提交。", "Correct it and submit again.")),
            409 => (page.L("记录已变更", "The record has changed"), page.L("请刷新页面后重试。", "Reload the page and try again.")),
            422 => (page.L("业务规则不允许", "A business rule refused this"), page.L("请按规则要求处理后重试。", "Do what the rule requires, then try again.")),
            503 => (page.L("台账数据库暂不可用", "The ledger's database is unavailable"), page.L("请稍后重试。", "Try again shortly.")),
            _ => (page.L("台账未能完成请求", "The ledger could not complete the request"), page.L("请稍后重试；如仍失败，请联系运维人员并提供追踪编号。",
                "Try again later; if it keeps failing, give the operators the trace id.")),
        };
        // The problem's own detail is English for API clients; a Chinese page says it in the catalogue's words.
        var rule = details.Extensions.TryGetValue("ruleId", out var r) ? r?.ToString() : null;
        var what = page.English ? details.Detail ?? details.Title ?? title
            : rule is not null ? DisplayNames.Rule(rule).TitleZh
            : ProblemTexts.For(status, details.Extensions.TryGetValue("code", out var c) ? c?.ToString() : null, false).Title;
        await page.Render(title, Message(page, what, next, status == 403), status).ExecuteAsync(http);
    }

    /// <summary>A rule's refusal: the rule by its title and what to do next; its id for whoever cites it, the English reason in English.</summary>
    public static Html RuleMessage(ConsolePage page, string ruleId, string messageEn)
    {
        var rule = DisplayNames.Rule(ruleId);
        return Message(page, page.L($"{rule.TitleZh}（规则 {ruleId}）", $"{ruleId}: {messageEn}"), page.L(rule.NextZh, rule.NextEn), false);
    }

    /// <summary>A field path as the person knows it: "名单第 2 行 · idNumber" for roster[1].idNumber.</summary>
    public static string FieldLabel(ConsolePage page, string path)
    {
        var m = System.Text.RegularExpressions.Regex.Match(path, @"^(\w+)[\[.](\d+)\]?\.?(.*)$");
        if (!m.Success) return FieldNames.Name(page, path);
        var n = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var rest = m.Groups[3].Value;
        return page.L($"第 {n} 行", $"line {n}") + (rest.Length == 0 ? "" : " · " + FieldNames.Name(page, rest));
    }

    public static Html Message(ConsolePage page, string what, string next, bool offerSignIn) => H($"""
        <div class="error" role="alert">
          <p>{what}</p>
          <p class="next">{next}</p>
          <p><a href="/console">{page.L("返回首页", "Home")}</a>{When(offerSignIn, H($" · <a href=\"/console/sign-in\">{page.L("以其他角色登录", "Sign in with another role")}</a>"))}</p>
        </div>
        """);
}
