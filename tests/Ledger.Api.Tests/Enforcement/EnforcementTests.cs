using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Audit;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Persons;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Enforcement;

[CollectionDefinition(nameof(EnforcementCollection))]
public sealed class EnforcementCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// The regulators' side of a breach the ledger detected, through the API: an inspection of a Heilongjiang high-risk enterprise, 责令限期改正
/// linked to the detected breach, the register of open orders marking the overdue one, re-inspection, penalty and 曝光 (HLJ-ENF-02); and a
/// tip-off taken without the informant, verified, and only then rewarded (HLJ-ENF-04). The enterprise sees its own inspection and orders, never a tip-off.
/// </summary>
[Collection(nameof(EnforcementCollection))]
public sealed class EnforcementTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly (string, string, string) HljRegulator = ("inspector-zhao", "hlj-emergency-bureau", "regulator");

    private async Task<JsonElement> As((string User, string Org, string Role) actor, string jurisdiction, string url, object body, int status)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("X-Ledger-User", actor.User);
            s.WithRequestHeader("X-Ledger-Org", actor.Org);
            s.WithRequestHeader("X-Ledger-Role", actor.Role);
            s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> AsEnterprise(Guid enterpriseId, string url, int status)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Ledger-User", "handler-wang");
            s.WithRequestHeader("X-Ledger-Org", "own-co");
            s.WithRequestHeader("X-Ledger-Role", "enterprise");
            s.WithRequestHeader("X-Ledger-Enterprise", enterpriseId.ToString());
            s.StatusCodeShouldBe(status);
        });
        return status == 200 ? await result.ReadAsJsonAsync<JsonElement>() : default;
    }

    private static object Inspection(Guid enterpriseId, string on, Guid? tipId = null) => new
    {
        enterpriseId, inspectedOn = on, trainingPlanChecked = true, trainingPlanFinding = "年度培训计划已制定", certificatesChecked = 10, certificatesMissing = 1,
        spotQuiz = new[] { new { group = "principal", examined = 1, passed = 1 }, new { group = "key-post-staff", examined = 4, passed = 3 } },
        tipId, reason = "“大执法”年度计划检查",
    };

    /// <summary>A high-risk enterprise in Heilongjiang with an electrician on a special-operation post and no certificate: FR-20, detected.</summary>
    private async Task<(Guid Enterprise, Guid Person)> EnterpriseWithBreach()
    {
        Host.On(new LocalDate(2021, 3, 1));
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson(TestIds.NewIdNumber(), "李四");
        await Host.Hire(person, enterprise, new LocalDate(2021, 3, 1), specialOperationWorkType: ClaimScenarios.WorkType);
        return (enterprise, person);
    }

    // 002 14: "发现应持证未持证或未经培训就上岗的人员，依法责令企业限期改正并予以处罚，并依据“大曝光”的相关要求，在一定范围内予以曝光"
    [Fact]
    public async Task HLJ_ENF_02_a_detected_breach_is_inspected_ordered_rectified_by_a_deadline_re_inspected_penalised_and_exposed()
    {
        var (enterprise, person) = await EnterpriseWithBreach();
        Host.On(new LocalDate(2021, 6, 1));
        var compliance = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2021-06-01");
        var breach = compliance.GetProperty("persons")[0].GetProperty("breaches").EnumerateArray().First();
        var recorded = await As(HljRegulator, "hlj", "/api/inspections", Inspection(enterprise, "2021-06-01"), 201);
        var id = recorded.GetProperty("inspectionId").GetGuid();

        // A breach the ledger did not detect cannot be named as found; the order must set a deadline after its day.
        var invented = await RefusedAsync(() => As(HljRegulator, "hlj", $"/api/inspections/{id}/rectification-orders", new
        {
            finding = "电工无证上岗", breaches = new[] { new { personId = Guid.NewGuid(), ruleId = "FR-20", kind = "special-operation-certificate" } },
            orderedOn = "2021-06-01", deadline = "2021-07-01", stopOrdered = false, version = 1,
        }, 422));
        invented.GetProperty("ruleId").GetString().ShouldBe(EnforcementRules.BreachDetected);
        var sameDay = await RefusedAsync(() => As(HljRegulator, "hlj", $"/api/inspections/{id}/rectification-orders", new
        {
            finding = "电工无证上岗", breaches = Array.Empty<object>(), orderedOn = "2021-06-01", deadline = "2021-06-01", stopOrdered = false, version = 1,
        }, 422));
        sameDay.GetProperty("ruleId").GetString().ShouldBe("HLJ-ENF-02");
        var stale = await RefusedAsync(() => As(HljRegulator, "hlj", $"/api/inspections/{id}/rectification-orders", new
        {
            finding = "电工无证上岗", breaches = Array.Empty<object>(), orderedOn = "2021-06-01", deadline = "2021-07-01", stopOrdered = false, version = 7,
        }, 409));
        stale.GetProperty("code").GetString().ShouldBe("stale-version");

        await As(HljRegulator, "hlj", $"/api/inspections/{id}/rectification-orders", new
        {
            finding = "低压电工无证上岗", orderedOn = "2021-06-01", deadline = "2021-07-01", stopOrdered = false, version = 1,
            breaches = new[] { new { personId = person, ruleId = breach.GetProperty("ruleId").GetString(), kind = breach.GetProperty("kind").GetString() } },
        }, 200);

        // The register marks the order overdue from the day after its deadline, the enterprise's own included.
        Host.On(new LocalDate(2021, 7, 1));
        var open = await Host.Get("/api/reports/rectification-orders?jurisdiction=hlj");
        open.GetProperty("total").GetInt32().ShouldBe(1);
        open.GetProperty("items")[0].GetProperty("overdue").GetBoolean().ShouldBeFalse();
        var early = await RefusedAsync(() => As(HljRegulator, "hlj", $"/api/inspections/{id}/re-inspections",
            new { reInspectedOn = "2021-07-01", rectified = false, finding = "仍未取证", version = 2 }, 422));
        early.GetProperty("ruleId").GetString().ShouldBe(EnforcementRules.ReInspectionTiming);
        Host.On(new LocalDate(2021, 7, 5));
        var overdue = await AsEnterprise(enterprise, "/api/reports/rectification-orders?overdue=true", 200);
        overdue.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32().ShouldBe(4);
        (await AsEnterprise(Guid.NewGuid(), "/api/reports/rectification-orders", 200)).GetProperty("total").GetInt32().ShouldBe(0);

        await As(HljRegulator, "hlj", $"/api/inspections/{id}/re-inspections", new { reInspectedOn = "2021-07-05", rectified = false, finding = "仍未取证", version = 2 }, 200);
        await As(HljRegulator, "hlj", $"/api/inspections/{id}/penalties", new
        {
            kind = "fine", fineAmount = 20000, legalBasis = "《中华人民共和国安全生产法》第九十七条", decisionNumber = "黑应急罚〔2021〕12号", decidedOn = "2021-07-05",
            reason = "特种作业人员未持证上岗，逾期未改正", version = 3,
        }, 200);
        await As(HljRegulator, "hlj", $"/api/inspections/{id}/publications", new { publishedOn = "2021-07-05", where = "全省安全生产“大曝光”专栏", reason = "逾期未改正", version = 4 }, 200);

        var view = await AsEnterprise(enterprise, $"/api/inspections/{id}", 200);
        var order = view.GetProperty("orders")[0];
        order.GetProperty("status").GetString().ShouldBe("not-rectified");
        order.GetProperty("penalty").GetProperty("fineAmount").GetDecimal().ShouldBe(20000m);
        order.GetProperty("breaches")[0].GetProperty("personId").GetGuid().ShouldBe(person);
        view.GetProperty("publication").GetProperty("where").GetString().ShouldBe("全省安全生产“大曝光”专栏");
        (await Host.Get("/api/reports/rectification-orders")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task only_a_regulator_of_the_enterprises_jurisdiction_inspects_it_and_bad_input_names_its_fields()
    {
        var (enterprise, _) = await EnterpriseWithBreach();
        Host.On(new LocalDate(2021, 6, 1));
        var outside = await RefusedAsync(() => As(("inspector-qian", "zj-emergency-bureau", "regulator"), "zj", "/api/inspections", Inspection(enterprise, "2021-06-01"), 403));
        outside.GetProperty("status").GetInt32().ShouldBe(403);
        await RefusedAsync(() => As(HljRegulator, "hlj", "/api/inspections", Inspection(Guid.NewGuid(), "2021-06-01"), 404));
        var bad = await RefusedAsync(() => As(HljRegulator, "hlj", "/api/inspections", new
        {
            enterpriseId = enterprise, inspectedOn = "2021-13-01", trainingPlanChecked = true, certificatesChecked = -1, certificatesMissing = 0,
            spotQuiz = new[] { new { group = "mayor", examined = 1, passed = 1 } }, reason = "",
        }, 400));
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "inspectedOn", "certificatesChecked", "spotQuiz[0].group", "reason" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field + ": " + errors);
        // An enterprise has no part in inspecting.
        await Host.Scenario(s =>
        {
            s.Post.Json(Inspection(enterprise, "2021-06-01")).ToUrl("/api/inspections");
            s.WithRequestHeader("X-Ledger-User", "handler-wang");
            s.WithRequestHeader("X-Ledger-Org", "own-co");
            s.WithRequestHeader("X-Ledger-Role", "enterprise");
            s.WithRequestHeader("X-Ledger-Enterprise", enterprise.ToString());
            s.StatusCodeShouldBe(403);
        });
    }

    // 002 (三): "凡举报“三项岗位人员”未持证或持假证上岗…经查证属实，按规定给予举报奖励"
    [Fact]
    public async Task HLJ_ENF_04_a_tip_off_keeps_no_informant_in_any_read_model_and_is_rewarded_only_once_verified_true()
    {
        var (enterprise, _) = await EnterpriseWithBreach();
        Host.On(new LocalDate(2021, 5, 20));
        var tip = (await As(HljRegulator, "hlj", "/api/tip-offs", new
        {
            enterpriseId = enterprise, subject = "special-operation-without-certificate", allegation = "车间电工无证上岗", channel = "hotline", receivedOn = "2021-05-20",
            informantContact = "13912345678",
        }, 201)).GetProperty("tipId").GetGuid();
        var early = await RefusedAsync(() => As(HljRegulator, "hlj", $"/api/tip-offs/{tip}/rewards",
            new { amount = 500, paymentReference = "奖-2021-07", grantedOn = "2021-05-20", reason = "举报属实", version = 1 }, 422));
        early.GetProperty("ruleId").GetString().ShouldBe("HLJ-ENF-04");

        Host.On(new LocalDate(2021, 6, 1));
        var inspection = (await As(HljRegulator, "hlj", "/api/inspections", Inspection(enterprise, "2021-06-01", tip), 201)).GetProperty("inspectionId").GetGuid();
        await As(HljRegulator, "hlj", $"/api/tip-offs/{tip}/verifications", new { substantiated = true, finding = "经查证属实", inspectionId = inspection, verifiedOn = "2021-06-01", version = 1 }, 200);
        await As(HljRegulator, "hlj", $"/api/tip-offs/{tip}/rewards", new { amount = 500, paymentReference = "奖-2021-07", grantedOn = "2021-06-01", reason = "举报属实", version = 2 }, 200);

        var view = await Host.Get($"/api/tip-offs/{tip}");
        view.GetProperty("informantContactMasked").GetString().ShouldBe("139****5678");
        view.GetProperty("rewardAmount").GetDecimal().ShouldBe(500m);
        // The contact is sealed in the event for the reward, and in no read model, API answer or list.
        var documents = await Host.Scalar<string>("select string_agg(data::text, ' ') from {schema}.mt_doc_tipoff")
                        + await Host.Scalar<string>("select string_agg(data::text, ' ') from {schema}.mt_events");
        documents.ShouldNotContain("13912345678");
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var received = (await session.Events.FetchStreamAsync(tip)).Select(e => e.Data).OfType<TipReceived>().Single();
            Host.Services.GetRequiredService<PersonalDataCipher>().Open(received.InformantContact!, TipOffRules.InformantContactPurpose, tip).ShouldBe("13912345678");
        }
        (await Host.Get("/api/tip-offs?jurisdiction=hlj")).GetProperty("total").GetInt32().ShouldBe(1);

        // The enterprise sees its inspection, not that a tip-off led to it, and no tip-off at all.
        var own = await AsEnterprise(enterprise, $"/api/inspections/{inspection}", 200);
        own.GetProperty("tipId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await Host.Get($"/api/inspections/{inspection}")).GetProperty("tipId").GetGuid().ShouldBe(tip);
        await AsEnterprise(enterprise, $"/api/tip-offs/{tip}", 403);
        await AsEnterprise(enterprise, "/api/tip-offs", 403);
        await AsEnterprise(Guid.NewGuid(), $"/api/inspections/{inspection}", 404);
        // Another jurisdiction's regulator does not learn the tip exists.
        await RefusedAsync(() => As(("inspector-qian", "zj-emergency-bureau", "regulator"), "zj", $"/api/tip-offs/{tip}/verifications",
            new { substantiated = false, finding = "不属实", verifiedOn = "2021-06-01", version = 3 }, 404));
    }
}
