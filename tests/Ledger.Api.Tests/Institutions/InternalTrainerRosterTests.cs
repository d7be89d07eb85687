using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Institutions;

[Collection(nameof(InstitutionsCollection))]
public sealed class InternalTrainerRosterTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static object Appointment(string creditCode, Guid personId, string[] workTypes, string appointedOn = "2025-03-01",
        string qualification = "demonstration-base-certified", long? version = null) => new
    {
        enterpriseCreditCode = creditCode,
        personId = personId.ToString(),
        workTypes,
        qualification,
        qualifiedOn = "2025-02-20",
        appointedOn,
        version,
    };

    [Fact]
    public async Task appointments_open_the_roster_and_removals_end_a_trainers_time_in_post()
    {
        var enterprise = InstitutionScenarios.NewCreditCode("450100");
        var wang = await Host.RegisterPerson(name: "王师傅");
        var li = await Host.RegisterPerson(name: "李师傅");

        var opened = await Host.Post("/api/trainer-rosters", Appointment(enterprise, wang, ["hazardous-chemical.chlorination", "electrical.low-voltage"]), 201);
        var rosterId = opened.GetProperty("rosterId").GetGuid();
        opened.GetProperty("version").GetInt64().ShouldBe(1);
        var appended = await Host.Post("/api/trainer-rosters",
            Appointment(enterprise.ToLowerInvariant(), li, ["electrical.low-voltage"], "2025-04-01", "enterprise-assessed", version: 1), 200);
        appended.GetProperty("rosterId").GetGuid().ShouldBe(rosterId);
        appended.GetProperty("version").GetInt64().ShouldBe(2);

        await Host.Post($"/api/trainer-rosters/{rosterId}/removals", new { personId = wang, on = "2025-06-01", reason = "考核不合格，退出内训师队伍", version = 2 }, 200);

        async Task<Dictionary<string, int>> Counts(string on)
        {
            var view = await Host.Get($"/api/trainer-rosters/{rosterId}?on={on}");
            return view.GetProperty("countsByWorkType").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        }

        (await Counts("2025-02-28")).ShouldBeEmpty();
        (await Counts("2025-03-01")).ShouldBe(new Dictionary<string, int> { ["electrical.low-voltage"] = 1, ["hazardous-chemical.chlorination"] = 1 });
        (await Counts("2025-04-01")).ShouldBe(new Dictionary<string, int> { ["electrical.low-voltage"] = 2, ["hazardous-chemical.chlorination"] = 1 });
        (await Counts("2025-06-01")).ShouldBe(new Dictionary<string, int> { ["electrical.low-voltage"] = 1 });

        var view = await Host.Get($"/api/trainer-rosters/{rosterId}?on=2025-06-01");
        view.GetProperty("enterpriseCreditCode").GetString().ShouldBe(enterprise);
        var trainer = view.GetProperty("trainers").EnumerateArray().Single();
        trainer.GetProperty("personId").GetGuid().ShouldBe(li);
        trainer.GetProperty("qualification").GetString().ShouldBe("enterprise-assessed");
        var removed = view.GetProperty("appointments").EnumerateArray().Single(a => a.GetProperty("personId").GetGuid() == wang);
        removed.GetProperty("removedOn").GetString().ShouldBe("2025-06-01");
        view.GetProperty("version").GetInt64().ShouldBe(3);

        // Removed trainers may be appointed again, from their removal on.
        await Host.Post("/api/trainer-rosters", Appointment(enterprise, wang, ["hazardous-chemical.chlorination"], "2025-09-01"), 200);
        (await Counts("2025-09-01"))["hazardous-chemical.chlorination"].ShouldBe(1);
    }

    [Fact]
    public async Task refused_roster_changes_name_their_rule_or_status_and_store_nothing()
    {
        var enterprise = InstitutionScenarios.NewCreditCode("370881");
        var zhao = await Host.RegisterPerson(name: "赵师傅");

        await RefusedAsync(() => Host.Post("/api/trainer-rosters", Appointment(enterprise, Guid.NewGuid(), ["electrical.low-voltage"]), 404));
        var errors = (await RefusedAsync(() => Host.Post("/api/trainer-rosters", new
        {
            enterpriseCreditCode = "not-a-code", personId = "someone", workTypes = new[] { "knitting" }, qualification = "self-taught",
            qualifiedOn = "2025-13-01", appointedOn = "2026-03-03",
        }, 400))).GetProperty("errors");
        errors.GetProperty("enterpriseCreditCode")[0].GetString()!.ShouldContain("unified social credit code");
        errors.GetProperty("personId")[0].GetString()!.ShouldContain("person id");
        errors.GetProperty("workTypes[0]")[0].GetString()!.ShouldContain("catalogue");
        errors.GetProperty("qualification")[0].GetString()!.ShouldContain("demonstration-base-certified");
        errors.GetProperty("qualifiedOn")[0].GetString()!.ShouldContain("real calendar date");
        errors.GetProperty("appointedOn")[0].GetString()!.ShouldContain("later than today");

        // A version names an existing roster; none exists yet.
        await RefusedAsync(() => Host.Post("/api/trainer-rosters", Appointment(enterprise, zhao, ["electrical.low-voltage"], version: 3), 409));
        var rosterId = (await Host.Post("/api/trainer-rosters", Appointment(enterprise, zhao, ["electrical.low-voltage"]), 201)).GetProperty("rosterId").GetGuid();

        (await RefusedAsync(() => Host.Post("/api/trainer-rosters", Appointment(enterprise, zhao, ["welding.fusion"]), 422)))
            .GetProperty("ruleId").GetString().ShouldBe("internal-trainer-already-in-post");
        var qian = await Host.RegisterPerson(name: "钱师傅");
        (await RefusedAsync(() => Host.Post("/api/trainer-rosters", Appointment(enterprise, qian, ["welding.fusion"], "2025-02-01"), 422)))
            .GetProperty("ruleId").GetString().ShouldBe("internal-trainer-dates-in-order");
        (await RefusedAsync(() => Host.Post("/api/trainer-rosters", Appointment(enterprise, qian, ["welding.fusion"], version: 7), 409)))
            .GetProperty("currentVersion").GetInt64().ShouldBe(1);

        (await RefusedAsync(() => Host.Post($"/api/trainer-rosters/{rosterId}/removals", new { personId = qian, on = "2025-06-01", reason = "x", version = 1 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("internal-trainer-not-in-post");
        (await RefusedAsync(() => Host.Post($"/api/trainer-rosters/{rosterId}/removals", new { personId = zhao, on = "2025-02-01", reason = "x", version = 1 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("internal-trainer-dates-in-order");
        await RefusedAsync(() => Host.Post($"/api/trainer-rosters/{rosterId}/removals", new { personId = zhao, on = "2025-06-01", reason = "x", version = 2 }, 409));
        await RefusedAsync(() => Host.Post($"/api/trainer-rosters/{Guid.NewGuid()}/removals", new { personId = zhao, on = "2025-06-01", reason = "x", version = 1 }, 404));
        await Host.Get($"/api/trainer-rosters/{Guid.NewGuid()}", 404);
    }
}
