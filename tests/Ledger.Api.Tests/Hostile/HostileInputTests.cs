using System.Text;
using System.Text.Json;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Hostile;

/// <summary>
/// Bad and hostile input: each request is refused with an honest 4xx as problem details, never a 500, never
/// with framework internals in the body, and stores nothing.
/// </summary>
[Collection(nameof(HostileInputCollection))]
public sealed class HostileInputTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<JsonElement> Refused(string method, string url, string body, int status, string contentType = "application/json")
    {
        var result = await RefusedAsync(() => Host.Scenario(s =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = method;
                c.Request.Path = url;
                c.Request.ContentType = contentType;
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
            });
            s.AsActor();
            s.IgnoreStatusCode();
        }));
        var text = await result.ReadAsTextAsync();
        var response = result.Context.Response;
        response.StatusCode.ShouldBe(status, text.Length > 500 ? text[..500] : text);
        response.ContentType.ShouldBe("application/problem+json");
        ShouldLeakNothing(text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static void ShouldLeakNothing(string body)
    {
        foreach (var tell in new[] { "Exception", "System.", "Microsoft.", "Wolverine.", "Marten", "Npgsql", "   at ", ".cs:line" })
            body.ShouldNotContain(tell, Case.Sensitive, $"the body names framework internals: {body}");
    }

    private static string PersonJson(string idNumber, string name) =>
        JsonSerializer.Serialize(LedgerScenarios.PersonBody(idNumber, name), new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Theory]
    [InlineData("{\"idNumber\": \"1101")]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("{\"idNumber\": 'single quotes'}")]
    [InlineData("{\"idNumber\": \"x\",}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    [InlineData("")]
    public async Task malformed_json_is_400(string body) => await Refused("POST", "/api/persons", body, 400);

    [Theory]
    [InlineData("{\"idNumber\": 110105194912310021, \"name\": \"张三\"}")]
    [InlineData("{\"idNumber\": \"11010519491231002X\", \"name\": true}")]
    [InlineData("{\"idNumber\": [\"11010519491231002X\"], \"name\": {}}")]
    [InlineData("{\"idNumber\": \"11010519491231002X\", \"name\": \"张三\", \"education\": 3}")]
    public async Task wrong_types_are_400(string body) => await Refused("POST", "/api/persons", body, 400);

    [Theory]
    [InlineData("/api/claims?page=abc", "page")]
    [InlineData("/api/enterprises?pageSize=ten", "pageSize")]
    public async Task an_unparseable_query_value_is_a_400_problem_naming_the_parameter_not_its_default(string url, string parameter)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.AsActor();
            s.StatusCodeShouldBe(400);
        });
        var text = await result.ReadAsTextAsync();
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
        text.ShouldContain(parameter);
        ShouldLeakNothing(text);
    }

    [Fact]
    public async Task wrong_types_in_a_nested_list_and_in_a_version_are_400()
    {
        await Refused("POST", $"/api/claims/{Guid.NewGuid()}/approval", "{\"lines\": [{\"lineNo\": \"one\"}], \"version\": 1}", 400);
        await Refused("POST", $"/api/claims/{Guid.NewGuid()}/approval", "{\"lines\": [], \"version\": 1e400}", 400);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(5000)]
    public async Task deeply_nested_json_is_400(int depth)
    {
        var body = "{\"name\": " + new string('[', depth) + new string(']', depth) + "}";
        await Refused("POST", "/api/persons", body, 400);
    }

    [Fact]
    public async Task a_json_body_over_the_limit_is_413()
    {
        var body = "{\"name\": \"" + new string('a', RequestLimits.MaxJsonBodyBytes) + "\"}";
        await Refused("POST", "/api/persons", body, 413);
    }

    [Fact]
    public async Task the_csv_import_endpoints_keep_their_own_larger_limit()
    {
        // A body over the JSON limit reaches the importer, which reads its header and refuses that, not the size.
        var body = "not,the,expected,header\n" + string.Concat(Enumerable.Repeat("x,y,z,w\n", RequestLimits.MaxJsonBodyBytes / 8 + 1000));
        var problem = await Refused("POST", "/api/imports/certificates", body, 400, "text/csv");
        problem.GetProperty("errors").TryGetProperty("header", out _).ShouldBeTrue();
    }

    public static TheoryData<string> InjectionShapes() =>
    [
        "'; drop table mt_events; --",
        "Robert'); DROP TABLE persons;--",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "=cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "张\0三",
        "张\u202e三",
        "张\u200b三",
        "\u2066张三\u2069",
        "张三\u0007",
        "{{7*7}}${jndi:ldap://x/a}",
        new string('张', 10_000),
    ];

    [Theory]
    [MemberData(nameof(InjectionShapes))]
    public async Task injection_shaped_id_numbers_are_400_without_echoing_them(string hostile)
    {
        var problem = await Refused("POST", "/api/persons", PersonJson(hostile, "张三"), 400);
        problem.GetProperty("errors").TryGetProperty("idNumber", out _).ShouldBeTrue();
        problem.GetRawText().ShouldNotContain(JsonSerializer.Serialize(hostile)[1..^1]);
    }

    [Theory]
    [MemberData(nameof(InjectionShapes))]
    public async Task injection_shaped_names_are_400(string hostile)
    {
        var problem = await Refused("POST", "/api/persons", PersonJson(TestIds.NewIdNumber(), hostile), 400);
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(InjectionShapes))]
    public async Task injection_shaped_credit_codes_are_400(string hostile)
    {
        var body = JsonSerializer.Serialize(new { creditCode = hostile, name = "天津化工有限公司" }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var problem = await Refused("POST", "/api/enterprises", body, 400);
        problem.GetProperty("errors").TryGetProperty("creditCode", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task an_injection_shaped_lookup_is_a_plain_miss()
    {
        await Refused("POST", "/api/persons/search", "{\"idNumber\": \"' or '1'='1\"}", 400);
        (await Host.Get("/api/persons/' or '1'='1", 404)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", 404)]
    [InlineData("POST", "/api/no-such-thing", 404)]
    [InlineData("GET", "/api/persons/not-a-guid/certificates/also-not", 404)]
    [InlineData("DELETE", "/api/persons", 405)]
    [InlineData("PUT", "/api/persons", 405)]
    [InlineData("PATCH", "/api/enterprises", 405)]
    public async Task unknown_routes_and_methods_are_problem_details(string method, string url, int status) =>
        await Refused(method, url, "{}", status);
}
