using System.Text.Json;
using Alba;
using Ledger.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// The published API document is complete (issue 15, item 6): every /api operation has its route name as operation id, a
/// domain tag, a Chinese and an English summary, a typed success answer, and the problem answers it can give; bearer
/// security where it is not public. Fails naming each operation that lacks something.
/// </summary>
[Collection(nameof(PersonsCollection))]
public sealed class OpenApiDocumentTests(AppFixture fixture)
{
    private static readonly string[] DomainTags = ApiOperations.Tags.Select(t => t.Tag).Distinct().ToArray();

    [Fact]
    public async Task every_operation_is_named_tagged_summarised_in_both_languages_and_typed_with_its_problem_answers()
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        var root = document.RootElement;
        var gaps = new List<string>();
        var operations = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                operations++;
                var where = $"{op.Name.ToUpperInvariant()} {path.Name}";
                var o = op.Value;
                var id = o.TryGetProperty("operationId", out var oid) ? oid.GetString() : null;
                if (id is null || !ApiOperations.ByName.ContainsKey(id)) gaps.Add($"{where}: operationId {id ?? "(none)"} is not a route name of ApiOperations");
                var tags = o.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                if (tags.Count != 1 || !DomainTags.Contains(tags[0])) gaps.Add($"{where}: tag {string.Join(",", tags)} is not a domain tag");
                var summary = o.TryGetProperty("summary", out var su) ? su.GetString() ?? "" : "";
                var description = o.TryGetProperty("description", out var de) ? de.GetString() ?? "" : "";
                if (!summary.Any(c => c is >= '\u4e00' and <= '\u9fff')) gaps.Add($"{where}: summary has no Chinese");
                if (!description.Contains("\n\n", StringComparison.Ordinal) || !description.Split("\n\n")[1].Any(char.IsAsciiLetter)) gaps.Add($"{where}: description has no English part");
                var responses = o.GetProperty("responses");
                var success = responses.EnumerateObject().FirstOrDefault(r => r.Name.StartsWith('2'));
                if (success.Value.ValueKind != JsonValueKind.Object || !success.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
                    gaps.Add($"{where}: no success content");
                else if (content.EnumerateObject().Any(c => c.Name == "application/json" && !c.Value.TryGetProperty("schema", out _)))
                    gaps.Add($"{where}: a JSON success without a schema");
                var isPost = op.Name == "post";
                var hasId = path.Name.Contains('{', StringComparison.Ordinal);
                var expected = new List<string> { "503" };
                if (hasId) expected.Add("404");
                if (isPost) expected.AddRange(["409", "422"]);
                if (o.TryGetProperty("requestBody", out _)) expected.Add("400");
                foreach (var code in expected)
                {
                    if (!responses.TryGetProperty(code, out var problem)) { gaps.Add($"{where}: no {code} answer"); continue; }
                    if (!problem.GetProperty("content").TryGetProperty("application/problem+json", out var media)
                        || media.GetProperty("schema").GetProperty("$ref").GetString() != $"#/components/schemas/{LedgerOpenApi.ProblemSchema}")
                        gaps.Add($"{where}: {code} is not a problem-details answer");
                }
            }
        }

        // The document against the routes themselves: public routes carry no security and may say 429 when rate limited;
        // every other route needs the bearer scheme and answers 401/403.
        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("api/", StringComparison.Ordinal) == true)
            .ToList();
        foreach (var route in routes)
        {
            var name = route.Metadata.GetMetadata<Wolverine.Http.WolverineHttpMethodAttribute>()?.Name;
            if (name is null) { gaps.Add($"{route.RoutePattern.RawText}: the route has no Name"); continue; }
            var op = FindOperation(root, name);
            if (op is null) { gaps.Add($"{name}: not in the document"); continue; }
            var anonymous = route.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var secured = op.Value.TryGetProperty("security", out var sec) && sec.GetArrayLength() > 0;
            if (anonymous == secured) gaps.Add($"{name}: security {(secured ? "on a public route" : "missing")}");
            var responses = op.Value.GetProperty("responses");
            if (!anonymous && (!responses.TryGetProperty("401", out _) || !responses.TryGetProperty("403", out _))) gaps.Add($"{name}: no 401/403");
            if (route.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null && !responses.TryGetProperty("429", out _)) gaps.Add($"{name}: no 429");
        }

        Assert.True(operations > 90, $"only {operations} operations in the document");
        Assert.Equal(routes.Count, ApiOperations.ByName.Count);
        Assert.Empty(gaps);
        var components = root.GetProperty("components");
        Assert.Equal("bearer", components.GetProperty("securitySchemes").GetProperty(LedgerOpenApi.BearerScheme).GetProperty("scheme").GetString());
        Assert.False(components.GetProperty("schemas").TryGetProperty("IResult", out _));
    }

    [Fact]
    public async Task every_example_is_in_the_document_and_is_a_request_the_validators_accept()
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        var answers = new List<string>();
        foreach (var (name, example) in ApiExamples.ByName)
        {
            var (path, op) = FindPath(document.RootElement, name) ?? throw new InvalidOperationException($"{name} is not in the document");
            var shown = op.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
            JsonSerializer.Serialize(shown).ShouldBe(JsonSerializer.Serialize(JsonDocument.Parse(example).RootElement), name);

            // Posted as the role that makes the request (its ids name nothing): whatever the answer, not "malformed".
            var url = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());
            var role = name switch
            {
                "SubmitClaim" => "enterprise",
                "AttestClaim" => "training-institution",
                "ApproveClaim" or "RejectClaim" or "DisburseClaim" => "hr-bureau",
                "ReconcileClaim" or "OrderClawback" or "RepayClawback" => "finance-bureau",
                _ => "regulator",
            };
            var status = (await fixture.Host.Scenario(s =>
            {
                s.Post.Text(example).ToUrl(url);
                s.WithRequestHeader("Content-Type", "application/json");
                s.AsActor(("examples", "example-org", role));
                if (role == "enterprise") s.WithRequestHeader("X-Ledger-Enterprise", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
                if (role == "hr-bureau") s.WithRequestHeader("X-Ledger-Jurisdiction", "cn");
                s.IgnoreStatusCode();
            })).Context.Response.StatusCode;
            answers.Add($"{name}: {status}");
            status.ShouldNotBe(400, $"{name}'s example is refused as malformed");
            status.ShouldBeLessThan(500, name);
        }
        answers.Count.ShouldBe(ApiExamples.ByName.Count, string.Join("; ", answers));
    }

    private static (string Path, JsonElement Operation)? FindPath(JsonElement root, string name)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Value.TryGetProperty("operationId", out var id) && id.GetString() == name) return (path.Name, op.Value);
        return null;
    }

    [Fact]
    public async Task dates_and_instants_are_described_as_iso_text_and_enums_list_their_values()
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var issue = schemas.GetProperty("IssueCertificateRequest").GetProperty("properties");
        var claim = document.RootElement.GetProperty("paths").GetProperty("/api/claims/{claimId}").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var paidOn = Resolve(schemas, claim).GetProperty("properties").GetProperty("paidOn");
        Assert.Equal("date", paidOn.GetProperty("format").GetString());
        Assert.Contains("reconciled", schemas.GetProperty("ClaimStage").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(issue.EnumerateObject().Any());
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r) ? schemas.GetProperty(r.GetString()!.Split('/')[^1]) : schema;

    private static JsonElement? FindOperation(JsonElement root, string name)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Value.TryGetProperty("operationId", out var id) && id.GetString() == name) return op.Value;
        return null;
    }
}
