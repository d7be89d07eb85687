using System.Text;
using Ledger.Api.Exports;
using Ledger.Api.Imports;
using Ledger.Api.Tests.Imports;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Training;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>The import page (issue 16 item 5) in the browser: a GBK CSV and an .xlsx workbook, the report as a table, the refused rows to download.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ImportPageTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private static readonly LocalDate Today = new(2026, 3, 2);
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    private async Task ImportAsync(IPage page, string name, string mime, byte[] content)
    {
        await page.Locator("select[name=target]").SelectOptionAsync("/api/imports/attendance");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mime, Buffer = content });
        await page.Locator("#import-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("共 ");
    }

    [Fact]
    public async Task a_gbk_file_with_bad_rows_is_reported_by_line_column_and_reason_in_chinese_and_only_those_rows_download()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber(male: false));
        await Host.RegisterPerson(a);
        await Host.RegisterPerson(b, name: "李四");
        var c = await Host.OpenClass((Today.PlusDays(-3), SessionMode.Classroom, 2), (Today.PlusDays(-2), SessionMode.Practical, 3));
        var header = string.Join(",", ImportColumns.Attendance.Select(ImportWording.TemplateHeader));
        string[] rows =
        [
            $"{c.Id},{c.Sessions[0].SessionId},{a},2,,,,",                // 2 imported
            $"{c.Id},{c.Sessions[0].SessionId},{b},很多,,,,",             // 3 hours in words
            $"{c.Id},{c.Sessions[1].SessionId},{b},3,,,,",                // 4 imported
            $"{c.Id},{Guid.NewGuid()},{b},2,,,,\"停电，次日补录\"",         // 5 no such session (a quoted reason)
        ];
        var gbk = ImportFiles.Gb18030.GetBytes(header + "\r\n" + string.Join("\r\n", rows) + "\r\n");

        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "tj-jizhou");
        var page = regulator.Page;
        await page.GotoAsync("/console/imports");
        await Expect(page.Locator("#import-templates a[href='/api/imports/templates/attendance?format=xlsx']")).ToBeVisibleAsync();
        await ImportAsync(page, "考勤.csv", "text/csv", gbk);

        await Expect(page.Locator("#import-summary")).ToContainTextAsync("共 4 行：导入 2，跳过（已导入过） 0，不能导入 2 行。");
        var errors = page.Locator("#import-errors tbody tr");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^3\\s*学时\\s*须为学时数，如 2 或 1.5$"));
        await Expect(errors.Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^5\\s*课次编号\\s*不是该培训班的课次$"));
        await regulator.ScreenshotAsync("import-report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#import-rejected-download").ClickAsync());
        download.SuggestedFilename.ShouldBe("考勤-rejected.csv");
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF');
        text.ShouldBe(header + "\r\n" + rows[1] + "\r\n" + rows[3] + "\r\n", "the header and exactly the refused rows, as UTF-8");
    }

    [Fact]
    public async Task an_xlsx_workbook_imports_from_the_page()
    {
        var a = TestIds.NewIdNumber();
        await Host.RegisterPerson(a);
        var c = await Host.OpenClass((Today.PlusDays(-3), SessionMode.Classroom, 2));
        var table = new Table().Row(ImportColumns.Attendance.Select(ImportWording.TemplateHeader).Cast<object?>().ToArray())
            .Row(c.Id.ToString(), c.Sessions[0].SessionId.ToString(), a, 2m, null, null, null, null);

        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "tj-jizhou");
        var page = regulator.Page;
        await page.GotoAsync("/console/imports");
        await ImportAsync(page, "考勤.xlsx", ImportFiles.XlsxContentType, Spreadsheet.Write("导入", table));
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("共 1 行：导入 1，跳过（已导入过） 0，不能导入 0 行。");
        await Expect(page.Locator("#import-rejected")).ToBeHiddenAsync();
    }
}
