using Microsoft.Playwright;

namespace Ledger.Api.Tests.Console;

/// <summary>A person at the console: a fresh browser context (its own cookies) signed in through the Development identity picker.</summary>
public sealed class ConsoleSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<ConsoleSession> SignInAsync(BrowserFixture fixture, string role, string user, string org, string? jurisdiction = null,
        Guid? enterprise = null, Guid? institution = null, int width = 1366)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "zh-CN",
            AcceptDownloads = true,
        });
        // A guard against a hung page, not a speed assertion: CI shares two cores with API processes of the fault tests.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.Locator("details summary").ClickAsync();
        var form = page.Locator("form:has(input[name=demo][value=custom])");
        await form.Locator("select[name=role]").SelectOptionAsync(role);
        await form.Locator("input[name=user]").FillAsync(user);
        await form.Locator("input[name=org]").FillAsync(org);
        if (jurisdiction is not null) await form.Locator("input[name=jurisdiction]").FillAsync(jurisdiction);
        if (enterprise is not null) await form.Locator("input[name=enterprise]").FillAsync(enterprise.ToString()!);
        if (institution is not null) await form.Locator("input[name=institution]").FillAsync(institution.ToString()!);
        await form.Locator("button[type=submit]").ClickAsync();
        // The address, not the load event: on a loaded CI machine the home page's load can outlast the guard. Polled, because
        // WaitForURL with WaitUntil=Commit waits for a commit that never comes when the redirect has already landed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!new Uri(page.Url).AbsolutePath.EndsWith("/console", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"sign-in as {role} did not reach /console; the browser is at {page.Url} showing: {await page.Locator("body").InnerTextAsync()}");
            await Task.Delay(100);
        }
        return new ConsoleSession(context, page);
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
