using System.Text.RegularExpressions;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Marten;
using Marten.Events;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>The web console in Debian's Chromium: what officials do every day, page by page, against the real ledger.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ConsoleBrowserTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task a_regulator_looks_up_a_certificate_and_sees_its_revocation_on_the_timeline_with_a_verification_qr_code()
    {
        var personId = await Host.RegisterPerson(name: "张三");
        var number = TestIds.NewCertificateNumber();
        var certificateId = await Host.IssueCertificate(personId, number);
        await Host.Post($"/api/certificates/{certificateId}/revocations",
            new { on = "2026-02-28", ground = "deception", reason = "以欺骗手段取得", legalBasis = "特种作业人员安全技术培训考核管理规定 第四十条", version = 1 }, 200);

        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "cn");
        var page = regulator.Page;
        await Nav(page, "证书查询").ClickAsync();
        await page.GetByLabel("证书编号").FillAsync(number.ToLowerInvariant());
        await page.GetByLabel("证书编号").PressAsync("Enter");

        await Expect(page.Locator("#cert-title")).ToContainTextAsync(number);
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("已吊销");
        var revocation = page.Locator("ol.timeline li[data-type=certificate_revoked]");
        await Expect(revocation).ToContainTextAsync("吊销");
        await Expect(revocation).ToContainTextAsync("2026-02-28");
        await Expect(revocation).ToContainTextAsync("以欺骗手段取得");
        await Expect(page.Locator("ol.timeline li")).ToHaveCountAsync(2);
        // The QR code carries the ledger's signed credential; its link checks it online and answers "revoked" to anyone holding it.
        var verifyUrl = await page.Locator("figure.qr a").GetAttributeAsync("href");
        // It opens the public Chinese page, and the holder's name is not in the address.
        verifyUrl.ShouldNotBeNull().ShouldContain("/verify?c=" + await page.Locator("figure.qr").GetAttributeAsync("data-credential"));
        verifyUrl.ShouldNotContain(Uri.EscapeDataString("张三"));
        (await page.Locator("figure.qr img").GetAttributeAsync("src")).ShouldNotBeNull().ShouldStartWith("data:image/png;base64,");
        var verification = await page.APIRequest.GetAsync(verifyUrl);
        var answer = await verification.TextAsync();
        answer.ShouldContain("已吊销");
        answer.ShouldContain("不得凭此证上岗作业");
        await regulator.ScreenshotAsync("certificate");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("Revoked");
        await Expect(page.Locator("ol.timeline li[data-type=certificate_revoked]")).ToContainTextAsync("Certificate revoked");
    }

    [Fact]
    public async Task a_claim_walks_from_submission_to_disbursement_across_roles_in_the_console()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "王五");
        var applied = new LocalDate(2021, 4, 10);

        Host.On(applied);
        Guid claimId;
        await using (var handler = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", enterprise: enterprise))
        {
            var page = handler.Page;
            await Nav(page, "补贴审核").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "填写补贴申请" }).ClickAsync();
            var form = page.Locator("#claim-form");
            await form.GetByLabel("5 经办人姓名").FillAsync("赵经办");
            await form.GetByLabel("6 经办人手机").FillAsync("13900001111");
            // Picked by name from the published list, not typed as an id; the work type by its catalogue name.
            await form.GetByLabel("7 培训机构").SelectOptionAsync(training.InstitutionId.ToString());
            await Expect(form.GetByLabel("8 培训工种")).ToHaveValueAsync("electrical.low-voltage");
            (await form.GetByLabel("8 培训工种").Locator("option:checked").InnerTextAsync()).ShouldBe("低压电工作业");
            await form.GetByLabel("9 培训开始").FillAsync(training.From.Date());
            await form.GetByLabel("9 培训结束").FillAsync(training.Until.Date());
            await form.GetByLabel("承诺人", new() { Exact = true }).FillAsync("刘经理");
            await form.GetByLabel("14 姓名").FillAsync(trainee.Name);
            await form.GetByLabel("16 身份证号").FillAsync(trainee.IdNumber);
            await form.GetByLabel("证书编号").FillAsync(trainee.CertificateNumber);
            await handler.ScreenshotAsync("claim-form");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/console/claims/[0-9a-f-]{36}$"));
            claimId = Guid.Parse(page.Url[^36..]);
            await StageIs(page, "已提交");
            // The ID number went in the request body; the audit file shows it masked only.
            (await page.ContentAsync()).ShouldNotContain(trainee.IdNumber);
        }

        await Step(applied.PlusDays(2), ("training-institution", "registrar-sun", "hlj-training-school", null), claimId, "attestation", "确认", "培训机构已确认",
            institution: training.InstitutionId);
        await Step(applied.PlusDays(5), ("regulator", "inspector-qian", "harbin-emergency-bureau", "hlj"), claimId, "verification", "核验", "应急部门已核验");

        Host.On(applied.PlusDays(10));
        await using (var hr = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "officer-li", "hlj-hr-bureau", "hlj"))
        {
            var page = hr.Page;
            await Nav(page, "补贴审核").ClickAsync();
            var row = page.Locator("#queue tbody tr", new() { HasText = "应急部门已核验" });
            await Expect(row).ToHaveCountAsync(1);
            await hr.ScreenshotAsync("review-queue");
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.Locator("#lines")).ToContainTextAsync("核验通过");
            await hr.ScreenshotAsync("claim-audit-file");
            await page.Locator("form[data-api$='/approval'] button[type=submit]").ClickAsync();
            await StageIs(page, "人社部门已审批");
        }

        Host.On(applied.PlusDays(15));
        // HR of the same level pays (HLJ-SUB-03), so the cashier signs in as the HR bureau.
        await using (var cashier = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "cashier-zhou", "hlj-hr-bureau", "hlj"))
        {
            var page = cashier.Page;
            await page.GotoAsync($"/console/claims/{claimId}");
            var form = page.Locator("form[data-api$='/disbursement']");
            await form.GetByLabel("支付凭证号").FillAsync("HLJ-PAY-0001");
            await form.GetByLabel("收款账号").FillAsync("6222020200001234567");
            await form.GetByRole(AriaRole.Button, new() { Name = "发放" }).ClickAsync();
            await StageIs(page, "补贴已发放");
            await Expect(page.Locator("ol.timeline li[data-type=subsidy_disbursed]")).ToContainTextAsync("HLJ-PAY-0001");
            (await page.ContentAsync()).ShouldNotContain("6222020200001234567");
        }

        var claim = await Host.Get($"/api/claims/{claimId}");
        claim.GetProperty("stage").GetString().ShouldBe("disbursed");
        claim.GetProperty("disbursedAmount").GetDecimal().ShouldBe(1000m);
        claim.GetProperty("attestedBy").GetString().ShouldBe("registrar-sun");
        claim.GetProperty("verifiedBy").GetString().ShouldBe("inspector-qian");
        claim.GetProperty("approvedBy").GetString().ShouldBe("officer-li");
        claim.GetProperty("paidBy").GetString().ShouldBe("cashier-zhou");
    }

    [Fact]
    public async Task a_regulator_renders_a_compliance_report_with_its_figures_workbook_and_printable_page()
    {
        Host.On(new LocalDate(2021, 6, 30));
        var (chem, _) = await Host.RegisterEnterprise("tj-jizhou");
        var certified = await Host.RegisterPerson(name: "甲");
        await Host.Hire(certified, chem, new LocalDate(2021, 6, 21), specialOperationWorkType: "electrical.low-voltage");
        await Host.IssueCertificate(certified, passDate: new LocalDate(2021, 5, 1), issuedOn: new LocalDate(2021, 5, 3));
        var untrainedId = TestIds.NewIdNumber();
        var untrained = await Host.RegisterPerson(untrainedId, "乙");
        await Host.Hire(untrained, chem, new LocalDate(2021, 6, 1), specialOperationWorkType: "electrical.low-voltage", teamLeader: true);

        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "tj-jizhou");
        var page = regulator.Page;
        await Nav(page, "合规报表").ClickAsync();
        await Expect(page.Locator("#calendar tbody tr").First).ToContainTextAsync("JZ-RPT");
        var firstHalf = page.Locator("#calendar tbody tr", new() { HasText = "2021-H1" });
        await Expect(firstHalf).ToContainTextAsync("待报送");
        await page.GetByLabel("报告期").FillAsync("2021-H1");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成报表" }).ClickAsync();
        await page.WaitForURLAsync("**/console/reports/tj-jizhou?period=2021-H1");
        var targets = page.Locator("#targets tbody tr");
        (await targets.CountAsync()).ShouldBeGreaterThan(3);
        await Expect(page.Locator("#targets")).ToContainTextAsync("JZ-TGT-");
        // Figures come with the persons behind them, ID numbers masked.
        var content = await page.ContentAsync();
        content.ShouldContain("乙");
        content.ShouldNotContain(untrainedId);
        await regulator.ScreenshotAsync("compliance-report");

        var workbook = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 XLSX" }).ClickAsync());
        workbook.SuggestedFilename.ShouldStartWith("compliance-JZ-");
        var printable = await page.GetByRole(AriaRole.Link, new() { Name = "打印版" }).GetAttributeAsync("href");
        var print = await page.APIRequest.GetAsync(printable!);
        print.Status.ShouldBe(200);
        (await print.TextAsync()).ShouldContain("JZ-TGT-");

        // The regulator records the baseline JZ-TGT-04 is measured against, then the report's submission (JZ-RPT-01).
        var baseline = page.Locator("#baseline-form");
        await baseline.GetByLabel("测算日期").FillAsync("2020-12-31");
        await baseline.GetByLabel("分子（达标人数）").FillAsync("3");
        await baseline.GetByLabel("分母（总人数）").FillAsync("2");
        await baseline.GetByLabel("数据来源").FillAsync("2020 年度班组长培训台账");
        await baseline.GetByLabel("登记理由").FillAsync("文件未给出基线");
        await baseline.GetByRole(AriaRole.Button, new() { Name = "登记基线" }).ClickAsync();
        // A refusal names the field as the page labels it and says what to do next.
        var baselineError = baseline.Locator(".form-error");
        await Expect(baselineError).ToContainTextAsync("分子（达标人数）");
        // In Chinese on a Chinese page (the API answers the console's Accept-Language), the field path kept as its tooltip.
        await Expect(baselineError).ToContainTextAsync("不得超过分母（总人数）");
        await Expect(baselineError).ToContainTextAsync("请按提示更正标出的字段后重新提交。");
        (await baselineError.InnerTextAsync()).ShouldNotContain("cannot exceed");
        await baseline.GetByLabel("分子（达标人数）").FillAsync("1");
        await baseline.GetByRole(AriaRole.Button, new() { Name = "登记基线" }).ClickAsync();
        // The page reloads with the figure measured against the recorded baseline, its source named.
        await Expect(page.Locator("#targets")).ToContainTextAsync("2020 年度班组长培训台账");

        var submission = page.Locator("#submission-form");
        await Expect(submission.GetByLabel("报告期")).ToHaveValueAsync("2021-H1");
        await Expect(submission.GetByLabel("报送日期")).ToHaveValueAsync("2021-06-30");
        await submission.GetByLabel("报告期").FillAsync("2021-Q1");
        await submission.GetByLabel("报送说明（文号、接收单位）").FillAsync("蓟应急〔2021〕12 号，报市应急管理局");
        await submission.GetByRole(AriaRole.Button, new() { Name = "登记报送" }).ClickAsync();
        await Expect(submission.Locator(".form-error")).ToContainTextAsync("报告期：");
        await Expect(submission.Locator(".form-error")).ToContainTextAsync("JZ-RPT-01");
        await regulator.ScreenshotAsync("compliance-submission");
        await submission.GetByLabel("报告期").FillAsync("2021-H1");
        await submission.GetByRole(AriaRole.Button, new() { Name = "登记报送" }).ClickAsync();
        // Polled, not WaitForURL's load event: the redirect can land before the wait starts, and the calendar page's load
        // ran past 30 s once on a loaded CI machine.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/reports\\?year=2021$"), new() { Timeout = 90_000 });
        await Expect(page.Locator("#calendar tbody tr", new() { HasText = "2021-H1" })).ToContainTextAsync("已报送");
        await regulator.ScreenshotAsync("report-calendar");

        // Recording the same period twice is refused with what to do instead.
        await page.GotoAsync("/console/reports/tj-jizhou?period=2021-H1");
        await page.Locator("#submission-form").GetByLabel("报送说明（文号、接收单位）").FillAsync("重复登记");
        await page.Locator("#submission-form").GetByRole(AriaRole.Button, new() { Name = "登记报送" }).ClickAsync();
        await Expect(page.Locator("#submission-form .form-error")).ToContainTextAsync("无需重复登记");
    }

    [Fact]
    public async Task an_hr_bureau_rejects_a_claim_with_its_reason_and_the_enterprise_and_institution_see_it_in_their_own_lists()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var (neighbour, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var applied = new LocalDate(2021, 4, 10);
        var claimId = await Host.SubmitClaim(enterprise, training, [await Host.Trainee(training, enterprise, "王五")], applied);
        var neighbours = await Host.SubmitClaim(neighbour, training, [await Host.Trainee(training, neighbour, "赵六")], applied);
        await Host.Attest(claimId, applied.PlusDays(2));
        await Host.Verify(claimId, applied.PlusDays(5));

        Host.On(applied.PlusDays(10));
        await using (var hr = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "officer-li", "hlj-hr-bureau", "hlj"))
        {
            var page = hr.Page;
            await page.GotoAsync($"/console/claims/{claimId}");
            var form = page.Locator("form[data-api$='/rejection']");
            await form.GetByLabel("驳回理由").FillAsync("培训签到记录与考核记录不符");
            await form.GetByLabel("日期").FillAsync("2021/04/20");
            await form.GetByRole(AriaRole.Button, new() { Name = "驳回", Exact = true }).ClickAsync();
            // The date is refused in the browser as the wrong format before anything is sent.
            (await form.GetByLabel("日期").EvaluateAsync<bool>("e => e.validity.patternMismatch")).ShouldBeTrue();
            await form.GetByLabel("日期").FillAsync("2021-04-20");
            await form.GetByRole(AriaRole.Button, new() { Name = "驳回", Exact = true }).ClickAsync();
            await Expect(page.Locator("main p.error")).ToContainTextAsync("已驳回：培训签到记录与考核记录不符");
            var rejected = page.Locator("ol.timeline li[data-type=claim_rejected]");
            await Expect(rejected).ToContainTextAsync("补贴申请被驳回");
            await Expect(rejected).ToContainTextAsync("培训签到记录与考核记录不符");
            await Expect(page.Locator("ol.timeline li[data-type=claim_submitted]")).ToContainTextAsync("提交补贴申请：1 人");
            await hr.ScreenshotAsync("claim-rejected");
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await Expect(page.Locator("ol.timeline li[data-type=claim_rejected]")).ToContainTextAsync("claim rejected");
        }

        await using (var handler = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", enterprise: enterprise))
        {
            var page = handler.Page;
            await Nav(page, "补贴审核").ClickAsync();
            var own = page.Locator("#own-claims tbody tr");
            await Expect(own).ToHaveCountAsync(1);
            await Expect(own).ToContainTextAsync("已驳回：培训签到记录与考核记录不符");
            (await page.ContentAsync()).ShouldNotContain(neighbours.ToString());
            await handler.ScreenshotAsync("own-claims");
            // The row links to its claim's page; followed by address rather than by a click, because on a loaded CI machine
            // the click's navigation twice failed to commit within 30 s (waiting for "load", then for the URL) while the
            // same test passed alone: a plain <a href> is the browser's business, the link's target and the page are ours.
            var link = own.GetByRole(AriaRole.Link);
            await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/console/claims/{claimId}$"));
            await page.GotoAsync(await link.GetAttributeAsync("href") ?? "", new() { WaitUntil = WaitUntilState.Commit });
            await Expect(page.Locator("h1")).ToContainTextAsync("补贴审核表");
        }

        await using (var registrar = await ConsoleSession.SignInAsync(Fixture, "training-institution", "registrar-sun", "hlj-training-school", institution: training.InstitutionId))
        {
            var page = registrar.Page;
            await Nav(page, "补贴审核").ClickAsync();
            await Expect(page.Locator("#own-claims tbody tr")).ToHaveCountAsync(2);
        }
        (await Host.Get($"/api/claims/{claimId}")).GetProperty("stage").GetString().ShouldBe("rejected");
    }

    /// <summary>The claim's progress shows the stage; if not, the refusal the page showed is the failure message.</summary>
    private static async Task StageIs(IPage page, string stage)
    {
        try
        {
            await Expect(page.Locator(".steps li[aria-current=step]")).ToHaveTextAsync(stage);
        }
        catch (PlaywrightException)
        {
            var errors = await page.Locator(".form-error:not([hidden])").AllInnerTextsAsync();
            throw new InvalidOperationException($"the claim did not reach {stage}: {string.Join(" | ", errors)}");
        }
    }

    private static ILocator Nav(IPage page, string name) => page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>One role opens the claim on its day and takes the one step the console offers it.</summary>
    private async Task Step(LocalDate day, (string Role, string User, string Org, string? Jurisdiction) who, Guid claimId, string action, string button,
        string stageAfter, Guid? institution = null)
    {
        Host.On(day);
        await using var session = await ConsoleSession.SignInAsync(Fixture, who.Role, who.User, who.Org, who.Jurisdiction, institution: institution);
        var page = session.Page;
        await page.GotoAsync($"/console/claims/{claimId}");
        var form = page.Locator($"form[data-api$='/{action}']");
        if (await form.CountAsync() == 0)
            throw new InvalidOperationException($"{who.Role} is offered no {action} on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        await form.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await StageIs(page, stageAfter);
    }

    [Fact]
    public async Task a_finance_officer_finds_a_planted_duplicate_payment_and_sees_the_ledger_as_charts()
    {
        // Planted: the same person certified twice for the same work type on the same day, under two numbers, paid by two enterprises (FR-01).
        var (_, _, person, twinNumber, _, _) = await Host.PlantDoublePayment();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Host.On(new LocalDate(2021, 6, 30));

        await using var cashier = await ConsoleSession.SignInAsync(Fixture, "finance-bureau", "cashier-zhou", "hlj-finance-bureau", "hlj");
        var page = cashier.Page;
        await Nav(page, "发放台账").ClickAsync();
        await page.GetByLabel("起始月份").FillAsync("2021-01");
        await page.GetByLabel("截止月份").FillAsync("2021-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await cashier.ScreenshotAsync("payouts");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "4");
        await Expect(page.Locator("#chart-month svg")).ToHaveCountAsync(1);
        await Expect(page.Locator("#ledger tbody tr")).ToHaveCountAsync(2);
        await cashier.ScreenshotAsync("payouts");
        await page.SetViewportSizeAsync(820, 1180);
        await cashier.ScreenshotAsync("payouts-tablet");
        await page.SetViewportSizeAsync(1366, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出台账 XLSX" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("payout-ledger-2021-01-2021-06.xlsx");

        await page.GetByRole(AriaRole.Link, new() { Name = "重复发放排查" }).ClickAsync();
        await page.GetByLabel("发放日期自").FillAsync("2021-04-01");
        await page.GetByLabel("至", new() { Exact = true }).FillAsync("2021-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "排查" }).ClickAsync();
        await Expect(page.Locator("#duplicate-count")).ToHaveTextAsync("1");
        var planted = page.Locator("article.duplicate[data-rule=FR-01]");
        await Expect(planted).ToContainTextAsync("HLJ-PAY-0101");
        await Expect(planted).ToContainTextAsync("HLJ-PAY-0102");
        await Expect(planted).ToContainTextAsync(twinNumber);
        await Expect(planted).ToContainTextAsync("¥2,000.00");
        (await page.ContentAsync()).ShouldNotContain(person.IdNumber);
        await cashier.ScreenshotAsync("duplicates");
    }

    [Fact]
    public async Task the_person_file_enterprise_compliance_and_audit_pages_show_what_the_role_may_see()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("tj-jizhou");
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber, "李四");
        await Host.Hire(personId, enterprise, new LocalDate(2026, 1, 5), specialOperationWorkType: "electrical.low-voltage");
        var number = TestIds.NewCertificateNumber();
        await Host.IssueCertificate(personId, number, passDate: new LocalDate(2026, 2, 2));

        await using (var anonymous = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseUrl }))
        {
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync("/console/claims");
            await page.WaitForURLAsync("**/console/sign-in?returnUrl=%2Fconsole%2Fclaims");
            await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sign-in.png"), FullPage = true });
        }

        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "cn"))
        {
            var page = regulator.Page;
            await regulator.ScreenshotAsync("home");
            await Nav(page, "一人一档").ClickAsync();
            await page.GetByLabel("身份证号", new() { Exact = true }).FillAsync(idNumber);
            await page.Locator("form[data-api='POST /api/persons/search']").GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
            await page.WaitForURLAsync($"**/console/persons/{personId}");
            await Expect(page.Locator("main")).ToContainTextAsync(number);
            (await page.ContentAsync()).ShouldNotContain(idNumber);
            (page.Url).ShouldNotContain(idNumber);
            await regulator.ScreenshotAsync("person-file");

            // Found again by name and the last four of the ID number, posted (not in the address), the match masked.
            await Nav(page, "一人一档").ClickAsync();
            await page.GetByLabel("姓名").FillAsync("李四");
            await page.GetByLabel("身份证号后四位").FillAsync(idNumber[^4..]);
            await page.GetByLabel("身份证号后四位").PressAsync("Enter");
            var matches = page.Locator("#person-matches tbody tr");
            await Expect(matches).ToHaveCountAsync(1);
            await Expect(matches).ToContainTextAsync(idNumber[^4..]);
            page.Url.ShouldNotContain(idNumber[^4..]);
            (await page.ContentAsync()).ShouldNotContain(idNumber);
            await regulator.ScreenshotAsync("person-search-by-name");
            await matches.GetByRole(AriaRole.Link).ClickAsync();
            await page.WaitForURLAsync($"**/console/persons/{personId}");

            // As of the day before the certificate was issued, the file holds no certificate yet.
            await page.GetByLabel("截至日期（当日台账所知）").FillAsync("2026-02-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
            await Expect(page.Locator("main")).Not.ToContainTextAsync(number);

            await page.GotoAsync($"/console/enterprises/{enterprise}");
            await Expect(page.Locator("#obligations")).ToBeVisibleAsync();
            await regulator.ScreenshotAsync("enterprise-compliance");
            await page.GetByLabel("状态").SelectOptionAsync("met");
            await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
            (await page.Locator("#obligations tbody tr .badge").AllTextContentsAsync()).ShouldAllBe(t => t == "已履行");

            await Nav(page, "批量导入").ClickAsync();
            await Expect(page.Locator("#import-form select option")).ToHaveCountAsync(2);

            await page.GotoAsync("/console/audit");
            await Expect(page.Locator("h1")).ToHaveTextAsync("此角色无权查看本页");
        }

        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using (var auditor = await ConsoleSession.SignInAsync(Fixture, "auditor", "auditor-he", "national-audit-office", "cn"))
        {
            var page = auditor.Page;
            // An auditor states why before the console shows anything (issue 13, finding 9), then reads; the read is recorded with it.
            await page.GotoAsync($"/console/persons/{personId}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("说明查阅事由");
            await page.GetByLabel("查阅事由").FillAsync("2026 年度补贴专项审计");
            await page.GetByRole(AriaRole.Button, new() { Name = "确认并继续" }).ClickAsync();
            await page.WaitForURLAsync($"**/console/persons/{personId}");
            await Expect(page.Locator("main")).ToContainTextAsync(number);
            await page.GotoAsync("/console/audit");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "生成并下载摘要" }).ClickAsync());
            download.SuggestedFilename.ShouldBe("ledger-digest.json");
            await Expect(page.Locator("#digest-result")).ToContainTextAsync("merkleRoot");
            await page.Locator("#digest").FillAsync(await page.Locator("#digest-result").TextContentAsync() ?? "");
            await page.GetByRole(AriaRole.Button, new() { Name = "核验", Exact = true }).ClickAsync();
            await Expect(page.Locator("#verify-result")).ToContainTextAsync("\"intact\": true");
            await auditor.ScreenshotAsync("audit");
        }
    }
}
