using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Persons;

[Collection(nameof(PersonsCollection))]
public sealed class RegisterPersonTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task registers_a_person_with_a_pseudonymous_stream_id_and_a_masked_file()
    {
        var idNumber = TestIds.NewIdNumber(1985, 7, 9, male: false);
        var created = await Host.Post("/api/persons", LedgerScenarios.PersonBody(idNumber, "李梅"), 201);
        var personId = created.GetProperty("personId").GetGuid();

        personId.ToString().ShouldNotContain(idNumber[..6]);
        created.GetRawText().ShouldNotContain(idNumber);

        var file = await Host.Get($"/api/persons/{personId}");
        file.GetProperty("idNumberMasked").GetString().ShouldBe(idNumber[..3] + "***********" + idNumber[^4..]);
        file.GetProperty("birthDate").GetString().ShouldBe("1985-07-09");
        file.GetProperty("sex").GetString().ShouldBe("female");
        file.GetProperty("mobileMasked").GetString().ShouldBe("138****5678");
        file.GetRawText().ShouldNotContain(idNumber);
        file.GetRawText().ShouldNotContain("13812345678");
        file.GetProperty("timeline").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task the_same_id_number_always_maps_to_the_same_person()
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber);
        var found = await Host.Post("/api/persons/search", new { idNumber }, 200);
        found.GetProperty("personId").GetGuid().ShouldBe(personId);
    }

    [Fact]
    public async Task a_wrong_check_character_is_refused_with_the_field_named_and_nothing_stored()
    {
        var bad = TestIds.WithWrongCheckCharacter(TestIds.NewIdNumber());
        var problem = await RefusedAsync(() => Host.Post("/api/persons", LedgerScenarios.PersonBody(bad), 400));
        problem.GetProperty("errors").GetProperty("idNumber")[0].GetString()!.ShouldContain("check character");
        problem.GetRawText().ShouldNotContain(bad);
    }

    [Fact]
    public async Task every_bad_field_is_listed_at_once()
    {
        var problem = await RefusedAsync(() => Host.Post("/api/persons", new
        {
            idNumber = "12345",
            name = "",
            education = "phd-in-everything",
            hukouDistrict = (string?)null,
            mobile = "12",
            birthDate = "1990-02-30",
        }, 400));
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "idNumber", "name", "education", "hukouDistrict", "mobile", "birthDate" })
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} should be named");
    }

    [Fact]
    public async Task a_birth_date_or_sex_that_contradicts_the_id_number_is_refused()
    {
        var idNumber = TestIds.NewIdNumber(1990, 5, 17, male: true);
        var problem = await RefusedAsync(() => Host.Post("/api/persons", new
        {
            idNumber, name = "王五", education = "bachelor", hukouDistrict = "天津市蓟州区", birthDate = "1990-05-18", sex = "female",
        }, 400));
        problem.GetProperty("errors").GetProperty("birthDate")[0].GetString()!.ShouldContain("does not match");
        problem.GetProperty("errors").GetProperty("sex")[0].GetString()!.ShouldContain("does not match");
    }

    [Fact]
    public async Task malformed_json_and_wrong_types_get_problem_details_and_store_nothing()
    {
        await RefusedAsync(async () =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Text("{\"idNumber\": \"1101").ToUrl("/api/persons");
                s.WithRequestHeader("Content-Type", "application/json");
                s.AsActor();
                s.StatusCodeShouldBe(400);
                s.ContentTypeShouldBe("application/problem+json");
            });
            return result;
        });
        await RefusedAsync(() => Host.Post("/api/persons", new { idNumber = 12, name = true }, 400));
    }

    [Fact]
    public async Task a_write_without_an_actor_is_refused()
    {
        await RefusedAsync(() => Host.Scenario(s =>
        {
            s.Post.Json(LedgerScenarios.PersonBody(TestIds.NewIdNumber())).ToUrl("/api/persons");
            s.StatusCodeShouldBe(401);
            s.ContentTypeShouldBe("application/problem+json");
        }));
    }

    [Fact]
    public async Task registering_the_same_id_number_twice_is_a_conflict_naming_the_existing_person()
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber);
        var problem = await RefusedAsync(() => Host.Post("/api/persons", LedgerScenarios.PersonBody(idNumber, "别人"), 409));
        problem.GetProperty("personId").GetGuid().ShouldBe(personId);
    }

    [Fact]
    public async Task racing_registrations_of_one_id_number_store_exactly_one_person()
    {
        var idNumber = TestIds.NewIdNumber();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Json(LedgerScenarios.PersonBody(idNumber)).ToUrl("/api/persons");
                s.AsActor();
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, Body: await result.ReadAsJsonAsync<JsonElement>());
        }));
        statuses.Count(s => s.StatusCode == 201).ShouldBe(1);
        var winner = statuses.Single(s => s.StatusCode == 201).Body.GetProperty("personId").GetGuid();
        var losers = statuses.Where(s => s.StatusCode == 409).ToList();
        losers.Count.ShouldBe(7);
        losers.ShouldAllBe(l => l.Body.GetProperty("personId").GetGuid() == winner);
        (await Fixture.EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_person_is_404()
    {
        var problem = await Host.Get($"/api/persons/{Guid.NewGuid()}", 404);
        problem.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task recording_education_needs_the_current_version()
    {
        var personId = await Host.RegisterPerson();
        await Host.Post($"/api/persons/{personId}/education",
            new { education = "bachelor", evidence = "diploma 2012", recordedOn = "2026-03-01", reason = "diploma verified", version = 1 }, 200);
        var problem = await RefusedAsync(() => Host.Post($"/api/persons/{personId}/education",
            new { education = "master", evidence = "diploma 2015", recordedOn = "2026-03-01", reason = "diploma verified", version = 1 }, 409));
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        (await Host.Get($"/api/persons/{personId}")).GetProperty("education").GetString().ShouldBe("bachelor");
    }
}
