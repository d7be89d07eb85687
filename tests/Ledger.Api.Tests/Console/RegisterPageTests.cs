using Ledger.Api.Tests.Claims;
using Marten;
using Marten.Events;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>Issue 16 items 2–4 in Chromium: the registers as pages, the to-do home, the printable 补贴审核表.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class RegisterPageTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task the_enterprise_home_lists_a_certificate_due_for_review_and_its_link_opens_the_reminder_list_and_the_holder_s_file()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "赵六");
        var due = LocalDatePattern(await Host.Get($"/api/certificates/{trainee.CertificateId}"));
        // Twenty days before the review falls due: in the 30-day list, and so in the 60- and 90-day ones.
        Host.On(due.PlusDays(-20));

        await using var session = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", null, enterprise);
        var page = session.Page;
        var thirty = page.Locator("[data-todo=reviews-30]");
        await Expect(thirty.Locator(".count")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-todo=reviews-90] .count")).ToHaveTextAsync("1");
        await session.ScreenshotAsync("todo-enterprise");
        await thirty.Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("复审提醒");
        await Expect(page.Locator("#register-total")).ToHaveTextAsync("1");
        var row = page.Locator("#register tbody tr");
        await Expect(row).ToContainTextAsync("赵六");
        await Expect(row).ToContainTextAsync(due.ToString("uuuu-MM-dd", null));
        await row.Locator("a.review-due").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/console/persons/{trainee.PersonId}$"));

        // Heilongjiang's regulator counts the employees of the enterprises in its area (one statement, no id list); a
        // bureau of another area does not count this holder, who works in Heilongjiang.
        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj"))
        {
            await Expect(regulator.Page.Locator("[data-todo=reviews-30] .count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
            await regulator.Page.GotoAsync($"/console/registers/reviews-due?within=30");
            var total = int.Parse(await regulator.Page.Locator("#register-total").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            total.ShouldBeGreaterThanOrEqualTo(1);
        }
        await using (var other = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-lin", "taizhou-emergency-bureau", "zj-taizhou"))
        {
            await other.Page.GotoAsync($"/console/registers/reviews-due?within=30");
            await Expect(other.Page.Locator("#register tbody tr", new() { HasText = "赵六" })).ToHaveCountAsync(0);
        }

        // Forty days before, it has left the 30-day list but not the 60-day one.
        Host.On(due.PlusDays(-40));
        await page.GotoAsync("/console");
        await Expect(page.Locator("[data-todo=reviews-30] .count")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-todo=reviews-60] .count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task the_institution_home_counts_the_claim_waiting_for_its_attestation_and_links_to_it()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "钱七");
        var claimId = await Host.SubmitClaim(enterprise, training, [trainee], new LocalDate(2021, 4, 10));

        await using var session = await ConsoleSession.SignInAsync(Fixture, "training-institution", "registrar-sun", "hlj-training-school", null, null, training.InstitutionId);
        var page = session.Page;
        var claims = page.Locator("[data-todo=claims]");
        await Expect(claims.Locator(".count")).ToHaveTextAsync("1");
        await claims.Locator("a").ClickAsync();
        await page.Locator($"a[href='/console/claims/{claimId}']").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "17 培训机构确认" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_regulator_sees_a_deadline_breach_recorded_since_the_last_visit_once_and_its_link_opens_the_register()
    {
        await using var session = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-lin", "taizhou-emergency-bureau", "zj-taizhou");
        var page = session.Page;
        var breaches = page.Locator("[data-todo=deadline-breaches]");
        // The first visit has nothing to compare with; it is remembered for the next.
        await Expect(breaches).ToContainTextAsync("首次访问");
        await Expect(page.Locator("[data-todo=reports] a")).ToHaveAttributeAsync("href", "/console/reports");
        await page.ReloadAsync();
        await Expect(breaches).ToContainTextAsync("自上次访问");
        await Expect(breaches.Locator(".count")).ToHaveTextAsync("0");

        // A Taizhou certificate issued on the 6th working day after the pass (TZ-CRT-04 allows 5).
        var person = await Host.RegisterPerson(name: "周九");
        var (enterprise, _) = await Host.RegisterEnterprise("zj-taizhou");
        await Host.Hire(person, enterprise, new LocalDate(2019, 6, 1));
        var number = TestIds.NewCertificateNumber();
        await Host.IssueCertificate(person, number, passDate: new LocalDate(2020, 6, 10), issuedOn: new LocalDate(2020, 6, 18));
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        await page.ReloadAsync();
        await Expect(breaches.Locator(".count")).ToHaveTextAsync("1");
        await session.ScreenshotAsync("todo-regulator");
        await breaches.Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("发证期限超时");
        var row = page.Locator("#register tbody tr", new() { HasText = number });
        await Expect(row).ToContainTextAsync("6 个工作日（限 5 个）");
        await session.ScreenshotAsync("register-deadline-breaches");
        // Filtered by the other deadline, it is gone.
        await page.Locator("select#rule").SelectOptionAsync("TZ-CRT-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.Locator("#register tbody tr", new() { HasText = number })).ToHaveCountAsync(0);

        // Seen once: the next visit counts it no more.
        await page.GotoAsync("/console");
        await Expect(breaches.Locator(".count")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task each_register_page_answers_only_the_roles_that_may_read_it()
    {
        var (enterpriseId, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        await using var enterprise = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", null, enterpriseId);
        (await enterprise.Page.GotoAsync("/console/registers/forgeries"))!.Status.ShouldBe(403);
        (await enterprise.Page.GotoAsync("/console/registers/clawbacks"))!.Status.ShouldBe(403);
        (await enterprise.Page.GotoAsync("/console/registers/reviews-due"))!.Status.ShouldBe(200);
        await enterprise.Page.GotoAsync("/console/registers");
        (await enterprise.Page.Locator("ul.cards a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).ShouldBe(["/console/registers/reviews-due"]);
        await using var finance = await ConsoleSession.SignInAsync(Fixture, "finance-bureau", "accountant-wu", "hlj-finance-bureau", "hlj");
        (await finance.Page.GotoAsync("/console/registers/deadline-breaches"))!.Status.ShouldBe(403);
        (await finance.Page.GotoAsync("/console/registers/institution-anomalies"))!.Status.ShouldBe(200);
        await using var institution = await ConsoleSession.SignInAsync(Fixture, "training-institution", "registrar-sun", "hlj-training-school", null, null, training.InstitutionId);
        (await institution.Page.GotoAsync("/console/registers"))!.Status.ShouldBe(403);
        (await institution.Page.Locator("header nav a", new() { HasText = "登记簿" }).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task the_finance_bureau_orders_a_clawback_from_the_queue_page_with_a_reason_and_the_line_moves_to_the_repayments()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (enterprise, creditCode) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "孙八");
        var claimId = await Host.PaidClaim(enterprise, training, [trainee], new LocalDate(2021, 4, 10), "HLJ-PAY-8801");
        Host.On(new LocalDate(2021, 7, 3));
        await Host.Post($"/api/certificates/{trainee.CertificateId}/revocations", new { on = "2021-07-01", ground = "deception", reason = "以欺骗手段取得", legalBasis = "特种作业人员安全技术培训考核管理规定 第四十条", version = 1 }, 200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        await using var session = await ConsoleSession.SignInAsync(Fixture, "finance-bureau", "accountant-wu", "hlj-finance-bureau", "hlj");
        var page = session.Page;
        await page.Locator("header nav a", new() { HasText = "登记簿" }).ClickAsync();
        await page.Locator("a[href='/console/registers/clawbacks']").ClickAsync();
        await page.GetByLabel("企业名称或信用代码").FillAsync(creditCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.Locator("#register-total")).ToHaveTextAsync("1");
        var row = page.Locator("#register tbody tr");
        await Expect(row).ToContainTextAsync(trainee.CertificateNumber);
        await Expect(row).ToContainTextAsync("¥1,000.00");
        await session.ScreenshotAsync("register-clawbacks");

        // The XLSX export of what the filter shows: Chinese headers.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href*='format=xlsx']").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");

        // The recovery is the API's own write, with the reason the official gives.
        var form = row.Locator("form.clawback");
        await form.GetByLabel("追回理由").FillAsync("证书以欺骗手段取得，已吊销");
        await form.GetByRole(AriaRole.Button, new() { Name = "下达追回" }).ClickAsync();
        await Expect(page.Locator("#register-total")).ToHaveTextAsync("0");
        var repayment = page.Locator("#repayments tbody tr").Filter(new() { Has = page.Locator($"a[href='/console/claims/{claimId}']") });
        await Expect(repayment).ToContainTextAsync("¥1,000.00");
        var claim = await Host.Get($"/api/claims/{claimId}");
        claim.GetProperty("clawbacks")[0].GetProperty("reason").GetString().ShouldBe("证书以欺骗手段取得，已吊销");
    }

    [Fact]
    public async Task the_audit_form_prints_as_heilongjiang_s_annex_with_the_commitment_and_two_opinions_with_seal_boxes()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var first = await Host.Trainee(training, enterprise, "张三");
        var second = await Host.Trainee(training, enterprise, "李四");
        var claimId = await Host.PaidClaim(enterprise, training, [first, second], new LocalDate(2021, 4, 10), "HLJ-PAY-8802");

        await using var session = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj");
        var page = session.Page;
        await page.GotoAsync($"/console/claims/{claimId}");
        await page.Locator("a.print-form").ClickAsync();
        var form = page.Locator("article.audit-form");
        await Expect(form.Locator(".form-title")).ToHaveTextAsync("申请安全技能提升补贴特种作业人员信息审核表");
        await Expect(form).ToHaveAttributeAsync("data-official", "true");
        await Expect(form.Locator("td.label")).ToContainTextAsync(["统一社会信用代码", "法定代表人", "经办人姓名", "经办人手机", "（委托）培训机构名称", "培训工种及对应人数",
            "培训时间", "取证人数", "申请补贴金额", "申请企业书面承诺", "序号", "姓名", "工种", "证件号", "培训机构意见"]);
        await Expect(form.Locator("tr.line")).ToHaveCountAsync(2);
        await Expect(form.Locator("tr.line").First).ToContainTextAsync("张三");
        (await form.InnerTextAsync()).ShouldNotContain(first.IdNumber);
        await Expect(form.Locator("tr.commitment")).ToContainTextAsync("负责人签字");
        await Expect(form.Locator("tr.commitment")).ToContainTextAsync("（盖章）");
        await Expect(form.Locator("#opinion-institution")).ToContainTextAsync("（加盖印章）");
        await Expect(form.Locator("#opinion-institution")).ToContainTextAsync("在我机构完成理论授课和实操全部课程");
        await Expect(form.Locator("#opinion-regulator")).ToContainTextAsync("（加盖印章）");
        await Expect(form.Locator("#opinion-regulator")).ToContainTextAsync("经核验");
        await session.ScreenshotAsync("audit-form-screen");

        // As printed: A4, the console's header and buttons gone, the form alone.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(page.Locator("button[data-print]")).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(794, 1123); // A4 at 96 dpi
        await session.ScreenshotAsync("audit-form-print");
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        // A two-line roster fits on one A4 sheet, as the paper form does.
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count.ShouldBe(1);
    }

    private static LocalDate LocalDatePattern(System.Text.Json.JsonElement certificate) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(certificate.GetProperty("nextReviewDue").GetString()!).Value;
}
