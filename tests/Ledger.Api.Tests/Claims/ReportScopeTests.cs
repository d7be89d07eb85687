using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Claims;

/// <summary>A bureau's lists and reports cover its own jurisdiction and those under it, never another's.</summary>
[Collection(nameof(ClaimsCollection))]
public sealed class ReportScopeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<(int Status, JsonElement Body)> AsBureau(string url, string role, string? jurisdiction)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Ledger-User", "officer");
            s.WithRequestHeader("X-Ledger-Org", "bureau");
            s.WithRequestHeader("X-Ledger-Role", role);
            if (jurisdiction is not null) s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            if (role == "auditor") s.WithRequestHeader("X-Ledger-Reason", "annual audit");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task a_bureau_sees_its_own_jurisdiction_by_default_and_is_refused_another()
    {
        var own = await AsBureau("/api/reports/payout-ledger?from=2021-01&to=2021-12", "finance-bureau", "tj");
        own.Status.ShouldBe(200);
        own.Body.GetProperty("jurisdiction").GetString().ShouldBe("tj");
        (await AsBureau("/api/reports/payout-ledger?from=2021-01&to=2021-12&jurisdiction=tj-jizhou", "finance-bureau", "tj")).Status.ShouldBe(200);

        var other = await AsBureau("/api/reports/payout-ledger?from=2021-01&to=2021-12&jurisdiction=hlj", "finance-bureau", "tj");
        other.Status.ShouldBe(403);
        other.Body.GetProperty("detail").GetString()!.ShouldContain("outside the jurisdiction");
        (await AsBureau("/api/reports/payout-ledger.csv?from=2021-01&to=2021-12&jurisdiction=hlj", "finance-bureau", "tj")).Status.ShouldBe(403);
        (await AsBureau("/api/claims/review-queue?jurisdiction=hlj", "hr-bureau", "tj")).Status.ShouldBe(403);
        (await AsBureau("/api/claims/clawback-queue", "auditor", null)).Status.ShouldBe(403);
    }
}
