using System.Text.Json;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using NodaTime;

namespace Ledger.Api.Tests.Claims;

[CollectionDefinition(nameof(ClaimsCollection))]
public sealed class ClaimsCollection : ICollectionFixture<AppFixture>;

/// <summary>Heilongjiang claims (HLJ-SUB-02: 1000 CNY per special operation certificate obtained), end to end.</summary>
[Collection(nameof(ClaimsCollection))]
public sealed class ClaimWorkflowTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly (string, string, string) Enterprise = ("handler-zhang", "hlj-chem-co", "enterprise");
    private static readonly (string, string, string) School = ("teacher-li", "hlj-school", "training-institution");
    private static readonly (string, string, string) Regulator = ("inspector-wu", "hlj-emergency", "regulator");
    private static readonly (string, string, string) Finance = ("accountant-sun", "hlj-finance", "finance-bureau");

    /// <summary>HR of the same level pays (HLJ-SUB-03: "由同级人力资源社会保障部门…拨付培训补贴资金").</summary>
    private Task<JsonElement> Pay(Guid id, object body, int status = 200, (string, string, string, string)? payer = null)
    {
        var (user, org, role, jurisdiction) = payer ?? ("cashier-sun", "hlj-hr", "hr-bureau", "hlj");
        return Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/api/claims/{id}/disbursement");
            s.WithRequestHeader("X-Ledger-User", user);
            s.WithRequestHeader("X-Ledger-Org", org);
            s.WithRequestHeader("X-Ledger-Role", role);
            s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            s.StatusCodeShouldBe(status);
        }).ContinueWith(t => t.Result.ReadAsJsonAsync<JsonElement>()).Unwrap();
    }

    private sealed record World(Guid Enterprise, Guid Institution, Guid Person, string IdNumber, Guid Certificate, string CertificateNumber);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Clock.Reset(Instant.FromUtc(2021, 6, 20, 4, 0));
    }

    private async Task<Guid> Institution(string jurisdiction)
    {
        var created = await Host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "黑龙江安全技能培训学校", kind = "training-institution", jurisdiction, registeredOn = "2021-01-05",
        }, 201);
        var id = created.GetProperty("institutionId").GetGuid();
        await Host.Post($"/api/institutions/{id}/filings", new { filingAuthority = "应急管理厅", scope = new[] { "electrical.low-voltage" }, filedOn = "2021-01-05", reason = "备案", version = 1 }, 200);
        await Host.Post($"/api/institutions/{id}/practical-capabilities", new { workType = "electrical.low-voltage", facilities = "实训室", recordedOn = "2021-01-05", version = 2 }, 200);
        await Host.Post($"/api/institutions/{id}/hr-catalogue-listings", new { catalogue = "人社厅统一目录", listedOn = "2021-01-06", version = 3 }, 200);
        return id;
    }

    /// <summary>A person trained at the institution (theory and practice, on video), certified, and employed by the enterprise.</summary>
    private async Task<World> Trained(Guid? enterprise = null, Guid? institution = null, bool video = true, string education = "senior-secondary",
        string? postWorkType = null)
    {
        Fixture.Clock.Reset(Instant.FromUtc(2021, 5, 12, 4, 0));
        var e = enterprise ?? (await Host.RegisterEnterprise("hlj")).Id;
        var i = institution ?? await Institution("hlj");
        var idNumber = TestIds.NewIdNumber();
        var person = await Host.RegisterPerson(idNumber, name: "赵工", education: education);
        await Host.Hire(person, e, new LocalDate(2021, 3, 1), specialOperationWorkType: postWorkType);
        var opened = await Host.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = i, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 16,
            workType = "electrical.low-voltage", kind = "special-operation-initial", openedOn = "2021-05-10",
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var version = 1;
        foreach (var (date, mode) in new[] { ("2021-05-10", "classroom"), ("2021-05-11", "practical") })
        {
            var session = (await Host.Post($"/api/training-classes/{classId}/sessions", new
            {
                date, start = "08:00", end = "16:00", mode, instructor = "李老师", place = "实训楼", content = mode, version = version++,
            }, 200)).GetProperty("sessionId").GetGuid();
            if (video)
                await Host.Post($"/api/training-classes/{classId}/sessions/{session}/video", new
                {
                    contentHash = "sha256:" + new string('b', 64), storedAt = $"nas://hlj/{date}.mp4", retainUntil = "2028-12-31", version = version++,
                }, 200);
            await Host.Attend(classId, session, person);
        }
        Fixture.Clock.Reset(Instant.FromUtc(2021, 6, 20, 4, 0));
        var number = TestIds.NewCertificateNumber();
        var certificate = await Host.IssueCertificate(person, number, passDate: new LocalDate(2021, 5, 18), issuedOn: new LocalDate(2021, 5, 20));
        return new World(e, i, person, idNumber, certificate, number);
    }

    private static object Form(World w, decimal requested = 1000, int certified = 1, Guid? claimId = null, string name = "赵工", string kind = "special-operation-initial") => new
    {
        claimId, enterpriseId = w.Enterprise, handlerName = "张经办", handlerMobile = "13912345678", institutionId = w.Institution,
        workTypes = new[] { new { workType = "electrical.low-voltage", count = 1 } },
        trainingFrom = "2021-05-10", trainingUntil = "2021-05-11", certifiedCount = certified, requestedAmount = requested,
        commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "王总", signedOn = "2021-06-01" },
        applicationDate = "2021-06-01",
        roster = new[] { new { lineNo = 1, name, workType = "electrical.low-voltage", idNumber = w.IdNumber, certificateNumber = w.CertificateNumber, kind, requestedAmount = (decimal?)1000 } },
    };

    private Task<JsonElement> Submit(object form, int status = 201) => Host.Post("/api/claims", form, status, Enterprise);

    private Task<JsonElement> Claim(Guid id) => Host.Get($"/api/claims/{id}");

    private async Task<Guid> ThroughVerification(World w)
    {
        var id = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        await Host.Post($"/api/claims/{id}/attestation", new { statement = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程", attestedOn = "2021-06-02", version = 1 }, 200, School);
        await Host.Post($"/api/claims/{id}/verification", new { systemReference = "黑龙江省安全生产培训考核系统", verifiedOn = "2021-06-03", version = 2 }, 200, Regulator);
        return id;
    }

    private static (string, string, string, string) Hr(string user = "officer-qian") => (user, "hlj-hr", "hr-bureau", "hlj");

    private Task<JsonElement> Approve(Guid id, long version, int status = 200, (string, string, string, string)? hr = null, object? lines = null)
    {
        var (user, org, role, jurisdiction) = hr ?? Hr();
        return Host.Scenario(s =>
        {
            s.Post.Json(new { lines = lines ?? new[] { new { lineNo = 1, approved = true } }, on = "2021-06-05", version }).ToUrl($"/api/claims/{id}/approval");
            s.WithRequestHeader("X-Ledger-User", user);
            s.WithRequestHeader("X-Ledger-Org", org);
            s.WithRequestHeader("X-Ledger-Role", role);
            s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            s.StatusCodeShouldBe(status);
        }).ContinueWith(t => t.Result.ReadAsJsonAsync<JsonElement>()).Unwrap();
    }

    [Fact]
    public async Task a_claim_goes_from_submission_to_reconciled_payment_HLJ_SUB_02()
    {
        var w = await Trained();
        var id = await ThroughVerification(w);
        var claim = await Claim(id);
        var line = claim.GetProperty("lines")[0];
        line.GetProperty("line").GetProperty("status").GetString().ShouldBe("eligible");
        line.GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);
        line.GetProperty("line").GetProperty("findings").GetArrayLength().ShouldBe(0, line.GetRawText());
        line.GetProperty("verified").GetBoolean().ShouldBeTrue();
        claim.GetProperty("form").GetProperty("handlerMobile").GetString().ShouldBe("139****5678");
        claim.GetRawText().ShouldNotContain(w.IdNumber);

        await Approve(id, 3);
        // The finance bureau does not pay in Heilongjiang; it audits the payout (HLJ-SUB-03).
        (await RefusedAsync(() => Pay(id, new
        {
            paymentReference = "HLJ-PAY-0001", payee = "黑龙江化工有限公司", payeeAccount = "6222020200112233", amount = 1000m, paidOn = "2021-06-10", version = 4,
        }, 422, ("cashier-sun", "hlj-finance", "finance-bureau", "hlj")))).GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-02");
        await Pay(id, new
        {
            paymentReference = "HLJ-PAY-0001", payee = "黑龙江化工有限公司", payeeAccount = "6222020200112233", amount = 1000m, paidOn = "2021-06-10", version = 4,
        });
        await Host.Post($"/api/claims/{id}/reconciliation", new { bankReference = "BANK-7788", on = "2021-06-12", version = 5 }, 200, Finance);

        var paid = await Claim(id);
        paid.GetProperty("stage").GetString().ShouldBe("reconciled");
        paid.GetProperty("approvedAmount").GetDecimal().ShouldBe(1000m);
        paid.GetProperty("disbursedAmount").GetDecimal().ShouldBe(1000m);
        paid.GetProperty("approvedBy").GetString().ShouldBe("officer-qian");
        var history = await Host.Get($"/api/claims/{id}/history");
        history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["claim_submitted", "institution_attested", "certificates_verified", "claim_approved", "subsidy_disbursed", "disbursement_reconciled"]);
    }

    [Fact]
    public async Task the_same_entitlement_claimed_by_another_employer_is_a_duplicate_pointing_at_the_holder_FR_01()
    {
        var w = await Trained();
        var first = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        var (other, _) = await Host.RegisterEnterprise("hlj");
        await Host.Hire(w.Person, other, new LocalDate(2021, 5, 25), version: await Host.Version(w.Person));
        var second = await Submit(Form(w with { Enterprise = other }));
        second.GetProperty("duplicates").GetInt32().ShouldBe(1);
        var line = (await Claim(second.GetProperty("claimId").GetGuid())).GetProperty("lines")[0].GetProperty("line");
        line.GetProperty("status").GetString().ShouldBe("duplicate");
        line.GetProperty("heldByClaim").GetGuid().ShouldBe(first);
        line.GetProperty("entitledAmount").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task racing_submissions_for_one_entitlement_leave_exactly_one_holder()
    {
        var w = await Trained();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Submit(Form(w, claimId: Guid.NewGuid()))));
        results.Count(r => r.GetProperty("duplicates").GetInt32() == 0).ShouldBe(1);
        results.Count(r => r.GetProperty("duplicates").GetInt32() == 1).ShouldBe(7);
        results.Sum(r => r.GetProperty("entitledAmount").GetDecimal()).ShouldBe(1000m);
    }

    [Fact]
    public async Task a_rejected_claim_releases_its_entitlement_for_a_rightful_claim()
    {
        var w = await Trained();
        var id = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "materials incomplete", on = "2021-06-04", version = 1 }).ToUrl($"/api/claims/{id}/rejection");
            s.WithRequestHeader("X-Ledger-User", "officer-qian");
            s.WithRequestHeader("X-Ledger-Org", "hlj-hr");
            s.WithRequestHeader("X-Ledger-Role", "hr-bureau");
            s.WithRequestHeader("X-Ledger-Jurisdiction", "hlj");
            s.StatusCodeShouldBe(200);
        });
        var again = await Submit(Form(w));
        again.GetProperty("duplicates").GetInt32().ShouldBe(0);
        again.GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);
    }

    [Fact]
    public async Task maker_checker_and_the_jurisdiction_of_the_approving_hr_bureau()
    {
        var w = await Trained();
        var id = await ThroughVerification(w);
        (await RefusedAsync(() => Approve(id, 3, 422, ("handler-zhang", "hlj-hr", "hr-bureau", "hlj")))).GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-01");
        (await RefusedAsync(() => Approve(id, 3, 422, ("inspector-wu", "hlj-hr", "hr-bureau", "hlj")))).GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-01");
        // NAT-SUB-03: an HR bureau of another jurisdiction does not even see the claim (scope answers before the rule).
        (await RefusedAsync(() => Approve(id, 3, 404, ("officer-qian", "tj-hr", "hr-bureau", "tj")))).GetProperty("status").GetInt32().ShouldBe(404);
        (await RefusedAsync(() => Approve(id, 3, 422, ("officer-qian", "hlj-finance", "finance-bureau", "hlj")))).GetProperty("ruleId").GetString().ShouldBe("NAT-SUB-02");
        await Approve(id, 3);
        (await RefusedAsync(() => Pay(id, new
        {
            paymentReference = "P1", payee = "企业", payeeAccount = "6222020200112233", amount = 1500m, paidOn = "2021-06-10", version = 4,
        }, 422))).GetProperty("ruleId").GetString().ShouldBe("FR-12");
    }

    [Fact]
    public async Task steps_out_of_order_are_refused_HLJ_SUB_03()
    {
        var w = await Trained();
        var id = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        (await RefusedAsync(() => Approve(id, 1, 422))).GetProperty("ruleId").GetString().ShouldBe("HLJ-SUB-03");
        (await RefusedAsync(() => Host.Post($"/api/claims/{id}/verification", new { systemReference = "x", verifiedOn = "2021-06-03", version = 1 }, 422, Regulator)))
            .GetProperty("ruleId").GetString().ShouldBe("HLJ-SUB-03");
        await RefusedAsync(() => Host.Post($"/api/claims/{id}/attestation", new { statement = "ok", attestedOn = "2021-06-02", version = 7 }, 409, School));
        await RefusedAsync(() => Host.Post($"/api/claims/{Guid.NewGuid()}/attestation", new { statement = "ok", attestedOn = "2021-06-02", version = 1 }, 404, School));
    }

    [Fact]
    public async Task partial_approval_pays_only_approved_lines_and_a_clawback_is_ordered_and_repaid()
    {
        var enterprise = (await Host.RegisterEnterprise("hlj")).Id;
        var institution = await Institution("hlj");
        var a = await Trained(enterprise, institution);
        var b = await Trained(enterprise, institution);
        var form = new
        {
            enterpriseId = enterprise, handlerName = "张经办", handlerMobile = "13912345678", institutionId = institution,
            workTypes = new[] { new { workType = "electrical.low-voltage", count = 2 } },
            trainingFrom = "2021-05-10", trainingUntil = "2021-05-11", certifiedCount = 2, requestedAmount = 2000m,
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "王总", signedOn = "2021-06-01" }, applicationDate = "2021-06-01",
            roster = new[]
            {
                new { lineNo = 1, name = "赵工", workType = "electrical.low-voltage", idNumber = a.IdNumber, certificateNumber = a.CertificateNumber, kind = "special-operation-initial" },
                new { lineNo = 2, name = "赵工", workType = "electrical.low-voltage", idNumber = b.IdNumber, certificateNumber = b.CertificateNumber, kind = "special-operation-initial" },
            },
        };
        var id = (await Submit(form)).GetProperty("claimId").GetGuid();
        await Host.Post($"/api/claims/{id}/attestation", new { statement = Ledger.Api.Claims.AttestRequest.FormText, attestedOn = "2021-06-02", version = 1 }, 200, School);
        await Host.Post($"/api/claims/{id}/verification", new { systemReference = "省系统", verifiedOn = "2021-06-03", version = 2 }, 200, Regulator);
        var approved = await Approve(id, 3, lines: new object[] { new { lineNo = 1, approved = true }, new { lineNo = 2, approved = false, reason = "video unreadable" } });
        approved.GetProperty("approvedAmount").GetDecimal().ShouldBe(1000m);
        await Pay(id, new
        {
            paymentReference = "HLJ-PAY-0002", payee = "黑龙江化工有限公司", payeeAccount = "6222020200112233", amount = 1000m, paidOn = "2021-06-10", version = 4,
        });
        var clawback = await Host.Post($"/api/claims/{id}/clawbacks", new
        {
            lineNos = new[] { 1 }, reason = "certificate obtained by deception", ruleIds = new[] { "FR-04" }, on = "2021-06-15", version = 5,
        }, 200, Regulator);
        clawback.GetProperty("amount").GetDecimal().ShouldBe(1000m);
        await Host.Post($"/api/claims/{id}/clawback-repayments", new { amount = 1000m, reference = "REFUND-1", on = "2021-06-18", version = 6 }, 200, Finance);
        var claim = await Claim(id);
        claim.GetProperty("clawedBack").GetDecimal().ShouldBe(1000m);
        claim.GetProperty("clawbacks")[0].GetProperty("repaid").GetDecimal().ShouldBe(1000m);
        // Line 2 was not approved, so its entitlement is free for a corrected claim.
        var retry = await Submit(new
        {
            enterpriseId = enterprise, handlerName = "张经办", handlerMobile = "13912345678", institutionId = institution,
            workTypes = new[] { new { workType = "electrical.low-voltage", count = 1 } },
            trainingFrom = "2021-05-10", trainingUntil = "2021-05-11", certifiedCount = 1, requestedAmount = 1000m,
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "王总", signedOn = "2021-06-19" }, applicationDate = "2021-06-19",
            roster = new[] { new { lineNo = 1, name = "赵工", workType = "electrical.low-voltage", idNumber = b.IdNumber, certificateNumber = b.CertificateNumber, kind = "special-operation-initial" } },
        });
        retry.GetProperty("duplicates").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task fraud_checks_fire_on_planted_facts_and_stay_quiet_on_clean_ones()
    {
        var clean = await Trained();
        var cleanLine = (await Claim((await Submit(Form(clean))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0].GetProperty("line");
        cleanLine.GetProperty("findings").GetArrayLength().ShouldBe(0);

        // FR-09: no video kept; FR-18: hazardous-chemical work is not involved here, so education is not flagged.
        var noVideo = await Trained(video: false);
        var rules = Rules((await Claim((await Submit(Form(noVideo))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0]);
        rules.ShouldContain("FR-09");

        // FR-08: a person the enterprise never employed (ghost trainee).
        var ghost = await Trained();
        var (stranger, _) = await Host.RegisterEnterprise("hlj");
        var ghostLine = (await Claim((await Submit(Form(ghost with { Enterprise = stranger }))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0];
        Rules(ghostLine).ShouldContain("FR-08");
        ghostLine.GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(0m);

        // FR-03: the roster name does not match the certificate holder.
        var wrongName = await Trained();
        Rules((await Claim((await Submit(Form(wrongName, name: "冒名"))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0]).ShouldContain("FR-03");

        // FR-13: Heilongjiang pays for obtaining a certificate, not for a review.
        var review = await Trained();
        Rules((await Claim((await Submit(Form(review, kind: "special-operation-review"))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0]).ShouldContain("FR-13");

        // FR-20: on the electrician's post from March, certified only in May.
        var uncertified = await Trained(postWorkType: "electrical.low-voltage");
        Rules((await Claim((await Submit(Form(uncertified))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0]).ShouldContain("FR-20");

        // FR-04: a revoked certificate earns nothing.
        var revoked = await Trained();
        await Host.Post($"/api/certificates/{revoked.Certificate}/revocations", new { on = "2021-05-28", ground = "deception", reason = "deception", legalBasis = "art. 40", version = 1 }, 200);
        Rules((await Claim((await Submit(Form(revoked))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0]).ShouldContain("FR-04");

        // FR-12: requested amount and certified count differ from the roster's computed entitlement.
        var sloppy = await Trained();
        var form = await Claim((await Submit(Form(sloppy, requested: 1500, certified: 3))).GetProperty("claimId").GetGuid());
        var formRules = form.GetProperty("form").GetProperty("formFindings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        formRules.Count(r => r == "FR-12").ShouldBe(2);
        form.GetProperty("form").GetProperty("formFindings").GetRawText().ShouldContain("a difference of 500.00");
    }

    [Fact]
    public async Task an_institution_missing_from_the_hr_catalogue_makes_lines_ineligible_FR_14()
    {
        var e = (await Host.RegisterEnterprise("hlj")).Id;
        var created = await Host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "未入目录学校", kind = "training-institution", jurisdiction = "hlj", registeredOn = "2021-01-05",
        }, 201);
        var i = created.GetProperty("institutionId").GetGuid();
        await Host.Post($"/api/institutions/{i}/filings", new { filingAuthority = "应急管理厅", scope = new[] { "electrical.low-voltage" }, filedOn = "2021-01-05", reason = "备案", version = 1 }, 200);
        await Host.Post($"/api/institutions/{i}/practical-capabilities", new { workType = "electrical.low-voltage", facilities = "实训室", recordedOn = "2021-01-05", version = 2 }, 200);
        var w = await Trained(e, i);
        var line = (await Claim((await Submit(Form(w))).GetProperty("claimId").GetGuid())).GetProperty("lines")[0];
        Rules(line).ShouldContain("FR-14");
        line.GetProperty("line").GetProperty("status").GetString().ShouldBe("ineligible");
    }

    [Fact]
    public async Task bad_forms_name_every_bad_field_and_store_nothing()
    {
        var problem = await RefusedAsync(() => Submit(new
        {
            handlerMobile = "123", workTypes = Array.Empty<object>(), trainingFrom = "2021-13-01", requestedAmount = -5m,
            roster = new[] { new { lineNo = 1, name = "x", workType = "nope", idNumber = "110105194912310021", certificateNumber = "C1", kind = "gift" } },
        }, 400));
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "enterpriseId", "handlerName", "handlerMobile", "institutionId", "workTypes", "trainingFrom", "requestedAmount", "commitment", "applicationDate", "roster[0].workType", "roster[0].idNumber", "roster[0].kind" })
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field}: {errors.GetRawText()}");
        problem.GetRawText().ShouldNotContain("110105194912310021");
    }

    [Fact]
    public async Task planted_training_irregularities_are_flagged_with_evidence_FR_06_FR_07_FR_16_FR_23_FR_29()
    {
        Fixture.Clock.Reset(Instant.FromUtc(2021, 5, 12, 4, 0));
        var enterprise = (await Host.RegisterEnterprise("hlj")).Id;
        var institution = await Institution("hlj");
        await Host.Post($"/api/institutions/{institution}/exam-point-designations", new
        {
            scope = new[] { "electrical.low-voltage" }, area = "hlj", designatedBy = "应急管理厅", on = "2021-01-07", version = 4,
        }, 200);
        var idNumber = TestIds.NewIdNumber();
        var person = await Host.RegisterPerson(idNumber, name: "赵工");
        await Host.Hire(person, enterprise, new LocalDate(2021, 3, 1));
        // One 8-hour classroom session of a 16-hour syllabus, and no practice: short hours (FR-06) and a false attestation (FR-07).
        var opened = await Host.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institution, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 16,
            workType = "electrical.low-voltage", kind = "special-operation-initial", openedOn = "2021-05-03",
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var session = (await Host.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = "2021-05-04", start = "08:00", end = "16:00", mode = "classroom", instructor = "李", place = "教室", content = "理论", version = 1,
        }, 200)).GetProperty("sessionId").GetGuid();
        await Host.Post($"/api/training-classes/{classId}/sessions/{session}/video", new
        {
            contentHash = "sha256:" + new string('c', 64), storedAt = "nas://x.mp4", retainUntil = "2028-12-31", version = 2,
        }, 200);
        await Host.Attend(classId, session, person);
        // The same day, 8 more hours in an enterprise class: 16 hours credited on one day (FR-29).
        var (otherClass, otherSessions) = await Host.EnterpriseClass(enterprise, "targeted-retraining", new LocalDate(2021, 5, 4), "classroom");
        await Host.Attend(otherClass, otherSessions[0], person);
        Fixture.Clock.Reset(Instant.FromUtc(2021, 6, 20, 4, 0));
        var number = TestIds.NewCertificateNumber();
        await Host.IssueCertificate(person, number, passDate: new LocalDate(2021, 5, 18), issuedOn: new LocalDate(2021, 5, 20));
        var w = new World(enterprise, institution, person, idNumber, Guid.Empty, number);

        // The form's training period (05-10..05-11) does not contain the attended session of 05-04 (FR-23).
        var id = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        var line = (await Claim(id)).GetProperty("lines")[0];
        var rules = Rules(line);
        rules.ShouldContain("FR-06");
        rules.ShouldContain("FR-16");
        rules.ShouldContain("FR-23");
        rules.ShouldContain("FR-29");
        rules.ShouldNotContain("FR-18", "low-voltage work has no education prerequisite");
        line.GetProperty("line").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "FR-06")
            .GetProperty("evidence").GetString()!.ShouldContain("8 of 16");
        // The line's entitlement is computed, but the training is a condition of the Heilongjiang subsidy (HLJ-SUB-02 "通过安全技能培训取得").
        line.GetProperty("line").GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);

        await Host.Post($"/api/claims/{id}/attestation", new { statement = Ledger.Api.Claims.AttestRequest.FormText, attestedOn = "2021-06-20", version = 1 }, 200, School);
        var attested = (await Claim(id)).GetProperty("lines")[0].GetProperty("laterFindings").EnumerateArray()
            .Select(f => f.GetProperty("evidence").GetString()).ToList();
        attested.ShouldContain(e => e!.Contains("no practical session"));
        attested.ShouldContain(e => e!.Contains("8 of 16"));

        // HLJ-INS-01 "严格特种作业人员理论和实际操作培训课时要求": 8 of 16 hours and no practical fail verification, so the line is not paid
        // unless the verifying department overrides it with its reason on record.
        var verified = await Host.Post($"/api/claims/{id}/verification", new { systemReference = "省系统", verifiedOn = "2021-06-20", version = 2 }, 200, Regulator);
        verified.GetProperty("failedLines").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([1]);
        var reasons = (await Claim(id)).GetProperty("lines")[0].GetProperty("verificationReasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        reasons.ShouldContain(r => r.StartsWith("FR-06") && r.Contains("HLJ-INS-01"));
        reasons.ShouldContain(r => r.StartsWith("FR-07") && r.Contains("取消以问答代替实际操作"));
        (await RefusedAsync(() => Approve(id, 3, 422))).GetProperty("ruleId").GetString().ShouldBe("HLJ-SUB-03");
    }

    [Fact]
    public async Task a_session_after_the_institution_lost_its_practical_conditions_is_refused_HLJ_INS_01()
    {
        Fixture.Clock.Reset(Instant.FromUtc(2021, 5, 12, 4, 0));
        var institution = await Institution("hlj");
        var opened = await Host.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institution, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 8,
            workType = "electrical.low-voltage", kind = "special-operation-initial", openedOn = "2021-04-20",
        }, 201);
        // The class opened while the institution could train; its practical room was closed before the sessions ran.
        await Host.Post($"/api/institutions/{institution}/practical-capability-withdrawals", new
        {
            workType = "electrical.low-voltage", on = "2021-05-01", reason = "实训室停用", version = 4,
        }, 200);
        var classId = opened.GetProperty("classId").GetGuid();
        var problem = await RefusedAsync(() => Host.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = "2021-05-10", start = "08:00", end = "16:00", mode = "practical", instructor = "李", place = "实训楼", content = "实操", version = 1,
        }, 422));
        // 002: "不具备实际操作条件的机构不得承担相应工种培训任务": a Heilongjiang institution is refused under its own province's rule.
        problem.GetProperty("ruleId").GetString().ShouldBe("HLJ-INS-01");
    }

    [Fact]
    public async Task institutions_certifying_beyond_their_filed_capacity_or_with_outlying_pass_rates_are_reported()
    {
        Fixture.Clock.Reset(Instant.FromUtc(2021, 5, 12, 4, 0));
        var busy = await Institution("hlj");
        await Host.Post($"/api/institutions/{busy}/filings", new
        {
            filingAuthority = "应急管理厅", scope = new[] { "electrical.low-voltage" }, filedOn = "2021-01-07", reason = "容量备案", weeklyCapacity = 1, version = 4,
        }, 200);
        var quiet = await Institution("hlj");

        async Task TrainAndAssess(Guid institution, bool passed, bool certify)
        {
            Fixture.Clock.Reset(Instant.FromUtc(2021, 5, 12, 4, 0));
            var person = await Host.RegisterPerson();
            var opened = await Host.Post("/api/training-classes", new
            {
                providerKind = "institution", providerId = institution, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 8,
                workType = "electrical.low-voltage", kind = "special-operation-initial", openedOn = "2021-05-10",
            }, 201);
            var classId = opened.GetProperty("classId").GetGuid();
            var session = (await Host.Post($"/api/training-classes/{classId}/sessions", new
            {
                date = "2021-05-11", start = "08:00", end = "16:00", mode = "practical", instructor = "李", place = "实训楼", content = "实操", version = 1,
            }, 200)).GetProperty("sessionId").GetGuid();
            await Host.Attend(classId, session, person);
            await Host.Post($"/api/persons/{person}/assessments", new
            {
                kind = "training-assessment", classId, theoryScore = passed ? 90 : 40, theoryPassMark = 80, practicalScore = 90, practicalPassMark = 80,
                practicalMode = "real-equipment", keySkillsFailed = Array.Empty<string>(), assessedOn = "2021-05-12", assessor = "考评员",
            }, 201);
            if (certify)
            {
                Fixture.Clock.Reset(Instant.FromUtc(2021, 6, 20, 4, 0));
                await Host.IssueCertificate(person, passDate: new LocalDate(2021, 5, 18), issuedOn: new LocalDate(2021, 5, 20));
            }
        }

        await TrainAndAssess(busy, passed: true, certify: true);
        await TrainAndAssess(busy, passed: true, certify: true);
        await TrainAndAssess(quiet, passed: false, certify: false);
        await TrainAndAssess(quiet, passed: false, certify: false);

        var report = await Host.Get("/api/reports/institution-anomalies?from=2021-05-01&to=2021-05-31&minAssessments=2");
        var anomalies = report.GetProperty("anomalies").EnumerateArray().ToList();
        var capacity = anomalies.Single(a => a.GetProperty("kind").GetString() == "over-capacity");
        capacity.GetProperty("institutionId").GetGuid().ShouldBe(busy);
        capacity.GetProperty("evidence").GetString()!.ShouldContain("2 trainees certified in the week of 2021-05-17");
        anomalies.ShouldContain(a => a.GetProperty("kind").GetString() == "outlying-pass-rate" && a.GetProperty("institutionId").GetGuid() == busy);
        anomalies.ShouldNotContain(a => a.GetProperty("kind").GetString() == "over-capacity" && a.GetProperty("institutionId").GetGuid() == quiet);

        var problem = await Host.Get("/api/reports/institution-anomalies?from=May", 400);
        problem.GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task an_auditor_sees_what_the_ledger_knew_at_approval_beside_what_it_knows_now()
    {
        var w = await Trained();
        var id = await ThroughVerification(w);
        await Approve(id, 3);
        await Task.Delay(50);
        // After approval the certificate turns out to have been obtained by deception.
        await Host.Post($"/api/certificates/{w.Certificate}/revocations", new { on = "2021-06-15", ground = "deception", reason = "obtained by deception", legalBasis = "art. 40", version = 1 }, 200);

        var knowledge = await Host.Get($"/api/claims/{id}/knowledge");
        var line = knowledge.GetProperty("lines")[0];
        line.GetProperty("then").GetProperty("findings").GetArrayLength().ShouldBe(0);
        line.GetProperty("then").GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);
        var later = line.GetProperty("appearedLater").EnumerateArray().ToList();
        later.ShouldContain(f => f.GetProperty("ruleId").GetString() == "FR-04" && f.GetProperty("evidence").GetString()!.Contains("2021-06-15"));
        line.GetProperty("goneSince").GetArrayLength().ShouldBe(0);
        await Host.Get($"/api/claims/{id}/knowledge?asOf=noon", 400);
        await Host.Get($"/api/claims/{Guid.NewGuid()}/knowledge", 404);
    }

    private static List<string> Rules(JsonElement line) =>
        line.GetProperty("line").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).ToList();

    /// <summary>HLJ-SUB-03's 附件: "应急管理部门（煤矿安全培训主管部门）意见 … （加盖印章）" — the department writes its opinion and seals its box.</summary>
    [Fact]
    public async Task HLJ_SUB_03_the_emergency_department_writes_its_opinion_and_seals_its_box_after_verifying()
    {
        var w = await Trained();
        var submitted = (await Submit(Form(w))).GetProperty("claimId").GetGuid();
        (await RefusedAsync(() => Host.Post($"/api/claims/{submitted}/seals", new { sealReference = "HLJ-ESEAL-1", sealedOn = "2021-06-03", opinion = "同意", version = 1 }, 422, Regulator)))
            .GetProperty("ruleId").GetString().ShouldBe("HLJ-SUB-03");

        var id = submitted;
        await Host.Post($"/api/claims/{id}/attestation", new { statement = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程", attestedOn = "2021-06-02", version = 1 }, 200, School);
        await Host.Post($"/api/claims/{id}/verification", new { systemReference = "黑龙江省安全生产培训考核系统", verifiedOn = "2021-06-03", version = 2 }, 200, Regulator);
        var bad = await RefusedAsync(() => Host.Post($"/api/claims/{id}/seals", new { sealedOn = "2021-13-03", version = 3 }, 400, Regulator));
        foreach (var field in new[] { "sealReference", "sealedOn" }) bad.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        (await RefusedAsync(() => Host.Post($"/api/claims/{id}/seals", new { sealReference = "HLJ-ESEAL-1", sealedOn = "2021-06-03", version = 3 }, 422, Regulator)))
            .GetProperty("ruleId").GetString().ShouldBe("HLJ-SUB-03");
        (await Host.Post($"/api/claims/{id}/seals", new { sealReference = "HLJ-ESEAL-1", sealedOn = "2021-06-03", opinion = "经核验，证书真实有效，同意上报。", version = 3 }, 200, Regulator))
            .GetProperty("version").GetInt64().ShouldBe(4);

        var sealed_ = (await Host.Get($"/api/claims/{id}/history")).GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "claim_form_sealed");
        sealed_.GetProperty("summaryZh").GetString()!.ShouldContain("意见：经核验，证书真实有效，同意上报。");
        sealed_.GetProperty("summaryZh").GetString()!.ShouldContain("HLJ-ESEAL-1");
        // HR approves on after it, at the claim's new version.
        await Approve(id, 4);
    }
}
