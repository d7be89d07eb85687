using System.Text;
using System.Text.Json;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Actors;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Ledger.Api.Tests.Authorization;

[CollectionDefinition(nameof(AuthorizationCollection))]
public sealed class AuthorizationCollection : ICollectionFixture<AuthorizationFixture>;

/// <summary>Signs with a new key while the development key still validates: a rotation half-way through.</summary>
public sealed class AuthorizationFixture : AppFixture
{
    public static readonly string NewKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-rotated-signing-key-for-tests-1"));

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<LedgerAuthOptions>(o => o.SigningKeys = [NewKey, LedgerAuthOptions.DevelopmentSigningKey]);
}

[Collection(nameof(AuthorizationCollection))]
public sealed class AuthorizationTests(AuthorizationFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>Every public endpoint, as method and route pattern; nothing else may answer an anonymous caller.</summary>
    private static readonly HashSet<string> Public =
    [
        "GET /",
        "GET /health",
        "GET /health/live",
        "GET /health/ready",
        "GET /openapi/{documentName}.json",
        "GET /docs/{documentName?}",
        "GET /docs/scalar.js",
        "GET /docs/scalar.aspnetcore.js",
        "GET /docs/favicon.svg",
        "GET /api/certificates/verify",
        "POST /api/certificates/verifications",
        // The public verification page behind the QR code and its batch upload (issue 15), for anyone, rate-limited.
        "GET /verify",
        "POST /verify",
        "POST /verify/batch",
        // The QR credential's online check, the status list and the ledger's public keys: what an inspector checks offline with.
        "GET /api/credentials/verify",
        "GET /api/credentials/status-list",
        "GET /api/audit/keys",
        // The web console's sign-in page and its form; its stylesheet and scripts are static files, not endpoints.
        "GET /console/sign-in",
        "POST /console/sign-in",
        // Sign-in through the identity provider: the standard challenge (to the sign-in page when no provider is configured).
        "GET /console/sign-in/oidc",
    ];

    /// <summary>Reference data every role needs to apply the rules; no role is outside them, so they have no out-of-scope caller.</summary>
    private static readonly HashSet<string> ForEveryRole =
    [
        "GET /api/catalog/certificate-kinds",
        "GET /api/jurisdictions",
        "GET /api/policies",
        "GET /api/policies/effective",
        // The console's home page and sign-out: every signed-in role has them.
        "GET /console",
        "POST /console/sign-out",
    ];

    private sealed record Route(string Method, string Pattern, Endpoint Endpoint)
    {
        public string Key => $"{Method} {Pattern}";

        public string Url => System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{\*{0,2}([A-Za-z]+)(:guid)?\??\}",
            m => m.Groups[1].Value == "documentName" ? "v1" : m.Groups[2].Success ? Guid.NewGuid().ToString() : "x");
    }

    private List<Route> Routes() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .ToList();

    [Fact]
    public void every_endpoint_is_public_by_name_or_declares_its_roles()
    {
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(80);
        routes.Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(r => r.Key).Order()
            .ShouldBe(Public.Order());
        foreach (var route in routes.Where(r => !Public.Contains(r.Key)))
        {
            var roles = route.Endpoint.Metadata.GetMetadata<ActorRolesAttribute>();
            roles.ShouldNotBeNull($"{route.Key} declares no roles");
            (roles.Allowed.Count == Enum.GetValues<ActorRole>().Length).ShouldBe(ForEveryRole.Contains(route.Key), route.Key);
        }
    }

    [Fact]
    public async Task the_public_endpoints_answer_without_credentials()
    {
        foreach (var route in Routes().Where(r => Public.Contains(r.Key)))
        {
            var url = route.Key switch
            {
                "GET /api/certificates/verify" => "/api/certificates/verify?number=T1&name=%E5%BC%A0%E4%B8%89",
                "GET /api/credentials/verify" => "/api/credentials/verify?c=not.a.credential",
                _ => route.Url,
            };
            var result = await Host.Scenario(s =>
            {
                if (route.Key == "POST /console/sign-in") s.Post.FormData(new Dictionary<string, string> { ["token"] = "not-a-token" }).ToUrl(url);
                else if (route.Method == "POST") s.Post.Json(new { number = "T1", name = "张三" }).ToUrl(url);
                else s.Get.Url(url);
                s.IgnoreStatusCode();
            });
            result.Context.Response.StatusCode.ShouldBeLessThan(400, $"{route.Key} ({url})");
        }
    }

    [Fact]
    public async Task every_other_endpoint_refuses_an_anonymous_caller_and_stores_nothing()
    {
        await Host.RegisterPerson();
        foreach (var route in Routes().Where(r => !Public.Contains(r.Key)))
        {
            var problem = await RefusedAsync(() => Send(route, headers: []));
            problem.Status.ShouldBe(401, $"{route.Key}: {problem.Body}");
            problem.Body.ShouldContain("actor-required");
        }
    }

    [Fact]
    public async Task every_other_endpoint_refuses_a_role_it_does_not_declare_and_stores_nothing()
    {
        await Host.RegisterPerson();
        var checkedRoutes = 0;
        foreach (var route in Routes().Where(r => !Public.Contains(r.Key) && !ForEveryRole.Contains(r.Key)))
        {
            var allowed = route.Endpoint.Metadata.GetMetadata<ActorRolesAttribute>()!.Allowed;
            foreach (var role in Enum.GetValues<ActorRole>().Except(allowed))
            {
                var problem = await RefusedAsync(() => Send(route, Headers(new Actor("outsider", "other-org", role, "cn"))));
                problem.Status.ShouldBe(403, $"{route.Key} as {role}: {problem.Body}");
                problem.Body.ShouldContain("role-not-permitted");
            }
            checkedRoutes++;
        }
        checkedRoutes.ShouldBeGreaterThan(70);
    }

    [Fact]
    public async Task a_development_token_authenticates_exactly_like_the_headers()
    {
        var actor = new Actor("clerk-wang", "tj-jizhou-emergency-bureau", ActorRole.Regulator, "cn");
        var token = Token(actor, Fixture.Host.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value);

        var byHeaders = await Register(Headers(actor));
        var byToken = await Register(new() { ["Authorization"] = "Bearer " + token });
        byToken.Status.ShouldBe(201, byToken.Body);
        byHeaders.Status.ShouldBe(201, byHeaders.Body);

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var fromHeaders = (await session.Events.FetchStreamAsync(Id(byHeaders))).Single();
        var fromToken = (await session.Events.FetchStreamAsync(Id(byToken))).Single();
        foreach (var header in new[] { "actor-user", "actor-org", "actor-role", "actor-jurisdiction" })
            fromToken.Headers![header].ToString().ShouldBe(fromHeaders.Headers![header].ToString(), header);
        fromToken.UserName.ShouldBe(fromHeaders.UserName);

        var read = await Send(new Route("GET", "/api/persons/{personId:guid}", null!), new() { ["Authorization"] = "Bearer " + token },
            url: $"/api/persons/{Id(byToken)}");
        read.Status.ShouldBe(200, read.Body);
    }

    [Fact]
    public async Task tokens_signed_with_the_previous_key_still_validate_and_a_foreign_key_does_not()
    {
        var options = Fixture.Host.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value;
        var actor = new Actor("clerk-wang", "tj-jizhou-emergency-bureau", ActorRole.Regulator, "cn");
        var previous = Token(actor, Copy(options, [LedgerAuthOptions.DevelopmentSigningKey]));
        (await Register(new() { ["Authorization"] = "Bearer " + previous })).Status.ShouldBe(201);

        var foreign = Token(actor, Copy(options, [Convert.ToBase64String(Encoding.UTF8.GetBytes("a-key-this-ledger-has-never-seen"))]));
        var refused = await RefusedAsync(() => Register(new() { ["Authorization"] = "Bearer " + foreign }));
        refused.Status.ShouldBe(401);
        var otherAudience = Copy(options, options.SigningKeys);
        otherAudience.Audience = "another-api";
        (await RefusedAsync(() => Register(new() { ["Authorization"] = "Bearer " + Token(actor, otherAudience) }))).Status.ShouldBe(401);
    }

    [Fact]
    public async Task a_signed_token_whose_claims_make_no_actor_is_refused()
    {
        var options = Fixture.Host.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value;
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var key = options.Keys(Host.Services.GetRequiredService<IHostEnvironment>())[0];
        var token = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "someone", ["org"] = "somewhere", ["role"] = "superuser" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var refused = await RefusedAsync(() => Register(new() { ["Authorization"] = "Bearer " + token }));
        refused.Status.ShouldBe(401);
        refused.Body.ShouldContain("the role must be one of");
    }

    [Fact]
    public async Task an_auditor_reads_a_person_file_only_with_a_reason_and_the_read_is_recorded_without_the_id_number()
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber);
        var auditor = new Actor("auditor-he", "national-audit-office", ActorRole.Auditor, "cn");
        var refused = await RefusedAsync(() => Send(new Route("GET", "", null!), Headers(auditor), url: $"/api/persons/{personId}"));
        refused.Status.ShouldBe(400, refused.Body);

        var headers = Headers(auditor);
        headers["X-Ledger-Reason"] = "annual subsidy audit 2026";
        (await Send(new Route("GET", "", null!), headers, url: $"/api/persons/{personId}")).Status.ShouldBe(200);

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var record = (await session.Events.FetchStreamAsync(AuditorReadLog.StreamOf("person", personId))).Single();
        var read = record.Data.ShouldBeOfType<AuditorRead>();
        (read.UserId, read.OrganisationId, read.Reason, read.SubjectId).ShouldBe(("auditor-he", "national-audit-office", "annual subsidy audit 2026", personId));
        record.Headers!["actor-role"].ToString().ShouldBe("auditor");
        JsonSerializer.Serialize(read).ShouldNotContain(idNumber[..17]);
    }

    [Fact]
    public async Task an_enterprise_sees_no_person_it_never_employed_and_submits_no_claim_for_another_enterprise()
    {
        var personId = await Host.RegisterPerson();
        var enterprise = new Actor("handler-chen", "some-co", ActorRole.Enterprise, EnterpriseId: Guid.NewGuid());
        (await Send(new Route("GET", "", null!), Headers(enterprise), url: $"/api/persons/{personId}")).Status.ShouldBe(404);

        var headers = Headers(enterprise);
        // A well-formed form, so the only thing wrong with it is whose enterprise it names.
        var claim = await RefusedAsync(() => Send(new Route("POST", "/api/claims", null!), headers, new
        {
            enterpriseId = Guid.NewGuid(), handlerName = "陈", handlerMobile = "13900001111", institutionId = Guid.NewGuid(),
            workTypes = new[] { new { workType = "electrical.low-voltage", count = 1 } }, trainingFrom = "2026-01-05", trainingUntil = "2026-01-20",
            certifiedCount = 1, requestedAmount = 1000m, applicationDate = "2026-02-01",
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "陈总", signedOn = "2026-02-01" },
            roster = new[] { new { lineNo = 1, name = "张三", workType = "electrical.low-voltage", idNumber = TestIds.NewIdNumber(), certificateNumber = "T1", kind = "special-operation-initial" } },
        }));
        claim.Status.ShouldBe(403, claim.Body);
    }

    private string Token(Actor actor, LedgerAuthOptions options) =>
        DevelopmentTokens.Issue(options, Host.Services.GetRequiredService<IHostEnvironment>(), actor, Duration.FromHours(1), SystemClock.Instance.GetCurrentInstant());

    private static LedgerAuthOptions Copy(LedgerAuthOptions o, string[] keys) => new() { Issuer = o.Issuer, Audience = o.Audience, SigningKeys = keys };

    private static Guid Id((int Status, string Body) response) =>
        JsonDocument.Parse(response.Body).RootElement.GetProperty("personId").GetGuid();

    private Task<(int Status, string Body)> Register(Dictionary<string, string> headers) =>
        Send(new Route("POST", "/api/persons", null!), headers, LedgerScenarios.PersonBody(TestIds.NewIdNumber()));

    private static Dictionary<string, string> Headers(Actor actor)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Ledger-User"] = actor.UserId,
            ["X-Ledger-Org"] = actor.OrganisationId,
            ["X-Ledger-Role"] = JsonNames.Kebab(actor.Role),
        };
        if (actor.Jurisdiction is not null) headers["X-Ledger-Jurisdiction"] = actor.Jurisdiction;
        if (actor.EnterpriseId is { } e) headers["X-Ledger-Enterprise"] = e.ToString();
        return headers;
    }

    private async Task<(int Status, string Body)> Send(Route route, Dictionary<string, string> headers, object? body = null, string? url = null)
    {
        var result = await Host.Scenario(s =>
        {
            var target = url ?? route.Url;
            switch (route.Method)
            {
                case "GET":
                    s.Get.Url(target);
                    break;
                default:
                    s.Post.Json(body ?? new { }).ToUrl(target);
                    break;
            }
            foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, text.Length > 400 ? text[..400] : text);
    }
}
