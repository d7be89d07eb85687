using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Institutions;

public static class InstitutionScenarios
{
    private const string Symbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static int _sequence = 10_000;

    /// <summary>
    /// A unified social credit code with a correct GB 32100 check character, so the tests keep passing when the
    /// shape check gives way to the full one. Each call gives a new code.
    /// </summary>
    public static string NewCreditCode(string division = "120225")
    {
        var first17 = $"91{division}{Interlocked.Increment(ref _sequence):000000000}";
        var sum = first17.Select((c, i) => Symbols.IndexOf(c) * Weights[i]).Sum();
        return first17 + Symbols[(31 - sum % 31) % 31];
    }

    public static Dictionary<string, object?> InstitutionBody(string creditCode, string name = "蓟州区安全技能培训学校", string kind = "training-institution",
        string jurisdiction = "tj-jizhou", string? registeredOn = "2025-01-02") => new()
    {
        ["creditCode"] = creditCode,
        ["name"] = name,
        ["kind"] = kind,
        ["jurisdiction"] = jurisdiction,
        ["registeredOn"] = registeredOn,
    };

    public static async Task<Guid> RegisterInstitution(this IAlbaHost host, string? creditCode = null, string name = "蓟州区安全技能培训学校",
        string kind = "training-institution", string jurisdiction = "tj-jizhou")
    {
        var json = await host.Post("/api/institutions", InstitutionBody(creditCode ?? NewCreditCode(), name, kind, jurisdiction), 201);
        return json.GetProperty("institutionId").GetGuid();
    }

    public static Task<JsonElement> Step(this IAlbaHost host, Guid institutionId, string step, object body, int status = 200) =>
        host.Post($"/api/institutions/{institutionId}/{step}", body, status);

    public static object Filing(long version, string filedOn = "2025-03-01", params string[] scope) => new
    {
        filingAuthority = "蓟州区应急管理局",
        scope = scope.Length == 0 ? ["electrical.low-voltage", "welding.fusion"] : scope,
        filedOn,
        reason = "备案登记",
        version,
    };

    public static object Capability(string workType, string recordedOn, long version) =>
        new { workType, facilities = "低压电工实训室，配电柜 6 台", recordedOn, version };

    /// <summary>The training answer for one work type on a day, through GET /api/institutions/{id}.</summary>
    public static async Task<JsonElement> TrainingOn(this IAlbaHost host, Guid institutionId, string on, string workType)
    {
        var view = await host.Get($"/api/institutions/{institutionId}?on={on}&workType={workType}");
        return view.GetProperty("training").EnumerateArray().Single();
    }
}
