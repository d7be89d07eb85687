using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Enterprises;
using NodaTime;

namespace Ledger.Api.Tests.Training;

public static class TrainingScenarios
{
    private static int _enterprise = 1000;

    /// <summary>A valid GB 32100 code; each call gives a new one.</summary>
    public static string NewCreditCode()
    {
        var first17 = $"91120225MA{Interlocked.Increment(ref _enterprise):0000000}";
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public static async Task<(Guid Id, string CreditCode)> RegisterEnterprise(this IAlbaHost host, string jurisdiction, string industry = "hazardous-chemicals",
        int headcount = 200, bool aboveDesignatedSize = true, string? name = null)
    {
        var creditCode = NewCreditCode();
        var json = await host.Post("/api/enterprises", new
        {
            creditCode, name = name ?? $"企业{creditCode[^6..]}", legalRepresentative = "刘经理", industry, jurisdiction, aboveDesignatedSize, headcount,
            trainingCapability = "self-training",
        }, 201);
        return (json.GetProperty("enterpriseId").GetGuid(), creditCode);
    }

    public static async Task<Guid> Hire(this IAlbaHost host, Guid personId, Guid enterpriseId, LocalDate hiredOn, long version = 1,
        string? specialOperationWorkType = null, bool teamLeader = false)
    {
        var json = await host.Post($"/api/persons/{personId}/employments", new
        {
            enterpriseId, post = specialOperationWorkType is null ? "操作工" : "电工", keyPost = true, teamLeader, specialOperationWorkType,
            relation = "labour-contract", hiredOn = hiredOn.Date(), version,
        }, 201);
        return json.GetProperty("employmentId").GetGuid();
    }

    public static async Task<long> Version(this IAlbaHost host, Guid personId) => (await host.Get($"/api/persons/{personId}")).GetProperty("version").GetInt64();

    /// <summary>An enterprise-run class with one 8-hour session per mode entry, each dated a day apart from <paramref name="firstDay"/>.</summary>
    public static async Task<(Guid ClassId, List<Guid> Sessions)> EnterpriseClass(this IAlbaHost host, Guid enterpriseId, string kind, LocalDate firstDay,
        params string[] modes)
    {
        var opened = await host.Post("/api/training-classes", new
        {
            providerKind = "enterprise", providerId = enterpriseId, course = "岗前安全培训", syllabusVersion = "2021", requiredHours = 72, kind,
            openedOn = firstDay.Date(),
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var sessions = new List<Guid>();
        for (var i = 0; i < modes.Length; i++)
        {
            var held = await host.Post($"/api/training-classes/{classId}/sessions", new
            {
                date = firstDay.PlusDays(i).Date(), start = "08:00", end = "16:00", mode = modes[i], instructor = "王老师", place = "培训室",
                content = $"第{i + 1}课", version = i + 1,
            }, 200);
            sessions.Add(held.GetProperty("sessionId").GetGuid());
        }
        return (classId, sessions);
    }

    public static async Task Attend(this IAlbaHost host, Guid classId, Guid sessionId, Guid personId, decimal hours = 8, object? face = null, int status = 200) =>
        await host.Post($"/api/training-classes/{classId}/attendance", new { sessionId, personId, hours, face }, status);

    public static async Task<JsonElement> Assess(this IAlbaHost host, Guid personId, Guid enterpriseId, LocalDate on, string kind = "training-assessment",
        decimal theory = 90, decimal? practical = 90, string? practicalMode = "real-equipment", string[]? keySkillsFailed = null, int status = 201) =>
        await host.Post($"/api/persons/{personId}/assessments", new
        {
            kind, enterpriseId, theoryScore = theory, theoryPassMark = 80, practicalScore = practical, practicalPassMark = practical is null ? (decimal?)null : 80,
            practicalMode, keySkillsFailed = keySkillsFailed ?? [], assessedOn = on.Date(), assessor = "考评员甲",
        }, status);

    public static async Task<List<JsonElement>> Obligations(this IAlbaHost host, Guid personId, LocalDate on, string bucket)
    {
        var json = await host.Get($"/api/persons/{personId}/obligations?on={on.Date()}");
        return json.GetProperty(bucket).EnumerateArray().ToList();
    }

    public static JsonElement? Find(this List<JsonElement> obligations, string kind) =>
        obligations.Where(o => o.GetProperty("kind").GetString() == kind).Select(o => (JsonElement?)o).FirstOrDefault();
}
