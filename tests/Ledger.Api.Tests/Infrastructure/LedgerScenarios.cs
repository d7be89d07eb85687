using System.Text.Json;
using Alba;
using Ledger.Domain.Persons;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Infrastructure;

public static class TestIds
{
    private static int _sequence = 100;

    /// <summary>A valid GB 11643 number; each call gives a new one.</summary>
    public static string NewIdNumber(int year = 1990, int month = 5, int day = 17, bool male = true, string address = "120225")
    {
        var seq = Interlocked.Increment(ref _sequence) % 500 * 2 + (male ? 1 : 0);
        var first17 = $"{address}{year:0000}{month:00}{day:00}{seq:000}";
        return first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
    }

    private static int _certificate = 1000;

    public static string NewCertificateNumber() => "T" + Interlocked.Increment(ref _certificate).ToString("000000");

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithWrongCheckCharacter(string id)
    {
        var wrong = id[17] == '1' ? '2' : '1';
        return id[..17] + wrong;
    }
}

public static class LedgerScenarios
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static readonly (string User, string Org, string Role) Regulator = ("inspector-li", "tj-jizhou-emergency-bureau", "regulator");
    public static readonly (string User, string Org, string Role) Administrator = ("admin-ma", "ledger-operations", "system-administrator");

    public static void AsActor(this Scenario s, (string User, string Org, string Role)? actor = null)
    {
        var a = actor ?? Regulator;
        s.WithRequestHeader("X-Ledger-User", a.User);
        s.WithRequestHeader("X-Ledger-Org", a.Org);
        s.WithRequestHeader("X-Ledger-Role", a.Role);
        // Test bureaus answer for the whole country unless a test names their jurisdiction; HR bureaus are left
        // without one so the claim rules about an HR bureau's jurisdiction stay visible.
        if (a.Role is "regulator" or "finance-bureau" or "auditor") s.WithRequestHeader("X-Ledger-Jurisdiction", "cn");
        // Auditors name why they read every time; refusing one who does not is AuditorReadTests' concern.
        if (a.Role == "auditor") s.WithRequestHeader("X-Ledger-Reason", "test audit");
    }

    public static async Task<JsonElement> Post(this IAlbaHost host, string url, object body, int status, (string, string, string)? actor = null, string? correlationId = null)
    {
        var institution = await InstitutionActingOn(host, url, actor?.Item3);
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.AsActor(actor);
            // A test enterprise acts as the enterprise its form names; refusing any other is AuthorizationTests' concern.
            if (actor?.Item3 == "enterprise" && JsonSerializer.SerializeToElement(body, Web).TryGetProperty("enterpriseId", out var enterprise))
                s.WithRequestHeader("X-Ledger-Enterprise", enterprise.ToString());
            if (institution is not null) s.WithRequestHeader("X-Ledger-Institution", institution);
            if (correlationId is not null) s.WithRequestHeader("X-Correlation-Id", correlationId);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A test institution acting on a claim acts as the institution the claim names, as a test enterprise acts as the one
    /// its form names; refusing any other is the scope tests' concern.
    /// </summary>
    public static async Task<string?> InstitutionActingOn(IAlbaHost host, string url, string? role)
    {
        if (role is not ("training-institution" or "exam-point")) return null;
        var match = System.Text.RegularExpressions.Regex.Match(url, "^/api/claims/([0-9a-f-]{36})/");
        if (!match.Success) return null;
        await using var session = host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Ledger.Domain.Claims.Claim>(Guid.Parse(match.Groups[1].Value)))?.Form.InstitutionId.ToString();
    }

    /// <summary>Reads as an actor (the national regulator unless told otherwise): no read is public except certificate verification.</summary>
    public static async Task<JsonElement> Get(this IAlbaHost host, string url, int status = 200, (string User, string Org, string Role)? actor = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.AsActor(actor);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    public static object PersonBody(string idNumber, string name = "张三", string education = "senior-secondary", string? mobile = "13812345678") => new
    {
        idNumber,
        name,
        education,
        hukouDistrict = "天津市蓟州区",
        mobile,
    };

    public static async Task<Guid> RegisterPerson(this IAlbaHost host, string? idNumber = null, string name = "张三", string education = "senior-secondary")
    {
        var json = await host.Post("/api/persons", PersonBody(idNumber ?? TestIds.NewIdNumber(), name, education), 201);
        return json.GetProperty("personId").GetGuid();
    }

    public static Dictionary<string, object?> CertificateBody(string number, string workType = "electrical.low-voltage",
        LocalDate? passDate = null, LocalDate? issuedOn = null, string kind = "special-operation")
    {
        var pass = passDate ?? new LocalDate(2026, 2, 2);
        var issued = issuedOn ?? pass.PlusDays(2);
        return new Dictionary<string, object?>
        {
            ["number"] = number,
            ["kind"] = kind,
            ["workType"] = workType,
            ["examPoint"] = "蓟州区安全生产考试点",
            ["examDate"] = pass.ToString("uuuu-MM-dd", null),
            ["passDate"] = pass.ToString("uuuu-MM-dd", null),
            ["issuedOn"] = issued.ToString("uuuu-MM-dd", null),
            ["issuingAuthority"] = "天津市应急管理局",
            ["validFrom"] = issued.ToString("uuuu-MM-dd", null),
        };
    }

    public static async Task<Guid> IssueCertificate(this IAlbaHost host, Guid personId, string? number = null, string workType = "electrical.low-voltage",
        LocalDate? passDate = null, LocalDate? issuedOn = null)
    {
        var json = await host.Post($"/api/persons/{personId}/certificates",
            CertificateBody(number ?? TestIds.NewCertificateNumber(), workType, passDate, issuedOn), 201);
        return json.GetProperty("certificateId").GetGuid();
    }

    public static string Date(this LocalDate d) => d.ToString("uuuu-MM-dd", null);
}
