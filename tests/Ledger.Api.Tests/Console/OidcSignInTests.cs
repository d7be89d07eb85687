using System.Net;
using System.Net.Http.Headers;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>
/// Sign-in through a real OpenID Connect provider (issue 16 item 6), in the browser: the console sends the browser to the
/// provider (authorization code, PKCE), the provider's claims are mapped by configuration to one actor, the actor sees only
/// its scope, and signing out ends the console's session and the provider's.
/// </summary>
[Collection(nameof(OidcBrowserCollection))]
public sealed class OidcSignInTests(OidcBrowserFixture fixture) : IntegrationContext(fixture)
{
    private new OidcBrowserFixture Fixture => (OidcBrowserFixture)base.Fixture;

    private async Task<(IBrowserContext Context, IPage Page)> BrowserAsync()
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Fixture.BaseUrl, Locale = "zh-CN" });
        context.SetDefaultTimeout(30_000);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Polled rather than WaitForURL: a redirect that has already landed never commits again (see ConsoleSession).</summary>
    private static async Task AtAsync(IPage page, string pathAndQuery)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new Uri(page.Url).PathAndQuery != pathAndQuery)
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the browser did not reach {pathAndQuery}; it is at {page.Url} showing: {await page.Locator("body").InnerTextAsync()}");
            await Task.Delay(100);
        }
    }

    private async Task<HttpStatusCode> ApiAsync(string token, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Fixture.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task an_enterprise_clerk_signs_in_through_the_provider_sees_only_its_enterprise_and_signing_out_ends_both_sessions()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var (neighbour, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var applied = new LocalDate(2021, 4, 10);
        var own = await Host.SubmitClaim(enterprise, training, [await Host.Trainee(training, enterprise, "王五")], applied);
        var theirs = await Host.SubmitClaim(neighbour, training, [await Host.Trainee(training, neighbour, "赵六")], applied);
        // The province's names and role value, not the ledger's: the mapping in OidcBrowserFixture makes them an enterprise actor.
        Fixture.Provider.Add(new ProviderAccount("clerk-zhao", "赵会计（企业填报员）",
            [("ledger_role", "企业填报员"), ("org_code", "hlj-enterprise"), ("division", "hlj"), ("enterprise_id", enterprise.ToString())]));

        var (context, page) = await BrowserAsync();
        await using var _ = context;
        // A console address without a session leads to the sign-in page, which offers the provider.
        await page.GotoAsync($"/console/claims/{own}");
        await Expect(page.Locator("#oidc-sign-in")).ToContainTextAsync("使用省统一身份认证平台登录");
        await page.Locator("#oidc-sign-in").ClickAsync();
        // At the provider, with the PKCE challenge the standard handler sent.
        await Expect(page.Locator("h1")).ToContainTextAsync("省统一身份认证平台");
        var authorize = Uri.UnescapeDataString(new Uri(page.Url).Query);
        authorize.ShouldContain("code_challenge_method=S256");
        authorize.ShouldContain("response_type=code");
        await page.GetByRole(AriaRole.Button, new() { Name = "赵会计（企业填报员）" }).ClickAsync();

        // Back on the page asked for, as the enterprise the claims name.
        await AtAsync(page, $"/console/claims/{own}");
        await Expect(page.Locator("h1")).ToContainTextAsync("补贴审核表");
        var token = (await context.CookiesAsync()).Single(c => c.Name == "ledger_console").Value;
        (await ApiAsync(token, $"/api/claims/{own}")).ShouldBe(HttpStatusCode.OK);

        // Another enterprise's claim does not exist for it (a claim names persons); another enterprise's file is refused.
        (await page.GotoAsync($"/console/claims/{theirs}"))!.Status.ShouldBe(404);
        (await page.GotoAsync($"/console/enterprises/{neighbour}"))!.Status.ShouldBe(403);
        (await ApiAsync(token, $"/api/claims/{theirs}")).ShouldBe(HttpStatusCode.NotFound);

        // Signing out ends the console session (the token is refused wherever it is shown) and the provider's.
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await AtAsync(page, "/console/sign-in?signedOut=1");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("统一身份认证的会话也已结束");
        Fixture.Provider.EndSessions.ShouldBe(1);
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "ledger_console");
        (await ApiAsync(token, $"/api/claims/{own}")).ShouldBe(HttpStatusCode.Unauthorized);
        await page.GotoAsync("/console");
        new Uri(page.Url).AbsolutePath.ShouldBe("/console/sign-in");
        // The provider asks who is signing in again instead of passing the last person straight through.
        await page.Locator("#oidc-sign-in").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "赵会计（企业填报员）" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task an_account_holding_two_roles_is_refused_as_a_whole_and_nothing_is_signed_in()
    {
        Fixture.Provider.Add(new ProviderAccount("inspector-two-hats", "钱监管（两个角色）",
            [("ledger_role", "应急监管员"), ("ledger_role", "企业填报员"), ("org_code", "hlj-emergency-bureau"), ("division", "hlj")]));
        Fixture.Provider.Add(new ProviderAccount("inspector-qian", "钱监管",
            [("ledger_role", "应急监管员"), ("org_code", "hlj-emergency-bureau"), ("division", "hlj")]));

        var (context, page) = await BrowserAsync();
        await using var _ = context;
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#oidc-sign-in").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "钱监管（两个角色）" }).ClickAsync();
        await AtAsync(page, "/console/sign-in?error=provider-actor");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("同时具有多个角色的账号不能登录");
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "ledger_console");

        // A one-role account of the same bureau is a regulator of its jurisdiction.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#oidc-sign-in").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "钱监管", Exact = true }).ClickAsync();
        await AtAsync(page, "/console");
        var token = (await context.CookiesAsync()).Single(c => c.Name == "ledger_console").Value;
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        claims.GetClaim("role").Value.ShouldBe("regulator");
        claims.GetClaim("jurisdiction").Value.ShouldBe("hlj");
        claims.GetClaim("sub").Value.ShouldBe("inspector-qian");
    }
}
