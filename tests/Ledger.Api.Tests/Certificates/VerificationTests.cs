using Marten.Events;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Certificates;

[Collection(nameof(CertificatesCollection))]
public sealed class VerificationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<(Guid Id, string Number)> Issued(string name, LocalDate pass)
    {
        var person = await Host.RegisterPerson(name: name);
        var number = TestIds.NewCertificateNumber();
        return (await Host.IssueCertificate(person, number, passDate: pass, issuedOn: pass.PlusDays(1)), number);
    }

    private async Task<string> StatusOf(string number, string name, string? on = null)
    {
        var url = $"/api/certificates/verify?number={number}&name={Uri.EscapeDataString(name)}" + (on is null ? "" : $"&on={on}");
        var json = await Host.Get(url);
        return json.GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task answers_every_status_with_the_least_personal_data()
    {
        var (_, valid) = await Issued("赵四", new LocalDate(2025, 6, 2));
        (await StatusOf(valid, "赵四")).ShouldBe("valid");
        var answer = await Host.Get($"/api/certificates/verify?number={valid}&name={Uri.EscapeDataString("赵四")}");
        answer.GetProperty("holderNameMasked").GetString().ShouldBe("赵*");
        answer.GetRawText().ShouldNotContain("idNumber");

        var (_, overdue) = await Issued("钱五", new LocalDate(2022, 1, 10));
        (await StatusOf(overdue, "钱五")).ShouldBe("review-overdue");
        (await StatusOf(overdue, "钱五", on: "2024-06-01")).ShouldBe("valid");

        var (_, expired) = await Issued("孙六", new LocalDate(2019, 3, 4));
        (await StatusOf(expired, "孙六")).ShouldBe("expired");

        var (suspendedId, suspended) = await Issued("周七", new LocalDate(2025, 6, 2));
        await Host.Post($"/api/certificates/{suspendedId}/suspensions", new { from = "2026-02-01", reason = "investigation", version = 1 }, 200);
        (await StatusOf(suspended, "周七")).ShouldBe("suspended");
        (await StatusOf(suspended, "周七", on: "2026-01-15")).ShouldBe("valid");

        var (revokedId, revoked) = await Issued("吴八", new LocalDate(2025, 6, 2));
        await Host.Post($"/api/certificates/{revokedId}/revocations", new { on = "2026-02-01", ground = "deception", reason = "forged exam record", legalBasis = "art. 40", version = 1 }, 200);
        (await StatusOf(revoked, "吴八")).ShouldBe("revoked");
    }

    [Fact]
    public async Task an_unknown_number_or_a_wrong_name_answers_unknown_and_is_recorded_as_a_possible_forgery_FR_03()
    {
        var (_, number) = await Issued("郑九", new LocalDate(2025, 6, 2));
        var before = await Fixture.EventCountAsync();

        var unknown = await Host.Get($"/api/certificates/verify?number=FAKE-0001&name={Uri.EscapeDataString("郑九")}");
        var mismatch = await Host.Get($"/api/certificates/verify?number={number}&name={Uri.EscapeDataString("冒名")}");
        unknown.GetProperty("status").GetString().ShouldBe("unknown");
        mismatch.GetProperty("status").GetString().ShouldBe("unknown");
        // The same shape for both, so a caller cannot tell a real number from a fake one without the holder's name.
        unknown.EnumerateObject().Select(p => p.Name).ShouldBe(mismatch.EnumerateObject().Select(p => p.Name));
        mismatch.GetProperty("holderNameMasked").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        (await Fixture.EventCountAsync()).ShouldBe(before + 2);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var watch = await Host.Get("/api/reports/possible-forgeries");
        var entries = watch.EnumerateArray().ToList();
        entries.Single(e => e.GetProperty("number").GetString() == "FAKE-0001").GetProperty("unknownChecks").GetInt32().ShouldBe(1);
        entries.Single(e => e.GetProperty("number").GetString() == number).GetProperty("nameMismatches").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task the_post_form_answers_as_the_get_form_with_number_and_name_kept_out_of_the_url()
    {
        var (_, number) = await Issued("王十", new LocalDate(2025, 6, 2));
        var byGet = await Host.Get($"/api/certificates/verify?number={number}&name={Uri.EscapeDataString("王十")}");
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { number, name = "王十" }).ToUrl("/api/certificates/verifications");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Request.QueryString.HasValue.ShouldBeFalse();
        (await result.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetRawText().ShouldBe(byGet.GetRawText());

        var before = await Fixture.EventCountAsync();
        var unknown = await Host.Scenario(s =>
        {
            s.Post.Json(new { number = "FAKE-0002", name = "王十" }).ToUrl("/api/certificates/verifications");
            s.StatusCodeShouldBe(200);
        });
        (await unknown.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString().ShouldBe("unknown");
        (await Fixture.EventCountAsync()).ShouldBe(before + 1);
        await RefusedAsync(() => Host.Scenario(s =>
        {
            s.Post.Json(new { on = "2026-13-01" }).ToUrl("/api/certificates/verifications");
            s.StatusCodeShouldBe(400);
        }));
    }

    [Fact]
    public async Task missing_number_or_name_is_400()
    {
        var problem = await RefusedAsync(() => Host.Get("/api/certificates/verify?on=2026-13-01", 400));
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("number", out _).ShouldBeTrue();
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.TryGetProperty("on", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_reported_forgery_reaches_the_regulators_list()
    {
        await Host.Post("/api/forgery-reports", new { number = "TJ-FORGED-7", whereFound = "site inspection", reportedOn = "2026-03-01", reason = "card has no hologram" }, 202);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var watch = await Host.Get("/api/reports/possible-forgeries");
        var entry = watch.EnumerateArray().Single(e => e.GetProperty("number").GetString() == "TJ-FORGED-7");
        entry.GetProperty("reports")[0].GetProperty("reason").GetString().ShouldBe("card has no hologram");
    }
}
