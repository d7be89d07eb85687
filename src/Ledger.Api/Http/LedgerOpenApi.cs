using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Ledger.Api.Http;

/// <summary>
/// The published API document (/openapi/v1.json, read at /docs): operations named by their route names, tagged by domain,
/// summarised in Chinese and English, with the typed answer of a success and every problem answer an operation can give.
/// </summary>
public static partial class LedgerOpenApi
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();

    public const string ProblemSchema = "Problem";
    public const string BearerScheme = "bearer";
    public const string OperationsTag = "运维 Operations";

    private static readonly (string Code, string Zh, string En)[] ProblemTexts =
    [
        ("400", "请求有误：errors 逐项列出每个有误的字段", "Bad request: errors names every bad field"),
        ("401", "未登录或令牌无效", "Not signed in, or the token is not valid"),
        ("403", "角色或辖区不允许", "The caller's role or scope does not allow it"),
        ("404", "记录不存在或不在调用者的范围内", "No such record, or not within the caller's scope"),
        ("409", "冲突：版本已过期（currentVersion）或记录已存在", "Conflict: a stale version (currentVersion) or a record that already exists"),
        ("422", "违反规则：ruleId 给出规则编号", "A rule refuses it: ruleId names the rule"),
        ("429", "查验过于频繁，请按 Retry-After 稍后再试", "Too many checks: retry after Retry-After"),
        ("503", "数据库暂不可用，请按 Retry-After 稍后再试", "The database is unavailable: retry after Retry-After"),
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(DescribeOperationAsync);
        // NodaTime values are written as ISO text (LedgerJson); the generator knows nothing of them and would leave {}.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            var (format, pattern) = type == typeof(NodaTime.LocalDate) ? ("date", null)
                : type == typeof(NodaTime.Instant) ? ("date-time", null)
                : type == typeof(NodaTime.YearMonth) ? (null, "^[0-9]{4}-[0-9]{2}$")
                : type == typeof(NodaTime.LocalTime) ? (null, "^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$")
                : ((string?)null, (string?)null);
            if (format is null && pattern is null) return Task.CompletedTask;
            schema.Type = type == context.JsonTypeInfo.Type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = format;
            schema.Pattern = pattern;
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "安全技能台账 Ledger API",
                Version = "v1",
                Description = "特种作业人员证书、培训学时、考核与培训补贴的事件溯源台账。每个写操作都是带操作人、单位、业务日期与理由的事件；"
                    + "错误以 RFC 9457 problem details 返回（Accept-Language 选择中文或英文）。\n\n"
                    + "An event-sourced ledger of special-operation certificates, training hours, assessments and training subsidies. Every write is an "
                    + "event with actor, organisation, business date and reason; errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "身份提供方签发的 JWT（一个角色、一个单位、一个辖区）。A JWT from the identity provider: one role, one organisation, one jurisdiction.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            // Left by the generator for endpoints that answer IResult; every operation now names its real answer instead.
            document.Components.Schemas.Remove("IResult");
            document.Tags = new HashSet<OpenApiTag>(ApiOperations.Tags.Select(t => t.Tag).Append(OperationsTag).Distinct().Select(t => new OpenApiTag { Name = t }));
            return Task.CompletedTask;
        });
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var route = "/" + RouteConstraint().Replace(context.Description.RelativePath ?? "", "{$1}").TrimStart('/');
        if (!route.StartsWith("/api/", StringComparison.Ordinal))
        {
            operation.Tags = new HashSet<OpenApiTagReference> { new(OperationsTag, context.Document) };
            return;
        }
        // The route attribute's Name (the endpoint-name metadata is Wolverine's generated operation id).
        var name = metadata.OfType<Wolverine.Http.WolverineHttpMethodAttribute>().Select(a => a.Name).FirstOrDefault(n => n is not null)
                   ?? metadata.OfType<IRouteNameMetadata>().Select(m => m.RouteName).FirstOrDefault(n => n is not null);
        // An operation missing from the table keeps the generator's text; OpenApiDocumentTests names it.
        if (name is null || !ApiOperations.ByName.TryGetValue(name, out var described)) return;

        operation.OperationId = name;
        operation.Summary = described.Zh;
        operation.Description = $"{described.Zh}\n\n{described.En}";
        operation.Tags = new HashSet<OpenApiTagReference> { new(ApiOperations.TagOf(route), context.Document) };

        if (described.Upload is { } upload)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [upload] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        if (ApiExamples.ByName.TryGetValue(name, out var example) && operation.RequestBody?.Content is { } bodies)
            foreach (var body in bodies.Where(b => b.Key.Contains("json", StringComparison.Ordinal)).Select(b => b.Value))
                if (body is OpenApiMediaType media) media.Example = System.Text.Json.Nodes.JsonNode.Parse(example);
        var responses = operation.Responses ??= new OpenApiResponses();
        var success = responses.Keys.FirstOrDefault(k => k.StartsWith('2')) ?? "200";
        var content = new Dictionary<string, OpenApiMediaType>();
        if (described.Answer is { } answer)
            content[described.MediaType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(answer, null, ct) };
        else
            content[described.MediaType] = new OpenApiMediaType();
        responses[success] = new OpenApiResponse { Description = "成功 OK", Content = content };

        var method = context.Description.HttpMethod ?? "GET";
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var rateLimited = metadata.OfType<EnableRateLimitingAttribute>().Any();
        var hasInput = operation.RequestBody is not null || context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Body" or "Form");
        var hasId = route.Contains('{', StringComparison.Ordinal);
        var write = method == "POST";
        foreach (var (code, zh, en) in ProblemTexts)
        {
            var applies = code switch
            {
                "400" => hasInput,
                "401" or "403" => !anonymous,
                "404" => hasId,
                "409" or "422" => write,
                "429" => rateLimited,
                _ => true,
            };
            if (!applies) { responses.Remove(code); continue; }
            responses[code] = new OpenApiResponse
            {
                Description = $"{zh} / {en}",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }
        if (!anonymous)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
    }

    private static OpenApiSchema Problem()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details, in the caller's Accept-Language (zh-CN or en).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("问题类型 URI / the problem type"),
                ["title"] = Text("出了什么问题 / what is wrong"),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "HTTP 状态码 / the HTTP status" },
                ["detail"] = Text("如何处理 / what to do next"),
                ["instance"] = Text("请求路径 / the request path"),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "每个有误字段的说明（400） / each bad field's messages (400)",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["ruleId"] = Text("被违反的规则编号（422），如 HLJ-SUB-02 / the rule refused (422)"),
                ["code"] = Text("机器可读的原因代码 / a machine-readable reason"),
                ["currentVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "记录的当前版本（409） / the record's current version (409)" },
                ["traceId"] = Text("追踪编号 / the trace id"),
            },
        };
    }
}
