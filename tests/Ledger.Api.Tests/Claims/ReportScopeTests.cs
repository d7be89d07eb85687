using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using NodaTime;

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

    private async Task<(int Status, JsonElement Body)> Own(string role, Guid? enterprise = null, Guid? institution = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/claims/mine");
            s.WithRequestHeader("X-Ledger-User", "handler");
            s.WithRequestHeader("X-Ledger-Org", "organisation");
            s.WithRequestHeader("X-Ledger-Role", role);
            if (enterprise is not null) s.WithRequestHeader("X-Ledger-Enterprise", enterprise.ToString()!);
            if (institution is not null) s.WithRequestHeader("X-Ledger-Institution", institution.ToString()!);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsJsonAsync<JsonElement>());
    }

    private static Guid[] Ids(JsonElement list) => list.EnumerateArray().Select(c => c.GetProperty("claimId").GetGuid()).ToArray();

    [Fact]
    public async Task an_enterprise_lists_its_own_claims_and_never_another_enterprises()
    {
        var (mine, _) = await Host.RegisterEnterprise("hlj");
        var (theirs, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var ours = await Host.SubmitClaim(mine, training, [await Host.Trainee(training, mine, "张三")], new LocalDate(2021, 4, 10));
        var other = await Host.SubmitClaim(theirs, training, [await Host.Trainee(training, theirs, "李四")], new LocalDate(2021, 4, 12));

        var own = await Own("enterprise", enterprise: mine);
        own.Status.ShouldBe(200);
        Ids(own.Body).ShouldBe([ours]);
        own.Body[0].GetProperty("stage").GetString().ShouldBe("submitted");
        own.Body.ToString().ShouldNotContain(other.ToString());
        Ids((await Own("enterprise", enterprise: theirs)).Body).ShouldBe([other]);

        // The institution both claims name sees both, newest first; another institution sees none of them.
        Ids((await Own("training-institution", institution: training.InstitutionId)).Body).ShouldBe([other, ours]);
        (await Own("training-institution", institution: Guid.NewGuid())).Body.GetArrayLength().ShouldBe(0);
        // A token that names no organisation lists nothing rather than everything.
        (await Own("enterprise")).Status.ShouldBe(403);
        (await Own("hr-bureau")).Status.ShouldBe(403);
    }
}
