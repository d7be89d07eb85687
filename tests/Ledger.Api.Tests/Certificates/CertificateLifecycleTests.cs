using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Certificates;

[Collection(nameof(CertificatesCollection))]
public sealed class CertificateLifecycleTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<(Guid Person, Guid Certificate)> Issued(string workType = "electrical.low-voltage")
    {
        var person = await Host.RegisterPerson();
        return (person, await Host.IssueCertificate(person, workType: workType));
    }

    private Task<JsonElement> Act(Guid certificateId, string step, object body, int status) =>
        Host.Post($"/api/certificates/{certificateId}/{step}", body, status);

    [Fact]
    public async Task issue_sets_six_years_validity_and_a_review_at_three_years()
    {
        var (_, id) = await Issued();
        var view = await Host.Get($"/api/certificates/{id}");
        view.GetProperty("validFrom").GetString().ShouldBe("2026-02-04");
        view.GetProperty("validUntil").GetString().ShouldBe("2032-02-04");
        view.GetProperty("nextReviewDue").GetString().ShouldBe("2029-02-04");
        view.GetProperty("status").GetString().ShouldBe("valid");
        view.GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task a_certificate_number_is_issued_once()
    {
        var person = await Host.RegisterPerson();
        var number = TestIds.NewCertificateNumber();
        var first = await Host.IssueCertificate(person, number);
        var problem = await RefusedAsync(() => Host.Post($"/api/persons/{person}/certificates", LedgerScenarios.CertificateBody(number), 409));
        problem.GetProperty("certificateId").GetGuid().ShouldBe(first);
    }

    [Fact]
    public async Task issuing_to_an_unknown_person_is_404_and_bad_fields_are_400()
    {
        await RefusedAsync(() => Host.Post($"/api/persons/{Guid.NewGuid()}/certificates", LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber()), 404));
        var person = await Host.RegisterPerson();
        var body = LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), workType: "underwater-basket-weaving");
        body["issuedOn"] = "2026-03-09";
        body["validFrom"] = "2026-02-04";
        body["validUntil"] = "2026-01-01";
        body["examDate"] = "2026-02-31";
        var problem = await RefusedAsync(() => Host.Post($"/api/persons/{person}/certificates", body, 400));
        var errors = problem.GetProperty("errors");
        errors.GetProperty("workType")[0].GetString()!.ShouldContain("catalogue");
        errors.GetProperty("issuedOn")[0].GetString()!.ShouldContain("later than today");
        errors.GetProperty("validUntil")[0].GetString()!.ShouldContain("after validFrom");
        errors.GetProperty("examDate")[0].GetString()!.ShouldContain("real calendar date");
    }

    [Fact]
    public async Task hazardous_chemical_work_needs_senior_secondary_education_HLJ_EDU_01_JZ_EDU_01()
    {
        var person = await Host.RegisterPerson(education: "junior-secondary");
        var problem = await RefusedAsync(() => Host.Post($"/api/persons/{person}/certificates",
            LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), "hazardous-chemical.chlorination"), 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("JZ-EDU-01");
        problem.GetProperty("detail").GetString()!.ShouldContain("HLJ-EDU-01");

        // The same person may hold a low-voltage electrician certificate: the gate is per work type.
        await Host.IssueCertificate(person, workType: "electrical.low-voltage");

        await Host.Post($"/api/persons/{person}/education",
            new { education = "senior-secondary", evidence = "高中毕业证 2008", recordedOn = "2026-03-01", reason = "credential checked", version = 1 }, 200);
        await Host.IssueCertificate(person, workType: "hazardous-chemical.chlorination");
    }

    [Fact]
    public async Task new_coal_mine_applicants_need_senior_secondary_education_HLJ_EDU_01()
    {
        // "新申请煤矿安全作业的特种作业人员须具备高中及以上文化程度要求" is Heilongjiang's, for 2020–2021: its emergency department refuses,
        // a Tianjin one in the same year and Heilongjiang's after the programme answer to the national rules.
        var person = await Host.RegisterPerson(education: "junior-secondary");
        async Task<Alba.IScenarioResult> IssueAs(string jurisdiction, LocalDate passed, int status) => await Host.Scenario(s =>
        {
            s.Post.Json(LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), "coal-mine.gas-inspection", passed)).ToUrl($"/api/persons/{person}/certificates");
            s.WithRequestHeader("X-Ledger-User", "inspector-" + jurisdiction);
            s.WithRequestHeader("X-Ledger-Org", jurisdiction + "-emergency-bureau");
            s.WithRequestHeader("X-Ledger-Role", "regulator");
            s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            s.StatusCodeShouldBe(status);
        });
        var refused = await IssueAs("hlj", new LocalDate(2021, 5, 20), 422);
        (await refused.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetProperty("ruleId").GetString().ShouldBe("HLJ-EDU-01");
        await IssueAs("tj", new LocalDate(2021, 5, 20), 201);
        await IssueAs("hlj", new LocalDate(2022, 5, 20), 201);
    }

    [Fact]
    public async Task review_pass_moves_the_next_review_and_review_fail_is_recorded()
    {
        var (_, id) = await Issued();
        var reviewed = await Act(id, "reviews", new { reviewedOn = "2026-02-27", passed = true, reviewPassDate = "2026-02-25", version = 1 }, 200);
        reviewed.GetProperty("version").GetInt64().ShouldBe(2);
        var view = await Host.Get($"/api/certificates/{id}");
        view.GetProperty("nextReviewDue").GetString().ShouldBe("2029-02-27");

        await Act(id, "reviews", new { reviewedOn = "2026-03-02", passed = false, reason = "failed practical", version = 2 }, 200);
        (await Host.Get($"/api/certificates/{id}")).GetProperty("status").GetString().ShouldBe("review-failed");
    }

    [Fact]
    public async Task suspend_then_reinstate()
    {
        var (_, id) = await Issued();
        await Act(id, "suspensions", new { from = "2026-02-20", reason = "accident investigation", legalBasis = "Order 30 art. 39", version = 1 }, 200);
        (await Host.Get($"/api/certificates/{id}")).GetProperty("status").GetString().ShouldBe("suspended");
        await Act(id, "reinstatements", new { on = "2026-03-01", reason = "investigation closed", version = 2 }, 200);
        var view = await Host.Get($"/api/certificates/{id}");
        view.GetProperty("status").GetString().ShouldBe("valid");
        (await Host.Get($"/api/certificates/{id}?on=2026-02-25")).GetProperty("status").GetString().ShouldBe("suspended");
    }

    [Fact]
    public async Task renewal_links_the_new_number_to_the_old()
    {
        var (person, id) = await Issued();
        var newNumber = TestIds.NewCertificateNumber();
        var renewed = await Act(id, "successors", new
        {
            kind = "renewal", newNumber, examPoint = "蓟州区考试点", examDate = "2026-02-25", passDate = "2026-02-25", issuedOn = "2026-02-27",
            issuingAuthority = "天津市应急管理局", validFrom = "2026-02-27", reason = "延期复审", version = 1,
        }, 201);
        var newId = renewed.GetProperty("certificateId").GetGuid();
        (await Host.Get($"/api/certificates/{id}")).GetProperty("supersededBy").GetGuid().ShouldBe(newId);
        (await Host.Get($"/api/certificates/{id}")).GetProperty("status").GetString().ShouldBe("superseded");
        var fresh = await Host.Get($"/api/certificates/{newId}");
        fresh.GetProperty("supersedes").GetGuid().ShouldBe(id);
        fresh.GetProperty("workType").GetString().ShouldBe("electrical.low-voltage");

        var file = await Host.Get($"/api/persons/{person}");
        file.GetProperty("certificates").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task refused_transitions_name_their_rule_and_store_nothing()
    {
        var (_, id) = await Issued();
        (await RefusedAsync(() => Act(id, "reinstatements", new { on = "2026-03-01", reason = "x", version = 1 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-03");

        await Act(id, "suspensions", new { from = "2026-02-20", reason = "investigation", version = 1 }, 200);
        (await RefusedAsync(() => Act(id, "reviews", new { reviewedOn = "2026-03-01", passed = true, version = 2 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-09");
        (await RefusedAsync(() => Act(id, "suspensions", new { from = "2026-02-21", reason = "again", version = 2 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-04");

        await Act(id, "revocations", new { on = "2026-02-28", ground = "deception", reason = "obtained by deception", legalBasis = "Order 30 art. 40", version = 2 }, 200);
        (await RefusedAsync(() => Act(id, "reviews", new { reviewedOn = "2026-03-01", passed = true, version = 3 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-02");
        (await RefusedAsync(() => Act(id, "revocations", new { on = "2026-03-01", ground = "deception", reason = "again", legalBasis = "x", version = 3 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-02");
        (await RefusedAsync(() => Act(id, "suspensions", new { from = "2026-03-01", reason = "x", version = 3 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-02");
    }

    /// <summary>Order No. 30 art. 30: "特种作业人员违反前款第四项、第五项规定的，3年内不得再次申请特种作业操作证。"</summary>
    [Fact]
    public async Task NAT_CRT_10_QF_ENF_05_a_holder_revoked_for_deception_is_refused_a_new_certificate_for_3_years_and_the_ground_is_required()
    {
        var (person, id) = await Issued();
        var missing = await RefusedAsync(() => Act(id, "revocations", new { on = "2026-02-28", reason = "以欺骗手段取得", legalBasis = "30号令第三十条", version = 1 }, 400));
        missing.GetProperty("errors").TryGetProperty("ground", out _).ShouldBeTrue();
        (await RefusedAsync(() => Act(id, "revocations", new { on = "2026-02-28", ground = "unstated", reason = "x", legalBasis = "y", version = 1 }, 400)))
            .GetProperty("errors").TryGetProperty("ground", out _).ShouldBeTrue();
        await Act(id, "revocations", new { on = "2026-02-28", ground = "deception", reason = "以欺骗手段取得", legalBasis = "30号令第三十条", version = 1 }, 200);

        var again = LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), passDate: new LocalDate(2026, 3, 1), issuedOn: new LocalDate(2026, 3, 2));
        (await RefusedAsync(() => Host.Post($"/api/persons/{person}/certificates", again, 422))).GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-10");
        var file = await Host.Get($"/api/persons/{person}");
        file.GetProperty("certificates").GetArrayLength().ShouldBe(1);
        // Another person is not barred by it.
        var other = await Host.RegisterPerson();
        await Host.Post($"/api/persons/{other}/certificates", LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), passDate: new LocalDate(2026, 3, 1), issuedOn: new LocalDate(2026, 3, 2)), 201);
    }

    [Fact]
    public async Task a_review_of_a_kind_without_reviews_is_refused()
    {
        var person = await Host.RegisterPerson();
        var body = LedgerScenarios.CertificateBody(TestIds.NewCertificateNumber(), kind: "vocational-qualification");
        body["workType"] = null;
        var id = (await Host.Post($"/api/persons/{person}/certificates", body, 201)).GetProperty("certificateId").GetGuid();
        (await RefusedAsync(() => Act(id, "reviews", new { reviewedOn = "2026-03-01", passed = true, version = 1 }, 422)))
            .GetProperty("ruleId").GetString().ShouldBe("NAT-CRT-01");
    }

    [Fact]
    public async Task a_stale_version_is_a_conflict_and_stores_nothing()
    {
        var (_, id) = await Issued();
        await Act(id, "suspensions", new { from = "2026-02-20", reason = "investigation", version = 1 }, 200);
        var problem = await RefusedAsync(() => Act(id, "revocations", new { on = "2026-02-28", ground = "deception", reason = "deception", legalBasis = "art. 40", version = 1 }, 409));
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task lifecycle_writes_to_unknown_certificates_are_404()
    {
        await RefusedAsync(() => Act(Guid.NewGuid(), "revocations", new { on = "2026-02-28", ground = "deception", reason = "x", legalBasis = "y", version = 1 }, 404));
        await Host.Get($"/api/certificates/{Guid.NewGuid()}", 404);
        await Host.Get($"/api/certificates/{Guid.NewGuid()}/history", 404);
    }

    [Fact]
    public async Task history_lists_every_event_with_actor_reason_correlation_and_version()
    {
        var (_, id) = await Issued();
        var officer = ("officer-zhao", "tj-emergency-bureau", "regulator");
        await Host.Post($"/api/certificates/{id}/suspensions", new { from = "2026-02-20", reason = "accident investigation", version = 1 }, 200, officer, "case-2026-117");
        await Host.Post($"/api/certificates/{id}/revocations", new { on = "2026-02-28", ground = "accident-responsibility", reason = "responsible for accident", legalBasis = "Order 30 art. 40", version = 2 }, 200, officer, "case-2026-117");

        var history = await Host.Get($"/api/certificates/{id}/history");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["certificate_issued", "certificate_suspended", "certificate_revoked"]);
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1L, 2L, 3L]);
        var revoked = events[2];
        revoked.GetProperty("businessDate").GetString().ShouldBe("2026-02-28");
        revoked.GetProperty("actorUser").GetString().ShouldBe("officer-zhao");
        revoked.GetProperty("actorOrganisation").GetString().ShouldBe("tj-emergency-bureau");
        revoked.GetProperty("actorRole").GetString().ShouldBe("regulator");
        revoked.GetProperty("reason").GetString()!.ShouldContain("responsible for accident");
        revoked.GetProperty("correlationId").GetString().ShouldBe("case-2026-117");
        revoked.GetProperty("recordedAt").GetString().ShouldNotBeNullOrEmpty();
    }
}
