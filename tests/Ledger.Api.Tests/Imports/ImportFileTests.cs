using System.Text;
using System.Text.Json;
using Ledger.Api.Exports;
using Ledger.Api.Imports;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Api.Tests.Imports;

/// <summary>
/// Files as offices produce them (issue 16 item 5): a CSV Excel saved on Chinese Windows (GBK, Chinese headers), an .xlsx
/// workbook, the downloadable templates, and refusals in Chinese naming the line, the column and the fix.
/// </summary>
[Collection(nameof(ImportsCollection))]
public sealed class ImportFileTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly LocalDate Today = new(2026, 3, 2);
    private static readonly string ChineseHeader = string.Join(",", ImportColumns.Attendance.Select(c => ImportWording.Columns[c]));

    private async Task<(TrainingClass Class, string A, string B)> ClassWithTwoTrainees()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber(male: false));
        await Host.RegisterPerson(a);
        await Host.RegisterPerson(b, name: "李四");
        var c = await Host.OpenClass((Today.PlusDays(-3), SessionMode.Classroom, 2), (Today.PlusDays(-2), SessionMode.Practical, 3));
        return (c, a, b);
    }

    private static async Task<byte[]> Bytes(Alba.IScenarioResult result)
    {
        var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<ImportReport> ImportBytes(byte[] body, string contentType)
    {
        var result = await Host.PostCsv("attendance", body, 200, contentType);
        return (await result.ReadAsJsonAsync<ImportReport>())!;
    }

    [Fact]
    public async Task a_gbk_csv_with_chinese_headers_as_excel_saves_it_imports_and_its_bad_rows_are_named_in_chinese()
    {
        var (c, a, b) = await ClassWithTwoTrainees();
        var csv = new StringBuilder()
            .Append(ChineseHeader).Append("\r\n")
            .Append($"{c.Id},{c.Sessions[0].SessionId},{a},2,,,,\r\n")        // 2 accepted
            .Append($"{c.Id},{c.Sessions[1].SessionId},{b},3,,,,\r\n")        // 3 accepted
            .Append($"{c.Id},{c.Sessions[0].SessionId},{b},很多,,,,\r\n")     // 4 hours in words
            .Append($"{c.Id},{Guid.NewGuid()},{b},2,,,,\r\n")                 // 5 no such session
            .ToString();
        var gbk = ImportFiles.Gb18030.GetBytes(csv);
        Encoding.UTF8.GetString(gbk).ShouldContain("\uFFFD", customMessage: "the test file must not be UTF-8 by accident");

        // Sent as a browser sends a .csv: text/csv with no charset; the ledger tells GBK from the bytes.
        var report = await ImportBytes(gbk, "text/csv");
        (report.Rows, report.Accepted, report.Rejected).ShouldBe((4, 2, 2));
        report.Where().ShouldBe([(4, "hours"), (5, "session_id")]);
        report.Errors[0].Column.ShouldBe("学时");
        report.Errors[0].Reason.ShouldBe("须为学时数，如 2 或 1.5");
        report.Errors[1].Column.ShouldBe("课次编号");
        report.Errors[1].Reason.ShouldBe("不是该培训班的课次");

        // A charset named by the sender is believed, and the file is read again to the same end (all imported before).
        var again = await ImportBytes(gbk, "text/csv; charset=gbk");
        (again.Accepted, again.Skipped, again.Rejected).ShouldBe((0, 2, 2));
    }

    [Fact]
    public async Task an_xlsx_workbook_imports_its_first_sheet_with_numbers_as_numbers_and_line_numbers_as_excel_shows_them()
    {
        var (c, a, b) = await ClassWithTwoTrainees();
        var table = new Table().Row(ImportColumns.Attendance.Select(ImportWording.TemplateHeader).Cast<object?>().ToArray());
        table.Row(c.Id.ToString(), c.Sessions[0].SessionId.ToString(), a, 2m, null, null, null, null);
        table.Row(c.Id.ToString(), c.Sessions[1].SessionId.ToString(), b, 3m, null, null, null, null);
        table.Row(c.Id.ToString(), c.Sessions[1].SessionId.ToString(), b, 30m, null, null, null, null);
        var report = await ImportBytes(Spreadsheet.Write("导入", table), ImportFiles.XlsxContentType);
        (report.Rows, report.Accepted, report.Rejected).ShouldBe((3, 2, 1));
        report.Where().ShouldBe([(4, "hours")]);
        report.Errors[0].Reason.ShouldBe("须大于 0 且不超过 24");
    }

    [Fact]
    public async Task a_file_in_neither_encoding_or_a_broken_workbook_is_refused_with_the_exact_fix_and_stores_nothing()
    {
        var before = await Fixture.EventCountAsync();
        // 0x80 and 0xFF are neither UTF-8 nor GB18030.
        var garbage = Encoding.ASCII.GetBytes("class_id,session_id\r\n").Concat(new byte[] { 0xFF, 0x80, 0xFF, 0x80, 0x0D, 0x0A }).ToArray();
        var refused = await Host.PostCsv("attendance", garbage, 415);
        var problem = await refused.ReadAsJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("import-encoding");
        problem.GetProperty("detail").GetString()!.ShouldContain("CSV UTF-8（逗号分隔）");

        var workbook = await Host.PostCsv("attendance", Encoding.UTF8.GetBytes("not a zip"), 415, ImportFiles.XlsxContentType);
        (await workbook.ReadAsJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("import-workbook");
        (await Fixture.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task the_templates_carry_chinese_headers_and_a_filled_template_imports()
    {
        var (c, a, _) = await ClassWithTwoTrainees();
        var csv = await Host.Scenario(s =>
        {
            s.Get.Url("/api/imports/templates/attendance?format=csv");
            s.AsActor();
            s.StatusCodeShouldBe(200);
        });
        var bytes = await Bytes(csv);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM, so Excel opens the template in Chinese");
        var header = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').TrimEnd();
        header.ShouldBe("培训班编号(class_id),课次编号(session_id),身份证号码(id_number),学时(hours),人脸核验次数(face_checks),人脸核验通过次数(face_passed),人脸核验服务商(face_provider),补录原因(late_entry_reason)");
        var filled = await ImportBytes(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes) + $"{c.Id},{c.Sessions[0].SessionId},{a},2,,,,\r\n"), "text/csv");
        (filled.Accepted, filled.Rejected).ShouldBe((1, 0));

        var xlsx = await Host.Scenario(s =>
        {
            s.Get.Url("/api/imports/templates/certificates?format=xlsx");
            s.AsActor();
            s.StatusCodeShouldBe(200);
        });
        xlsx.Context.Response.ContentType.ShouldBe(Spreadsheet.ContentType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await Bytes(xlsx)));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/")).Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        sheets.Count.ShouldBe(2);
        sheets[0].ShouldContain("证书编号(certificate_number)");
        sheets[1].ShouldContain("18 位居民身份证号码");

        await Host.Scenario(s =>
        {
            s.Get.Url("/api/imports/templates/persons");
            s.AsActor();
            s.StatusCodeShouldBe(404);
        });
    }
}
