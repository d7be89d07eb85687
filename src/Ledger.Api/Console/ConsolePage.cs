using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>One request for a console page: who asks (the same <see cref="Actor"/> every JSON endpoint sees) and in which language.</summary>
public sealed class ConsolePage
{
    private ConsolePage(HttpContext http, bool english)
    {
        Http = http;
        English = english;
        Actor = ActorMiddleware.Current(http);
    }

    public HttpContext Http { get; }
    public bool English { get; }
    public Actor? Actor { get; }

    /// <summary>Simplified Chinese by default; ?lang=en (or zh) switches and is remembered in a cookie.</summary>
    public static ConsolePage For(HttpContext http)
    {
        var asked = http.Request.Query["lang"].ToString();
        // A page reached on the way somewhere (the auditor's reason, sign-in) speaks the language of where it leads.
        if (asked.Length == 0 && System.Text.RegularExpressions.Regex.Match(http.Request.Query["returnUrl"].ToString(), @"[?&]lang=(en|zh)\b") is { Success: true } m)
            asked = m.Groups[1].Value;
        bool english;
        if (asked is "en" or "zh")
        {
            english = asked == "en";
            http.Response.Cookies.Append(ConsoleCookie.Language, asked,
                new CookieOptions { SameSite = SameSiteMode.Lax, Path = "/console", MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }
        else english = http.Request.Cookies[ConsoleCookie.Language] == "en";
        return new ConsolePage(http, english);
    }

    public string L(string zh, string en) => English ? en : zh;

    public bool Is(params ActorRole[] roles) => Actor is { } a && roles.Contains(a.Role);

    public string RoleName(ActorRole role) => N(DisplayNames.Role(role));

    /// <summary>A catalogue name in the page's language.</summary>
    public string N(DisplayName name) => name.In(English);

    /// <summary>A code shown by its name, the code itself a tooltip for whoever asks for it.</summary>
    public Html Named(DisplayName name, string? code) =>
        code is null || code == name.Zh ? H($"{N(name)}") : H($"<span title=\"{code}\">{N(name)}</span>");

    /// <summary>
    /// An identifier a person typed or was given (a user name, a certificate number, a payment reference): shown as it
    /// is, marked so that neither translation tools nor the console's language checks treat it as prose.
    /// </summary>
    public static Html Ident(string? value) => H($"<span class=\"ident\" translate=\"no\">{value ?? "—"}</span>");

    /// <summary>The signed-in organisation by name: the enterprise's or institution's own record, or a bureau by its area and role.</summary>
    public string OrganisationName { get; private set; } = "";

    /// <summary>Every page is made through <see cref="ConsoleErrors"/>, which names the organisation before the page renders.</summary>
    public async Task<ConsolePage> NamedAsync()
    {
        if (Actor is not { } a) return this;
        var session = Http.RequestServices.GetRequiredService<Marten.IQuerySession>();
        OrganisationName = a.EnterpriseId is { } e && await session.LoadAsync<Ledger.Domain.Enterprises.Enterprise>(e, Http.RequestAborted) is { } enterprise ? enterprise.Name
            : a.InstitutionId is { } i && await session.LoadAsync<Ledger.Domain.Institutions.Institution>(i, Http.RequestAborted) is { } institution ? institution.Name
            : N(DisplayNames.Bureau(a.Role, a.Jurisdiction));
        return this;
    }

    /// <summary>The same path in the other language.</summary>
    private string SwitchLanguageUrl()
    {
        var query = http.Request.Query.Where(q => q.Key != "lang").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return http.Request.Path + "?" + string.Join("&", query.Append("lang=" + (English ? "zh" : "en")));
    }

    private HttpContext http => Http;

    public IResult Render(string title, Html body, int status = 200, params string[] scripts) =>
        Results.Content(Shell(title, body, scripts).Value, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public Html Shell(string title, Html body, IEnumerable<string> scripts)
    {
        var nav = Actor is null ? Empty : Join(ConsoleNavigation.For(this).Select(item =>
        {
            var current = Http.Request.Path.StartsWithSegments(item.Path) && (item.Path != "/console" || Http.Request.Path == "/console");
            return H($"<li><a href=\"{item.Path}\"{Raw(current ? " aria-current=\"page\"" : "")}>{L(item.Zh, item.En)}</a></li>");
        }));
        var csrf = Http.RequestServices.GetRequiredService<ConsoleAntiforgery>().TokenFor(Http) ?? "";
        var who = Actor is { } a
            ? H($"""
                <span class="who" title="{a.OrganisationId}">{Ident(a.UserId)} · {OrganisationName}{(a.EnterpriseId is null && a.InstitutionId is null ? "" : " · " + RoleName(a.Role))}</span>
                <form method="post" action="/console/sign-out" class="inline"><input type="hidden" name="{ConsoleRequestForgeryGuard.FormField}" value="{csrf}"><button type="submit" class="link">{L("退出", "Sign out")}</button></form>
                """)
            : Empty;
        var scriptTags = Join(scripts.Prepend("/console/console.js").Select(s => H($"<script src=\"{s}\" defer></script>")));
        return H($"""
            <!doctype html>
            <html lang="{(English ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="ledger-csrf" content="{csrf}">
            <title>{title} · {L("安全技能台账", "Ledger")}</title>
            <link rel="stylesheet" href="/console/console.css">
            {scriptTags}
            </head>
            <body>
            <a class="skip" href="#main">{L("跳到正文", "Skip to content")}</a>
            <header class="top">
              <a class="brand" href="/console">{L("安全技能台账", "Safety-skills ledger")}</a>
              <nav aria-label="{L("主导航", "Main")}"><ul>{nav}</ul></nav>
              <div class="session">
                <a class="lang" href="{SwitchLanguageUrl()}" lang="{(English ? "zh-CN" : "en")}">{(English ? "中文" : "English")}</a>
                {who}
              </div>
            </header>
            <main id="main" tabindex="-1">
            <h1>{title}</h1>
            {body}
            </main>
            <div id="toast" role="status" aria-live="polite"></div>
            </body>
            </html>
            """);
    }
}

public sealed record NavItem(string Path, string Zh, string En, ActorRole[] Roles);

public static class ConsoleNavigation
{
    public static readonly ActorRole[] Everyone = Enum.GetValues<ActorRole>();

    // The role lists mirror the JSON endpoints each page reads, so a link is shown only where the page would answer.
    public static readonly NavItem[] Items =
    [
        new("/console", "首页", "Home", Everyone),
        new("/console/certificates", "证书查询", "Certificates",
            [ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/persons", "一人一档", "Person files",
            [ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/enterprises", "企业合规", "Enterprise compliance", [ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor]),
        new("/console/institutions", "培训机构", "Institutions", InstitutionPages.Roles),
        new("/console/claims", "补贴审核", "Subsidy claims",
            [ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/classes", "培训班", "Training classes", [ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise]),
        new("/console/payouts", "发放台账", "Payouts", [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        new("/console/imports", "批量导入", "Import", [ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.SystemAdministrator]),
        new("/console/reports", "合规报表", "Compliance reports", [ActorRole.Regulator, ActorRole.Auditor]),
        new("/console/registers", "登记簿", "Registers", RegisterPages.AnyRegisterRoles),
        new("/console/inspections", "执法检查", "Inspections", [ActorRole.Regulator, ActorRole.Enterprise, ActorRole.Auditor]),
        new("/console/audit", "审计", "Audit", [ActorRole.Auditor, ActorRole.SystemAdministrator]),
    ];

    public static IEnumerable<NavItem> For(ConsolePage page) => Items.Where(i => page.Actor is { } a && i.Roles.Contains(a.Role));
}
