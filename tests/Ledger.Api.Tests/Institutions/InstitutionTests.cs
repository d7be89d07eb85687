using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Institutions;

[Collection(nameof(InstitutionsCollection))]
public sealed class InstitutionTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task registration_returns_the_institution_and_its_view()
    {
        var code = InstitutionScenarios.NewCreditCode();
        var created = await Host.Post("/api/institutions", InstitutionScenarios.InstitutionBody(code, kind: "vocational-college"), 201);
        created.GetProperty("creditCode").GetString().ShouldBe(code);
        created.GetProperty("version").GetInt64().ShouldBe(1);
        var id = created.GetProperty("institutionId").GetGuid();

        var view = await Host.Get($"/api/institutions/{id}");
        view.GetProperty("name").GetString().ShouldBe("蓟州区安全技能培训学校");
        view.GetProperty("kind").GetString().ShouldBe("vocational-college");
        view.GetProperty("jurisdiction").GetString().ShouldBe("tj-jizhou");
        view.GetProperty("registeredOn").GetString().ShouldBe("2025-01-02");
        view.GetProperty("status").GetString().ShouldBe("not-filed");
        view.GetProperty("statusOn").GetString().ShouldBe("2026-03-02");
        view.GetProperty("training").GetArrayLength().ShouldBe(0);
        (await Host.Get($"/api/institutions/{id}?on=2024-12-31")).GetProperty("status").GetString().ShouldBe("not-yet-registered");
    }

    [Fact]
    public async Task a_credit_code_is_registered_once_and_the_409_names_the_holder()
    {
        var code = InstitutionScenarios.NewCreditCode();
        var first = await Host.RegisterInstitution(code);
        var problem = await RefusedAsync(() => Host.Post("/api/institutions", InstitutionScenarios.InstitutionBody(code.ToLowerInvariant(), name: "另一个名字"), 409));
        problem.GetProperty("institutionId").GetGuid().ShouldBe(first);
        problem.GetProperty("location").GetString().ShouldBe($"/api/institutions/{first}");
    }

    [Fact]
    public async Task racing_registrations_of_one_credit_code_store_exactly_one_institution()
    {
        var code = InstitutionScenarios.NewCreditCode();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(InstitutionScenarios.InstitutionBody(code)).ToUrl("/api/institutions");
                s.AsActor();
                s.IgnoreStatusCode();
            });
            return (Status: result.Context.Response.StatusCode, Body: await result.ReadAsJsonAsync<JsonElement>());
        }));
        results.Count(r => r.Status == 201).ShouldBe(1);
        var winner = results.Single(r => r.Status == 201).Body.GetProperty("institutionId").GetGuid();
        results.Where(r => r.Status != 201).ShouldAllBe(r => r.Status == 409 && r.Body.GetProperty("institutionId").GetGuid() == winner);
        (await Fixture.EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task bad_registration_fields_are_400_naming_each_field()
    {
        var body = InstitutionScenarios.InstitutionBody("91120225ABCDEFGHIO", name: "", kind: "driving-school", jurisdiction: "Tianjin", registeredOn: "2026-03-03");
        var errors = (await RefusedAsync(() => Host.Post("/api/institutions", body, 400))).GetProperty("errors");
        errors.GetProperty("creditCode")[0].GetString()!.ShouldContain("unified social credit code");
        errors.GetProperty("name")[0].GetString()!.ShouldContain("required");
        errors.GetProperty("kind")[0].GetString()!.ShouldContain("training-institution");
        errors.GetProperty("jurisdiction")[0].GetString()!.ShouldContain("jurisdiction code");
        errors.GetProperty("registeredOn")[0].GetString()!.ShouldContain("later than today");
        await Host.Get($"/api/institutions/{Guid.NewGuid()}", 404);
    }

    [Fact]
    public async Task a_filing_records_its_scope_and_unknown_work_types_are_400()
    {
        var id = await Host.RegisterInstitution();
        var problem = await RefusedAsync(() => Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01", "electrical.low-voltage", "underwater-basket-weaving"), 400));
        problem.GetProperty("errors").GetProperty("scope[1]")[0].GetString()!.ShouldContain("catalogue");

        (await Host.Step(id, "filings", InstitutionScenarios.Filing(1))).GetProperty("version").GetInt64().ShouldBe(2);
        var view = await Host.Get($"/api/institutions/{id}?on=2025-03-01");
        view.GetProperty("status").GetString().ShouldBe("filed");
        var filing = view.GetProperty("filing");
        filing.GetProperty("filingAuthority").GetString().ShouldBe("蓟州区应急管理局");
        filing.GetProperty("scope").EnumerateArray().Select(s => s.GetString()).ShouldBe(["electrical.low-voltage", "welding.fusion"]);

        // A later filing replaces the scope from its own date; the earlier scope still answers for earlier days.
        await Host.Step(id, "filings", InstitutionScenarios.Filing(2, "2025-06-01", "electrical.high-voltage"));
        (await Host.Get($"/api/institutions/{id}?on=2025-06-01")).GetProperty("filing").GetProperty("scope").EnumerateArray()
            .Select(s => s.GetString()).ShouldBe(["electrical.high-voltage"]);
        (await Host.Get($"/api/institutions/{id}?on=2025-05-31")).GetProperty("filing").GetProperty("scope").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task may_train_follows_filing_capability_suspension_and_cancellation_as_of_each_date()
    {
        const string lowVoltage = "electrical.low-voltage";
        var id = await Host.RegisterInstitution();

        async Task Expect(string on, string workType, bool mayTrain, string? ruleId, string status)
        {
            var answer = await Host.TrainingOn(id, on, workType);
            answer.GetProperty("mayTrain").GetBoolean().ShouldBe(mayTrain, $"{workType} on {on}");
            if (ruleId is null) answer.GetProperty("ruleId").ValueKind.ShouldBe(JsonValueKind.Null);
            else answer.GetProperty("ruleId").GetString().ShouldBe(ruleId, $"{workType} on {on}");
            (await Host.Get($"/api/institutions/{id}?on={on}")).GetProperty("status").GetString().ShouldBe(status, $"status on {on}");
        }

        await Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));
        await Host.Step(id, "practical-capabilities", InstitutionScenarios.Capability(lowVoltage, "2025-04-01", 2));
        await Host.Step(id, "suspensions", new { from = "2025-06-01", reason = "办速成班，随意缩减课时", legalBasis = "台应急〔2020〕5号", version = 3 });
        await Host.Step(id, "reinstatements", new { on = "2025-07-01", reason = "整改验收合格", version = 4 });
        await Host.Step(id, "filing-cancellations", new { on = "2025-09-01", reason = "不再具备培训条件", version = 5 });

        // A Jizhou institution in 2025, after Jizhou's 2020–2021 plan: refusals cite the national rule or the ledger's own policy,
        // never JZ-INS-01/02 out of their window nor Taizhou's TZ-ENF-01.
        await Expect("2025-02-01", lowVoltage, false, "LGR-INS-01", "not-filed");
        await Expect("2025-03-15", lowVoltage, false, "NAT-INS-01", "filed");
        await Expect("2025-04-15", lowVoltage, true, null, "filed");
        await Expect("2025-04-15", "welding.fusion", false, "NAT-INS-01", "filed");
        await Expect("2025-04-15", "electrical.high-voltage", false, "LGR-INS-01", "filed");
        await Expect("2025-06-01", lowVoltage, false, "LGR-INS-02", "suspended");
        await Expect("2025-06-30", lowVoltage, false, "LGR-INS-02", "suspended");
        await Expect("2025-07-01", lowVoltage, true, null, "filed");
        await Expect("2025-08-31", lowVoltage, true, null, "filed");
        await Expect("2025-09-01", lowVoltage, false, "LGR-INS-01", "filing-cancelled");

        var suspended = await Host.Get($"/api/institutions/{id}?on=2025-06-15");
        suspended.GetProperty("suspension").GetProperty("legalBasis").GetString().ShouldBe("台应急〔2020〕5号");
        var all = (await Host.Get($"/api/institutions/{id}?on=2025-04-15")).GetProperty("training").EnumerateArray()
            .ToDictionary(t => t.GetProperty("workType").GetString()!, t => t.GetProperty("mayTrain").GetBoolean());
        all.ShouldBe(new Dictionary<string, bool> { [lowVoltage] = true, ["welding.fusion"] = false });
    }

    [Fact]
    public async Task withdrawing_practical_capability_ends_training_of_that_work_type_from_its_date()
    {
        var id = await Host.RegisterInstitution();
        await Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));
        await Host.Step(id, "practical-capabilities", InstitutionScenarios.Capability("welding.fusion", "2025-03-01", 2));
        await Host.Step(id, "practical-capability-withdrawals", new { workType = "welding.fusion", on = "2025-05-01", reason = "实训设备报废", version = 3 });
        (await Host.TrainingOn(id, "2025-04-30", "welding.fusion")).GetProperty("mayTrain").GetBoolean().ShouldBeTrue();
        var after = await Host.TrainingOn(id, "2025-05-01", "welding.fusion");
        after.GetProperty("mayTrain").GetBoolean().ShouldBeFalse();
        after.GetProperty("ruleId").GetString().ShouldBe("NAT-INS-01");
        (await Host.Get($"/api/institutions/{id}?on=2025-05-01")).GetProperty("practicalCapabilities").GetArrayLength().ShouldBe(0);
        await Host.Get($"/api/institutions/{id}?workType=basket-weaving", 400);
    }

    [Fact]
    public async Task hr_catalogue_listing_is_answered_per_period()
    {
        var id = await Host.RegisterInstitution(jurisdiction: "hlj", name: "哈尔滨安全技能培训中心");
        await Host.Step(id, "hr-catalogue-listings", new { catalogue = "黑龙江省职业培训机构目录", listedOn = "2025-02-01", version = 1 });
        await Host.Step(id, "hr-catalogue-delistings", new { on = "2025-05-01", reason = "评估不合格", version = 2 });
        await Host.Step(id, "hr-catalogue-listings", new { catalogue = "黑龙江省职业培训机构目录", listedOn = "2025-08-01", version = 3 });

        async Task<bool> Listed(string on) => (await Host.Get($"/api/institutions/{id}?on={on}")).GetProperty("listedInHrCatalogue").GetBoolean();
        (await Listed("2025-01-31")).ShouldBeFalse();
        (await Listed("2025-02-01")).ShouldBeTrue();
        (await Listed("2025-04-30")).ShouldBeTrue();
        (await Listed("2025-05-01")).ShouldBeFalse();
        (await Listed("2025-07-31")).ShouldBeFalse();
        (await Listed("2025-08-01")).ShouldBeTrue();
        (await Host.Get($"/api/institutions/{id}?on=2025-08-01")).GetProperty("hrListing").GetProperty("catalogue").GetString().ShouldBe("黑龙江省职业培训机构目录");

        (await RefusedAsync(() => Host.Step(id, "hr-catalogue-listings", new { catalogue = "x", listedOn = "2025-09-01", version = 4 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("hr-catalogue-already-listed");
        await Host.Step(id, "hr-catalogue-delistings", new { on = "2025-10-01", reason = "机构注销", version = 4 });
        (await RefusedAsync(() => Host.Step(id, "hr-catalogue-delistings", new { on = "2025-10-02", reason = "again", version = 5 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("hr-catalogue-not-listed");
        // A new listing cannot reach back into the last delisting: periods never overlap.
        (await RefusedAsync(() => Host.Step(id, "hr-catalogue-listings", new { catalogue = "x", listedOn = "2025-09-15", version = 5 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("institution-dates-in-order");
    }

    [Fact]
    public async Task exam_point_designation_is_answered_per_period()
    {
        var id = await Host.RegisterInstitution(kind: "exam-point-operator", jurisdiction: "zj-taizhou", name: "国网台州供电公司考试点");
        var bad = await RefusedAsync(() => Host.Step(id, "exam-point-designations",
            new { scope = new[] { "electrical.high-voltage", "chess" }, area = "台州市", designatedBy = "台州市应急管理局", on = "2025-03-01", version = 1 }, 400));
        bad.GetProperty("errors").GetProperty("scope[1]")[0].GetString()!.ShouldContain("neither a work type nor a certificate kind");

        await Host.Step(id, "exam-point-designations", new
        {
            scope = new[] { "electrical.high-voltage", "electrical.low-voltage", "height.installation-maintenance-dismantling" },
            area = "台州市", designatedBy = "台州市应急管理局", on = "2025-03-01", version = 1,
        });
        (await RefusedAsync(() => Host.Step(id, "exam-point-designations",
            new { scope = new[] { "special-operation" }, area = "椒江区", designatedBy = "台州市应急管理局", on = "2025-04-01", version = 2 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("exam-point-already-designated");
        await Host.Step(id, "exam-point-withdrawals", new { on = "2025-10-01", reason = "考点整合", version = 2 });

        (await Host.Get($"/api/institutions/{id}?on=2025-02-28")).GetProperty("isExamPoint").GetBoolean().ShouldBeFalse();
        var designated = await Host.Get($"/api/institutions/{id}?on=2025-03-01");
        designated.GetProperty("isExamPoint").GetBoolean().ShouldBeTrue();
        designated.GetProperty("examPoint").GetProperty("area").GetString().ShouldBe("台州市");
        designated.GetProperty("examPoint").GetProperty("scope").GetArrayLength().ShouldBe(3);
        (await Host.Get($"/api/institutions/{id}?on=2025-10-01")).GetProperty("isExamPoint").GetBoolean().ShouldBeFalse();
        (await RefusedAsync(() => Host.Step(id, "exam-point-withdrawals", new { on = "2025-11-01", reason = "again", version = 3 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("exam-point-not-designated");
    }

    [Fact]
    public async Task refused_transitions_name_their_rule_and_store_nothing()
    {
        var id = await Host.RegisterInstitution();
        async Task Refused(string step, object body, string ruleId) =>
            (await RefusedAsync(() => Host.Step(id, step, body, 422))).GetProperty("ruleId").GetString().ShouldBe(ruleId, step);

        await Refused("suspensions", new { from = "2025-06-01", reason = "x", version = 1 }, "institution-suspend-only-filed-in-force");
        await Refused("filing-cancellations", new { on = "2025-06-01", reason = "x", version = 1 }, "institution-cancel-only-filed");
        await Refused("reinstatements", new { on = "2025-06-01", reason = "x", version = 1 }, "institution-reinstate-only-suspended");
        await Refused("filings", InstitutionScenarios.Filing(1, "2024-12-31"), "institution-dates-follow-registration");
        await Refused("practical-capability-withdrawals", new { workType = "welding.fusion", on = "2025-06-01", reason = "x", version = 1 }, "practical-capability-not-recorded");

        await Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));
        await Host.Step(id, "practical-capabilities", InstitutionScenarios.Capability("welding.fusion", "2025-03-01", 2));
        await Refused("practical-capabilities", InstitutionScenarios.Capability("welding.fusion", "2025-04-01", 3), "practical-capability-already-recorded");
        await Refused("suspensions", new { from = "2025-02-01", reason = "x", version = 3 }, "institution-dates-in-order");
        await Host.Step(id, "suspensions", new { from = "2025-06-01", reason = "停业整顿", version = 3 });
        await Refused("suspensions", new { from = "2025-06-02", reason = "again", version = 4 }, "institution-suspend-only-filed-in-force");
        await Refused("reinstatements", new { on = "2025-05-31", reason = "x", version = 4 }, "institution-dates-in-order");

        await Host.Step(id, "filing-cancellations", new { on = "2025-09-01", reason = "吊销", version = 4 });
        await Refused("reinstatements", new { on = "2025-09-02", reason = "x", version = 5 }, "institution-filing-cancelled");
        await Refused("filings", InstitutionScenarios.Filing(5, "2025-10-01"), "institution-filing-cancelled");
        await Refused("practical-capabilities", InstitutionScenarios.Capability("electrical.low-voltage", "2025-10-01", 5), "institution-filing-cancelled");
        await Refused("filing-cancellations", new { on = "2025-10-01", reason = "again", version = 5 }, "institution-filing-cancelled");
        // Withdrawals stay possible, so a cancelled institution's capabilities, listing and designation can be closed.
        await Host.Step(id, "practical-capability-withdrawals", new { workType = "welding.fusion", on = "2025-09-01", reason = "机构注销", version = 5 });
    }

    [Fact]
    public async Task stale_versions_are_409_unknown_institutions_404_and_bad_bodies_400_all_storing_nothing()
    {
        var id = await Host.RegisterInstitution();
        await Host.Step(id, "filings", InstitutionScenarios.Filing(1));
        (await RefusedAsync(() => Host.Step(id, "suspensions", new { from = "2025-06-01", reason = "x", version = 1 }, 409)))
            .GetProperty("currentVersion").GetInt64().ShouldBe(2);
        await RefusedAsync(() => Host.Step(Guid.NewGuid(), "suspensions", new { from = "2025-06-01", reason = "x", version = 1 }, 404));
        var errors = (await RefusedAsync(() => Host.Step(id, "suspensions", new { from = "2025-02-30", reason = "" }, 400))).GetProperty("errors");
        errors.GetProperty("from")[0].GetString()!.ShouldContain("real calendar date");
        errors.GetProperty("reason")[0].GetString()!.ShouldContain("required");
        errors.GetProperty("version")[0].GetString()!.ShouldContain("required");
        await Host.Get($"/api/institutions/{Guid.NewGuid()}/history", 404);
    }

    [Fact]
    public async Task institutions_are_listed_by_jurisdiction_with_their_status_on_a_day()
    {
        var jizhou = await Host.RegisterInstitution(name: "蓟州区安全技能培训学校", jurisdiction: "tj-jizhou");
        var qufu = await Host.RegisterInstitution(name: "曲阜市安全生产考试中心", kind: "exam-point-operator", jurisdiction: "sd-jining-qufu");
        await Host.RegisterInstitution(name: "大庆职业学院", kind: "vocational-college", jurisdiction: "hlj");
        await Host.Step(jizhou, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));

        var inJining = await Host.Get("/api/institutions?jurisdiction=sd-jining");
        inJining.EnumerateArray().Select(i => i.GetProperty("institutionId").GetGuid()).ShouldBe([qufu]);
        (await Host.Get("/api/institutions")).GetArrayLength().ShouldBe(3);

        var tianjin = (await Host.Get("/api/institutions?jurisdiction=tj&on=2025-03-01")).EnumerateArray().Single();
        tianjin.GetProperty("status").GetString().ShouldBe("filed");
        tianjin.GetProperty("scope").GetArrayLength().ShouldBe(2);
        (await Host.Get("/api/institutions?jurisdiction=tj&on=2025-02-28")).EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("not-filed");
        (await Host.Get("/api/institutions?jurisdiction=sd-jin")).GetArrayLength().ShouldBe(0);
        await Host.Get("/api/institutions?jurisdiction=Shandong", 400);
    }

    [Fact]
    public async Task history_lists_every_step_with_business_date_actor_and_reason()
    {
        var id = await Host.RegisterInstitution();
        await Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));
        await Host.Post($"/api/institutions/{id}/suspensions", new { from = "2025-06-01", reason = "办速成班", legalBasis = "TZ-ENF-01", version = 2 }, 200,
            ("officer-chen", "zj-taizhou-emergency-bureau", "regulator"));
        var events = (await Host.Get($"/api/institutions/{id}/history")).GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["institution_registered", "institution_filed", "institution_suspended"]);
        events[2].GetProperty("businessDate").GetString().ShouldBe("2025-06-01");
        events[2].GetProperty("actorUser").GetString().ShouldBe("officer-chen");
        events[2].GetProperty("reason").GetString().ShouldBe("办速成班 (TZ-ENF-01)");
    }

    [Fact]
    public async Task as_of_an_instant_the_institution_reads_as_the_ledger_knew_it()
    {
        var id = await Host.RegisterInstitution();
        await Host.Step(id, "filings", InstitutionScenarios.Filing(1, "2025-03-01"));
        var between = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        await Task.Delay(50);
        await Host.Step(id, "suspensions", new { from = "2025-06-01", reason = "停业整顿", version = 2 });
        var then = await Host.Get($"/api/institutions/{id}?asOf={between}&on=2025-07-01");
        then.GetProperty("status").GetString().ShouldBe("filed");
        (await Host.Get($"/api/institutions/{id}?on=2025-07-01")).GetProperty("status").GetString().ShouldBe("suspended");
    }
}
