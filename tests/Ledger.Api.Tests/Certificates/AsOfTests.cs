using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Tests.Certificates;

[Collection(nameof(CertificatesCollection))]
public sealed class AsOfTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_ledger_answers_as_it_knew_things_before_and_after_a_revocation()
    {
        var person = await Host.RegisterPerson(name: "陈一");
        var id = await Host.IssueCertificate(person);
        var history = await Host.Get($"/api/certificates/{id}/history");
        var issuedAt = InstantPattern.ExtendedIso.Parse(history.GetProperty("events")[0].GetProperty("recordedAt").GetString()!).Value;
        await Task.Delay(50);
        var beforeRevocation = SystemClock.Instance.GetCurrentInstant();
        await Task.Delay(50);

        await Host.Post($"/api/certificates/{id}/revocations", new { on = "2026-02-28", ground = "deception", reason = "deception", legalBasis = "art. 40", version = 1 }, 200);

        var then = await Host.Get($"/api/certificates/{id}?asOf={InstantPattern.ExtendedIso.Format(beforeRevocation)}&on=2026-03-01");
        then.GetProperty("status").GetString().ShouldBe("valid");
        then.GetProperty("version").GetInt64().ShouldBe(1);
        var now = await Host.Get($"/api/certificates/{id}?on=2026-03-01");
        now.GetProperty("status").GetString().ShouldBe("revoked");

        var fileThen = await Host.Get($"/api/persons/{person}?asOf={InstantPattern.ExtendedIso.Format(beforeRevocation)}&on=2026-03-01");
        fileThen.GetProperty("certificates")[0].GetProperty("status").GetString().ShouldBe("valid");
        fileThen.GetProperty("timeline").GetArrayLength().ShouldBe(2);
        var fileNow = await Host.Get($"/api/persons/{person}?on=2026-03-01");
        fileNow.GetProperty("certificates")[0].GetProperty("status").GetString().ShouldBe("revoked");
        fileNow.GetProperty("timeline").GetArrayLength().ShouldBe(3);

        // Before the certificate existed the ledger knew only the person.
        var beforeIssue = issuedAt.Minus(Duration.FromMilliseconds(1));
        var fileEarly = await Host.Get($"/api/persons/{person}?asOf={InstantPattern.ExtendedIso.Format(beforeIssue)}");
        fileEarly.GetProperty("certificates").GetArrayLength().ShouldBe(0);
        await Host.Get($"/api/certificates/{id}?asOf={InstantPattern.ExtendedIso.Format(beforeIssue)}", 404);
    }

    [Fact]
    public async Task a_bad_as_of_instant_is_400()
    {
        var person = await Host.RegisterPerson();
        var problem = await Host.Get($"/api/persons/{person}?asOf=yesterday", 400);
        problem.GetProperty("errors").GetProperty("asOf")[0].GetString()!.ShouldContain("ISO-8601");
    }
}
