using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using NodaTime;

namespace Ledger.Api.Tests.Claims;

/// <summary>The same claim form judged under Taizhou's and Jizhou's packs.</summary>
[Collection(nameof(ClaimsCollection))]
public sealed class JurisdictionClaimTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly (string, string, string) Enterprise = ("handler-chen", "enterprise-co", "enterprise");

    private async Task<(Guid Enterprise, Guid Institution, Guid Person, string IdNumber, Guid Certificate, string Number)> Certified(
        string jurisdiction, int year, string hukou = "浙江省台州市", string workType = "electrical.low-voltage")
    {
        Fixture.Clock.Reset(Instant.FromUtc(year, 5, 12, 4, 0));
        var (enterprise, creditCode) = await Host.RegisterEnterprise(jurisdiction);
        var created = await Host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "安全培训学校", kind = "training-institution", jurisdiction, registeredOn = $"{year}-01-05",
        }, 201);
        var institution = created.GetProperty("institutionId").GetGuid();
        await Host.Post($"/api/institutions/{institution}/filings", new { filingAuthority = "应急管理局", scope = new[] { workType }, filedOn = $"{year}-01-05", reason = "备案", version = 1 }, 200);
        await Host.Post($"/api/institutions/{institution}/practical-capabilities", new { workType, facilities = "实训室", recordedOn = $"{year}-01-05", version = 2 }, 200);
        var idNumber = TestIds.NewIdNumber();
        var person = (await Host.Post("/api/persons", new { idNumber, name = "钱工", education = "senior-secondary", hukouDistrict = hukou }, 201)).GetProperty("personId").GetGuid();
        await Host.Hire(person, enterprise, new LocalDate(year, 3, 1));
        var opened = await Host.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institution, course = "初训", syllabusVersion = "2019", requiredHours = 8,
            workType, kind = "special-operation-initial", openedOn = $"{year}-05-10",
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var session = (await Host.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = $"{year}-05-11", start = "08:00", end = "16:00", mode = "practical", instructor = "李", place = "实训楼", content = "实操", version = 1,
        }, 200)).GetProperty("sessionId").GetGuid();
        await Host.Attend(classId, session, person);
        Fixture.Clock.Reset(Instant.FromUtc(year, 12, 20, 4, 0));
        var number = TestIds.NewCertificateNumber();
        var certificate = await Host.IssueCertificate(person, number, workType: workType, passDate: new LocalDate(year, 5, 18), issuedOn: new LocalDate(year, 5, 20));
        _ = creditCode;
        return (enterprise, institution, person, idNumber, certificate, number);
    }

    private static object Form(Guid enterprise, Guid institution, int year, decimal requested, params (string IdNumber, string Number, string Kind, decimal? Requested)[] lines) => new
    {
        enterpriseId = enterprise, handlerName = "陈经办", handlerMobile = "13712345678", institutionId = institution,
        workTypes = new[] { new { workType = "electrical.low-voltage", count = lines.Length } },
        trainingFrom = $"{year}-05-10", trainingUntil = $"{year}-05-11", certifiedCount = lines.Length, requestedAmount = requested,
        commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "总经理", signedOn = $"{year}-12-01" }, applicationDate = $"{year}-12-01",
        roster = lines.Select((l, i) => new { lineNo = i + 1, name = "钱工", workType = "electrical.low-voltage", idNumber = l.IdNumber, certificateNumber = l.Number, kind = l.Kind, requestedAmount = l.Requested }).ToArray(),
    };

    private async Task<JsonElement> Lines(object form) =>
        (await Host.Get($"/api/claims/{(await Host.Post("/api/claims", form, 201, Enterprise)).GetProperty("claimId").GetGuid()}")).GetProperty("lines");

    [Fact]
    public async Task taizhou_pays_a_new_certificate_inside_its_range_TZ_SUB_03_and_one_review_per_cycle_TZ_SUB_04()
    {
        var w = await Certified("zj-taizhou", 2020);
        var lines = await Lines(Form(w.Enterprise, w.Institution, 2020, 420, (w.IdNumber, w.Number, "special-operation-initial", 420)));
        lines[0].GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(420m);

        // Outside the range the ledger pays the minimum and shows the difference (FR-12).
        var other = await Certified("zj-taizhou", 2020);
        var claim = await Host.Post("/api/claims", Form(other.Enterprise, other.Institution, 2020, 600, (other.IdNumber, other.Number, "special-operation-initial", 600)), 201, Enterprise);
        var view = await Host.Get($"/api/claims/{claim.GetProperty("claimId").GetGuid()}");
        view.GetProperty("lines")[0].GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(300m);
        view.GetProperty("form").GetProperty("formFindings").GetRawText().ShouldContain("a difference of 300.00");

        await Host.Post($"/api/certificates/{w.Certificate}/reviews", new { reviewedOn = "2020-11-20", passed = true, reviewPassDate = "2020-11-18", version = 1 }, 200);
        var review = await Lines(Form(w.Enterprise, w.Institution, 2020, 100, (w.IdNumber, w.Number, "special-operation-review", null)));
        review[0].GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(100m);
        review[0].GetProperty("line").GetProperty("cycle").GetString().ShouldBe("review:2020-11-20");
        var again = await Lines(Form(w.Enterprise, w.Institution, 2020, 100, (w.IdNumber, w.Number, "special-operation-review", null)));
        again[0].GetProperty("line").GetProperty("status").GetString().ShouldBe("duplicate");
    }

    [Fact]
    public async Task jizhou_needs_local_household_registration_or_three_months_of_local_social_insurance_JZ_SUB_01()
    {
        var local = await Certified("tj-jizhou", 2021, hukou: "天津市蓟州区");
        var localLine = (await Lines(Form(local.Enterprise, local.Institution, 2021, 0, (local.IdNumber, local.Number, "special-operation-initial", null))))[0]
            .GetProperty("line").GetProperty("findings").EnumerateArray().ToList();
        var localFindings = localLine.Select(f => f.GetProperty("ruleId").GetString()).ToList();
        // Eligible by 本区户籍, which is only as registered: the claim says it is not verified with the hukou record, without blocking.
        localLine.ShouldNotContain(f => f.GetProperty("ruleId").GetString() == "FR-05" && f.GetProperty("blocking").GetBoolean());
        localLine.ShouldContain(f => f.GetProperty("ruleId").GetString() == "FR-05" && f.GetProperty("evidence").GetString()!.Contains("not verified"));
        // Jizhou sets no amount (按照相关规定): the line is judged, but earns nothing until the pack sets one.
        localFindings.ShouldContain("FR-13");

        var outsider = await Certified("tj-jizhou", 2021, hukou: "河北省三河市");
        var before = (await Lines(Form(outsider.Enterprise, outsider.Institution, 2021, 0, (outsider.IdNumber, outsider.Number, "special-operation-initial", null))))[0];
        before.GetProperty("line").GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("ruleId").GetString() == "FR-05");

        await Host.Post($"/api/persons/{outsider.Person}/social-insurance", new
        {
            region = "tj-jizhou", employerCreditCode = TrainingScenarios.NewCreditCode(), months = new[] { "2021-02", "2021-03", "2021-04" }, source = "蓟州区社保中心",
        }, 200, ("officer-jz", "tj-jizhou-hr-bureau", "hr-bureau"));
        var second = await Certified("tj-jizhou", 2021, hukou: "河北省三河市");
        _ = second;
        var after = (await Lines(Form(outsider.Enterprise, outsider.Institution, 2021, 0, (outsider.IdNumber, outsider.Number, "special-operation-initial", null))))[0];
        after.GetProperty("line").GetProperty("findings").EnumerateArray().ShouldNotContain(f => f.GetProperty("ruleId").GetString() == "FR-05");
    }

    [Fact]
    public async Task only_the_employing_enterprise_submits_a_claim()
    {
        var w = await Certified("zj-taizhou", 2020);
        var problem = await RefusedAsync(() => Host.Post("/api/claims", Form(w.Enterprise, w.Institution, 2020, 420, (w.IdNumber, w.Number, "special-operation-initial", 420)), 422,
            ("clerk", "zj-hr", "hr-bureau")));
        problem.GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-02");
    }

    [Fact]
    public async Task a_hazardous_chemical_line_whose_holder_lacks_the_education_is_flagged_FR_18()
    {
        var w = await Certified("zj-taizhou", 2020, workType: "hazardous-chemical.chlorination");
        // The diploma on file turned out to be forged: education corrected after the certificate was issued.
        await Host.Post($"/api/persons/{w.Person}/education", new
        {
            education = "junior-secondary", evidence = "学历核查", recordedOn = "2020-12-01", reason = "diploma not genuine", version = await Host.Version(w.Person),
        }, 200);
        var form = new
        {
            enterpriseId = w.Enterprise, handlerName = "陈经办", handlerMobile = "13712345678", institutionId = w.Institution,
            workTypes = new[] { new { workType = "hazardous-chemical.chlorination", count = 1 } },
            trainingFrom = "2020-05-10", trainingUntil = "2020-05-11", certifiedCount = 1, requestedAmount = 300m,
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "总经理", signedOn = "2020-12-02" }, applicationDate = "2020-12-02",
            roster = new[] { new { lineNo = 1, name = "钱工", workType = "hazardous-chemical.chlorination", idNumber = w.IdNumber, certificateNumber = w.Number, kind = "special-operation-initial" } },
        };
        var lines = await Lines(form);
        lines[0].GetProperty("line").GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("ruleId").GetString() == "FR-18");
    }
}
