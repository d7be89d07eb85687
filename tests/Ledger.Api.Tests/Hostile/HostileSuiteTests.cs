using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Authorization;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Api.Tests.Hostile;

[CollectionDefinition(nameof(HostileSuiteCollection))]
public sealed class HostileSuiteCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// The hostile suite of issue 13, run against every endpoint the endpoint data source holds, so a new endpoint is attacked the
/// moment it exists: every route × every role (and none) × inside and outside the record's scope, under every Accept header;
/// then boundary values (dates and instants out of range, huge and empty strings, control characters, numbers at their
/// limits, wrong JSON types, nulls, empty and huge arrays) in every field of every request body and every query parameter.
/// Every answer must be a 2xx or a 4xx with a body (never a 500), and a refused request must store nothing.
/// </summary>
[Collection(nameof(HostileSuiteCollection))]
public sealed class HostileSuiteTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Home = "hlj";
    private static readonly string[] Accepts = ["application/json", "text/html", "text/csv", "application/xml", "*/*"];

    private sealed record Route(string Method, string Pattern, RouteEndpoint Endpoint)
    {
        public ActorRolesAttribute? Roles => Endpoint.Metadata.GetMetadata<ActorRolesAttribute>();
        public HttpChain? Chain => Endpoint.Metadata.GetMetadata<HttpChain>();
        public override string ToString() => $"{Method} {Pattern}";
    }

    private List<Route> Routes() => Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
        .Where(r => !r.Pattern.StartsWith("/docs", StringComparison.Ordinal))
        .ToList();

    private async Task<long> LastSequenceAsync()
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Fixture.Schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Sends one request and records what is wrong with its answer; the suite fails at the end with every finding.</summary>
    private sealed class Findings
    {
        public readonly List<string> All = [];
        public int Requests;
        public void Add(string finding)
        {
            if (All.Count < 200) All.Add(finding);
        }
    }

    private async Task SendAsync(Findings findings, string method, string url, Actor? actor, string? body, string accept, string what)
    {
        var before = await LastSequenceAsync();
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        var result = await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = method;
                var q = url.IndexOf('?');
                c.Request.Path = q < 0 ? url : url[..q];
                c.Request.QueryString = q < 0 ? QueryString.Empty : new QueryString(url[q..]);
                c.Request.Headers.Accept = accept;
                if (bytes is not null)
                {
                    c.Request.ContentType = "application/json";
                    c.Request.ContentLength = bytes.Length;
                    c.Request.Body = new MemoryStream(bytes);
                }
            });
            if (actor is not null)
                foreach (var (name, value) in ScopeWorld.Headers(actor)) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        findings.Requests++;
        var status = result.Context.Response.StatusCode;
        var text = await result.ReadAsTextAsync();
        if (status >= 500) findings.Add($"{status} {method} {url} {what} [{accept}]: {(text.Length > 300 ? text[..300] : text)}");
        else if (status >= 400)
        {
            if (text.Length == 0) findings.Add($"{status} with an empty body: {method} {url} {what} [{accept}]");
            if (await LastSequenceAsync() != before) findings.Add($"{status} but events were stored: {method} {url} {what}");
        }
    }

    private static void ShouldHaveNone(Findings findings, int atLeast)
    {
        findings.Requests.ShouldBeGreaterThan(atLeast);
        findings.All.ShouldBeEmpty($"{findings.All.Count} of {findings.Requests} requests answered wrongly:\n{string.Join('\n', findings.All.Select(f => f.Length > 200 ? f[..200] : f))}");
    }

    [Fact]
    public async Task every_route_as_every_role_inside_and_outside_its_scope_under_every_accept_header_answers_without_a_500()
    {
        var w = await ScopeWorld.BuildAsync(Host, Fixture, Home);
        var findings = new Findings();
        var roles = Enum.GetValues<ActorRole>();
        var n = 0;
        foreach (var route in Routes())
        {
            var url = ScopeWorld.Url(route.Pattern, w, Home);
            var body = route.Method == "GET" ? null : "{}";
            var callers = new List<(Actor? Actor, string What)> { (null, "anonymous") };
            foreach (var role in roles)
            {
                callers.Add((ScopeWorld.Insider(role, w, Home), $"as an in-scope {role}"));
                callers.Add((ScopeWorld.Outsider(role, "zj"), $"as an out-of-scope {role}"));
            }
            foreach (var (actor, what) in callers)
                await SendAsync(findings, route.Method, url, actor, body, Accepts[n++ % Accepts.Length], what);
        }
        ShouldHaveNone(findings, 1000);
    }

    /// <summary>Values that have broken parsers, validators, arithmetic and storage somewhere; each is put into every field in turn.</summary>
    private static readonly JsonNode?[] Boundaries =
    [
        null, "", "   ", new string('x', 20_000), "\u0000\u202e\u200b", "9999-12-31", "0001-01-01", "-0001-01-01", "2026-02-30", "1899-12-31",
        "9999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "<script>alert(1)</script>", "' or 1=1 --", "😀👨‍👩‍👧", "00000000-0000-0000-0000-000000000000",
        "99999999999999999999999999999", 0, -1, int.MaxValue, long.MaxValue, long.MinValue, 79228162514264337593543950335m, 0.0000000001m, true,
        new JsonArray(), new JsonArray((JsonNode?)null), new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode?)JsonValue.Create(i.ToString())).ToArray()),
        new JsonObject(),
    ];

    private static readonly string[] QueryBoundaries =
    [
        "", "9999-12-31", "-0001-01-01", "2026-02-30", "9999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "abc", "-1", "99999999999999999999",
        "1e400", new string('x', 5000), "%00", "true", "00000000-0000-0000-0000-000000000000",
    ];

    [Fact]
    public async Task boundary_values_in_every_field_of_every_request_and_every_query_parameter_never_answer_500_and_refusals_store_nothing()
    {
        var w = await ScopeWorld.BuildAsync(Host, Fixture, Home);
        var findings = new Findings();
        var regulator = new Actor("inspector-cn", "ministry", ActorRole.Regulator, "cn");
        foreach (var route in Routes())
        {
            var url = ScopeWorld.Url(route.Pattern, w, Home);
            // The first role the endpoint declares, inside the world's scope (a national bureau where it is one).
            var actor = route.Roles?.Allowed is { Count: > 0 } allowed
                ? allowed.Contains(ActorRole.Regulator) ? regulator : ScopeWorld.Insider(allowed[0], w, Home)
                : null;

            var requestType = route.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            if (route.Method != "GET" && requestType is not null && requestType != typeof(object))
            {
                var baseline = Baseline(requestType, w, 0);
                foreach (var path in Paths(baseline, ""))
                foreach (var value in Boundaries)
                {
                    var body = (JsonObject)baseline.DeepClone();
                    Set(body, path, value?.DeepClone());
                    await SendAsync(findings, route.Method, url, actor, body.ToJsonString(), "application/json", $"with {path} = {Describe(value)}");
                }
            }

            foreach (var parameter in QueryParameters(route))
            foreach (var value in QueryBoundaries)
                await SendAsync(findings, "GET", $"{url}?{parameter}={Uri.EscapeDataString(value)}", actor, null, "application/json", $"with ?{parameter}");
        }
        ShouldHaveNone(findings, 3000);
    }

    [Fact]
    public async Task tokens_with_missing_or_several_values_for_a_claim_are_refused()
    {
        var options = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LedgerAuthOptions>>().Value;
        var key = options.Keys(Host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>())[0];
        string Token(Dictionary<string, object> claims) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer, Audience = options.Audience, Claims = claims, Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var cases = new Dictionary<string, Dictionary<string, object>>
        {
            ["no sub"] = new() { ["org"] = "o", ["role"] = "regulator" },
            ["no org"] = new() { ["sub"] = "u", ["role"] = "regulator" },
            ["no role"] = new() { ["sub"] = "u", ["org"] = "o" },
            ["two subs"] = new() { ["sub"] = new[] { "u", "v" }, ["org"] = "o", ["role"] = "regulator" },
            ["two jurisdictions"] = new() { ["sub"] = "u", ["org"] = "o", ["role"] = "regulator", ["jurisdiction"] = new[] { "hlj", "cn" } },
            ["two enterprises"] = new() { ["sub"] = "u", ["org"] = "o", ["role"] = "enterprise", ["enterprise"] = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() } },
        };
        foreach (var (name, claims) in cases)
        {
            var result = await RefusedAsync(() => Host.Scenario(s =>
            {
                s.Post.Json(LedgerScenarios.PersonBody(TestIds.NewIdNumber())).ToUrl("/api/persons");
                s.WithRequestHeader("Authorization", "Bearer " + Token(claims));
                s.IgnoreStatusCode();
            }));
            result.Context.Response.StatusCode.ShouldBe(401, name);
        }
    }

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString() is var s && s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Query parameters of a handler: its simple parameters that are neither route values nor services.</summary>
    private static IEnumerable<string> QueryParameters(Route route)
    {
        var method = route.Chain?.Method.Method ?? route.Endpoint.Metadata.GetMetadata<MethodInfo>();
        if (method is null) return [];
        var routeNames = route.Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return method.GetParameters()
            .Where(p => !routeNames.Contains(p.Name!) && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t
                        && (t == typeof(string) || t.IsPrimitive || t == typeof(decimal) || t == typeof(Guid)))
            .Select(p => p.Name!);
    }

    /// <summary>A plausible body for a request type, from its properties' types and names (the world's ids where a name says whose).</summary>
    private static JsonObject Baseline(Type type, World w, int depth)
    {
        var body = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
            body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Plausible(property.PropertyType, property.Name, w, depth);
        return body;
    }

    private static JsonNode? Plausible(Type type, string name, World w, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var lower = name.ToLowerInvariant();
        if (t == typeof(Guid))
            return lower switch
            {
                "enterpriseid" => w.Enterprise.ToString(),
                "institutionid" or "providerid" => w.Institution.ToString(),
                "classid" => w.Class.ToString(),
                "sessionid" => w.Session.ToString(),
                "personid" => w.Person.ToString(),
                "claimid" => w.Claim.ToString(),
                _ => Guid.NewGuid().ToString(),
            };
        if (t == typeof(long) || t == typeof(int)) return lower == "version" ? 1 : 1;
        if (t == typeof(decimal) || t == typeof(double)) return 1;
        if (t == typeof(bool)) return true;
        if (t == typeof(string))
            return lower switch
            {
                _ when lower.EndsWith("on") || lower.EndsWith("date") || lower is "from" or "until" or "to" || lower.EndsWith("due") || lower.EndsWith("until") => "2021-09-01",
                "idnumber" => w.IdNumber,
                "number" or "certificatenumber" or "newnumber" => w.CertificateNumber,
                "name" or "holdername" or "handlername" or "signer" => "张三",
                "mobile" or "handlermobile" => "13900001111",
                "creditcode" or "enterprisecreditcode" or "employercreditcode" => w.CreditCode,
                "jurisdiction" or "region" => "hlj",
                "worktype" or "specialoperationworktype" => "electrical.low-voltage",
                "personid" => w.Person.ToString(),
                _ => "测试",
            };
        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new JsonArray(Plausible(element, name.TrimEnd('s'), w, depth + 1));
        }
        if (t.IsClass && depth < 2) return Baseline(t, w, depth + 1);
        return null;
    }

    /// <summary>Every field path of a body: top-level names, and one level into nested objects and the first element of lists.</summary>
    private static IEnumerable<string> Paths(JsonObject body, string prefix)
    {
        foreach (var (name, value) in body)
        {
            var path = prefix + name;
            yield return path;
            if (value is JsonObject nested && prefix.Length == 0)
                foreach (var inner in Paths(nested, path + ".")) yield return inner;
            if (value is JsonArray { Count: > 0 } list && list[0] is JsonObject element && prefix.Length == 0)
                foreach (var inner in Paths(element, path + "[0].")) yield return inner;
        }
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode target = body;
        foreach (var part in parts[..^1])
            target = part.EndsWith("[0]", StringComparison.Ordinal) ? ((JsonArray)target[part[..^3]]!)[0]! : target[part]!;
        ((JsonObject)target)[parts[^1]] = value;
    }
}
