using System.Text.Json;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Actors;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Authorization;

/// <summary>Issue 7: an auditor is read-only, sees everything in scope, and every read is recorded with who, when, what and why.</summary>
[Collection(nameof(AuthorizationCollection))]
public sealed class AuditorReadTests(AuthorizationFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Actor Auditor = new("auditor-he", "national-audit-office", ActorRole.Auditor, "cn");

    [Fact]
    public async Task every_read_of_a_list_a_report_or_a_certificate_by_an_auditor_is_recorded_with_its_reason_and_no_personal_data()
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber, name: "郑九");
        var certificateId = await Host.IssueCertificate(personId);

        (await Read("/api/institutions?jurisdiction=hlj", Auditor, "annual audit 2026")).Status.ShouldBe(200);
        (await Read("/api/reports/payout-ledger?from=2021-01&to=2021-12", Auditor, "annual audit 2026")).Status.ShouldBe(200);
        (await Read($"/api/certificates/{certificateId}?reason={Uri.EscapeDataString("certificate sample")}", Auditor, null)).Status.ShouldBe(200);
        // Query values that are or may be personal data are never written into the record of the read.
        (await Read($"/api/institutions?jurisdiction=hlj&idNumber={idNumber}&name={Uri.EscapeDataString("郑九")}&mobile=13812345678", Auditor, "annual audit 2026"))
            .Status.ShouldBe(200);

        var reads = await Recorded();
        reads.Count.ShouldBe(4);
        reads.Select(r => r.Route).Order().ShouldBe(["/api/certificates/{certificateId:guid}", "/api/institutions", "/api/institutions", "/api/reports/payout-ledger"]);
        reads.ShouldAllBe(r => r.UserId == "auditor-he" && r.OrganisationId == "national-audit-office" && r.Jurisdiction == "cn" && r.Method == "GET"
            && r.At == AppFixture.Now);
        var certificate = reads.Single(r => r.Route.StartsWith("/api/certificates", StringComparison.Ordinal));
        (certificate.Path, certificate.Reason, certificate.Query).ShouldBe(($"/api/certificates/{certificateId}", "certificate sample", null));
        reads.Single(r => r.Route == "/api/reports/payout-ledger").Query.ShouldBe("from=2021-01&to=2021-12");
        reads.ShouldContain(r => r.Query == "idNumber=***&jurisdiction=hlj&mobile=***&name=***");
        var text = JsonSerializer.Serialize(reads);
        text.ShouldNotContain(idNumber[..17]);
        text.ShouldNotContain("13812345678");
        text.ShouldNotContain("郑九");
    }

    [Fact]
    public async Task an_auditor_s_read_without_a_reason_is_refused_naming_the_field_and_refused_or_failed_reads_record_nothing()
    {
        var noReason = await RefusedAsync(() => Read("/api/institutions", Auditor, null));
        noReason.Status.ShouldBe(400, noReason.Body);
        JsonDocument.Parse(noReason.Body).RootElement.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var local = Auditor with { Jurisdiction = "zj" };
        (await RefusedAsync(() => Read("/api/institutions?jurisdiction=hlj", local, "looking around"))).Status.ShouldBe(403);
        (await RefusedAsync(() => Read("/api/reports/institution-anomalies?from=May", Auditor, "anomalies"))).Status.ShouldBe(400);
        (await RefusedAsync(() => Read($"/api/certificates/{Guid.NewGuid()}", Auditor, "sample"))).Status.ShouldBe(404);
        (await Recorded()).ShouldBeEmpty();
    }

    [Fact]
    public async Task reads_by_other_roles_are_not_recorded_as_auditors_reads()
    {
        var before = await Fixture.EventCountAsync();
        (await Read("/api/institutions", new Actor("officer-cn", "ministry", ActorRole.Regulator, "cn"), null)).Status.ShouldBe(200);
        (await Read("/api/reports/payout-ledger?from=2021-01&to=2021-12", new Actor("officer-fin", "finance", ActorRole.FinanceBureau, "cn"), "why not")).Status.ShouldBe(200);
        (await Fixture.EventCountAsync()).ShouldBe(before);
        (await Recorded()).ShouldBeEmpty();
    }

    private async Task<List<AuditorRouteRead>> Recorded()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.QueryRawEventDataOnly<AuditorRouteRead>().ToListAsync()).ToList();
    }

    private async Task<(int Status, string Body)> Read(string url, Actor actor, string? reason)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Ledger-User", actor.UserId);
            s.WithRequestHeader("X-Ledger-Org", actor.OrganisationId);
            s.WithRequestHeader("X-Ledger-Role", JsonNames.Kebab(actor.Role));
            if (actor.Jurisdiction is not null) s.WithRequestHeader("X-Ledger-Jurisdiction", actor.Jurisdiction);
            if (reason is not null) s.WithRequestHeader(AuditorReadLog.ReasonHeader, reason);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }
}
