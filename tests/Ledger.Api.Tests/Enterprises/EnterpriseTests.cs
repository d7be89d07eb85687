using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Enterprises;

[Collection(nameof(EnterprisesCollection))]
public sealed class EnterpriseTests(EnterprisesFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task registers_an_enterprise_under_a_pseudonymous_stream_id_and_reads_it_back()
    {
        var code = EnterpriseScenarios.NewCreditCode();
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(EnterpriseScenarios.EnterpriseBody(code)).ToUrl("/api/enterprises");
            s.AsActor();
            s.StatusCodeShouldBe(201);
        });
        var created = await result.ReadAsJsonAsync<JsonElement>();
        var enterpriseId = created.GetProperty("enterpriseId").GetGuid();
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/api/enterprises/{enterpriseId}");
        created.GetProperty("version").GetInt64().ShouldBe(1);
        enterpriseId.ToString("N").ShouldNotContain(code[8..16].ToLowerInvariant());

        var enterprise = await Host.Get($"/api/enterprises/{enterpriseId}");
        enterprise.GetProperty("creditCode").GetString().ShouldBe(code);
        enterprise.GetProperty("industry").GetString().ShouldBe("hazardous-chemicals");
        enterprise.GetProperty("highRiskIndustry").GetBoolean().ShouldBeTrue();
        enterprise.GetProperty("jurisdiction").GetString().ShouldBe("tj-jizhou");
        enterprise.GetProperty("jurisdictionNameZh").GetString().ShouldBe("蓟州区");
        enterprise.GetProperty("headcount").GetInt32().ShouldBe(640);
        enterprise.GetProperty("trainingCapability").GetString().ShouldBe("self-training");
        enterprise.GetProperty("registeredOn").GetString().ShouldBe("2026-03-02");
        enterprise.GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task a_wrong_check_character_is_refused_with_the_field_named_and_nothing_stored()
    {
        var bad = EnterpriseScenarios.WithWrongCheckCharacter(EnterpriseScenarios.NewCreditCode());
        var problem = await RefusedAsync(() => Host.Post("/api/enterprises", EnterpriseScenarios.EnterpriseBody(bad), 400));
        problem.GetProperty("errors").GetProperty("creditCode")[0].GetString()!.ShouldContain("Check character");
    }

    [Fact]
    public async Task every_bad_field_is_listed_at_once()
    {
        var problem = await RefusedAsync(() => Host.Post("/api/enterprises", new
        {
            creditCode = "91350100M000100I43",
            name = "",
            legalRepresentative = (string?)null,
            industry = "mining",
            jurisdiction = "tj-nowhere",
            headcount = 0,
            trainingCapability = "sometimes",
        }, 400));
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "creditCode", "name", "legalRepresentative", "industry", "jurisdiction", "aboveDesignatedSize", "headcount", "trainingCapability" })
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} should be named");
        errors.GetProperty("creditCode")[0].GetString()!.ShouldContain("I, O, Z, S or V");
        errors.GetProperty("industry")[0].GetString()!.ShouldContain("hazardous-chemicals");
        errors.GetProperty("jurisdiction")[0].GetString()!.ShouldContain("jurisdiction");
    }

    [Fact]
    public async Task an_entrusting_enterprise_names_its_institution_and_a_self_training_one_names_none()
    {
        var entrustingWithout = await RefusedAsync(() => Host.Post("/api/enterprises",
            EnterpriseScenarios.EnterpriseBody(EnterpriseScenarios.NewCreditCode(), trainingCapability: "entrusting"), 400));
        entrustingWithout.GetProperty("errors").TryGetProperty("entrustedInstitution", out _).ShouldBeTrue();

        var selfWith = await RefusedAsync(() => Host.Post("/api/enterprises",
            EnterpriseScenarios.EnterpriseBody(EnterpriseScenarios.NewCreditCode(), entrustedInstitution: "天津市安全培训中心"), 400));
        selfWith.GetProperty("errors").GetProperty("entrustedInstitution")[0].GetString()!.ShouldContain("entrusting");

        var created = await Host.Post("/api/enterprises", EnterpriseScenarios.EnterpriseBody(EnterpriseScenarios.NewCreditCode(),
            industry: "other", trainingCapability: "entrusting", entrustedInstitution: " 天津市安全培训中心 "), 201);
        var enterprise = await Host.Get($"/api/enterprises/{created.GetProperty("enterpriseId").GetGuid()}");
        enterprise.GetProperty("entrustedInstitution").GetString().ShouldBe("天津市安全培训中心");
        enterprise.GetProperty("highRiskIndustry").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task registering_a_credit_code_twice_is_a_conflict_naming_the_existing_enterprise()
    {
        var code = EnterpriseScenarios.NewCreditCode();
        var enterpriseId = await Host.RegisterEnterprise(code);

        var problem = await RefusedAsync(() => Host.Post("/api/enterprises", EnterpriseScenarios.EnterpriseBody(code.ToLowerInvariant()), 409));

        problem.GetProperty("enterpriseId").GetGuid().ShouldBe(enterpriseId);
        problem.GetProperty("location").GetString().ShouldBe($"/api/enterprises/{enterpriseId}");
    }

    [Fact]
    public async Task racing_registrations_of_one_credit_code_store_exactly_one_enterprise()
    {
        var code = EnterpriseScenarios.NewCreditCode();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(EnterpriseScenarios.EnterpriseBody(code)).ToUrl("/api/enterprises");
                s.AsActor();
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, Body: await result.ReadAsJsonAsync<JsonElement>());
        }));

        results.Count(r => r.StatusCode == 201).ShouldBe(1);
        var winner = results.Single(r => r.StatusCode == 201).Body.GetProperty("enterpriseId").GetGuid();
        var losers = results.Where(r => r.StatusCode == 409).ToList();
        losers.Count.ShouldBe(7);
        losers.ShouldAllBe(l => l.Body.GetProperty("enterpriseId").GetGuid() == winner);
        (await Fixture.EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_enterprise_is_404_for_reads_and_writes()
    {
        var unknown = Guid.NewGuid();
        await Host.Get($"/api/enterprises/{unknown}", 404);
        await RefusedAsync(() => Host.Post($"/api/enterprises/{unknown}/headcount", new { headcount = 10, reportedOn = "2026-03-01", version = 1 }, 404));
        await RefusedAsync(() => Host.Post($"/api/enterprises/{unknown}/training-capability",
            new { trainingCapability = "self-training", on = "2026-03-01", reason = "r", version = 1 }, 404));
    }

    [Fact]
    public async Task a_headcount_report_needs_the_current_version()
    {
        var enterpriseId = await Host.RegisterEnterprise();

        var reported = await Host.Post($"/api/enterprises/{enterpriseId}/headcount", new { headcount = 720, reportedOn = "2026-03-02", version = 1 }, 200);
        reported.GetProperty("version").GetInt64().ShouldBe(2);

        var stale = await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/headcount", new { headcount = 800, reportedOn = "2026-03-02", version = 1 }, 409));
        stale.GetProperty("currentVersion").GetInt64().ShouldBe(2);

        var enterprise = await Host.Get($"/api/enterprises/{enterpriseId}");
        enterprise.GetProperty("headcount").GetInt32().ShouldBe(720);
        enterprise.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task a_headcount_dated_before_the_one_held_is_refused_with_its_rule()
    {
        var enterpriseId = await Host.RegisterEnterprise();
        var problem = await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/headcount", new { headcount = 700, reportedOn = "2026-02-01", version = 1 }, 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("headcount-out-of-order");

        var future = await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/headcount", new { headcount = 700, reportedOn = "2026-03-03", version = 1 }, 400));
        future.GetProperty("errors").TryGetProperty("reportedOn", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task changing_the_training_capability_needs_the_current_version()
    {
        var enterpriseId = await Host.RegisterEnterprise();

        var changed = await Host.Post($"/api/enterprises/{enterpriseId}/training-capability", new
        {
            trainingCapability = "entrusting", entrustedInstitution = "天津市安全培训中心", on = "2026-03-02", reason = "training centre closed", version = 1,
        }, 200);
        changed.GetProperty("version").GetInt64().ShouldBe(2);

        var stale = await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/training-capability", new
        {
            trainingCapability = "self-training", on = "2026-03-02", reason = "reopened", version = 1,
        }, 409));
        stale.GetProperty("currentVersion").GetInt64().ShouldBe(2);

        var enterprise = await Host.Get($"/api/enterprises/{enterpriseId}");
        enterprise.GetProperty("trainingCapability").GetString().ShouldBe("entrusting");
        enterprise.GetProperty("entrustedInstitution").GetString().ShouldBe("天津市安全培训中心");
        enterprise.GetProperty("trainingCapabilitySince").GetString().ShouldBe("2026-03-02");
    }

    [Fact]
    public async Task an_enterprise_may_sit_in_a_jurisdiction_added_by_a_configured_pack()
    {
        var enterpriseId = await Host.RegisterEnterprise(jurisdiction: EnterprisesFixture.ExtraJurisdiction);
        (await Host.Get($"/api/enterprises/{enterpriseId}")).GetProperty("jurisdictionNameZh").GetString().ShouldBe("兖州区");
    }

    /// <summary>JZ-PLN-01 (000): "企业主要负责人要在2020年4月底前组织制定本单位安全技能提升培训计划，并组织实施".</summary>
    [Fact]
    public async Task JZ_PLN_01_a_plan_recorded_late_shows_as_a_breach_with_its_days_and_bad_input_stores_nothing()
    {
        var enterpriseId = await Host.RegisterEnterprise();
        var missing = await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/training-plans", new { year = 2020, version = 1 }, 400));
        foreach (var field in new[] { "adoptedOn", "title", "approvedBy", "coversDispatchedAndOutsourced" })
            missing.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        (await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/training-plans",
                new { year = 2020, adoptedOn = "2021-01-04", title = "计划", approvedBy = "王强", coversDispatchedAndOutsourced = true, version = 1 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("training-plan-year-mismatch");

        var plan = new { year = 2020, adoptedOn = "2020-05-10", title = "2020年度安全技能提升培训计划", approvedBy = "王强", coversDispatchedAndOutsourced = true, version = 1 };
        (await Host.Post($"/api/enterprises/{enterpriseId}/training-plans", plan, 200)).GetProperty("version").GetInt64().ShouldBe(2);
        await RefusedAsync(() => Host.Post($"/api/enterprises/{enterpriseId}/training-plans", plan with { title = "修订版" }, 409));

        var compliance = await Host.Get($"/api/enterprises/{enterpriseId}/compliance?on=2020-06-01");
        var obligation = compliance.GetProperty("enterpriseObligations").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "training-plan");
        obligation.GetProperty("ruleId").GetString().ShouldBe("JZ-PLN-01");
        obligation.GetProperty("status").GetString().ShouldBe("breached");
        obligation.GetProperty("detail").GetString()!.ShouldContain("10 days after it was due");
        (await Host.Get($"/api/enterprises/{enterpriseId}")).GetProperty("version").GetInt64().ShouldBe(2);
    }
}
