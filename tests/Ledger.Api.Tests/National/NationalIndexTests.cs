using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.National;

/// <summary>
/// NAT-SUB-04 across real databases: a worker trained and certified in Heilongjiang is claimed for in Zhejiang too, each
/// province's ledger in a database of its own, both reserving the entitlement in the national index's database.
/// </summary>
[Collection(nameof(NationalCollection))]
public sealed class NationalIndexTests(NationalFixture fixture)
{
    private static readonly (string, string, string) ZjEnterprise = ("handler-chen", "zj-enterprise", "enterprise");

    /// <summary>The same person and certificate in both provinces' databases, ready to be claimed for in each.</summary>
    private sealed record Twins(object HljForm, object ZjForm);

    private async Task<Twins> SamePersonInBothProvinces()
    {
        var idNumber = TestIds.NewIdNumber();
        var number = "HZ" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var hlj = fixture.Heilongjiang;
        var training = await hlj.HljInstitutionWithClass();
        var (hljEnterprise, _) = await hlj.At(training.Until).RegisterEnterprise("hlj");
        var trainee = await hlj.Trainee(training, hljEnterprise, certificateNumber: number, idNumber: idNumber);
        var applied = training.Until.PlusDays(40);
        var hljForm = new
        {
            enterpriseId = hljEnterprise, handlerName = "赵经办", handlerMobile = "13900001111", institutionId = training.InstitutionId,
            workTypes = new[] { new { workType = ClaimScenarios.WorkType, count = 1 } }, trainingFrom = training.From.Date(), trainingUntil = training.Until.Date(),
            certifiedCount = 1, requestedAmount = 1000m,
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "刘经理", signedOn = applied.Date() },
            applicationDate = applied.Date(),
            roster = new[] { new { lineNo = 1, name = trainee.Name, workType = ClaimScenarios.WorkType, idNumber, certificateNumber = number, kind = "special-operation-initial", requestedAmount = 1000m } },
        };
        hlj.On(applied);

        // Taizhou (zj-taizhou) pays a new certificate in 2020 (TZ-SUB-03): the same worker, the same certificate number.
        var zj = fixture.Zhejiang;
        zj.On(new LocalDate(2020, 5, 12));
        var (zjEnterprise, _) = await zj.RegisterEnterprise("zj-taizhou");
        var institution = (await zj.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "台州安全培训学校", kind = "training-institution", jurisdiction = "zj-taizhou", registeredOn = "2020-01-05",
        }, 201)).GetProperty("institutionId").GetGuid();
        await zj.Post($"/api/institutions/{institution}/filings", new { filingAuthority = "台州市应急管理局", scope = new[] { ClaimScenarios.WorkType }, filedOn = "2020-01-05", reason = "备案", version = 1 }, 200);
        await zj.Post($"/api/institutions/{institution}/practical-capabilities", new { workType = ClaimScenarios.WorkType, facilities = "实训室", recordedOn = "2020-01-05", version = 2 }, 200);
        var person = (await zj.Post("/api/persons", new { idNumber, name = trainee.Name, education = "senior-secondary", hukouDistrict = "浙江省台州市" }, 201))
            .GetProperty("personId").GetGuid();
        await zj.Hire(person, zjEnterprise, new LocalDate(2020, 3, 1));
        var classId = (await zj.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institution, course = "初训", syllabusVersion = "2019", requiredHours = 8,
            workType = ClaimScenarios.WorkType, kind = "special-operation-initial", openedOn = "2020-05-10",
        }, 201)).GetProperty("classId").GetGuid();
        var session = (await zj.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = "2020-05-11", start = "08:00", end = "16:00", mode = "practical", instructor = "李", place = "实训楼", content = "实操", version = 1,
        }, 200)).GetProperty("sessionId").GetGuid();
        await zj.Attend(classId, session, person);
        zj.On(new LocalDate(2020, 12, 20));
        await zj.IssueCertificate(person, number, ClaimScenarios.WorkType, new LocalDate(2020, 5, 18), new LocalDate(2020, 5, 20));
        var zjForm = new
        {
            enterpriseId = zjEnterprise, handlerName = "陈经办", handlerMobile = "13712345678", institutionId = institution,
            workTypes = new[] { new { workType = ClaimScenarios.WorkType, count = 1 } }, trainingFrom = "2020-05-10", trainingUntil = "2020-05-11",
            certifiedCount = 1, requestedAmount = 420m, commitment = new { text = "承诺", signer = "总经理", signedOn = "2020-12-01" }, applicationDate = "2020-12-01",
            roster = new[] { new { lineNo = 1, name = trainee.Name, workType = ClaimScenarios.WorkType, idNumber, certificateNumber = number, kind = "special-operation-initial", requestedAmount = (decimal?)420m } },
        };
        return new Twins(hljForm, zjForm);
    }

    private static async Task<(int Status, JsonElement Body)> Submit(IAlbaHost host, object form, Guid claimId, (string, string, string) actor, Guid enterpriseId)
    {
        var body = JsonSerializer.SerializeToElement(form, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var withId = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body.GetRawText())!;
        withId["claimId"] = JsonSerializer.SerializeToElement(claimId);
        var result = await host.Scenario(s =>
        {
            s.Post.Json(withId).ToUrl("/api/claims");
            s.AsActor(actor);
            s.WithRequestHeader("X-Ledger-Enterprise", enterpriseId.ToString());
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsJsonAsync<JsonElement>());
    }

    private static Guid EnterpriseOf(object form) => JsonSerializer.SerializeToElement(form, new JsonSerializerOptions(JsonSerializerDefaults.Web)).GetProperty("enterpriseId").GetGuid();

    private static async Task<bool> ClaimExists(IAlbaHost host, Guid claimId) =>
        await host.Services.GetRequiredService<IDocumentStore>().QuerySession().Events.FetchStreamStateAsync(claimId) is not null;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task NAT_SUB_04_two_provinces_racing_for_one_entitlement_leave_exactly_one_holder_and_the_other_is_refused(int round)
    {
        _ = round;
        var twins = await SamePersonInBothProvinces();
        var before = (await fixture.NationalHoldingsAsync()).Count;
        var (hljClaim, zjClaim) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        // Both submissions read the index before either reserves, as far as two requests in flight at once can be made to.
        var results = await Task.WhenAll(
            Submit(fixture.Heilongjiang, twins.HljForm, hljClaim, ClaimActors.Enterprise, EnterpriseOf(twins.HljForm)),
            Submit(fixture.Zhejiang, twins.ZjForm, zjClaim, ZjEnterprise, EnterpriseOf(twins.ZjForm)));

        results.Select(r => r.Status).Order().ToArray().ShouldBe(new[] { 201, 422 }, $"answers: {results[0].Body} / {results[1].Body}");
        var (winner, loser) = results[0].Status == 201 ? (("hlj", hljClaim, fixture.Heilongjiang), ("zj", zjClaim, fixture.Zhejiang))
            : (("zj", zjClaim, fixture.Zhejiang), ("hlj", hljClaim, fixture.Heilongjiang));
        var refused = results.Single(r => r.Status == 422).Body;
        refused.GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-04");
        refused.GetProperty("detail").GetString().ShouldBe($"line 1's entitlement is held by a claim in province {winner.Item1}: one subsidy per person, certificate, kind and cycle nationwide; remove the line or have that province release it");
        results.Single(r => r.Status == 201).Body.GetProperty("duplicates").GetInt32().ShouldBe(0);

        // One row in the national index, the winner's; the loser's database holds no claim.
        var holdings = await fixture.NationalHoldingsAsync();
        holdings.Count.ShouldBe(before + 1);
        var holding = holdings[^1];
        (holding.Province, holding.Claim).ShouldBe((winner.Item1, winner.Item2));
        (await ClaimExists(winner.Item3, winner.Item2)).ShouldBeTrue();
        (await ClaimExists(loser.Item3, loser.Item2)).ShouldBeFalse();

        // Asked again, the loser is refused again, under a new claim id too.
        var again = loser.Item1 == "hlj"
            ? await Submit(fixture.Heilongjiang, twins.HljForm, Guid.CreateVersion7(), ClaimActors.Enterprise, EnterpriseOf(twins.HljForm))
            : await Submit(fixture.Zhejiang, twins.ZjForm, Guid.CreateVersion7(), ZjEnterprise, EnterpriseOf(twins.ZjForm));
        (again.Status, again.Body.GetProperty("ruleId").GetString()).ShouldBe((422, "NAT-SUB-04"));
        (await fixture.NationalHoldingsAsync()).Count.ShouldBe(before + 1);
    }

    private async Task<(Guid Entitlement, string Province, Guid Claim, bool Confirmed)?> HoldingOf(Guid claimId) =>
        (await fixture.NationalHoldingsAsync()).Where(h => h.Claim == claimId).Select(h => ((Guid, string, Guid, bool)?)h).FirstOrDefault();

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(200))
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException(what);
    }

    [Fact]
    public async Task NAT_SUB_04_a_claim_rejected_in_one_province_gives_the_entitlement_back_to_a_rightful_claim_in_another()
    {
        var twins = await SamePersonInBothProvinces();
        var hljClaim = Guid.CreateVersion7();
        (await Submit(fixture.Heilongjiang, twins.HljForm, hljClaim, ClaimActors.Enterprise, EnterpriseOf(twins.HljForm))).Status.ShouldBe(201);
        // The province's daemon confirms the reservation once it has seen its own EntitlementHeld.
        await Eventually(async () => await HoldingOf(hljClaim) is { Confirmed: true }, "the Heilongjiang holding was never confirmed");
        (await Submit(fixture.Zhejiang, twins.ZjForm, Guid.CreateVersion7(), ZjEnterprise, EnterpriseOf(twins.ZjForm))).Status.ShouldBe(422);

        var hlj = fixture.Heilongjiang;
        await hlj.Scenario(s =>
        {
            s.Post.Json(new { reason = "材料不全", on = hlj.Services.GetRequiredService<IClock>().GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date.Date(), version = 1 })
                .ToUrl($"/api/claims/{hljClaim}/rejection");
            s.AsActor(("officer-qian", "hlj-hr", "hr-bureau"));
            s.WithRequestHeader("X-Ledger-Jurisdiction", "hlj");
            s.StatusCodeShouldBe(200);
        });
        // EntitlementReleased reaches the index through the daemon, not the request: the national database may be down at that moment.
        await Eventually(async () => await HoldingOf(hljClaim) is null, "the rejected claim's holding was never released");

        var zjClaim = Guid.CreateVersion7();
        var rightful = await Submit(fixture.Zhejiang, twins.ZjForm, zjClaim, ZjEnterprise, EnterpriseOf(twins.ZjForm));
        (rightful.Status, rightful.Body.GetProperty("duplicates").GetInt32()).ShouldBe((201, 0), rightful.Body.ToString());
        (await HoldingOf(zjClaim))!.Value.Province.ShouldBe("zj");
    }
}
