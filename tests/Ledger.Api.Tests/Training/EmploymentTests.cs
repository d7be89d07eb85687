using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class EmploymentTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_person_file_keeps_every_employment_across_employers_and_jurisdictions()
    {
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var (qufu, _) = await Host.RegisterEnterprise("sd-jining-qufu", industry: "metal-smelting");
        var person = await Host.RegisterPerson();
        var first = await Host.Hire(person, jizhou, new LocalDate(2024, 3, 1));
        await Host.Post($"/api/persons/{person}/employments/{first}/end", new { on = "2025-06-30", reason = "resigned", version = 2 }, 200);
        await Host.Hire(person, qufu, new LocalDate(2025, 8, 1), version: 3, specialOperationWorkType: "metallurgy.gas");

        var file = await Host.Get($"/api/persons/{person}");
        var employments = file.GetProperty("employments").EnumerateArray().ToList();
        employments.Count.ShouldBe(2);
        employments[0].GetProperty("presence").GetString().ShouldBe("ended");
        employments[0].GetProperty("jurisdiction").GetString().ShouldBe("tj-jizhou");
        employments[1].GetProperty("jurisdiction").GetString().ShouldBe("sd-jining-qufu");
        employments[1].GetProperty("assignment").GetProperty("specialOperationWorkType").GetString().ShouldBe("metallurgy.gas");
        file.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "employment_started").ShouldBe(2);
    }

    [Fact]
    public async Task employment_steps_are_refused_out_of_order_and_nothing_is_stored()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson();
        await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments", new
        {
            enterpriseId = Guid.NewGuid(), post = "操作工", relation = "labour-contract", hiredOn = "2025-01-02", version = 1,
        }, 404));
        var problem = await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments", new
        {
            enterpriseId = enterprise, post = "", relation = "slave", hiredOn = "2025-02-30", specialOperationWorkType = "juggling",
        }, 400));
        foreach (var field in new[] { "post", "relation", "hiredOn", "specialOperationWorkType", "version" })
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);

        var job = await Host.Hire(person, enterprise, new LocalDate(2025, 1, 2));
        (await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments/{job}/returns", new { on = "2025-03-01", version = 2 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-EMP-04");
        (await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments", new
        {
            enterpriseId = enterprise, post = "操作工", relation = "dispatched", hiredOn = "2025-02-01", version = 2,
        }, 422))).GetProperty("ruleId").GetString().ShouldBe("NAT-EMP-02");
        await Host.Post($"/api/persons/{person}/employments/{job}/departures", new { on = "2025-03-01", reason = "injury", version = 2 }, 200);
        (await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments/{job}/returns", new { on = "2025-02-01", version = 3 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-EMP-05");
        await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments/{job}/returns", new { on = "2025-04-01", version = 2 }, 409));
    }

    [Fact]
    public async Task a_hire_under_sixteen_is_refused()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson(TestIds.NewIdNumber(2011, 1, 1));
        (await RefusedAsync(() => Host.Post($"/api/persons/{person}/employments", new
        {
            enterpriseId = enterprise, post = "学徒", relation = "apprentice", hiredOn = "2026-01-05", version = 1,
        }, 422))).GetProperty("ruleId").GetString().ShouldBe("NAT-EMP-01");
    }
}
