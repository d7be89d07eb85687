using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>证书公开查询 (/verify) on a phone: no sign-in, number and name posted, a list checked within the allowance.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class PublicVerifyTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task an_inspector_checks_a_certificate_by_number_and_name_on_a_phone_and_an_employer_checks_a_crew_by_upload()
    {
        var personId = await Host.RegisterPerson(name: "赵六");
        var number = TestIds.NewCertificateNumber();
        await Host.IssueCertificate(personId, number);
        var revoked = TestIds.NewCertificateNumber();
        var revokedId = await Host.IssueCertificate(await Host.RegisterPerson(name: "钱七"), revoked);
        await Host.Post($"/api/certificates/{revokedId}/revocations",
            new { on = "2026-02-28", ground = "deception", reason = "以欺骗手段取得", legalBasis = "特种作业人员安全技术培训考核管理规定 第四十条", version = 1 }, 200);

        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = Fixture.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/verify");
        await Expect(page.Locator("h1")).ToHaveTextAsync("证书公开查询");
        await page.GetByLabel("证书编号", new() { Exact = true }).FillAsync(number);
        await page.GetByLabel("持证人姓名").FillAsync("赵六");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(page.Locator(".verdict")).ToHaveTextAsync("证书有效，可以上岗作业");
        var facts = page.Locator("dl.verify-facts");
        await Expect(facts).ToContainTextAsync("低压电工作业");
        await Expect(facts).ToContainTextAsync("赵*");
        await Expect(facts).Not.ToContainTextAsync("赵六");
        await Expect(facts).ToContainTextAsync("发证机关");
        // Posted: neither the number nor the name is in the address.
        page.Url.ShouldEndWith("/verify");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "verify-phone.png"), FullPage = true });
        // Readable on a phone: nothing wider than the screen.
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        // A wrong name answers as an unknown number does, so the check tells nothing about whose the number is.
        await page.GetByLabel("证书编号", new() { Exact = true }).FillAsync(number);
        await page.GetByLabel("持证人姓名").FillAsync("冒名");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(page.Locator(".verdict")).ToHaveTextAsync("未查到与该编号和姓名相符的证书");

        // A crew's list as Excel writes CSV on a Chinese Windows (GBK), header row first.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = Encoding.GetEncoding("GB18030").GetBytes($"证书编号,姓名\r\n{number},赵六\r\n{revoked},钱七\r\nNOPE-1,孙八\r\n");
        await page.GetByLabel("名单文件（CSV 或 XLSX：第一列证书编号，第二列姓名）").SetInputFilesAsync(new FilePayload { Name = "班组.csv", MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并核验" }).ClickAsync();
        await Expect(page.Locator("p.big")).ToHaveTextAsync("共 3 行，有效 1 行");
        var rows = page.Locator("#batch tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync("有效");
        await Expect(rows.Nth(1)).ToContainTextAsync("已吊销");
        await Expect(rows.Nth(2)).ToContainTextAsync("未查到相符证书");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "verify-batch-phone.png"), FullPage = true });

        // The same page in English, by its switch.
        await page.GotoAsync("/verify?lang=en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Certificate check");
    }

    [Fact]
    public async Task a_list_longer_than_the_client_s_allowance_is_refused_whole_and_says_how_to_split_it()
    {
        var rows = string.Concat(Enumerable.Range(1, 61).Select(i => $"T{i:000000},某人\n"));
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(rows)), "list", "list.csv" } };
        using var client = new HttpClient { BaseAddress = new Uri(Fixture.BaseUrl) };
        var response = await client.PostAsync("/verify/batch", content);
        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("一次最多核验 60 行，本名单有 61 行");
    }
}
