using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// An auditor states why they read before the console shows anything (as the API refuses a read without a reason): once
/// per sign-in, changeable at any time, recorded with every read of the session.
/// </summary>
public static class ConsoleAuditReason
{
    public const string Path = "/console/audit-reason";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, Get).ExcludeFromDescription();
        app.MapPost(Path, (Func<HttpContext, Task<IResult>>)Post).ExcludeFromDescription().DisableAntiforgery();
    }

    [ActorRoles(ActorRole.Auditor)]
    public static IResult Get(HttpContext http, string? returnUrl, string? error)
    {
        var page = ConsolePage.For(http);
        var back = SignInPages.LocalReturnUrl(returnUrl);
        var current = http.Request.Cookies.TryGetValue(ConsoleCookie.AuditReason, out var stated) ? stated : "";
        var csrf = http.RequestServices.GetRequiredService<ConsoleAntiforgery>().TokenFor(http) ?? "";
        var errorBox = error is null ? Empty : H($"""<div class="error" role="alert"><p>{page.L("请填写查阅事由（1 至 500 字）。", "State a reason (1 to 500 characters).")}</p></div>""");
        var body = H($"""
            {errorBox}
            <section class="card">
              <p>{page.L("审计人员查阅的每一项台账内容都连同事由记录在案（与接口规则相同）。请说明本次查阅的事由，例如“2026 年度补贴资金专项审计”。",
                  "Every record an auditor reads is recorded with its reason, as in the API. State the purpose of this session's reads, for example \"2026 subsidy audit\".")}</p>
              <form method="post" action="{Path}">
                <input type="hidden" name="{ConsoleRequestForgeryGuard.FormField}" value="{csrf}">
                <input type="hidden" name="returnUrl" value="{back}">
                <label for="reason">{page.L("查阅事由", "Reason for reading")}</label>
                <textarea id="reason" name="reason" rows="3" required maxlength="500">{current}</textarea>
                <button type="submit">{page.L("确认并继续", "Confirm and continue")}</button>
              </form>
            </section>
            """);
        return page.Render(page.L("说明查阅事由", "State why you read"), body);
    }

    [ActorRoles(ActorRole.Auditor)]
    public static async Task<IResult> Post(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "send the console's reason form");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = SignInPages.LocalReturnUrl(form["returnUrl"]);
        var reason = form["reason"].ToString().Trim();
        if (reason.Length is 0 or > 500 || !RequestValidation.IsPlainText(reason))
            return Results.Redirect($"{Path}?error=1&returnUrl={Uri.EscapeDataString(back)}");
        ConsoleCookie.SetAuditReason(http, reason);
        return Results.Redirect(back);
    }
}
