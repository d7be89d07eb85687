using System.Text.RegularExpressions;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Playwright;
using NodaTime;

namespace Ledger.Api.Tests.Console;

/// <summary>
/// Issue 15's walk: every console page, as every role that may open it, read the way an official reads it. In Chinese a
/// page shows no code (work type, kind, jurisdiction, enum value), no English word and no UUID, and no form asks for a UUID;
/// in English the page's own words (headings, labels, table heads, buttons, badges) are English. Identifiers a person
/// typed or was given (user names, certificate numbers, rule ids cited beside their titles, references) are marked
/// translate="no" and left out, as proper names are.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class ConsoleLanguageTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    // Words a Chinese page may carry: the language switch names itself, file formats are named as the files are.
    // Proper names and the file formats officials pick on their own machines (the import page names Excel, .xlsx and GBK).
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "English", "XLSX", "CSV", "QR", "UTF", "JSON", "Excel", "xlsx", "GBK" };

    [Fact]
    public async Task every_console_page_as_every_role_shows_names_in_the_page_s_language_and_asks_for_no_uuid()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "王五");
        var applied = new LocalDate(2021, 4, 10);
        var claimId = await Host.PaidClaim(enterprise, training, [trainee], applied, "HLJ-PAY-7001");
        Host.On(applied.PlusDays(30));
        // Issue 20's enforcement pages: an inspection with an open order and a tip-off that led to it.
        var tip = (await Host.Post("/api/tip-offs", new
        {
            enterpriseId = enterprise, subject = "fake-certificate", allegation = "电工持假证上岗", channel = "hotline", receivedOn = Ledger.Api.WebConsole.Components.Date(applied),
            informantContact = "13912345678",
        }, 201)).GetProperty("tipId").GetGuid();
        var inspection = (await Host.Post("/api/inspections", new
        {
            enterpriseId = enterprise, inspectedOn = Ledger.Api.WebConsole.Components.Date(applied.PlusDays(1)), trainingPlanChecked = true, certificatesChecked = 3, certificatesMissing = 1,
            spotQuiz = new[] { new { group = "principal", examined = 1, passed = 1 } }, tipId = tip, reason = "举报核查",
        }, 201)).GetProperty("inspectionId").GetGuid();
        await Host.Post($"/api/inspections/{inspection}/rectification-orders", new
        {
            finding = "电工持假证上岗", orderedOn = Ledger.Api.WebConsole.Components.Date(applied.PlusDays(1)), deadline = Ledger.Api.WebConsole.Components.Date(applied.PlusDays(15)), stopOrdered = true, version = 1,
        }, 200);

        var details = new[]
        {
            $"/console/inspections/{inspection}", $"/console/tip-offs/{tip}", "/console/inspections/new", "/console/tip-offs", "/console/inspections?overdue=true",
            $"/console/persons/{trainee.PersonId}", $"/console/claims/{claimId}", $"/console/certificates?number={trainee.CertificateNumber}",
            $"/console/enterprises/{enterprise}", "/console/reports/hlj?period=2021-H1", "/console/payouts/duplicates",
            "/console/claims?claimStage=reconciled", "/console/claims/new", $"/console/claims/{claimId}/audit-form", $"/console/claims/{claimId}/knowledge",
            "/console/registers/forgeries", "/console/registers/deadline-breaches", "/console/registers/institution-anomalies", "/console/registers/clawbacks",
            "/console/registers/obligations", "/console/registers/reviews-due",
            // Issue 16's write forms.
            "/console/certificates/new", "/console/persons/new", $"/console/classes/{training.ClassId}", $"/console/institutions/{training.InstitutionId}",
        };
        var roles = new (string Role, string User, string Org, string? Jurisdiction, Guid? Enterprise, Guid? Institution)[]
        {
            ("regulator", "inspector-qian", "harbin-emergency-bureau", "hlj", null, null),
            ("hr-bureau", "officer-li", "hlj-hr-bureau", "hlj", null, null),
            ("finance-bureau", "cashier-zhou", "hlj-finance-bureau", "hlj", null, null),
            ("auditor", "auditor-wang", "hlj-audit-office", "hlj", null, null),
            ("enterprise", "handler-zhao", "hlj-enterprise", null, enterprise, null),
            ("training-institution", "registrar-sun", "hlj-training-school", null, null, training.InstitutionId),
            ("exam-point", "examiner-he", "hlj-exam-point", null, null, training.InstitutionId),
            ("system-administrator", "admin-ma", "ledger-operations", null, null, null),
        };

        var problems = new List<string>();
        var visited = 0;
        foreach (var (role, user, org, jurisdiction, ent, inst) in roles)
        {
            await using var session = await ConsoleSession.SignInAsync(Fixture, role, user, org, jurisdiction, ent, inst);
            var page = session.Page;
            var navigation = await page.Locator("header nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var path in navigation.Concat(details).Distinct())
            {
                foreach (var english in new[] { false, true })
                {
                    var response = await page.GotoAsync(path + (path.Contains('?') ? "&" : "?") + "lang=" + (english ? "en" : "zh"));
                    // A page the role may not open answers 403 or 404 with a page of its own; that page is judged too.
                    // An auditor states a reason before the session's reads; the reason page is judged, then the page it leads to.
                    if (page.Url.Contains("/console/audit-reason", StringComparison.Ordinal))
                    {
                        problems.AddRange((await JudgeAsync(page, english)).Select(p => $"{role} audit reason ({(english ? "en" : "zh")}): {p}"));
                        await page.Locator("#reason").FillAsync(english ? "annual audit" : "年度审计抽查");
                        await page.Locator("form[action='/console/audit-reason'] button[type=submit]").ClickAsync();
                        await page.WaitForURLAsync(u => !u.Contains("/console/audit-reason", StringComparison.Ordinal));
                    }
                    if (role == "auditor" && await page.Locator("input#reason").CountAsync() > 0)
                    {
                        await page.Locator("input#reason").FillAsync(english ? "annual audit" : "年度审计抽查");
                        await page.Locator("input#reason").PressAsync("Enter");
                        await page.WaitForLoadStateAsync();
                    }
                    var where = $"{role} {path} ({(english ? "en" : "zh")}, {response?.Status})";
                    problems.AddRange((await JudgeAsync(page, english)).Select(p => $"{where}: {p}"));
                    if (!english && visited < 200 && response?.Status == 200 && path.StartsWith("/console/persons/", StringComparison.Ordinal) | path.StartsWith("/console/claims/", StringComparison.Ordinal))
                        await session.ScreenshotAsync($"walk-{role}-{Regex.Replace(path, "[^a-z]+", "-").Trim('-')}");
                    visited++;
                }
            }
        }
        visited.ShouldBeGreaterThan(100);
        problems.ShouldBeEmpty(string.Join("\n", problems.Take(60)));
    }

    private static async Task<List<string>> JudgeAsync(IPage page, bool english)
    {
        var problems = new List<string>();
        // The page as read: identifiers and scripts left out; codes kept in title attributes are not read, as intended.
        var text = await page.EvaluateAsync<string>("""
            () => {
              const body = document.body.cloneNode(true);
              body.querySelectorAll('[translate=no], script, template, style').forEach(e => e.remove());
              return body.innerText;
            }
            """);
        foreach (Match uuid in Uuid().Matches(text)) problems.Add($"shows a UUID {uuid.Value}");
        var uuidInputs = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), textarea')]
              .filter(i => /uuid/i.test((i.closest('label') || document.querySelector(`label[for="${i.id}"]`) || {}).textContent || '')
                        || /^[0-9a-f-]{36}$/.test(i.value) || /\{36\}/.test(i.getAttribute('pattern') || ''))
              .map(i => i.name || i.id)
            """);
        foreach (var input in uuidInputs) problems.Add($"asks for a UUID in {input}");
        if (!english)
        {
            // A token with a digit in it is an identifier someone typed or was given (HLJ-PAY-7001, BOC-2021-04-28): not prose.
            foreach (Match word in Token().Matches(text))
                if (!word.Value.Any(char.IsDigit) && Word().Match(word.Value) is { Success: true } w && !Allowed.Contains(w.Value))
                    problems.Add($"English or a code: '{Around(text, word.Index)}'");
        }
        else
        {
            // The page's own words; data (names of people, enterprises and institutions, posts, reasons) stays as recorded.
            var chrome = await page.EvaluateAsync<string>("""
                () => {
                  const parts = [...document.querySelectorAll('h1, th, label, button, legend, dt, nav a, .badge, summary, .hint, .next, option')]
                    .filter(e => !e.closest('[translate=no]')).map(e => {
                      const c = e.cloneNode(true);
                      c.querySelectorAll('input, select, textarea, option, [translate=no]').forEach(x => x.remove());
                      return c.textContent;
                    });
                  return parts.join('\n');
                }
                """);
            // The switch back to Chinese names itself in Chinese, and a heading may carry an enterprise's or person's name.
            foreach (var line in chrome.Split('\n'))
                if (Han().IsMatch(line) && line.Trim() != "中文" && !Data().IsMatch(line)) problems.Add($"Chinese on an English page: '{line.Trim()}'");
        }
        return problems;
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 25), Math.Min(60, text.Length - Math.Max(0, index - 25))).ReplaceLineEndings(" ");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"[A-Za-z0-9._*/-]*[A-Za-z]{2,}[A-Za-z0-9._*/-]*")]
    private static partial Regex Token();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Han();

    // Seeded records the English page shows by their Chinese names: they are proper names.
    [GeneratedRegex("王五|企业|有限公司|学校|中心|应急管理|黑龙江|培训班|电工|〔")]
    private static partial Regex Data();
}
