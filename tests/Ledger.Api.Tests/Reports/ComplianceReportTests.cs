using System.Text.Json;
using Alba;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ledger.Api.Reports;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Reports;

[CollectionDefinition(nameof(ComplianceReportsCollection))]
public sealed class ComplianceReportsCollection : ICollectionFixture<AppFixture>;

/// <summary>Compliance reports built through the API from a small Jizhou: figures, scope, workbook, printable page, calendar and submissions.</summary>
[Collection(nameof(ComplianceReportsCollection))]
public sealed class ComplianceReportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Report = "/api/reports/compliance/tj-jizhou?period=2021-H1";

    private void Today(int year, int month, int day) => Fixture.Clock.Reset(Instant.FromUtc(year, month, day, 4, 0));

    private async Task<(int Status, string Body, string? ContentType, byte[] Bytes)> As(string role, string? jurisdiction, string url, object? body = null)
    {
        var result = await Host.Scenario(s =>
        {
            if (body is null) s.Get.Url(url);
            else s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("X-Ledger-User", "officer-zhao");
            s.WithRequestHeader("X-Ledger-Org", $"{jurisdiction ?? "no"}-bureau");
            s.WithRequestHeader("X-Ledger-Role", role);
            if (jurisdiction is not null) s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            if (role == "auditor") s.WithRequestHeader("X-Ledger-Reason", "annual audit");
            s.IgnoreStatusCode();
        });
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        return (result.Context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes), result.Context.Response.ContentType, bytes);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private static JsonElement Target(JsonElement report, string ruleId) =>
        report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("ruleId").GetString() == ruleId && t.GetProperty("variant").ValueKind == JsonValueKind.Null);

    /// <summary>
    /// A hazardous-chemicals enterprise with an inducted, certified electrician (甲) and an untrained team leader (乙), and an enterprise of
    /// another industry whose employee (丙) no high-risk target counts.
    /// </summary>
    private async Task<(Guid Certified, Guid Untrained, string UntrainedIdNumber)> SmallJizhou()
    {
        Today(2021, 6, 30);
        var (chem, _) = await Host.RegisterEnterprise("tj-jizhou");
        var (other, _) = await Host.RegisterEnterprise("tj-jizhou", industry: "other");
        var certified = await Host.RegisterPerson(name: "甲");
        await Host.Hire(certified, chem, new LocalDate(2021, 6, 21), specialOperationWorkType: "electrical.low-voltage");
        var (classId, sessions) = await Host.EnterpriseClass(chem, "new-hire-induction", new LocalDate(2021, 6, 10), Enumerable.Repeat("classroom", 9).ToArray());
        foreach (var s in sessions) await Host.Attend(classId, s, certified);
        await Host.Assess(certified, chem, new LocalDate(2021, 6, 19));
        await Host.IssueCertificate(certified, passDate: new LocalDate(2021, 5, 1), issuedOn: new LocalDate(2021, 5, 3));
        var vocational = LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), passDate: new LocalDate(2021, 4, 1), kind: "vocational-qualification");
        vocational["workType"] = null;
        await Host.Post($"/api/persons/{certified}/certificates", vocational, 201);

        var untrainedId = TestIds.NewIdNumber();
        var untrained = await Host.RegisterPerson(untrainedId, name: "乙");
        await Host.Hire(untrained, chem, new LocalDate(2021, 6, 21), teamLeader: true);
        var outsider = await Host.RegisterPerson(name: "丙");
        await Host.Hire(outsider, other, new LocalDate(2021, 6, 21));
        return (certified, untrained, untrainedId);
    }

    [Fact]
    public async Task the_report_streamed_a_page_of_enterprises_at_a_time_equals_the_calculation_over_every_fact_in_memory()
    {
        Today(2021, 6, 30);
        // More enterprises than one page reads (ComplianceStreaming.EnterprisesPerPage), one person employed by two of them.
        var enterprises = new List<Guid>();
        for (var i = 0; i < ComplianceStreaming.EnterprisesPerPage + 5; i++)
            enterprises.Add((await Host.RegisterEnterprise("tj-jizhou", industry: i % 3 == 0 ? "other" : "hazardous-chemicals")).Id);
        for (var i = 0; i < enterprises.Count; i++)
        {
            var person = await Host.RegisterPerson(name: i % 2 == 0 ? "甲" : "乙");
            await Host.Hire(person, enterprises[i], new LocalDate(2021, 6, 1 + i % 20), teamLeader: i % 4 == 0,
                specialOperationWorkType: i % 5 == 0 ? "electrical.low-voltage" : null);
            if (i % 7 == 0) await Host.IssueCertificate(person, passDate: new LocalDate(2021, 5, 1), issuedOn: new LocalDate(2021, 5, 3));
            if (i == 3) await Host.Hire(person, enterprises[^1], new LocalDate(2021, 6, 25), version: await Host.Version(person));
        }
        var (status, body, _, _) = await As("regulator", "tj-jizhou", Report);
        status.ShouldBe(200, body);

        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var policies = Host.Services.GetRequiredService<Domain.Policies.PolicyCatalog>();
        var industries = Host.Services.GetRequiredService<Domain.Enterprises.IndustryCatalog>();
        var persons = (await session.Query<Domain.Persons.Person>().ToListAsync()).Where(p => p.Employments.Count > 0).OrderBy(p => p.Id).ToList();
        var certificates = (await session.Query<Domain.Certificates.Certificate>().ToListAsync()).GroupBy(c => c.PersonId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Domain.Certificates.Certificate>)g.ToList());
        var facts = new Domain.Reports.ComplianceFacts(new HashSet<string> { "tj-jizhou" },
            (await session.Query<Domain.Enterprises.Enterprise>().ToListAsync()).ToDictionary(e => e.Id,
                e => new Domain.Reports.ReportEnterprise(e.Id, e.Name, e.Jurisdiction, e.Industry, industries.Find(e.Industry)?.HighRisk ?? false)),
            persons, certificates, []);
        Domain.Reports.ReportPeriod.TryParse("2021-H1", out var period);
        var inMemory = Domain.Reports.ComplianceCalculator.Compute(Domain.Reports.ComplianceCatalog.Find("JZ")!, period, facts,
            policies, new LocalDate(2021, 6, 30));
        var json = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var expected = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(inMemory, json));
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(body), expected).ShouldBeTrue(body);
        Json(body).GetProperty("employees").GetInt32().ShouldBe(enterprises.Count);
        Target(Json(body), "JZ-TGT-05").GetProperty("denominator").GetInt32().ShouldBeGreaterThan(enterprises.Count * 2 / 3 - 1);
    }

    [Fact]
    public async Task the_report_counts_JZ_TGT_01_JZ_TGT_02_and_JZ_TGT_05_from_ledger_facts_with_the_persons_behind_them()
    {
        var (certified, untrained, untrainedId) = await SmallJizhou();
        var (status, body, _, _) = await As("regulator", "tj-jizhou", Report);
        status.ShouldBe(200, body);
        var report = Json(body);
        report.GetProperty("programme").GetString().ShouldBe("JZ");
        report.GetProperty("evaluatedOn").GetString().ShouldBe("2021-06-30");
        report.GetProperty("withinProgramme").GetBoolean().ShouldBeTrue();
        report.GetProperty("employees").GetInt32().ShouldBe(3);

        var trained = Target(report, "JZ-TGT-01");
        (trained.GetProperty("numerator").GetInt32(), trained.GetProperty("denominator").GetInt32(), trained.GetProperty("met").GetBoolean()).ShouldBe((1, 2, false));
        trained.GetProperty("ratio").GetDecimal().ShouldBe(0.5m);
        trained.GetProperty("counted")[0].GetProperty("personId").GetGuid().ShouldBe(certified);
        var missing = trained.GetProperty("missing")[0];
        missing.GetProperty("personId").GetGuid().ShouldBe(untrained);
        missing.GetProperty("name").GetString().ShouldBe("乙");
        missing.GetProperty("idNumberMasked").GetString().ShouldBe(untrainedId[..3] + "***********" + untrainedId[^4..]);
        missing.GetProperty("detail").GetString()!.ShouldContain("JZ-TRN-01");
        body.ShouldNotContain(untrainedId);

        var specialOps = Target(report, "JZ-TGT-02");
        (specialOps.GetProperty("numerator").GetInt32(), specialOps.GetProperty("denominator").GetInt32(), specialOps.GetProperty("met").GetBoolean()).ShouldBe((1, 1, true));
        var share = Target(report, "JZ-TGT-05");
        (share.GetProperty("numerator").GetInt32(), share.GetProperty("denominator").GetInt32(), share.GetProperty("met").GetBoolean()).ShouldBe((1, 2, true));
        var summary = Target(Json((await As("regulator", "tj-jizhou", Report + "&persons=false")).Body), "JZ-TGT-01");
        (summary.GetProperty("numerator").GetInt32(), summary.GetProperty("counted").GetArrayLength(), summary.GetProperty("missing").GetArrayLength()).ShouldBe((1, 0, 0));

        var designations = Target(report, "JZ-TGT-06");
        designations.GetProperty("computable").GetBoolean().ShouldBeFalse();
        designations.GetProperty("notComputable").GetString()!.ShouldContain("designation registry");
    }

    [Fact]
    public async Task reports_are_scoped_to_the_bureaus_jurisdiction_and_above_and_refused_to_other_roles()
    {
        await SmallJizhou();
        (await As("regulator", "tj", Report)).Status.ShouldBe(200);
        (await As("auditor", "cn", Report)).Status.ShouldBe(200);
        (await As("regulator", "tj-jizhou", "/api/reports/compliance/JZ/calendar")).Status.ShouldBe(200);
        var other = await As("regulator", "hlj", Report);
        other.Status.ShouldBe(403);
        other.Body.ShouldContain("outside the jurisdiction");
        (await As("regulator", "hlj", "/api/reports/compliance/tj-jizhou/export.xlsx?period=2021-H1")).Status.ShouldBe(403);
        (await As("regulator", "hlj", "/api/reports/compliance/tj-jizhou/print?period=2021-H1")).Status.ShouldBe(403);
        (await As("regulator", "hlj", "/api/reports/compliance/tj-jizhou/calendar")).Status.ShouldBe(403);
        (await As("regulator", null, Report)).Status.ShouldBe(403);
        (await As("enterprise", "tj-jizhou", Report)).Status.ShouldBe(403);
        (await As("hr-bureau", "tj-jizhou", Report)).Status.ShouldBe(403);
        (await As("regulator", "cn", "/api/reports/compliance/zj?period=2021")).Status.ShouldBe(404);

        var calendars = Json((await As("auditor", "cn", "/api/reports/compliance/calendar?from=2026-01-01&to=2026-12-31")).Body);
        calendars.EnumerateArray().Select(c => c.GetProperty("programme").GetString()).ShouldBe(["JZ", "TZ", "HLJ", "QF", "NN"]);
        Json((await As("regulator", "tj", "/api/reports/compliance/calendar")).Body).EnumerateArray().Single().GetProperty("programme").GetString().ShouldBe("JZ");
        (await As("regulator", null, "/api/reports/compliance/calendar")).Status.ShouldBe(403);

        var listed = Json((await As("regulator", "hlj", "/api/reports/compliance")).Body);
        listed.EnumerateArray().Select(p => p.GetProperty("programme").GetProperty("code").GetString()).ShouldBe(["HLJ"]);
    }

    [Fact]
    public async Task the_workbook_opens_and_carries_the_figures_and_the_persons()
    {
        await SmallJizhou();
        var (status, body, contentType, bytes) = await As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/export.xlsx?period=2021-H1");
        status.ShouldBe(200, body);
        contentType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe([ComplianceWorkbook.SummarySheet, ComplianceWorkbook.PersonsSheet]);
        List<List<string>> Rows(Sheet sheet) => ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();

        var summary = Rows(sheets[0]);
        summary[4].ShouldBe(ComplianceWorkbook.SummaryColumns.ToList());
        var trained = summary.Single(r => r.Count > 0 && r[0] == "JZ-TGT-01");
        (trained[5], trained[6], trained[7], trained[9]).ShouldBe(("1", "2", "0.5", "未达标"));
        summary.Single(r => r.Count > 0 && r[0] == "JZ-TGT-05")[9].ShouldBe("达标");
        // The method note is the Chinese one, not the English the API's JSON also carries.
        trained[14].ShouldContain("计入条件");
        trained[14].ShouldNotContain("Counted when");

        var persons = Rows(sheets[1]);
        persons[0].ShouldBe(ComplianceWorkbook.PersonColumns.ToList());
        var shortfall = persons.Single(r => r[0] == "JZ-TGT-01" && r[2] == "未计入" && r[4] == "乙");
        shortfall[7].ShouldContain("JZ-TRN-01");
        shortfall[7].ShouldNotContain("countable hours");
        persons.ShouldContain(r => r[0] == "JZ-TGT-01" && r[2] == "计入" && r[4] == "甲");
        // No person's pseudonymous id (a UUID) in a file officials read.
        persons.SelectMany(r => r).Where(c => Guid.TryParse(c, out var id)).ShouldBeEmpty();

        // The same workbook in English, by switch.
        var (_, _, _, english) = await As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/export.xlsx?period=2021-H1&lang=en");
        using var en = SpreadsheetDocument.Open(new MemoryStream(english), false);
        var enSheets = en.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        enSheets.Select(s => s.Name!.Value).ShouldBe(["Summary", "Persons"]);
        var enSummary = ((WorksheetPart)en.WorkbookPart.GetPartById(enSheets[0].Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        enSummary[4].ShouldBe(ComplianceWorkbook.SummaryColumnsEn.ToList());
        enSummary.Single(r => r.Count > 0 && r[0] == "JZ-TGT-01")[9].ShouldBe("not met");
    }

    [Fact]
    public async Task the_printable_page_is_standalone_html_in_chinese_and_in_english_by_switch()
    {
        var (_, _, untrainedId) = await SmallJizhou();
        var (status, body, contentType, _) = await As("auditor", "tj-jizhou", "/api/reports/compliance/JZ/print?period=2021-H1");
        status.ShouldBe(200, body);
        contentType.ShouldBe("text/html; charset=utf-8");
        body.ShouldStartWith("<!DOCTYPE html>");
        body.ShouldContain("@media print");
        body.ShouldContain("lang=\"zh-CN\"");
        body.ShouldContain("安全技能提升目标完成情况");
        body.ShouldContain("JZ-TGT-01");
        body.ShouldContain("未达标");
        body.ShouldContain("计入条件");
        // One language per page: no English label or note beside the Chinese.
        foreach (var english in new[] { "compliance report", "Not met", "Counted when", "Evaluated on", "countable hours" }) body.ShouldNotContain(english);
        body.ShouldContain(untrainedId[..3] + "***********" + untrainedId[^4..]);
        body.ShouldNotContain(untrainedId);

        var (enStatus, en, _, _) = await As("auditor", "tj-jizhou", "/api/reports/compliance/JZ/print?period=2021-H1&lang=en");
        enStatus.ShouldBe(200, en);
        en.ShouldContain("lang=\"en\"");
        en.ShouldContain("compliance report");
        en.ShouldContain("Not met");
        en.ShouldContain("Counted when");
        en.ShouldNotContain("计入条件");
    }

    [Fact]
    public async Task a_submission_is_recorded_once_and_shown_on_the_calendar_JZ_RPT_01()
    {
        var submitted = await As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/submissions",
            new { period = "2025", submittedOn = "2026-01-12", notes = "2025年度工作情况已报市应急局" });
        submitted.Status.ShouldBe(201, submitted.Body);
        Json(submitted.Body).GetProperty("status").GetString().ShouldBe("submitted-late");

        var calendar = Json((await As("regulator", "tj", "/api/reports/compliance/tj-jizhou/calendar?from=2026-01-01&to=2026-12-31")).Body);
        calendar.GetProperty("asOf").GetString().ShouldBe("2026-03-02");
        var entries = calendar.GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => (e.GetProperty("period").GetString(), e.GetProperty("dueOn").GetString(), e.GetProperty("status").GetString()))
            .ShouldBe([("2025", "2026-01-10", "submitted-late"), ("2026-H1", "2026-07-10", "due")]);
        var submission = entries[0].GetProperty("submission");
        (submission.GetProperty("actorUser").GetString(), submission.GetProperty("actorOrganisation").GetString(), submission.GetProperty("notes").GetString())
            .ShouldBe(("officer-zhao", "tj-jizhou-bureau", "2025年度工作情况已报市应急局"));
        entries[0].GetProperty("daysOverdue").GetInt32().ShouldBe(2);

        var overdue = Json((await As("regulator", "tj", "/api/reports/compliance/tj-jizhou/calendar?from=2026-01-01&to=2026-12-31&asOf=2026-07-11")).Body);
        overdue.GetProperty("entries")[1].GetProperty("status").GetString().ShouldBe("overdue");

        var again = await RefusedAsync(() => As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/submissions",
            new { period = "2025", submittedOn = "2026-01-13", notes = "重复" }));
        again.Status.ShouldBe(409, again.Body);
    }

    [Fact]
    public async Task bad_periods_and_submissions_are_refused_naming_the_field_and_store_nothing()
    {
        var problem = Json((await As("regulator", "cn", "/api/reports/compliance/tj-jizhou?period=2026-H3")).Body);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();
        Json((await As("regulator", "cn", "/api/reports/compliance/tj-jizhou")).Body).GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();
        Json((await As("regulator", "cn", "/api/reports/compliance/tj-jizhou?from=2026-02-30&to=2026-03-01")).Body).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        Json((await As("regulator", "cn", "/api/reports/compliance/tj-jizhou?from=2026-03-01&to=2026-02-01")).Body).GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
        Json((await As("regulator", "cn", "/api/reports/compliance/tj-jizhou/calendar?asOf=tomorrow")).Body).GetProperty("errors").TryGetProperty("asOf", out _).ShouldBeTrue();

        const string submissions = "/api/reports/compliance/tj-jizhou/submissions";
        async Task<JsonElement> Refused(object body, int status = 400)
        {
            var r = await RefusedAsync(() => As("regulator", "tj-jizhou", submissions, body));
            r.Status.ShouldBe(status, r.Body);
            return Json(r.Body);
        }
        (await Refused(new { period = "2026-Q1", submittedOn = "2026-03-01", notes = "季报" })).GetProperty("errors").GetProperty("period")[0].GetString()!.ShouldContain("JZ-RPT-01");
        (await Refused(new { period = "2026-H2", submittedOn = "2026-03-01", notes = "下半年" })).GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();
        (await Refused(new { period = "2019", submittedOn = "2020-01-05", notes = "方案前" })).GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();
        (await Refused(new { period = "2026-H1", submittedOn = "2026-03-03", notes = "未来" })).GetProperty("errors").TryGetProperty("submittedOn", out _).ShouldBeTrue();
        (await Refused(new { period = "2026-H1", submittedOn = "2025-12-31", notes = "期前" })).GetProperty("errors").TryGetProperty("submittedOn", out _).ShouldBeTrue();
        (await Refused(new { period = "2025", submittedOn = "2026-01-05" })).GetProperty("errors").TryGetProperty("notes", out _).ShouldBeTrue();
        var forbidden = await RefusedAsync(() => As("regulator", "hlj", submissions, new { period = "2025", submittedOn = "2026-01-05", notes = "越权" }));
        forbidden.Status.ShouldBe(403);
        var auditor = await RefusedAsync(() => As("auditor", "cn", submissions, new { period = "2025", submittedOn = "2026-01-05", notes = "审计" }));
        auditor.Status.ShouldBe(403);
    }

    [Fact]
    public async Task a_recorded_baseline_sets_the_plus_20_points_target_JZ_TGT_04()
    {
        await SmallJizhou();
        var bad = await RefusedAsync(() => As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/baselines",
            new { ruleId = "JZ-TGT-05", measuredOn = "2020-04-02", numerator = 5, denominator = 4, source = "2020年台账", reason = "基数" }));
        bad.Status.ShouldBe(400);
        Json(bad.Body).GetProperty("errors").TryGetProperty("ruleId", out _).ShouldBeTrue();
        Json(bad.Body).GetProperty("errors").TryGetProperty("numerator", out _).ShouldBeTrue();

        var recorded = await As("regulator", "tj-jizhou", "/api/reports/compliance/tj-jizhou/baselines",
            new { ruleId = "JZ-TGT-04", measuredOn = "2020-04-02", numerator = 1, denominator = 4, source = "2020年班组长台账", reason = "方案基数" });
        recorded.Status.ShouldBe(201, recorded.Body);

        var target = Target(Json((await As("regulator", "tj-jizhou", Report)).Body), "JZ-TGT-04");
        target.GetProperty("baseline").GetDecimal().ShouldBe(0.25m);
        target.GetProperty("required").GetDecimal().ShouldBe(0.45m);
        target.GetProperty("baselineSource").GetString()!.ShouldContain("1/4");
        // The one team leader (乙) holds no certificate and senior-secondary education: 0 of 1.
        (target.GetProperty("numerator").GetInt32(), target.GetProperty("denominator").GetInt32(), target.GetProperty("met").GetBoolean()).ShouldBe((0, 1, false));
    }
}
