using System.Text.RegularExpressions;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Console;

/// <summary>
/// The daily records issue 16 left without a form, done in the console alone (Chromium, real PostgreSQL): an institution's
/// filing, exam-point designation, practical conditions, suspension and HR-catalogue listing; an enterprise's headcount,
/// training arrangement and internal trainers; the HR bureau's social-insurance months; the regulator's forgery report.
/// Each first shows the API's refusal beside its field, stores nothing, then records.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ConsoleRecordsTests(BrowserFixture fixture) : IntegrationContext(fixture)
{
    private new BrowserFixture Fixture => (BrowserFixture)base.Fixture;

    [Fact]
    public async Task a_regulator_files_an_institution_designates_it_an_exam_point_records_its_practical_conditions_and_suspends_it_and_hr_lists_it()
    {
        Host.On(new LocalDate(2021, 3, 1));
        var creditCode = TrainingScenarios.NewCreditCode();
        var institutionId = (await Host.Post("/api/institutions", new
        {
            creditCode, name = "牡丹江安全技能培训中心", kind = "training-institution", jurisdiction = "hlj", registeredOn = "2021-03-01",
        }, 201)).GetProperty("institutionId").GetGuid();

        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj"))
        {
            var page = regulator.Page;
            await Nav(page, "培训机构").ClickAsync();
            await page.Locator($"#institutions a[href='/console/institutions/{institutionId}']").ClickAsync();
            await page.WaitForURLAsync($"**/console/institutions/{institutionId}");
            await Expect(page.Locator("h2 .badge").First).ToHaveTextAsync("未备案");

            // A filing dated tomorrow is refused beside its date, and the institution stays unfiled.
            await Open(page, "备案");
            var filing = page.Locator("#filing-form");
            await filing.Locator("select[name=scope]").SelectOptionAsync(["electrical.low-voltage", "electrical.high-voltage"]);
            await filing.GetByLabel("每周培训能力（人，选填）").FillAsync("40");
            await filing.GetByLabel("备案日期").FillAsync("2021-03-02");
            await filing.GetByLabel("备案依据").FillAsync("材料齐全，现场核查合格");
            await filing.GetByRole(AriaRole.Button, new() { Name = "备案", Exact = true }).ClickAsync();
            await Expect(filing.Locator("label:has(input[name=filedOn]) .field-error")).ToHaveTextAsync("不能晚于今天");
            await regulator.ScreenshotAsync("records-institution-filing-error");
            (await Host.Get($"/api/institutions/{institutionId}")).GetProperty("status").GetString().ShouldBe("not-filed");
            await filing.GetByLabel("备案日期").FillAsync("2021-03-01");
            await Submit(page, "#filing-form", "备案");
            await Expect(page.Locator("h2 .badge").First).ToHaveTextAsync("已备案");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("低压电工作业");

            await Open(page, "确定为考试点");
            await Submit(page, "#exam-point-form", "确定", async form =>
            {
                await form.Locator("select[name=scope]").SelectOptionAsync(["electrical.low-voltage"]);
                await form.GetByLabel("确定机关及文号").FillAsync("黑龙江省应急管理厅 黑应急函〔2021〕12号");
            });
            await Open(page, "登记实操条件");
            await Submit(page, "#practical-form", "登记", async form =>
            {
                await form.GetByLabel("工种").SelectOptionAsync("electrical.low-voltage");
                await form.GetByLabel("实操场地与设备").FillAsync("低压电工实训室一间，配电柜 6 套");
            });
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("黑应急函〔2021〕12号");
            await regulator.ScreenshotAsync("records-institution-filed");

            await Open(page, "停业整顿");
            await Submit(page, "#institution-suspend-form", "停业整顿", form => form.GetByLabel("停业整顿理由").FillAsync("以问答代替实际操作考试"));
            await Expect(page.Locator("h2 .badge").First).ToHaveTextAsync("停业整顿");
            await Expect(page.Locator("ol.timeline li[data-type=institution_suspended]")).ToContainTextAsync("以问答代替实际操作考试");
        }

        await using (var hr = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "officer-li", "hlj-hr-bureau", "hlj"))
        {
            var page = hr.Page;
            await page.GotoAsync($"/console/institutions/{institutionId}");
            await Expect(page.Locator("#filing-form")).ToHaveCountAsync(0);
            await Open(page, "列入人社目录");
            await Submit(page, "#hr-listing-form", "列入");
            await Expect(page.Locator("ol.timeline li[data-type=institution_listed_in_hr_catalogue]")).ToHaveCountAsync(1);
        }

        // The designated exam point registers a candidate from the ID card; a wrong check character is refused beside the box.
        var candidate = TestIds.NewIdNumber(1994);
        await using (var examiner = await ConsoleSession.SignInAsync(Fixture, "exam-point", "examiner-he", "hlj-exam-point", institution: institutionId))
        {
            var page = examiner.Page;
            await Nav(page, "培训机构").ClickAsync();
            await page.WaitForURLAsync($"**/console/institutions/{institutionId}");
            await Expect(page.Locator("#filing-form")).ToHaveCountAsync(0);
            var form = page.Locator("#candidate-form");
            await form.GetByLabel("身份证号").FillAsync(TestIds.WithWrongCheckCharacter(candidate));
            await form.GetByLabel("姓名").FillAsync("褚十一");
            await Submit(page, "#candidate-form", "登记", refused: true);
            await Expect(form.Locator("label:has(input[name=idNumber]) .field-error")).ToContainTextAsync("身份证号无效");
            await Host.Post("/api/persons/search", new { idNumber = candidate }, 404);
            // A candidate not on file is refused with what to do: register the person, then come back.
            await form.GetByLabel("身份证号").FillAsync(candidate);
            await Submit(page, "#candidate-form", "登记", refused: true);
            await Expect(form.Locator(".form-error .next")).ToContainTextAsync("先“登记人员”");
            await examiner.ScreenshotAsync("records-exam-point-candidate-unknown");
            await form.Locator("a.register-person").ClickAsync();
            var person = page.Locator("#person-form");
            await person.GetByLabel("身份证号").FillAsync(candidate);
            await person.GetByLabel("姓名").FillAsync("褚十一");
            await person.GetByLabel("户籍地").FillAsync("黑龙江省牡丹江市");
            await person.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
            await Expect(page.Locator("p.notice")).ToContainTextAsync("已登记");
            await Nav(page, "培训机构").ClickAsync();
            await page.Locator("#candidate-form").GetByLabel("身份证号").FillAsync(candidate);
            await page.Locator("#candidate-form").GetByLabel("姓名").FillAsync("褚十一");
            await Submit(page, "#candidate-form", "登记");
        }
        var candidateId = (await Host.Post("/api/persons/search", new { idNumber = candidate }, 200)).GetProperty("personId").GetGuid();
        await using (var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            (await query.LoadAsync<Ledger.Domain.Persons.Person>(candidateId))!.IsTraineeOf(institutionId).ShouldBeTrue();

        var institution = await Host.Get($"/api/institutions/{institutionId}");
        institution.GetProperty("status").GetString().ShouldBe("suspended");
        var history = (await Host.Get($"/api/institutions/{institutionId}/history")).GetProperty("events").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), User: e.GetProperty("actorUser").GetString())).ToList();
        history.Select(h => h.Type).ShouldBe(["institution_registered", "institution_filed", "exam_point_designated", "practical_capability_recorded",
            "institution_suspended", "institution_listed_in_hr_catalogue"]);
        history.Single(h => h.Type == "institution_listed_in_hr_catalogue").User.ShouldBe("officer-li");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = (await session.LoadAsync<Ledger.Domain.Institutions.Institution>(institutionId))!;
        stored.Filings.Single().Scope.ShouldBe(["electrical.high-voltage", "electrical.low-voltage"], ignoreOrder: true);
        stored.Filings.Single().WeeklyCapacity.ShouldBe(40);
        stored.ExamPointDesignations.Single().Scope.ShouldBe(["electrical.low-voltage"]);
    }

    [Fact]
    public async Task an_enterprise_reports_its_headcount_entrusts_its_training_and_appoints_an_internal_trainer_in_the_console()
    {
        Host.On(new LocalDate(2021, 3, 1));
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var personId = await Host.RegisterPerson(name: "孟师傅");
        await Host.Hire(personId, enterprise, new LocalDate(2021, 3, 1));

        await using var handler = await ConsoleSession.SignInAsync(Fixture, "enterprise", "handler-zhao", "hlj-enterprise", enterprise: enterprise);
        var page = handler.Page;
        await Nav(page, "企业合规").ClickAsync();
        await page.WaitForURLAsync($"**/console/enterprises/{enterprise}");

        await Open(page, "报告从业人员数");
        await Submit(page, "#headcount-form", "报告", form => form.GetByLabel("从业人员数").FillAsync("0"), refused: true);
        await Expect(page.Locator("#headcount-form label:has(input[name=headcount]) .field-error")).ToBeVisibleAsync();
        await handler.ScreenshotAsync("records-enterprise-headcount-error");
        (await Host.Get($"/api/enterprises/{enterprise}")).GetProperty("headcount").GetInt32().ShouldBe(200);
        await page.Locator("#headcount-form").GetByLabel("从业人员数").FillAsync("260");
        await Submit(page, "#headcount-form", "报告");

        await Open(page, "变更培训方式");
        await Submit(page, "#capability-form", "登记变更", async form =>
        {
            await form.GetByLabel("培训方式").SelectOptionAsync(new SelectOptionValue { Label = "委托培训" });
            await form.GetByLabel("受托培训机构（委托培训时填写）").FillAsync("哈尔滨安全培训学校");
            await form.GetByLabel("变更理由").FillAsync("本单位不具备实操培训条件");
        });

        await Open(page, "聘任内部培训师");
        await Submit(page, "#trainer-form", "聘任", async form =>
        {
            await form.GetByLabel("培训师（本单位职工）").SelectOptionAsync(new SelectOptionValue { Label = "孟师傅" });
            await form.Locator("select[name=workTypes]").SelectOptionAsync(["electrical.low-voltage"]);
            await form.GetByLabel("资格来源").SelectOptionAsync(new SelectOptionValue { Label = "经企业选拔考核" });
        });
        await Expect(page.Locator("#trainers tbody tr")).ToContainTextAsync("孟师傅");
        await handler.ScreenshotAsync("records-enterprise-acts");

        var stored = await Host.Get($"/api/enterprises/{enterprise}");
        stored.GetProperty("headcount").GetInt32().ShouldBe(260);
        stored.GetProperty("trainingCapability").GetString().ShouldBe("entrusting");
        stored.GetProperty("entrustedInstitution").GetString().ShouldBe("哈尔滨安全培训学校");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var rosters = await session.Query<Ledger.Domain.Enterprises.InternalTrainerRoster>().Where(r => r.EnterpriseCreditCode == stored.GetProperty("creditCode").GetString()).ToListAsync();
        var appointment = rosters.Single().Appointments.Single();
        appointment.PersonId.ShouldBe(personId);
        appointment.WorkTypes.ShouldBe(["electrical.low-voltage"]);
        appointment.Qualification.ShouldBe(Ledger.Domain.Enterprises.TrainerQualification.EnterpriseAssessed);
    }

    [Fact]
    public async Task the_hr_bureau_records_social_insurance_months_picking_the_employer_by_name_and_a_regulator_records_a_forgery_report()
    {
        Host.On(new LocalDate(2021, 3, 1));
        var (enterprise, creditCode) = await Host.RegisterEnterprise("hlj");
        var name = (await Host.Get($"/api/enterprises/{enterprise}")).GetProperty("name").GetString()!;
        var personId = await Host.RegisterPerson(name: "钱十");
        await Host.Hire(personId, enterprise, new LocalDate(2021, 1, 4));

        await using (var hr = await ConsoleSession.SignInAsync(Fixture, "hr-bureau", "officer-li", "hlj-hr-bureau", "hlj"))
        {
            var page = hr.Page;
            await page.GotoAsync($"/console/persons/{personId}");
            await Open(page, "登记社保缴费");
            var form = page.Locator("#social-insurance-form");
            var picker = form.Locator("input[data-pick-into=employerCreditCode]");
            await picker.PressSequentiallyAsync(name[..4]);
            await Expect(page.Locator("#employerCreditCode-choices option")).Not.ToHaveCountAsync(0);
            await picker.FillAsync($"{name}（{creditCode}）");
            await form.Locator("textarea[name=months]").FillAsync("2021-01, 2021-02\n2021-04");
            await form.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            // A future month is refused by the API beside the months box, and nothing is recorded.
            await Expect(form.Locator(".form-error")).ToBeVisibleAsync();
            await Expect(form.Locator(".form-error")).ToContainTextAsync("不能是将来的月份");
            await Expect(form.Locator("label:has(textarea[name=months]) .field-error")).ToContainTextAsync("不能是将来的月份");
            await hr.ScreenshotAsync("records-hr-social-insurance-error");
            await form.Locator("textarea[name=months]").FillAsync("2021-01, 2021-02");
            await Submit(page, "#social-insurance-form", "登记");
            await Expect(page.Locator("ol.timeline li[data-type=social_insurance_months_recorded]")).ToHaveCountAsync(1);
        }
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var person = (await session.LoadAsync<Ledger.Domain.Persons.Person>(personId))!;
            person.SocialInsurance.Select(m => m.Month.ToString("uuuu-MM", null)).ShouldBe(["2021-01", "2021-02"]);
            person.SocialInsurance.ShouldAllBe(m => m.EmployerCreditCode == creditCode && m.Region == "hlj");
        }

        var number = TestIds.NewCertificateNumber();
        await using (var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-wang", "national-emergency-ministry", "cn"))
        {
            var page = regulator.Page;
            await page.GotoAsync("/console/registers/forgeries");
            await Open(page, "登记假证举报");
            await Submit(page, "#forgery-report-form", "登记", async form =>
            {
                await form.GetByLabel("证书编号").FillAsync(number);
                await form.GetByLabel("持证人姓名（选填）").FillAsync("冯某");
                await form.GetByLabel("发现地点（选填）").FillAsync("哈尔滨某化工厂现场检查");
                await form.GetByLabel("举报内容").FillAsync("举报电话反映该证为伪造");
            });
            // The register is a projection kept in the background: the page shows the report once it has caught up.
            await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            await page.ReloadAsync();
            await Expect(page.Locator("#register")).ToContainTextAsync(number);
            await Expect(page.Locator("#register")).ToContainTextAsync("举报电话反映该证为伪造");
            await regulator.ScreenshotAsync("records-forgery-report");
        }
    }

    [Fact]
    public async Task a_verification_form_opened_before_the_ledger_rechecked_the_claim_says_so_in_chinese_and_reloads_keeping_what_was_typed()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var first = await Host.Trainee(training, enterprise, "王五");
        var second = await Host.Trainee(training, enterprise, "赵六");
        var applied = new LocalDate(2021, 4, 10);
        var claimId = await Host.SubmitClaim(enterprise, training, [first, second], applied);
        await Host.Attest(claimId, applied.PlusDays(2));
        Host.On(applied.PlusDays(5));

        await using var regulator = await ConsoleSession.SignInAsync(Fixture, "regulator", "inspector-qian", "harbin-emergency-bureau", "hlj");
        var page = regulator.Page;
        await page.GotoAsync($"/console/claims/{claimId}");
        var verify = page.Locator("form[data-api$='/verification']");
        await verify.GetByLabel("核验系统参考号").FillAsync("黑龙江省安全生产培训考核系统 第 0415 号");

        // Meanwhile another officer suspends the second worker's certificate; the ledger rechecks the claim (FR-03) in the
        // background, which moves the claim's version past the one the open page holds.
        var before = (await Host.Get($"/api/claims/{claimId}")).GetProperty("version").GetInt64();
        await Host.Post($"/api/certificates/{second.CertificateId}/suspensions", new { from = applied.PlusDays(4).Date(), reason = "现场检查发现无证指挥", version = 1 }, 200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await Host.Get($"/api/claims/{claimId}")).GetProperty("version").GetInt64().ShouldBeGreaterThan(before);

        await verify.GetByRole(AriaRole.Button, new() { Name = "核验", Exact = true }).ClickAsync();
        var refusal = verify.Locator(".form-error");
        await Expect(refusal).ToBeVisibleAsync();
        await Expect(refusal.Locator("p.stale")).ToContainTextAsync("自动复核");
        await Expect(refusal.Locator("p.stale")).ToContainTextAsync("尚未保存");
        await regulator.ScreenshotAsync("records-stale-verification");
        (await Host.Get($"/api/claims/{claimId}")).GetProperty("stage").GetString().ShouldBe("attested");

        await refusal.GetByRole(AriaRole.Button, new() { Name = "重新载入本页（保留已填写的内容）" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await Expect(page.Locator("form[data-api$='/verification'] input[name=systemReference]")).ToHaveValueAsync("黑龙江省安全生产培训考核系统 第 0415 号");
        await Submit(page, "form[data-api$='/verification']", "核验");
        var claim = await Host.Get($"/api/claims/{claimId}");
        claim.GetProperty("stage").GetString().ShouldBe("verified");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamAsync(claimId)).Select(e => e.Data).OfType<Ledger.Domain.Claims.CertificatesVerified>().Single()
            .SystemReference.ShouldBe("黑龙江省安全生产培训考核系统 第 0415 号");
    }

    private static async Task Open(IPage page, string summary)
    {
        var act = page.Locator("details.act > summary", new() { HasText = summary }).First;
        if (await act.Locator("xpath=..").GetAttributeAsync("open") is null) await act.ClickAsync();
    }

    private static async Task Submit(IPage page, string form, string button, Func<ILocator, Task>? fill = null, bool refused = false)
    {
        if (fill is not null) await fill(page.Locator(form));
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
