using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>
/// Issue 20's enforcement in Chromium: a Heilongjiang regulator records an inspection of an enterprise with an uncertified electrician, orders
/// it rectified with the detected breach linked, and sees the order in the register, overdue once its deadline has passed; the enterprise
/// reads its own order and has no way to the tip-offs.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class EnforcementPageTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task a_regulator_records_an_inspection_orders_rectification_of_the_detected_breach_and_the_register_marks_it_overdue()
    {
        Host.On(new LocalDate(2021, 3, 1));
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson(TestIds.NewIdNumber(), "孙七");
        await Host.Hire(person, enterprise, new LocalDate(2021, 3, 1), specialOperationWorkType: ClaimScenarios.WorkType);
        Host.On(new LocalDate(2021, 6, 1));

        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj"))
        {
            var page = regulator.Page;
            await page.GotoAsync($"/console/inspections/new?enterprise={enterprise}");
            var form = page.Locator("form[data-api='POST /api/inspections']");
            await form.Locator("input[name='certificatesChecked']").FillAsync("5");
            await form.Locator("input[name='certificatesMissing']").FillAsync("1");
            await form.Locator("input[name='spotQuiz.0.examined']").FillAsync("1");
            await form.Locator("input[name='spotQuiz.0.passed']").FillAsync("1");
            await form.Locator("button[type=submit]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/inspections/[0-9a-f-]{36}$"));
            await Expect(page.Locator("h1")).ToContainTextAsync("执法检查");

            var order = page.Locator("form[data-api$='/rectification-orders']");
            // The breach the ledger detected on the inspection date is listed for linking: the uncertified electrician.
            await Expect(order.Locator("ul.flags")).ToContainTextAsync("孙七");
            await order.Locator("textarea[name='finding']").FillAsync("低压电工无证上岗");
            await order.Locator("input[name='deadline']").FillAsync("2021-06-01");
            await order.Locator("button[type=submit]").ClickAsync();
            // Refused with the rule's words: a deadline is a day after the order at the earliest (HLJ-ENF-02).
            await Expect(order.Locator(".form-error")).ToBeVisibleAsync();
            await Expect(order.Locator(".form-error")).ToContainTextAsync("HLJ-ENF-02");
            await order.Locator("input[name='deadline']").FillAsync("2021-06-15");
            await order.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("#orders tbody tr")).ToContainTextAsync("整改期限内");
            await Expect(page.Locator("form[data-api$='/re-inspections']")).ToBeVisibleAsync();
            await regulator.ScreenshotAsync("enforcement-inspection");

            Host.On(new LocalDate(2021, 6, 20));
            await page.GotoAsync("/console/inspections?overdue=true");
            await Expect(page.Locator("#register-total")).ToHaveTextAsync("1");
            await Expect(page.Locator("#rectifications tbody tr")).ToContainTextAsync("逾期 5 天");
            await regulator.ScreenshotAsync("enforcement-register");
            await page.GotoAsync("/console/tip-offs");
            await Expect(page.Locator("form[data-api='POST /api/tip-offs']")).ToBeVisibleAsync();
        }

        await using var own = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", null, enterprise);
        await own.Page.GotoAsync("/console/inspections");
        await Expect(own.Page.Locator("h1")).ToHaveTextAsync("本单位的检查与整改");
        await Expect(own.Page.Locator("#rectifications tbody tr")).ToContainTextAsync("低压电工无证上岗");
        await Expect(own.Page.Locator("form[data-api]")).ToHaveCountAsync(0);
        var refused = await own.Page.GotoAsync("/console/tip-offs");
        refused!.Status.ShouldBe(403);
        await own.ScreenshotAsync("enforcement-enterprise");
    }
}
