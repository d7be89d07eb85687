using Marten;
using Microsoft.Extensions.DependencyInjection;
using Marten.Events;
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
        await Expect(person.Locator("label:has(input[name=idNumber]) .field-error")).ToContainTextAsync("身份证号无效");
        await Expect(person.Locator("input[name=idNumber]")).ToHaveAttributeAsync("aria-invalid", "true");
        await regulator.ScreenshotAsync("day-regulator-person-error");
        await person.GetByLabel("身份证号").FillAsync(idNumber);
        await person.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/persons/[0-9a-f-]{36}$"));
        var personId = Guid.Parse(page.Url[^36..]);
        (await Host.Get($"/api/persons/{personId}")).GetProperty("name").GetString().ShouldBe("钱七");
        // Education from the diploma, its evidence named; the file's version moves, and the next form on the page is given the new one.
        await Act(page, "登记学历", "#education-form", async form =>
        {
            await form.GetByLabel("学历").SelectOptionAsync(new SelectOptionValue { Label = "大专" });
            await form.GetByLabel("证明材料（证书名称及编号）").FillAsync("毕业证书 123456789");
            await form.GetByLabel("登记理由").FillAsync("核对毕业证书原件");
        }, "登记学历");
        (await Host.Get($"/api/persons/{personId}")).GetProperty("education").GetString().ShouldBe("junior-college");

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

    [Fact]
    public async Task an_enterprise_hires_and_claims_the_institution_attests_the_regulator_previews_verifies_and_overrides_a_line_and_hr_approves()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var first = await Host.Trainee(training, enterprise, "王五");
        var second = await Host.Trainee(training, enterprise, "赵六");
        var applied = new LocalDate(2021, 4, 10);
        var newcomer = TestIds.NewIdNumber(1995);

        Host.On(applied);
        Guid claimId;
        await using (var handler = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", enterprise: enterprise))
        {
            var page = handler.Page;
            // The enterprise hires in one form: the person is registered and hired with the card's number.
            await Nav(page, "一人一档").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "入职登记" }).ClickAsync();
            var hire = page.Locator("#person-form");
            await hire.GetByLabel("身份证号").FillAsync(TestIds.WithWrongCheckCharacter(newcomer));
            await hire.GetByLabel("姓名").FillAsync("孙八");
            await hire.GetByLabel("户籍地").FillAsync("黑龙江省哈尔滨市");
            await hire.GetByLabel("岗位", new() { Exact = true }).FillAsync("电工");
            await hire.GetByLabel("特种作业工种（无则不选）").SelectOptionAsync(new SelectOptionValue { Label = "低压电工作业" });
            await hire.GetByLabel("用工关系").SelectOptionAsync(new SelectOptionValue { Label = "劳动合同" });
            await hire.GetByRole(AriaRole.Button, new() { Name = "登记入职" }).ClickAsync();
            await Expect(hire.Locator("label:has(input[name=idNumber]) .field-error")).ToBeVisibleAsync();
            await handler.ScreenshotAsync("day-enterprise-hire-error");
            await Host.Post("/api/persons/search", new { idNumber = newcomer }, 404);
            await hire.GetByLabel("身份证号").FillAsync(newcomer);
            await hire.GetByRole(AriaRole.Button, new() { Name = "登记入职" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/console/persons/[0-9a-f-]{36}$"));
            var hired = await Host.Get($"/api/persons/{Guid.Parse(page.Url[^36..])}");
            var employment = hired.GetProperty("employments").EnumerateArray().Single();
            employment.GetProperty("enterpriseId").GetGuid().ShouldBe(enterprise);
            employment.GetProperty("assignment").GetProperty("post").GetString().ShouldBe("电工");
            employment.GetProperty("assignment").GetProperty("specialOperationWorkType").GetString().ShouldBe("electrical.low-voltage");
            await Expect(page.Locator("#person-acts")).ToContainTextAsync("离职");
            await Act(page, "登记岗位考核", "#post-assessment-form", async form =>
            {
                await form.GetByLabel("理论成绩").FillAsync("85");
                await form.GetByLabel("考评员").FillAsync("安全科刘工");
            }, "登记考核");
            var assessed = (await Host.Get($"/api/persons/{hired.GetProperty("personId").GetGuid()}")).GetProperty("assessments").EnumerateArray().Single();
            assessed.GetProperty("kind").GetString().ShouldBe("post-assessment");
            assessed.GetProperty("enterpriseId").GetGuid().ShouldBe(enterprise);
            await handler.ScreenshotAsync("day-enterprise-hired");

            await Nav(page, "补贴审核").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "填写补贴申请" }).ClickAsync();
            var form = page.Locator("#claim-form");
            await form.GetByLabel("5 经办人姓名").FillAsync("赵经办");
            await form.GetByLabel("6 经办人手机").FillAsync("13900001111");
            await form.GetByLabel("7 培训机构").SelectOptionAsync(training.InstitutionId.ToString());
            await form.GetByLabel("8 人数").FillAsync("2");
            await form.GetByLabel("9 培训开始").FillAsync(training.From.Date());
            await form.GetByLabel("9 培训结束").FillAsync(training.Until.Date());
            await form.GetByLabel("10 取证人数").FillAsync("2");
            await form.GetByLabel("11 申请金额").FillAsync("2000");
            await form.GetByLabel("承诺人", new() { Exact = true }).FillAsync("刘经理");
            await form.GetByRole(AriaRole.Button, new() { Name = "添加一行" }).ClickAsync();
            var lines = form.Locator(".roster-line");
            await lines.Nth(0).GetByLabel("14 姓名").FillAsync(first.Name);
            await lines.Nth(0).GetByLabel("16 身份证号").FillAsync(first.IdNumber);
            await lines.Nth(0).GetByLabel("证书编号").FillAsync(first.CertificateNumber);
            await lines.Nth(1).GetByLabel("14 姓名").FillAsync(second.Name);
            await lines.Nth(1).GetByLabel("16 身份证号").FillAsync(TestIds.WithWrongCheckCharacter(second.IdNumber));
            await lines.Nth(1).GetByLabel("证书编号").FillAsync(second.CertificateNumber);
            await form.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            // The API names roster[1].idNumber: the second line's box is marked, not the first's, and the message stands beside it.
            await Expect(form.Locator("input[name='roster.1.idNumber']")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(form.Locator("input[name='roster.0.idNumber']")).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(lines.Nth(1).Locator(".field-error")).ToBeVisibleAsync();
            await Expect(lines.Nth(0).Locator(".field-error")).ToHaveCountAsync(0);
            await Expect(form.Locator(".form-error")).ToContainTextAsync("名单第 2 行");
            await handler.ScreenshotAsync("day-enterprise-claim-line-error");
            (await Host.Get($"/api/claims?enterprise={Uri.EscapeDataString((await Host.Get($"/api/enterprises/{enterprise}")).GetProperty("name").GetString()!)}"))
                .GetProperty("total").GetInt32().ShouldBe(0);
            await lines.Nth(1).GetByLabel("16 身份证号").FillAsync(second.IdNumber);
            await form.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/console/claims/[0-9a-f-]{36}$"));
            claimId = Guid.Parse(page.Url[^36..]);
        }

        Host.On(applied.PlusDays(2));
        await using (var registrar = await ConsoleSession.SignInAsync(Fixture, "training-institution", "registrar-sun", "hlj-training-school", institution: training.InstitutionId))
        {
            await registrar.Page.GotoAsync($"/console/claims/{claimId}");
            await Submit(registrar.Page, "form[data-api$='/attestation']", "确认");
        }

        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj"))
        {
            var page = regulator.Page;
            // Day 4: the second worker's certificate is suspended after an inspection.
            Host.On(applied.PlusDays(4));
            await page.GotoAsync($"/console/certificates?number={second.CertificateNumber}");
            await Act(page, "暂扣", "#suspend-form", form => form.GetByLabel("暂扣理由").FillAsync("现场检查发现无证指挥"), "暂扣");
            // The suspension flags the claim's line (FR-03) in the background, moving the claim's version: the officer's page
            // would be told to reload (409) if opened before that, so the day goes on once it has happened.
            await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

            // Day 5: before 核验 the page shows what it would find; line 2 would fail, with the reason in Chinese.
            Host.On(applied.PlusDays(5));
            await page.GotoAsync($"/console/claims/{claimId}");
            var preview = page.Locator("#preview-lines tbody tr");
            await Expect(preview.Nth(0)).ToContainTextAsync("将通过");
            await Expect(preview.Nth(1)).ToContainTextAsync("将不通过");
            await Expect(preview.Nth(1)).ToContainTextAsync("暂扣");
            await regulator.ScreenshotAsync("day-regulator-verification-preview");
            (await Host.Get($"/api/claims/{claimId}")).GetProperty("stage").GetString().ShouldBe("attested");
            await Submit(page, "form[data-api$='/verification']", "核验");
            await Expect(page.Locator("#lines tbody tr").Nth(1)).ToContainTextAsync("核验未通过");

            // The override is the regulator's, per line and with a reason; a date tomorrow is refused and stores nothing.
            var overrideForm = page.Locator("#override-2");
            await overrideForm.GetByLabel("更正理由（记录在案）").FillAsync("暂扣系核验后登记的现场处罚，培训与取证时证书有效");
            await overrideForm.GetByLabel("更正日期").FillAsync(applied.PlusDays(6).Date());
            await overrideForm.GetByRole(AriaRole.Button, new() { Name = "更正核验结果" }).ClickAsync();
            await Expect(overrideForm.Locator("label:has(input[name=on]) .field-error")).ToHaveTextAsync("不能晚于今天");
            (await Host.Get($"/api/claims/{claimId}")).GetProperty("lines")[1].GetProperty("overrideReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            await overrideForm.GetByLabel("更正日期").FillAsync(applied.PlusDays(5).Date());
            await Submit(page, "#override-2", "更正核验结果");
            await Expect(page.Locator("#lines tbody tr").Nth(1)).ToContainTextAsync("更正：暂扣系核验后登记的现场处罚");
            await Expect(page.Locator("#override-2")).ToHaveCountAsync(0);
            await regulator.ScreenshotAsync("day-regulator-overridden");
        }

        Host.On(applied.PlusDays(10));
        await using (var hr = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "officer-li", "hlj-hr-bureau", "hlj"))
        {
            var page = hr.Page;
            await page.GotoAsync($"/console/claims/{claimId}");
            await Expect(page.Locator("form[data-api$='/approval'] input[name='lines.1.approved']")).ToBeCheckedAsync();
            await Submit(page, "form[data-api$='/approval']", "审批");
            await Expect(page.Locator(".steps li[aria-current=step]")).ToHaveTextAsync("人社部门已审批");
        }

        var claim = await Host.Get($"/api/claims/{claimId}");
        claim.GetProperty("stage").GetString().ShouldBe("approved");
        claim.GetProperty("approvedAmount").GetDecimal().ShouldBe(2000m);
        claim.GetProperty("verifiedBy").GetString().ShouldBe("inspector-qian");
        claim.GetProperty("lines")[1].GetProperty("verified").GetBoolean().ShouldBeFalse();
        claim.GetProperty("lines")[1].GetProperty("overrideReason").GetString().ShouldBe("暂扣系核验后登记的现场处罚，培训与取证时证书有效");
        var history = (await Host.Get($"/api/claims/{claimId}/history")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        history.ShouldContain("verification_overridden");
    }

    [Fact]
    public async Task an_institution_registers_a_trainee_opens_a_class_holds_a_session_and_records_attendance_in_the_console()
    {
        var training = await Host.HljInstitutionWithClass();
        var idNumber = TestIds.NewIdNumber(1992);
        Host.On(new LocalDate(2021, 3, 10));
        await using var registrar = await ConsoleSession.SignInAsync(Fixture, "training-institution", "registrar-sun", "hlj-training-school", institution: training.InstitutionId);
        var page = registrar.Page;

        await Nav(page, "一人一档").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "人员登记" }).ClickAsync();
        var person = page.Locator("#person-form");
        await person.GetByLabel("身份证号").FillAsync(idNumber);
        await person.GetByLabel("姓名").FillAsync("周九");
        await person.GetByLabel("户籍地").FillAsync("黑龙江省哈尔滨市");
        await person.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("已登记");
        var personId = (await Host.Post("/api/persons/search", new { idNumber }, 200)).GetProperty("personId").GetGuid();

        await Nav(page, "培训班").ClickAsync();
        var open = page.Locator("#open-class-form");
        if (!await open.IsVisibleAsync()) await page.Locator("details.act > summary", new() { HasText = "开新班" }).ClickAsync();
        await open.GetByLabel("课程名称").FillAsync("低压电工作业初训（春季班）");
        await open.GetByLabel("大纲版本").FillAsync("2019");
        await open.GetByLabel("规定学时").FillAsync("16");
        await registrar.ScreenshotAsync("day-institution-open-class");
        await open.GetByRole(AriaRole.Button, new() { Name = "开班", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/classes/[0-9a-f-]{36}$"));
        var classId = Guid.Parse(page.Url[^36..]);

        await Act(page, "学员报名", "#enrol-form", async form =>
        {
            await form.GetByLabel("身份证号").FillAsync(idNumber);
            await form.GetByLabel("姓名").FillAsync("周九");
        }, "报名");
        await Expect(page.Locator("#trainees tbody tr")).ToContainTextAsync("周九");
        await Submit(page, "#session-form", "登记课次", fill: async form =>
        {
            await form.GetByLabel("授课教师").FillAsync("李老师");
            await form.GetByLabel("地点").FillAsync("实训室一");
            await form.GetByLabel("授课内容").FillAsync("电工基础与安全用电");
        });
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(1);

        // Zero hours are refused beside the field, and no attendance is credited.
        var attendance = page.Locator("#attendance-form");
        await attendance.GetByLabel("学时").FillAsync("0");
        await attendance.GetByRole(AriaRole.Button, new() { Name = "记录考勤" }).ClickAsync();
        await Expect(attendance.Locator("label:has(input[name=hours]) .field-error")).ToHaveTextAsync("须大于 0");
        await registrar.ScreenshotAsync("day-institution-attendance-error");
        (await Host.Get($"/api/persons/{personId}")).GetProperty("training").GetProperty("totalHours").GetDecimal().ShouldBe(0m);
        await attendance.GetByLabel("学时").FillAsync("8");
        await Submit(page, "#attendance-form", "记录考勤");
        await Expect(page.Locator("#trainees tbody tr")).ToContainTextAsync("8 / 16");
        await registrar.ScreenshotAsync("day-institution-class");

        // The class's closing assessment: a score above 100 is refused beside it, then 90 is recorded.
        await Submit(page, "#assessment-form", "登记考核", fill: async form =>
        {
            await form.GetByLabel("理论成绩").FillAsync("120");
            await form.GetByLabel("考评员").FillAsync("王考评");
        }, refused: true);
        await Expect(page.Locator("#assessment-form label:has(input[name=theoryScore]) .field-error")).ToHaveTextAsync("须在 0 至 100 之间");
        (await Host.Get($"/api/persons/{personId}")).GetProperty("assessments").GetArrayLength().ShouldBe(0);
        await page.Locator("#assessment-form").GetByLabel("理论成绩").FillAsync("90");
        await Submit(page, "#assessment-form", "登记考核");

        var trained = await Host.Get($"/api/persons/{personId}");
        var assessment = trained.GetProperty("assessments").EnumerateArray().Single();
        assessment.GetProperty("theoryScore").GetDecimal().ShouldBe(90m);
        assessment.GetProperty("passed").GetBoolean().ShouldBeTrue();
        assessment.GetProperty("classId").GetGuid().ShouldBe(classId);
        trained.GetProperty("training").GetProperty("totalHours").GetDecimal().ShouldBe(8m);
        var opened = await Host.Get($"/api/training-classes/{classId}");
        opened.GetProperty("course").GetString().ShouldBe("低压电工作业初训（春季班）");
        opened.GetProperty("sessions").GetArrayLength().ShouldBe(1);
        opened.GetProperty("sessions")[0].GetProperty("instructor").GetString().ShouldBe("李老师");
    }

    [Fact]
    public async Task a_regulator_registers_an_enterprise_and_a_training_institution_in_the_console()
    {
        var creditCode = TrainingScenarios.NewCreditCode();
        var wrong = creditCode[..17] + (creditCode[17] == '0' ? '1' : '0');
        var institutionCode = TrainingScenarios.NewCreditCode();
        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-li", "tj-jizhou-emergency-bureau", "tj-jizhou");
        var page = regulator.Page;
        await Nav(page, "企业合规").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "登记企业" }).ClickAsync();
        var form = page.Locator("#enterprise-form");
        await form.GetByLabel("统一社会信用代码").FillAsync(wrong);
        await form.GetByLabel("企业名称").FillAsync("蓟州区燕山化工有限公司");
        await form.GetByLabel("法定代表人").FillAsync("吴总");
        await form.GetByLabel("行业").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await form.GetByLabel("辖区").SelectOptionAsync("tj-jizhou");
        await form.GetByLabel("从业人员数").FillAsync("120");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        var error = form.Locator("label:has(input[name=creditCode]) .field-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("统一社会信用代码无效");
        await regulator.ScreenshotAsync("day-regulator-enterprise-error");
        (await Host.Get($"/api/enterprises?q={creditCode}")).GetProperty("total").GetInt32().ShouldBe(0);
        await form.GetByLabel("统一社会信用代码").FillAsync(creditCode);
        await form.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/enterprises/[0-9a-f-]{36}$"));
        var enterpriseId = Guid.Parse(page.Url[^36..]);
        var enterprise = await Host.Get($"/api/enterprises/{enterpriseId}");
        enterprise.GetProperty("name").GetString().ShouldBe("蓟州区燕山化工有限公司");
        enterprise.GetProperty("jurisdiction").GetString().ShouldBe("tj-jizhou");

        await page.GotoAsync("/console/institutions/new");
        var institution = page.Locator("#institution-form");
        await institution.GetByLabel("统一社会信用代码").FillAsync(institutionCode);
        await institution.GetByLabel("机构名称").FillAsync("蓟州区安全技能培训学校");
        await institution.GetByLabel("辖区").SelectOptionAsync("tj-jizhou");
        await institution.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync(institutionCode);
        var listed = await Host.Get("/api/institutions?jurisdiction=tj-jizhou");
        listed.EnumerateArray().ShouldContain(i => i.GetProperty("creditCode").GetString() == institutionCode);
    }

    [Fact]
    public async Task the_paying_hr_bureau_disburses_an_approved_claim_and_the_finance_bureau_reconciles_it_in_the_console()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var name = (await Host.Get($"/api/enterprises/{enterprise}")).GetProperty("name").GetString()!;
        var training = await Host.HljInstitutionWithClass();
        var first = await Host.Trainee(training, enterprise, "王五");
        var second = await Host.Trainee(training, enterprise, "赵六");
        var applied = new LocalDate(2021, 4, 10);
        var claimId = await Host.SubmitClaim(enterprise, training, [first, second], applied);
        await Host.Attest(claimId, applied.PlusDays(2));
        await Host.Verify(claimId, applied.PlusDays(5));
        await Host.Approve(claimId, applied.PlusDays(10), 1, 2);

        // HLJ-SUB-03: "由同级人力资源社会保障部门…拨付培训补贴资金" — the HR bureau pays, by another officer than the one who approved.
        Host.On(applied.PlusDays(15));
        await using (var cashier = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "cashier-zhou", "hlj-hr-bureau", "hlj"))
        {
            var page = cashier.Page;
            await Nav(page, "补贴审核").ClickAsync();
            await page.Locator("#enterprise").FillAsync(name);
            await page.Locator("#claimStage").SelectOptionAsync("approved");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await page.Locator($"#claims a[href='/console/claims/{claimId}']").ClickAsync();
            await page.WaitForURLAsync($"**/console/claims/{claimId}");

            var pay = page.Locator("form[data-api$='/disbursement']");
            await pay.GetByLabel("支付凭证号").FillAsync("HLJ-PAY-9001");
            await pay.GetByLabel("收款账号").FillAsync("6222020200009876543");
            // A payment that differs from the approved sum is refused with its rule (FR-12) in Chinese, and nothing is paid.
            await pay.GetByLabel("金额").FillAsync("1500");
            await Submit(page, "form[data-api$='/disbursement']", "发放", refused: true);
            var refusal = pay.Locator(".form-error");
            await Expect(refusal).ToContainTextAsync("FR-12");
            await Expect(refusal).ToContainTextAsync("业务规则");
            await cashier.ScreenshotAsync("day-hr-disburse-wrong-amount");
            (await Host.Get($"/api/claims/{claimId}")).GetProperty("stage").GetString().ShouldBe("approved");

            await pay.GetByLabel("金额").FillAsync("2000");
            await Submit(page, "form[data-api$='/disbursement']", "发放");
            await Expect(page.Locator(".steps li[aria-current=step]")).ToHaveTextAsync(ClaimStageName("disbursed"));
            await Expect(page.Locator("ol.timeline li[data-type=subsidy_disbursed]")).ToHaveCountAsync(1);
            await cashier.ScreenshotAsync("day-hr-disbursed");
        }

        // The finance bureau audits the payout against the bank (the pack's auditor, HLJ-SUB-03), again only in the console.
        Host.On(applied.PlusDays(18));
        await using (var accountant = await ConsoleSession.SignInAsync(Fixture, "finance-bureau", "accountant-wu", "hlj-finance-bureau", "hlj"))
        {
            var page = accountant.Page;
            await page.GotoAsync($"/console/claims/{claimId}");
            await Submit(page, "form[data-api$='/reconciliation']", "对账", fill: form => form.GetByLabel("银行流水号").FillAsync("BOC-20210428-0031"));
            await Expect(page.Locator(".steps li[aria-current=step]")).ToHaveTextAsync(ClaimStageName("reconciled"));
        }

        var claim = await Host.Get($"/api/claims/{claimId}");
        claim.GetProperty("stage").GetString().ShouldBe("reconciled");
        claim.GetProperty("disbursedAmount").GetDecimal().ShouldBe(2000m);
        claim.GetProperty("paymentReference").GetString().ShouldBe("HLJ-PAY-9001");
        claim.GetProperty("paidBy").GetString().ShouldBe("cashier-zhou");
        claim.GetProperty("paidOn").GetString().ShouldBe(applied.PlusDays(15).Date());
        var history = (await Host.Get($"/api/claims/{claimId}/history")).GetProperty("events").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), User: e.GetProperty("actorUser").GetString())).ToList();
        history.ShouldContain(("subsidy_disbursed", "cashier-zhou"));
        history.ShouldContain(("disbursement_reconciled", "accountant-wu"));
        history.Count(h => h.Type == "subsidy_disbursed").ShouldBe(1);
    }

    [Fact]
    public async Task an_auditor_follows_a_paid_claim_through_its_history_and_what_was_known_at_approval_and_prints_its_audit_form()
    {
        const string name = "哈尔滨龙江化工有限公司";
        var (enterprise, _) = await Host.RegisterEnterprise("hlj", name: name);
        var training = await Host.HljInstitutionWithClass();
        var first = await Host.Trainee(training, enterprise, "张三");
        var second = await Host.Trainee(training, enterprise, "李四");
        var applied = new LocalDate(2021, 4, 10);
        var claimId = await Host.PaidClaim(enterprise, training, [first, second], applied, "HLJ-PAY-8811");
        await Task.Delay(50);
        // After the payment the first worker's certificate turns out to have been obtained by deception.
        Host.On(new LocalDate(2021, 6, 20));
        await Host.Post($"/api/certificates/{first.CertificateId}/revocations", new { on = "2021-06-15", ground = "deception", reason = "以欺骗手段取得", legalBasis = "第四十条", version = 1 }, 200);

        Host.On(new LocalDate(2021, 7, 1));
        await using var auditor = await ConsoleSession.SignInAsync(Fixture, "auditor", "auditor-wang", "hlj-audit-office", "hlj");
        var page = auditor.Page;
        // The auditor states why the session reads, once; every read is recorded with it.
        await Nav(page, "补贴审核").ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/audit-reason"));
        await page.Locator("#reason").FillAsync("2021 年度补贴资金专项审计");
        await page.Locator("form[action='/console/audit-reason'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/claims$"));
        await page.Locator("#enterprise").FillAsync(name);
        await page.Locator("#claimStage").SelectOptionAsync("reconciled");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.Locator($"#claims a[href='/console/claims/{claimId}']").ClickAsync();
        await page.WaitForURLAsync($"**/console/claims/{claimId}");

        // Its history: every step, by whom, in order.
        await Expect(page.Locator("ol.timeline li[data-type=claim_approved]")).ToContainTextAsync("officer-li");
        await Expect(page.Locator("ol.timeline li[data-type=subsidy_disbursed]")).ToContainTextAsync("cashier-zhou");
        await Expect(page.Locator("ol.timeline li[data-type=disbursement_reconciled]")).ToHaveCountAsync(1);
        await Expect(page.Locator("section.actions")).ToHaveCountAsync(0);
        await auditor.ScreenshotAsync("day-auditor-claim");

        // What was known at approval: the revocation came after, so line 1 was paid on what was known then.
        await page.Locator("a.knowledge").ClickAsync();
        await page.WaitForURLAsync($"**/console/claims/{claimId}/knowledge");
        await Expect(page.Locator("#asOf option:checked")).ToContainTextAsync("人社部门审批");
        var lines = page.Locator("#knowledge-lines tbody tr");
        await Expect(lines).ToHaveCountAsync(2);
        await Expect(lines.Nth(0)).ToContainTextAsync("此后有变化");
        await Expect(lines.Nth(0).Locator("td").Nth(6)).ToContainTextAsync("FR-04");
        await Expect(lines.Nth(0).Locator("td").Nth(5)).Not.ToContainTextAsync("FR-04");
        await Expect(lines.Nth(1)).ToContainTextAsync("无变化");
        await Expect(page.Locator("#knowledge-summary")).ToContainTextAsync("1 行");
        // A background flag of the revoked line may be recorded on the claim too, so the rows are named rather than counted.
        await Expect(page.Locator("#events-since")).ToContainTextAsync("补贴发放");
        await Expect(page.Locator("#events-since")).ToContainTextAsync("对账");
        await Expect(page.Locator("#events-since")).Not.ToContainTextAsync("人社部门审批");
        await auditor.ScreenshotAsync("day-auditor-knowledge");
        // Judged at the submission instead, the approval and payment are among what came after.
        await page.Locator("#asOf").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.GetByRole(AriaRole.Button, new() { Name = "判断" }).ClickAsync();
        await Expect(page.Locator("#events-since")).ToContainTextAsync("人社部门审批");
        await Expect(page.Locator("#asOf option:checked")).ToContainTextAsync("第 1 版");

        await page.GotoAsync($"/console/claims/{claimId}");
        await page.Locator("a.print-form").ClickAsync();
        await page.WaitForURLAsync($"**/console/claims/{claimId}/audit-form");
        var form = page.Locator("article.audit-form");
        await Expect(form.Locator(".form-title")).ToHaveTextAsync("申请安全技能提升补贴特种作业人员信息审核表");
        await Expect(form.Locator("tr.line")).ToHaveCountAsync(2);
        await Expect(form.Locator("#opinion-regulator")).ToContainTextAsync("经核验");
        (await form.InnerTextAsync()).ShouldNotContain(first.IdNumber);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(794, 1123); // A4 at 96 dpi
        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        // The README's picture of the printed form (docs/screenshots/audit-form-print.png is copied from this).
        await auditor.ScreenshotAsync("day-auditor-audit-form-print");
        await form.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "audit-form-printed.png") });
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count.ShouldBe(1);

        // Every read of the claim was recorded with the session's reason: the file, the knowledge page, the printed form.
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = (await session.Events.FetchStreamAsync(Ledger.Api.Access.AuditorReadLog.StreamOf("claim", claimId)))
            .Select(e => e.Data).OfType<Ledger.Domain.Actors.AuditorRead>().ToList();
        reads.Count.ShouldBeGreaterThanOrEqualTo(4);
        reads.ShouldAllBe(r => r.Reason == "2021 年度补贴资金专项审计" && r.UserId == "auditor-wang");
        (await Host.Get($"/api/claims/{claimId}")).GetProperty("stage").GetString().ShouldBe("reconciled");
    }

    private static string ClaimStageName(string stage) =>
        Ledger.Domain.Catalogue.DisplayNames.Stage(Ledger.Api.Http.JsonNames.TryParseKebab<Ledger.Domain.Claims.ClaimStage>(stage, out var s) ? s : default).Zh;

    /// <summary>Opens one folded act on the page, fills it and submits; by default waits for the page to reload without an error.</summary>
    private static async Task Act(IPage page, string summary, string form, Func<ILocator, Task> fill, string button, bool reload = true)
    {
        await page.Locator("details.act > summary", new() { HasText = summary }).First.ClickAsync();
        await fill(page.Locator(form));
        if (reload) await Submit(page, form, button);
        else await page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    private static async Task Submit(IPage page, string form, string button, Func<ILocator, Task>? fill = null, bool refused = false)
    {
        if (fill is not null)
        {
            if (!await page.Locator(form).IsVisibleAsync()) await page.Locator($"details.act:has({form}) > summary").ClickAsync();
            await fill(page.Locator(form));
        }
        if (refused)
        {
            await page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await Expect(page.Locator($"{form} .form-error")).ToBeVisibleAsync();
            return;
        }
        var reloaded = page.WaitForRequestFinishedAsync(new() { Predicate = r => r.IsNavigationRequest, Timeout = 30_000 });
        await page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var done = await Task.WhenAny(reloaded, Task.Delay(30_000));
        if (done != reloaded || await page.Locator($"{form} .form-error:not([hidden])").CountAsync() > 0)
            throw new InvalidOperationException($"{form} was refused: {string.Join(" | ", await page.Locator(".form-error:not([hidden])").AllInnerTextsAsync())}");
        await page.WaitForLoadStateAsync();
    }

    private static ILocator Nav(IPage page, string name) => page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
