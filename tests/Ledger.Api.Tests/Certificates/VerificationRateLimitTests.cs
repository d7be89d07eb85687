using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Certificates;

/// <summary>A host whose public verification allows three checks a minute per client, so the limit is reached in a test.</summary>
public sealed class RateLimitedFixture : AppFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<VerificationOptions>(o => o.PermitsPerMinute = 3);
}

[CollectionDefinition(nameof(RateLimitedCollection))]
public sealed class RateLimitedCollection : ICollectionFixture<RateLimitedFixture>;

[Collection(nameof(RateLimitedCollection))]
public sealed class VerificationRateLimitTests(RateLimitedFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task public_verification_is_rate_limited_per_client_and_says_when_to_retry()
    {
        for (var i = 0; i < 3; i++)
            (await Host.Scenario(s => { s.Get.Url($"/api/certificates/verify?number=GUESS-{i}&name=%E5%BC%A0"); s.StatusCodeShouldBe(200); })).ShouldNotBeNull();
        var before = await Fixture.EventCountAsync();
        var refused = await Host.Scenario(s =>
        {
            s.Get.Url("/api/certificates/verify?number=GUESS-4&name=%E5%BC%A0");
            s.StatusCodeShouldBe(429);
            s.ContentTypeShouldBe("application/problem+json");
        });
        refused.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeNullOrEmpty();
        (await Fixture.EventCountAsync()).ShouldBe(before, "a refused check records nothing");
        // Other endpoints are not limited by the verification policy.
        await Host.Get("/api/reports/possible-forgeries");
    }
}
