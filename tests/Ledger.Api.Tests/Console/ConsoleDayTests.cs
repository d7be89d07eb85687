using System.Text.RegularExpressions;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>
/// Issue 16's days in the console: each role does its daily writes through the console's forms alone, in Chromium, and
/// the ledger is then asked through the API what was recorded. A bad input first shows the API's Chinese field message
/// beside the field and stores nothing.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ConsoleDayTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task a_regulator_registers_a_person_issues_reviews_suspends_reinstates_and_revokes_a_certificate_in_the_console()
    {
        var idNumber = TestIds.NewIdNumber();
        var number = TestIds.NewCertificateNumber();
        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "cn");
        var page = regulator.Page;

        await Nav(page, "一人一档").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "人员登记" }).ClickAsync();
        var person = page.Locator("#person-form");
        await person.GetByLabel("身份证号").FillAsync(TestIds.WithWrongCheckCharacter(idNumber));
        await person.GetByLabel("姓名").FillAsync("钱七");
        await person.GetByLabel("学历").SelectOptionAsync(new SelectOptionValue { Label = "高中" });
        await person.GetByLabel("户籍地").FillAsync("天津市蓟州区");
        await person.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        // The API's refusal, in Chinese, beside the box it is about.
        await Expect(person.Locator("label:has(input[name=idNumber]) .field-error")).ToBeVisibleAsync();
        (await person.Locator("label:has(input[name=idNumber]) .field-error").InnerTextAsync()).ShouldMatch("[\u4e00-\u9fff]");
        await Expect(person.Locator("input[name=idNumber]")).ToHaveAttributeAsync("aria-invalid", "true");
        await regulator.ScreenshotAsync("day-regulator-person-error");
        await person.GetByLabel("身份证号").FillAsync(idNumber);
        await person.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/persons/[0-9a-f-]{36}$"));
        var personId = Guid.Parse(page.Url[^36..]);
        (await Host.Get($"/api/persons/{personId}")).GetProperty("name").GetString().ShouldBe("钱七");

        await page.GetByRole(AriaRole.Link, new() { Name = "为此人发证" }).ClickAsync();
        var issue = page.Locator("#issue-form");
        await issue.GetByLabel("身份证号").FillAsync(idNumber);
        await issue.GetByLabel("姓名").FillAsync("钱七");
        await issue.GetByLabel("证书编号").FillAsync(number);
        (await issue.GetByLabel("作业类别/工种").Locator("option:checked").InnerTextAsync()).ShouldBe("低压电工作业");
        await issue.GetByLabel("考试点").FillAsync("蓟州区安全生产考试点");
        await issue.GetByLabel("考试日期").FillAsync("2026-02-20");
        await issue.GetByLabel("合格日期").FillAsync("2026-02-10");
        await regulator.ScreenshotAsync("day-regulator-issue-form");
        await issue.GetByRole(AriaRole.Button, new() { Name = "发证" }).ClickAsync();
        var passError = issue.Locator("label:has(input[name=passDate]) .field-error");
        await Expect(passError).ToContainTextAsync("不能早于");
        await regulator.ScreenshotAsync("day-regulator-issue-error");
        (await Host.Get($"/api/persons/{personId}")).GetProperty("certificates").GetArrayLength().ShouldBe(0);

        await issue.GetByLabel("合格日期").FillAsync("2026-02-25");
        await issue.GetByRole(AriaRole.Button, new() { Name = "发证" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/certificates?number={number}");
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("有效");
        await regulator.ScreenshotAsync("day-regulator-certificate-acts");

        await Act(page, "复审", "#review-form", async form =>
        {
            await form.GetByLabel("复审结论").SelectOptionAsync(new SelectOptionValue { Label = "合格" });
        }, "登记复审");
        await Expect(page.Locator("ol.timeline li[data-type=certificate_reviewed]")).ToHaveCountAsync(1);

        // A suspension dated tomorrow is refused beside its date, and nothing is recorded.
        await Act(page, "暂扣", "#suspend-form", async form =>
        {
            await form.GetByLabel("暂扣起始日期").FillAsync("2026-03-03");
            await form.GetByLabel("暂扣理由").FillAsync("现场检查发现违章作业");
        }, "暂扣", reload: false);
        await Expect(page.Locator("#suspend-form label:has(input[name=from]) .field-error")).ToHaveTextAsync("不能晚于今天");
        await regulator.ScreenshotAsync("day-regulator-suspend-error");
        await Expect(page.Locator("ol.timeline li[data-type=certificate_suspended]")).ToHaveCountAsync(0);
        await page.Locator("#suspend-form").GetByLabel("暂扣起始日期").FillAsync("2026-03-02");
        await Submit(page, "#suspend-form", "暂扣");
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("暂扣");
        await Expect(page.Locator("ol.timeline li[data-type=certificate_suspended]")).ToContainTextAsync("现场检查发现违章作业");

        await Act(page, "恢复", "#reinstate-form", form => form.GetByLabel("恢复理由").FillAsync("整改完成，复查合格"), "恢复");
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("有效");

        await Act(page, "吊销", "#revoke-form", async form =>
        {
            await form.GetByLabel("吊销理由").FillAsync("以欺骗手段取得");
            await form.GetByLabel("法律依据").FillAsync("特种作业人员安全技术培训考核管理规定 第四十条");
        }, "吊销");
        await Expect(page.Locator("#cert-title .badge")).ToHaveTextAsync("已吊销");
        await Expect(page.Locator("#certificate-acts")).ToHaveCountAsync(0);
        await regulator.ScreenshotAsync("day-regulator-revoked");

        var certificate = (await Host.Get($"/api/persons/{personId}")).GetProperty("certificates")[0];
        certificate.GetProperty("number").GetString().ShouldBe(number);
        var certificateId = certificate.GetProperty("certificateId").GetGuid();
        (await Host.Get($"/api/certificates/{certificateId}")).GetProperty("status").GetString().ShouldBe("revoked");
        var history = (await Host.Get($"/api/certificates/{certificateId}/history")).GetProperty("events").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), Reason: e.TryGetProperty("reason", out var r) ? r.GetString() : null, User: e.GetProperty("actorUser").GetString())).ToList();
        history.Select(h => h.Type).ShouldBe(["certificate_issued", "certificate_reviewed", "certificate_suspended", "certificate_reinstated", "certificate_revoked"]);
        history.Single(h => h.Type == "certificate_suspended").Reason.ShouldBe("现场检查发现违章作业");
        history.Single(h => h.Type == "certificate_revoked").Reason.ShouldBe("以欺骗手段取得 (特种作业人员安全技术培训考核管理规定 第四十条)");
        history.ShouldAllBe(h => h.User == "inspector-li");
    }

    /// <summary>Opens one folded act on the page, fills it and submits; by default waits for the page to reload without an error.</summary>
    private static async Task Act(IPage page, string summary, string form, Func<ILocator, Task> fill, string button, bool reload = true)
    {
        await page.Locator("details.act > summary", new() { HasText = summary }).First.ClickAsync();
        await fill(page.Locator(form));
        if (reload) await Submit(page, form, button);
        else await page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    private static async Task Submit(IPage page, string form, string button)
    {
        var reloaded = page.WaitForRequestFinishedAsync(new() { Predicate = r => r.IsNavigationRequest, Timeout = 30_000 });
        await page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var done = await Task.WhenAny(reloaded, Task.Delay(30_000));
        if (done != reloaded || await page.Locator($"{form} .form-error:not([hidden])").CountAsync() > 0)
            throw new InvalidOperationException($"{form} was refused: {string.Join(" | ", await page.Locator(".form-error:not([hidden])").AllInnerTextsAsync())}");
        await page.WaitForLoadStateAsync();
    }

    private static ILocator Nav(IPage page, string name) => page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
