using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>The enterprises collection's host also loads an extra policy pack from configuration, as an operator would.</summary>
public sealed class EnterprisesFixture : AppFixture
{
    public const string ExtraJurisdiction = "sd-jining-yanzhou";
    public const string ExtraVersion = "yz-2024";

    private readonly string _packFile = Path.Combine(Path.GetTempPath(), $"ledger-pack-{Guid.NewGuid():N}.json");

    protected override void ConfigureServices(IServiceCollection services)
    {
        File.WriteAllText(_packFile, $$"""
            {
              "source": "test: an operator's pack",
              "jurisdictions": [
                { "code": "{{ExtraJurisdiction}}", "nameZh": "兖州区", "nameEn": "Yanzhou District", "level": "district", "parent": "sd-jining" }
              ],
              "versions": [
                { "id": "{{ExtraVersion}}", "jurisdiction": "{{ExtraJurisdiction}}", "effectiveFrom": "2024-01-01", "effectiveUntil": null,
                  "source": "test document",
                  "parameters": { "offPostRetrainMonths": { "value": 2, "ruleId": "YZ-OFF-01", "note": "test value" } } }
              ]
            }
            """);
        services.Configure<LedgerOptions>(o => o.PolicyPackFiles = [_packFile]);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_packFile);
    }
}
