using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Actors;
using Marten.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Authorization;

[CollectionDefinition(nameof(ScopeCollection))]
public sealed class ScopeCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// The companion of AuthorizationTests one level down: every route naming a record, and every endpoint taking a
/// jurisdiction or an organisation in its body or query, refuses a caller whose role the endpoint declares but whose
/// jurisdiction or organisation is another (403, or 404 where the record's existence is personal data), storing nothing;
/// and the same request from a caller inside the scope is not refused for scope, which proves the ids were real.
/// </summary>
[Collection(nameof(ScopeCollection))]
public sealed class ScopeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Home = "hlj";
    private const string Elsewhere = "zj";

    /// <summary>
    /// Roles whose scope over a kind of record is national by design, so they have no out-of-scope caller there: a person's
    /// lifelong file (and so its certificates) spans jurisdictions for the bureaus; the published list of institutions is for
    /// enterprises and institutions to choose from. An institution or exam point reaches only its own trainees and the
    /// certificates it issued, an enterprise only its employees (both scoped here).
    /// </summary>
    // A console page has the scope of the API resource it shows.
    private static bool National(string pattern, string method, ActorRole role) =>
        pattern.StartsWith("/console/", StringComparison.Ordinal) ? National("/api/" + pattern["/console/".Length..], method, role) :
        // Hiring names its enterprise in the body: ByContent checks it.
        (method == "POST" && pattern == "/api/persons/{personId:guid}/employments")
        || (pattern.StartsWith("/api/persons/{personId", StringComparison.Ordinal) && !pattern.Contains("{employmentId", StringComparison.Ordinal)
            && Scope.IsBureau(new Actor("", "", role)))
        || (pattern.StartsWith("/api/certificates/{certificateId", StringComparison.Ordinal) && Scope.IsBureau(new Actor("", "", role)))
        || (pattern == "/api/institutions/{institutionId:guid}" && role is ActorRole.Enterprise or ActorRole.TrainingInstitution or ActorRole.ExamPoint)
        // An empty import template names a kind of file, no record: every caller of the role gets the same one.
        || pattern == "/api/imports/templates/{kind}";

    /// <summary>Endpoints whose scope is in the body or query: a well-formed request whose only fault is naming the home jurisdiction's records.</summary>
    private static IEnumerable<(string Method, string Url, Func<World, object?> Body, ActorRole[] Roles)> ByContent() =>
    [
        ("POST", "/api/enterprises", _ => new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "外省企业", legalRepresentative = "刘", industry = "hazardous-chemicals", jurisdiction = Home,
            aboveDesignatedSize = true, headcount = 10, trainingCapability = "self-training",
        }, [ActorRole.Regulator, ActorRole.Enterprise]),
        ("POST", "/api/institutions", _ => new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "外省学校", kind = "training-institution", jurisdiction = Home, registeredOn = "2021-09-01",
        }, [ActorRole.Regulator]),
        ("POST", "/api/training-classes", w => new
        {
            providerKind = "institution", providerId = w.Institution, course = "初训", syllabusVersion = "2019", requiredHours = 8,
            workType = ClaimScenarios.WorkType, kind = "special-operation-initial", openedOn = "2021-09-01",
        }, [ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint]),
        ("POST", "/api/trainer-rosters", w => new
        {
            enterpriseCreditCode = w.CreditCode, personId = w.Person.ToString(), workTypes = new[] { ClaimScenarios.WorkType },
            qualification = "demonstration-base-certified", qualifiedOn = "2021-09-01", appointedOn = "2021-09-02", version = 1,
        }, [ActorRole.Regulator, ActorRole.Enterprise]),
        ("POST", "/api/persons/{personId}/employments", w => new
        {
            enterpriseId = w.Enterprise, post = "电工", keyPost = true, teamLeader = false, relation = "labour-contract", hiredOn = "2021-09-01", version = w.PersonVersion,
            idNumber = w.IdNumber,
        }, [ActorRole.Regulator, ActorRole.Enterprise]),
        ("POST", "/api/persons/{personId}/assessments", w => new
        {
            kind = "training-assessment", classId = w.Class, theoryScore = 90, theoryPassMark = 80, practicalScore = 90, practicalPassMark = 80,
            practicalMode = "real-equipment", keySkillsFailed = Array.Empty<string>(), assessedOn = "2021-09-01", assessor = "考评员",
        }, [ActorRole.Regulator, ActorRole.TrainingInstitution]),
        ("POST", "/api/inspections", w => new
        {
            enterpriseId = w.Enterprise, inspectedOn = "2021-09-30", trainingPlanChecked = true, certificatesChecked = 1, certificatesMissing = 0,
            spotQuiz = Array.Empty<object>(), reason = "日常检查",
        }, [ActorRole.Regulator]),
        ("POST", "/api/tip-offs", w => new
        {
            enterpriseId = w.Enterprise, subject = "untrained-worker", allegation = "新员工未经培训上岗", channel = "hotline", receivedOn = "2021-09-30",
        }, [ActorRole.Regulator]),
        ("POST", "/api/tip-offs", _ => new
        {
            jurisdiction = Home, enterpriseName = "未登记的企业", subject = "fake-certificate", allegation = "持假证", channel = "letter", receivedOn = "2021-09-30",
        }, [ActorRole.Regulator]),
        ("GET", $"/api/reports/rectification-orders?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.Auditor]),
        ("GET", $"/api/tip-offs?jurisdiction={Home}", _ => null, [ActorRole.Regulator]),
        ("GET", $"/api/institutions?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/reports/double-payments?from=2021-01-01&to=2021-12-31&jurisdiction={Home}", _ => null,
            [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/claims/review-queue?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/claims/clawback-queue?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/reports/payout-ledger?from=2021-01&to=2021-12&jurisdiction={Home}", _ => null,
            [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/reports/issuance-deadline-breaches?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.Auditor]),
        // The lists and searches of issue 15: a bureau asking for another's jurisdiction is refused; enterprises and institutions list only their own.
        ("GET", $"/api/enterprises?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/api/claims?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
        ("GET", $"/console/enterprises?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.Auditor]),
        ("GET", $"/api/reports/possible-forgeries?jurisdiction={Home}", _ => null, [ActorRole.Regulator, ActorRole.Auditor]),
        ("GET", $"/api/reports/institution-anomalies?from=2021-01-01&to=2021-12-31&jurisdiction={Home}", _ => null,
            [ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor]),
    ];

    [Fact]
    public async Task every_route_naming_a_record_refuses_an_in_role_caller_outside_its_scope_and_stores_nothing()
    {
        var w = await Build();
        var routes = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActorRolesAttribute>() is not null && e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Roles: e.Metadata.GetMetadata<ActorRolesAttribute>()!.Allowed)))
            .ToList();
        routes.Count.ShouldBeGreaterThan(50);

        var refused = 0;
        foreach (var (method, pattern, roles) in routes)
        {
            var url = Url(pattern, w);
            foreach (var role in roles.Where(r => !National(pattern, method, r)))
            {
                var outside = await RefusedAsync(() => Send(method, url, Outsider(role)));
                outside.Status.ShouldBeOneOf([403, 404], $"{method} {pattern} as an out-of-scope {role}: {outside.Body}");
                // The world's class is an institution's; an enterprise is inside the scope of the classes it provides itself.
                if (role == ActorRole.Enterprise && pattern.Contains("{classId", StringComparison.Ordinal)) continue;
                // The world's certificate was issued by a bureau, so no exam point is inside its scope (PersonScopeTests shows one that is).
                if (role == ActorRole.ExamPoint && pattern.StartsWith("/api/certificates/{certificateId", StringComparison.Ordinal)) continue;
                var inside = await Send(method, url, Insider(role, w));
                inside.Status.ShouldNotBeOneOf([403, 404, 500], $"{method} {pattern} as an in-scope {role}: {inside.Body}");
                refused++;
            }
        }
        refused.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task every_endpoint_taking_a_jurisdiction_or_an_organisation_in_its_content_refuses_another_ones()
    {
        var w = await Build();
        foreach (var (method, pattern, body, roles) in ByContent())
        {
            var url = pattern.Replace("{personId}", w.Person.ToString(), StringComparison.Ordinal);
            foreach (var role in roles)
            {
                var outside = await RefusedAsync(() => Send(method, url, Outsider(role), body(w)));
                outside.Status.ShouldBeOneOf([403, 404], $"{method} {pattern} as an out-of-scope {role}: {outside.Body}");
            }
        }
        // From inside the scope the same body passes scope and meets the business rules: the person already works there (NAT-EMP-02).
        var inside = await Send("POST", $"/api/persons/{w.Person}/employments", Insider(ActorRole.Enterprise, w), ByContent().Single(c => c.Url.EndsWith("/employments")).Body(w));
        inside.Status.ShouldBe(422, inside.Body);
        inside.Body.ShouldContain("NAT-EMP-02");
        var list = await Send("GET", $"/api/institutions?jurisdiction={Home}", Insider(ActorRole.Regulator, w));
        list.Status.ShouldBe(200, list.Body);
        JsonDocument.Parse(list.Body).RootElement.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task lists_and_searches_return_only_what_the_caller_s_role_and_scope_allow()
    {
        var w = await Build();
        var neighbour = await Host.RegisterEnterprise("zj-taizhou");

        async Task<List<string>> Ids(string url, Actor actor, string property)
        {
            var (status, body) = await Send("GET", url, actor);
            status.ShouldBe(200, $"{url}: {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToList();
        }
        // Earlier worlds share the database, so each list is narrowed to this world's records by what officials search with.
        var ours = $"q={w.CreditCode}";
        var theirs = $"q={neighbour.CreditCode}";
        var ourClaims = $"enterprise={w.CreditCode}";
        // A bureau lists its own jurisdiction's enterprises and claims and none of another's; an enterprise only itself.
        foreach (var role in new[] { ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor })
        {
            (await Ids($"/api/enterprises?{ours}", Insider(role, w), "enterpriseId")).ShouldBe([w.Enterprise.ToString()], role.ToString());
            (await Ids($"/api/enterprises?{theirs}", Insider(role, w), "enterpriseId")).ShouldBeEmpty(role.ToString());
            (await Ids($"/api/enterprises?{ours}", Outsider(role), "enterpriseId")).ShouldBeEmpty(role.ToString());
            (await Ids($"/api/enterprises?{theirs}", Outsider(role), "enterpriseId")).ShouldBe([neighbour.Id.ToString()], role.ToString());
            (await Ids($"/api/claims?{ourClaims}&period=2021", Insider(role, w), "claimId")).ShouldBe([w.Claim.ToString()], role.ToString());
            (await Ids($"/api/claims?{ourClaims}", Outsider(role), "claimId")).ShouldBeEmpty(role.ToString());
        }
        (await Ids("/api/enterprises", Insider(ActorRole.Enterprise, w), "enterpriseId")).ShouldBe([w.Enterprise.ToString()]);
        (await Ids("/api/enterprises", Outsider(ActorRole.Enterprise), "enterpriseId")).ShouldBeEmpty();
        (await Ids("/api/claims", Insider(ActorRole.Enterprise, w), "claimId")).ShouldBe([w.Claim.ToString()]);
        (await Ids("/api/claims", Outsider(ActorRole.Enterprise), "claimId")).ShouldBeEmpty();
        (await Ids("/api/claims", Insider(ActorRole.TrainingInstitution, w), "claimId")).ShouldBe([w.Claim.ToString()]);
        (await Ids("/api/claims", Outsider(ActorRole.TrainingInstitution), "claimId")).ShouldBeEmpty();
        // Found by what officials know: the certificate number on a line, the enterprise's credit code, a stage (closed ones too).
        (await Ids($"/api/claims?certificate={Uri.EscapeDataString(w.CertificateNumber)}", Insider(ActorRole.Regulator, w), "claimId")).ShouldBe([w.Claim.ToString()]);
        (await Ids($"/api/claims?{ourClaims}&stage=submitted", Insider(ActorRole.HrBureau, w), "claimId")).ShouldBe([w.Claim.ToString()]);
        (await Ids($"/api/claims?{ourClaims}&stage=reconciled", Insider(ActorRole.HrBureau, w), "claimId")).ShouldBeEmpty();
        var (badStage, refusal) = await Send("GET", "/api/claims?stage=closed", Insider(ActorRole.HrBureau, w));
        badStage.ShouldBe(400, refusal);

        // Persons by name and the last four of the ID number: the bureaus that read every file, the ID number masked.
        var name = (await Host.Get($"/api/persons/{w.Person}")).GetProperty("name").GetString()!;
        var (found, matches) = await Send("POST", "/api/persons/search-by-name", Insider(ActorRole.HrBureau, w), new { name, idNumberLast = w.IdNumber[^4..] });
        found.ShouldBe(200, matches);
        var match = JsonDocument.Parse(matches).RootElement.EnumerateArray().Single();
        match.GetProperty("personId").GetString().ShouldBe(w.Person.ToString());
        matches.ShouldNotContain(w.IdNumber);
        var (wrongDigits, none) = await Send("POST", "/api/persons/search-by-name", Insider(ActorRole.Regulator, w), new { name, idNumberLast = "000X" == w.IdNumber[^4..] ? "0001" : "000X" });
        wrongDigits.ShouldBe(200, none);
        JsonDocument.Parse(none).RootElement.GetArrayLength().ShouldBe(0);
        foreach (var role in new[] { ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Auditor })
            (await Send("POST", "/api/persons/search-by-name", Insider(role, w), new { name, idNumberLast = w.IdNumber[^4..] })).Status.ShouldBe(403, role.ToString());
        // Tip-offs are listed to their jurisdiction's regulators alone; an inspection's order to its enterprise and those regulators.
        (await Ids("/api/tip-offs?pageSize=100", Insider(ActorRole.Regulator, w), "tipId")).ShouldContain(w.Tip.ToString());
        (await Ids("/api/tip-offs?pageSize=100", Outsider(ActorRole.Regulator), "tipId")).ShouldNotContain(w.Tip.ToString());
        (await Send("GET", "/api/tip-offs", Insider(ActorRole.Enterprise, w))).Status.ShouldBe(403);
        var (ordered, _) = await Send("POST", $"/api/inspections/{w.Inspection}/rectification-orders", Insider(ActorRole.Regulator, w),
            new { finding = "新员工未经培训上岗", orderedOn = "2021-09-30", deadline = "2021-10-30", stopOrdered = false, version = 1 });
        ordered.ShouldBe(200);
        (await Ids("/api/reports/rectification-orders?pageSize=100", Insider(ActorRole.Regulator, w), "inspectionId")).ShouldContain(w.Inspection.ToString());
        (await Ids("/api/reports/rectification-orders?pageSize=100", Outsider(ActorRole.Regulator), "inspectionId")).ShouldNotContain(w.Inspection.ToString());
        (await Ids("/api/reports/rectification-orders", Insider(ActorRole.Enterprise, w), "inspectionId")).ShouldBe([w.Inspection.ToString()]);
        (await Ids("/api/reports/rectification-orders", Outsider(ActorRole.Enterprise), "inspectionId")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_bureau_lists_only_its_jurisdiction_by_default()
    {
        var w = await Build();
        await Host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "台州学校", kind = "training-institution", jurisdiction = "zj-taizhou", registeredOn = "2021-09-01",
        }, 201);
        var home = JsonDocument.Parse((await Send("GET", "/api/institutions", Insider(ActorRole.HrBureau, w))).Body).RootElement;
        home.EnumerateArray().Select(i => i.GetProperty("jurisdiction").GetString()).ShouldBe([Home]);
        var national = JsonDocument.Parse((await Send("GET", "/api/institutions", new Actor("officer-cn", "ministry", ActorRole.Regulator, "cn"))).Body).RootElement;
        national.GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task forgery_leads_lie_where_the_checked_certificate_s_holder_works_and_leads_for_unknown_numbers_only_in_the_national_list()
    {
        var w = await Build();
        var number = (await Host.Get($"/api/certificates/{w.Certificate}")).GetProperty("number").GetString()!;
        var unknown = "FAKE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Host.Get($"/api/certificates/verify?number={Uri.EscapeDataString(number)}&name={Uri.EscapeDataString("冒名")}");
        await Host.Get($"/api/certificates/verify?number={unknown}&name={Uri.EscapeDataString("郑九")}");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        async Task<List<string>> Leads(Actor actor)
        {
            var (status, body) = await Send("GET", "/api/reports/possible-forgeries", actor);
            status.ShouldBe(200, body);
            return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("number").GetString()!).ToList();
        }
        (await Leads(Insider(ActorRole.Regulator, w))).ShouldBe([number]);
        (await Leads(Outsider(ActorRole.Regulator))).ShouldBeEmpty();
        (await Leads(new Actor("officer-cn", "ministry", ActorRole.Regulator, "cn"))).OrderBy(n => n).ShouldBe(new[] { number, unknown }.OrderBy(n => n));
    }

    private Task<World> Build() => ScopeWorld.BuildAsync(Host, Fixture, Home);

    private static Actor Outsider(ActorRole role) => ScopeWorld.Outsider(role, Elsewhere);

    private static Actor Insider(ActorRole role, World w) => ScopeWorld.Insider(role, w, Home);

    private static string Url(string pattern, World w) => ScopeWorld.Url(pattern, w, Home);

    private Task<(int Status, string Body)> Send(string method, string url, Actor actor, object? body = null) => ScopeWorld.SendAsync(Host, method, url, actor, body);
}
