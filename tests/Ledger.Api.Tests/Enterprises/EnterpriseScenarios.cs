using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Enterprises;

namespace Ledger.Api.Tests.Enterprises;

public static class EnterpriseScenarios
{
    private static int _sequence = 100;

    /// <summary>A valid GB 32100 code registered in Jizhou (division 120225); each call gives a new one.</summary>
    public static string NewCreditCode()
    {
        var first17 = $"91120225{Interlocked.Increment(ref _sequence):000000000}";
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public static string WithWrongCheckCharacter(string code) => code[..17] + (code[17] == '1' ? '2' : '1');

    public static Dictionary<string, object?> EnterpriseBody(string creditCode, string industry = "hazardous-chemicals", string jurisdiction = "tj-jizhou",
        string trainingCapability = "self-training", string? entrustedInstitution = null) => new()
    {
        ["creditCode"] = creditCode,
        ["name"] = "天津蓟州化工有限公司",
        ["legalRepresentative"] = "王强",
        ["industry"] = industry,
        ["jurisdiction"] = jurisdiction,
        ["aboveDesignatedSize"] = true,
        ["headcount"] = 640,
        ["trainingCapability"] = trainingCapability,
        ["entrustedInstitution"] = entrustedInstitution,
    };

    public static async Task<Guid> RegisterEnterprise(this IAlbaHost host, string? creditCode = null, string jurisdiction = "tj-jizhou")
    {
        var json = await host.Post("/api/enterprises", EnterpriseBody(creditCode ?? NewCreditCode(), jurisdiction: jurisdiction), 201);
        return json.GetProperty("enterpriseId").GetGuid();
    }
}
