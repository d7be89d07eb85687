using System.Text;
using System.Text.Json;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Actors;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.Authorization;

[CollectionDefinition(nameof(AccessWallCollection))]
public sealed class AccessWallCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// The doors issue 13 found open, each reproduced as an attacker or a careless operator would try it: a token of several
/// roles, an institution or enterprise reaching strangers' files, a claim's findings disclosing other employers' workers,
/// ID-shaped certificate numbers stored and sent raw. Each test failed before the fix.
/// </summary>
[Collection(nameof(AccessWallCollection))]
public sealed class AccessWallTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<(int Status, string Body, Microsoft.AspNetCore.Http.HttpResponse Response)> Send(string method, string url, Actor? actor, object? body = null,
        Dictionary<string, string>? headers = null)
    {
        var result = await Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(body ?? new { }).ToUrl(url);
            if (actor is not null)
                foreach (var (name, value) in Headers(actor)) s.WithRequestHeader(name, value);
            foreach (var (name, value) in headers ?? []) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(), result.Context.Response);
    }

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
        if (actor.InstitutionId is { } i) headers["X-Ledger-Institution"] = i.ToString();
        if (actor.Role == ActorRole.Auditor) headers["X-Ledger-Reason"] = "access wall test";
        return headers;
    }

    private string Token(Dictionary<string, object> claims, DateTime? expires = null, DateTime? issued = null)
    {
        var options = Host.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value;
        var key = options.Keys(Host.Services.GetRequiredService<IHostEnvironment>())[0];
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = issued ?? DateTime.UtcNow,
            NotBefore = (issued ?? DateTime.UtcNow).AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<string> RawEventText()
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(string_agg(data::text || coalesce(headers::text, ''), ' '), '') from {Fixture.Schema}.mt_events", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    // Finding 2: a token whose role claim is an array (Keycloak, Entra ID) was authorised on any value and recorded as the first.
    [Fact]
    public async Task a_token_of_several_roles_is_refused_as_a_whole_and_reads_nothing()
    {
        var token = Token(new Dictionary<string, object>
        {
            ["sub"] = "handler-x", ["org"] = "zj-co", ["role"] = new[] { "enterprise", "regulator" }, ["jurisdiction"] = "zj",
            ["enterprise"] = Guid.NewGuid().ToString(),
        });
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        foreach (var url in new[] { "/api/claims/review-queue?jurisdiction=hlj", "/api/reports/payout-ledger?from=2021-01&to=2021-12", "/api/reports/compliance/hlj" })
        {
            var (status, body, _) = await RefusedAsync(() => Send("GET", url, null, headers: bearer));
            status.ShouldBe(401, url);
            body.ShouldContain("'role' claim holds 2 values");
        }
        var twoOrgs = Token(new Dictionary<string, object> { ["sub"] = "x", ["org"] = new[] { "a", "b" }, ["role"] = "regulator", ["jurisdiction"] = "cn" });
        (await Send("GET", "/api/claims/review-queue", null, headers: new() { ["Authorization"] = "Bearer " + twoOrgs })).Status.ShouldBe(401);
    }

    // Finding 8: a token with a 100-year lifetime was accepted.
    [Fact]
    public async Task a_token_valid_for_longer_than_the_maximum_is_refused()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "clerk", ["org"] = "bureau", ["role"] = "regulator", ["jurisdiction"] = "cn" };
        var century = Token(claims, DateTime.UtcNow.AddYears(100));
        var (status, body, _) = await Send("GET", "/api/claims/review-queue", null, headers: new() { ["Authorization"] = "Bearer " + century });
        status.ShouldBe(401);
        body.ShouldContain("at most 12 hours");
        (await Send("GET", "/api/claims/review-queue", null, headers: new() { ["Authorization"] = "Bearer " + Token(claims) })).Status.ShouldBe(200);
    }

    // Finding 3: an institution read any person's lifelong file and rewrote their education.
    [Fact]
    public async Task an_institution_reaches_only_its_enrolled_trainees_and_only_their_training_with_it()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise);
        var other = await Host.HljInstitutionWithClass();
        var stranger = new Actor("registrar-out", "other-school", ActorRole.TrainingInstitution, InstitutionId: other.InstitutionId);
        var own = new Actor("registrar-in", "own-school", ActorRole.TrainingInstitution, InstitutionId: training.InstitutionId);

        (await RefusedAsync(() => Send("GET", $"/api/persons/{trainee.PersonId}", stranger))).Status.ShouldBe(404);
        (await RefusedAsync(() => Send("POST", $"/api/persons/{trainee.PersonId}/education", own,
            new { education = "junior-secondary", evidence = "x", recordedOn = "2021-09-01", reason = "x", version = 1 }))).Status.ShouldBe(403);
        // Naming its own class does not make a stranger its trainee: neither an assessment nor attendance is recorded.
        (await RefusedAsync(() => Send("POST", $"/api/persons/{trainee.PersonId}/assessments", stranger, new
        {
            kind = "training-assessment", classId = other.ClassId, theoryScore = 10, theoryPassMark = 80, assessedOn = "2021-09-01", assessor = "考评员",
        }))).Status.ShouldBe(404);
        (await RefusedAsync(() => Send("POST", $"/api/training-classes/{other.ClassId}/attendance", stranger,
            new { sessionId = other.Sessions[0], personId = trainee.PersonId, hours = 8 }))).Status.ShouldBe(404);

        // Its own trainee: the training it gave, nothing of the employer, the claims, the residence or the contact.
        var (status, body, _) = await Send("GET", $"/api/persons/{trainee.PersonId}", own);
        status.ShouldBe(200, body);
        var file = JsonDocument.Parse(body).RootElement;
        file.GetProperty("employments").GetArrayLength().ShouldBe(0);
        file.GetProperty("subsidyClaims").GetArrayLength().ShouldBe(0);
        file.GetProperty("obligations").GetArrayLength().ShouldBe(0);
        file.GetProperty("hukouDistrict").GetString().ShouldBe("");
        file.GetProperty("mobileMasked").ValueKind.ShouldBe(JsonValueKind.Null);
        file.GetProperty("certificates").GetArrayLength().ShouldBe(0, "the certificate was issued by the regulator, not by this institution");
        file.GetProperty("training").GetProperty("sessions").GetArrayLength().ShouldBe(2);
        body.ShouldNotContain("企业", Case.Sensitive, "no employer's name reaches the institution");
    }

    // Finding 3: exam points see their candidates, registered from the ID card, and the certificates they issue.
    [Fact]
    public async Task an_exam_point_registers_a_candidate_from_the_id_card_and_sees_the_certificate_it_issued()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var training = await Host.HljInstitutionWithClass();
        Host.On(new LocalDate(2021, 9, 30));
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber, "钱七");
        var exam = new Actor("examiner-wu", "hlj-exam-centre", ActorRole.ExamPoint, InstitutionId: training.InstitutionId);
        var candidates = $"/api/institutions/{training.InstitutionId}/candidates";
        (await RefusedAsync(() => Send("POST", $"/api/persons/{personId}/certificates", exam, LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(),
            passDate: new LocalDate(2021, 9, 20))))).Status.ShouldBe(404, "not its candidate yet");
        // The wrong name answers exactly as an unregistered number: nothing tells the exam point the number is someone's.
        var wrong = await RefusedAsync(() => Send("POST", candidates, exam, new { idNumber, name = "钱八", enrolledOn = "2021-09-20" }));
        var unknown = await RefusedAsync(() => Send("POST", candidates, exam, new { idNumber = TestIds.NewIdNumber(), name = "钱七", enrolledOn = "2021-09-20" }));
        (wrong.Status, unknown.Status).ShouldBe((404, 404));
        JsonDocument.Parse(wrong.Body).RootElement.GetProperty("detail").GetString().ShouldBe(JsonDocument.Parse(unknown.Body).RootElement.GetProperty("detail").GetString());

        (await Send("POST", candidates, exam, new { idNumber, name = "钱七", enrolledOn = "2021-09-20" })).Status.ShouldBe(200);
        var issued = await Send("POST", $"/api/persons/{personId}/certificates", exam, LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(),
            passDate: new LocalDate(2021, 9, 20)));
        issued.Status.ShouldBe(201, issued.Body);
        var certificateId = JsonDocument.Parse(issued.Body).RootElement.GetProperty("certificateId").GetGuid();
        (await Send("GET", $"/api/certificates/{certificateId}", exam)).Status.ShouldBe(200);
        var otherExam = exam with { InstitutionId = Guid.NewGuid() };
        (await Send("GET", $"/api/certificates/{certificateId}", otherExam)).Status.ShouldBe(404);
    }

    // Finding 4: an enterprise learnt whether anyone existed, then opened their whole file by hiring them.
    [Fact]
    public async Task an_enterprise_learns_nothing_of_a_stranger_and_its_hire_opens_only_its_own_part_of_the_file()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (first, _) = await Host.RegisterEnterprise("hlj");
        var (second, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var worker = await Host.Trainee(training, first, "孙五");
        await Host.SubmitClaim(first, training, [worker], new LocalDate(2021, 4, 10));
        Host.On(new LocalDate(2021, 9, 30));
        var snoop = new Actor("handler-snoop", "second-co", ActorRole.Enterprise, EnterpriseId: second);

        (await RefusedAsync(() => Send("POST", "/api/persons/search", snoop, new { idNumber = worker.IdNumber }))).Status.ShouldBe(400, "an enterprise names the person as on the card");
        var wrongName = await RefusedAsync(() => Send("POST", "/api/persons/search", snoop, new { idNumber = worker.IdNumber, name = "别人" }));
        var nobody = await RefusedAsync(() => Send("POST", "/api/persons/search", snoop, new { idNumber = TestIds.NewIdNumber(), name = "别人" }));
        (wrongName.Status, nobody.Status).ShouldBe((404, 404));
        wrongName.Body.Replace(wrongName.Body[wrongName.Body.IndexOf("traceId")..], "").ShouldBe(nobody.Body.Replace(nobody.Body[nobody.Body.IndexOf("traceId")..], ""));

        // A repeat registration under another name says so without naming the record; with the card's name it is the same person.
        var clash = await RefusedAsync(() => Send("POST", "/api/persons", snoop, LedgerScenarios.PersonBody(worker.IdNumber, "别人")));
        clash.Status.ShouldBe(409);
        clash.Body.ShouldNotContain(worker.PersonId.ToString());
        var same = await RefusedAsync(() => Send("POST", "/api/persons", snoop, LedgerScenarios.PersonBody(worker.IdNumber, "孙五")));
        same.Status.ShouldBe(200, same.Body);
        JsonDocument.Parse(same.Body).RootElement.GetProperty("alreadyRegistered").GetBoolean().ShouldBeTrue();

        var version = (await Host.Get($"/api/persons/{worker.PersonId}")).GetProperty("version").GetInt64();
        var hire = new { enterpriseId = second, post = "电工", keyPost = true, teamLeader = false, relation = "labour-contract", hiredOn = "2021-09-01", version };
        (await RefusedAsync(() => Send("POST", $"/api/persons/{worker.PersonId}/employments", snoop, hire))).Status.ShouldBe(400, "the ID card's number is required");
        (await RefusedAsync(() => Send("POST", $"/api/persons/{worker.PersonId}/employments", snoop, new
        {
            hire.enterpriseId, hire.post, hire.keyPost, hire.teamLeader, hire.relation, hire.hiredOn, hire.version, idNumber = TestIds.NewIdNumber(),
        }))).Status.ShouldBe(404);
        var hired = await Send("POST", $"/api/persons/{worker.PersonId}/employments", snoop, new
        {
            hire.enterpriseId, hire.post, hire.keyPost, hire.teamLeader, hire.relation, hire.hiredOn, hire.version, idNumber = worker.IdNumber,
        });
        hired.Status.ShouldBe(201, hired.Body);

        var (status, body, _) = await Send("GET", $"/api/persons/{worker.PersonId}", snoop);
        status.ShouldBe(200, body);
        var file = JsonDocument.Parse(body).RootElement;
        file.GetProperty("employments").EnumerateArray().Select(e => e.GetProperty("enterpriseId").GetGuid()).ShouldBe([second]);
        file.GetProperty("subsidyClaims").GetArrayLength().ShouldBe(0, "the first employer's claim is not the second's to see");
        file.GetProperty("training").GetProperty("sessions").GetArrayLength().ShouldBe(0, "the training fell in the first employment");
        file.GetProperty("certificates").GetArrayLength().ShouldBe(1, "an employer checks its worker's certificates");

        var read = await Send("POST", $"/api/persons/{worker.PersonId}/id-number-reads", snoop, new { reason = "核对身份证" });
        read.Status.ShouldBe(200, read.Body);
        JsonDocument.Parse(read.Body).RootElement.GetProperty("mobile").ValueKind.ShouldBe(JsonValueKind.Null, "the mobile someone else recorded is not the employer's");
    }

    // Finding 5: a roster line naming another enterprise's worker came back with that worker's employer, dates and ids.
    [Fact]
    public async Task a_claim_s_findings_tell_its_submitter_what_is_wrong_without_disclosing_a_stranger()
    {
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (first, _) = await Host.RegisterEnterprise("hlj");
        var (second, secondCode) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var own = await Host.Trainee(training, first, "周一");
        var theirs = await Host.Trainee(training, second, "吴二");
        var claimId = await Host.SubmitClaim(first, training, [own], new LocalDate(2021, 4, 10),
            extraLines: [(theirs.Name, theirs.IdNumber, theirs.CertificateNumber)]);
        var enterprise = new Actor("handler-zhao", "hlj-enterprise", ActorRole.Enterprise, EnterpriseId: first);

        var (status, body, _) = await Send("GET", $"/api/claims/{claimId}", enterprise);
        status.ShouldBe(200, body);
        var stranger = JsonDocument.Parse(body).RootElement.GetProperty("lines")[1];
        stranger.GetProperty("line").GetProperty("findings").GetArrayLength().ShouldBeGreaterThan(0, "the line is still judged");
        foreach (var secret in new[] { theirs.PersonId.ToString(), theirs.CertificateId.ToString(), "企业" + secondCode[^6..], "2021-02-01" })
            body.ShouldNotContain(secret, Case.Sensitive, $"the submitter's audit file discloses {secret}");
        body.ShouldContain("FR-08");
        // A bureau sees the evidence.
        var bureau = await Send("GET", $"/api/claims/{claimId}", new Actor("officer-li", "hlj-hr-bureau", ActorRole.HrBureau, "hlj"));
        bureau.Body.ShouldContain(theirs.PersonId.ToString());
        foreach (var url in new[] { $"/api/claims/{claimId}/history", $"/api/claims/{claimId}/export.csv" })
        {
            var read = await Send("GET", url, enterprise);
            read.Status.ShouldBe(200, url);
            read.Body.ShouldNotContain(theirs.PersonId.ToString());
        }
        (await Send("GET", $"/api/claims/{claimId}/knowledge", enterprise)).Status.ShouldBe(403, "what the ledger knew is the bureaus' tool");
    }

    // Finding 6: certificate numbers that are ID numbers were stored, shown and put in URLs raw, also from anonymous checks.
    [Fact]
    public async Task a_certificate_number_that_may_be_an_id_number_is_masked_at_rest_and_on_display_and_never_taken_from_a_url()
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = await Host.RegisterPerson(idNumber, "郑九");
        var certificate = await Host.Post($"/api/persons/{personId}/certificates", LedgerScenarios.CertificateBody(idNumber), 201);
        certificate.GetProperty("number").GetString().ShouldBe(idNumber[..3] + new string('*', 11) + idNumber[^4..]);
        var view = await Host.Get($"/api/certificates/{certificate.GetProperty("certificateId").GetGuid()}");
        view.GetProperty("number").GetString().ShouldNotBe(idNumber);

        var before = await Fixture.EventCountAsync();
        var inUrl = await Send("GET", $"/api/certificates/verify?number={idNumber}&name=%E9%83%91%E4%B9%9D", null);
        inUrl.Status.ShouldBe(400);
        inUrl.Body.ShouldContain("POST /api/certificates/verifications");
        (await Fixture.EventCountAsync()).ShouldBe(before);

        var stranger = TestIds.NewIdNumber();
        var check = await Send("POST", "/api/certificates/verifications", null, new { number = stranger, name = "冒名" });
        check.Status.ShouldBe(200);
        check.Body.ShouldNotContain(stranger);
        var valid = await Send("POST", "/api/certificates/verifications", null, new { number = idNumber, name = "郑九" });
        JsonDocument.Parse(valid.Body).RootElement.GetProperty("status").GetString().ShouldBe("valid");

        var stored = await RawEventText();
        stored.ShouldNotContain(idNumber[..17], Case.Sensitive, "no event holds the ID-shaped certificate number in full");
        stored.ShouldNotContain(stranger[..17], Case.Sensitive, "an anonymous check's number is not stored raw");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var leads = await Host.Get("/api/reports/possible-forgeries");
        leads.EnumerateArray().Select(e => e.GetProperty("number").GetString()).ShouldContain(stranger[..3] + new string('*', 11) + stranger[^4..]);
    }

    // Finding 7: out-of-range instants and dates answered 500, and a claim dated 0001-01-01 was stored.
    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("-0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    public async Task an_instant_out_of_range_is_a_400_naming_the_field(string asOf)
    {
        var personId = await Host.RegisterPerson();
        var certificateId = await Host.IssueCertificate(personId);
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var escaped = Uri.EscapeDataString(asOf);
        foreach (var url in new[]
                 {
                     $"/api/persons/{personId}?asOf={escaped}", $"/api/certificates/{certificateId}?asOf={escaped}",
                     $"/api/persons/{personId}/obligations?asOf={escaped}", $"/api/enterprises/{enterprise}/compliance?asOf={escaped}",
                     $"/api/persons/{personId}?on=9999-12-31",
                 })
        {
            var (status, body, _) = await Send("GET", url, new Actor("inspector-li", "bureau", ActorRole.Regulator, "cn"));
            status.ShouldBe(400, $"{url}: {body}");
            body.ShouldContain(url.Contains("on=") ? "\"on\"" : "\"asOf\"");
        }
    }

    // Finding 7: a refusal reaching the exception handler under a non-JSON Accept header had an empty body.
    [Theory]
    [InlineData("text/html")]
    [InlineData("text/csv")]
    [InlineData("application/xml")]
    public async Task a_refusal_is_problem_details_whatever_the_accept_header(string accept)
    {
        foreach (var url in new[] { $"/api/persons/{Guid.NewGuid()}", $"/api/claims/{Guid.NewGuid()}/export.csv", "/api/reports/compliance/nowhere" })
        {
            var (status, body, response) = await Send("GET", url, new Actor("inspector-li", "bureau", ActorRole.Regulator, "cn"), headers: new() { ["Accept"] = accept });
            status.ShouldBeOneOf([400, 403, 404], url);
            body.Length.ShouldBeGreaterThan(0, $"{url} under {accept}");
            response.ContentType.ShouldBe("application/problem+json");
        }
    }

    // Finding 7: a well-shaped credit code with a wrong check character reached a null from the full parser.
    [Fact]
    public async Task a_credit_code_with_a_wrong_check_character_is_a_400_on_the_trainer_roster()
    {
        var good = TrainingScenarios.NewCreditCode();
        var wrong = good[..17] + (good[17] == 'A' ? 'B' : 'A');
        var problem = await RefusedAsync(() => Send("POST", "/api/trainer-rosters", new Actor("inspector-li", "bureau", ActorRole.Regulator, "cn"), new
        {
            enterpriseCreditCode = wrong, personId = Guid.NewGuid().ToString(), workTypes = new[] { "electrical.low-voltage" },
            qualification = "demonstration-base-certified", qualifiedOn = "2026-02-01", appointedOn = "2026-02-02",
        }));
        problem.Status.ShouldBe(400, problem.Body);
        problem.Body.ShouldContain("enterpriseCreditCode");
    }

    // Finding 8: a JSON body without Content-Type was read, and unparseable query values fell back to defaults.
    [Fact]
    public async Task a_body_without_a_json_content_type_is_415_and_an_unparseable_query_value_is_400_naming_it()
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(LedgerScenarios.PersonBody(TestIds.NewIdNumber()), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        foreach (var contentType in new string?[] { null, "text/plain", "application/x-www-form-urlencoded" })
        {
            var result = await RefusedAsync(() => Host.Scenario(s =>
            {
                s.ConfigureHttpContext(c =>
                {
                    c.Request.Method = "POST";
                    c.Request.Path = "/api/persons";
                    c.Request.ContentType = contentType;
                    c.Request.ContentLength = body.Length;
                    c.Request.Body = new MemoryStream(body);
                });
                s.AsActor();
                s.IgnoreStatusCode();
            }));
            result.Context.Response.StatusCode.ShouldBe(415, contentType ?? "none");
        }
        foreach (var (url, field) in new[]
                 {
                     ("/api/reports/institution-anomalies?from=2021-01-01&to=2021-12-31&minAssessments=abc", "minAssessments"),
                     ("/api/reports/institution-anomalies?from=2021-01-01&to=2021-12-31&passRateGap=lots", "passRateGap"),
                     ("/api/reports/double-payments?from=2021-01-01&to=2021-12-31&maxPersons=1e9", "maxPersons"),
                     ("/api/reports/compliance/hlj?persons=maybe", "persons"),
                 })
        {
            var (status, text, _) = await Send("GET", url, new Actor("inspector-li", "bureau", ActorRole.Regulator, "cn"));
            status.ShouldBe(400, url);
            text.ShouldContain($"\"{field}\"");
        }
    }

    // Finding 8: API answers carrying personal data had no Cache-Control: no-store, and /docs had no CSP.
    [Fact]
    public async Task personal_data_is_never_cached_and_the_api_reference_has_a_content_security_policy()
    {
        var personId = await Host.RegisterPerson();
        var (_, _, response) = await Send("GET", $"/api/persons/{personId}", new Actor("inspector-li", "bureau", ActorRole.Regulator, "cn"));
        response.Headers.CacheControl.ToString().ShouldBe("no-store");
        var docs = await Host.Scenario(s =>
        {
            s.Get.Url("/docs");
            s.IgnoreStatusCode();
        });
        docs.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldContain("default-src 'self'");
    }

    // Finding 8: a cookie-authenticated write accepted a foreign Origin and carried no anti-forgery token.
    [Fact]
    public async Task a_write_with_the_console_cookie_needs_this_site_s_origin_and_the_page_s_token()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "clerk", ["org"] = "bureau", ["role"] = "regulator", ["jurisdiction"] = "cn" });
        var csrf = Host.Services.GetRequiredService<ConsoleAntiforgery>().Compute(token);
        async Task<int> Post(string? origin, string? antiforgery) => (await Host.Scenario(s =>
        {
            s.Post.Json(LedgerScenarios.PersonBody(TestIds.NewIdNumber())).ToUrl("/api/persons");
            s.WithRequestHeader("Cookie", $"{Ledger.Api.WebConsole.ConsoleCookie.Name}={token}");
            if (origin is not null) s.WithRequestHeader("Origin", origin);
            if (antiforgery is not null) s.WithRequestHeader(ConsoleRequestForgeryGuard.Header, antiforgery);
            s.IgnoreStatusCode();
        })).Context.Response.StatusCode;

        var before = await Fixture.EventCountAsync();
        (await Post("https://evil.example", csrf)).ShouldBe(403);
        (await Post("http://localhost", null)).ShouldBe(403);
        (await Post("http://localhost", "forged")).ShouldBe(403);
        (await Post(null, csrf)).ShouldBe(403, "no Origin or Referer: not from the console's pages");
        (await Fixture.EventCountAsync()).ShouldBe(before);
        (await Post("http://localhost", csrf)).ShouldBe(201);
    }

    // Finding 8: signing out of the console only forgot the cookie: the token still worked.
    [Fact]
    public async Task signing_out_ends_the_session_wherever_its_token_is_presented()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = "clerk", ["org"] = "bureau", ["role"] = "regulator", ["jurisdiction"] = "cn" });
        var csrf = Host.Services.GetRequiredService<ConsoleAntiforgery>().Compute(token);
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        (await Send("GET", "/api/claims/review-queue", null, headers: bearer)).Status.ShouldBe(200);
        var signOut = await Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { [ConsoleRequestForgeryGuard.FormField] = csrf }).ToUrl("/console/sign-out");
            s.WithRequestHeader("Cookie", $"{Ledger.Api.WebConsole.ConsoleCookie.Name}={token}");
            s.WithRequestHeader("Origin", "http://localhost");
            s.IgnoreStatusCode();
        });
        signOut.Context.Response.StatusCode.ShouldBe(302);
        var (status, body, _) = await Send("GET", "/api/claims/review-queue", null, headers: bearer);
        status.ShouldBe(401);
        body.ShouldContain("signing out");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var ended = (await session.Events.FetchStreamAsync(TokenRevocations.StreamOf(token))).Single();
        ended.Data.ShouldBeOfType<SessionEnded>().UserId.ShouldBe("clerk");
        (await RawEventText()).ShouldNotContain(token, Case.Sensitive, "ending a session stores no usable token");
    }

    // Finding 9: an auditor's console reads needed no reason and were not recorded.
    [Fact]
    public async Task an_auditor_s_console_read_asks_for_the_reason_first_and_is_recorded_with_it()
    {
        var personId = await Host.RegisterPerson();
        var token = Token(new Dictionary<string, object> { ["sub"] = "auditor-he", ["org"] = "audit-office", ["role"] = "auditor", ["jurisdiction"] = "cn" });
        async Task<Microsoft.AspNetCore.Http.HttpResponse> Page(string url, string? reason) => (await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/html");
            s.WithRequestHeader("Cookie", $"{Ledger.Api.WebConsole.ConsoleCookie.Name}={token}"
                + (reason is null ? "" : $"; {Ledger.Api.WebConsole.ConsoleCookie.AuditReason}={Uri.EscapeDataString(reason)}"));
            s.IgnoreStatusCode();
        })).Context.Response;

        var before = await Fixture.EventCountAsync();
        var asked = await Page("/console/payouts", null);
        asked.StatusCode.ShouldBe(302);
        asked.Headers.Location.ToString().ShouldStartWith("/console/audit-reason?returnUrl=");
        (await Fixture.EventCountAsync()).ShouldBe(before);

        (await Page("/console/payouts", "2026 年度补贴专项审计")).StatusCode.ShouldBe(200);
        (await Page($"/console/persons/{personId}", "2026 年度补贴专项审计")).StatusCode.ShouldBe(200);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = await session.Events.QueryRawEventDataOnly<AuditorRouteRead>().ToListAsync();
        reads.ShouldContain(r => r.Route == "/console/payouts" && r.Reason == "2026 年度补贴专项审计" && r.UserId == "auditor-he");
        var fileRead = (await session.Events.FetchStreamAsync(AuditorReadLog.StreamOf("person", personId))).Select(e => e.Data).OfType<AuditorRead>().Single();
        fileRead.Reason.ShouldBe("2026 年度补贴专项审计");
    }
}
