using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class ProviderAndEnterpriseTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private void Today(int year, int month, int day) => Fixture.Clock.Reset(Instant.FromUtc(year, month, day, 4, 0));

    private async Task<Guid> Institution(string jurisdiction, string registeredOn, bool practical = true, bool examPoint = false)
    {
        var created = await Host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "安全培训学校", kind = "vocational-college", jurisdiction, registeredOn,
        }, 201);
        var id = created.GetProperty("institutionId").GetGuid();
        var version = 1;
        await Host.Post($"/api/institutions/{id}/filings", new
        {
            filingAuthority = "应急管理局", scope = new[] { "electrical.low-voltage" }, filedOn = registeredOn, reason = "备案", version = version++,
        }, 200);
        if (practical)
            await Host.Post($"/api/institutions/{id}/practical-capabilities", new
            {
                workType = "electrical.low-voltage", facilities = "低压电工实训室", recordedOn = registeredOn, version = version++,
            }, 200);
        if (examPoint)
            await Host.Post($"/api/institutions/{id}/exam-point-designations", new
            {
                scope = new[] { "electrical.low-voltage" }, area = jurisdiction, designatedBy = "应急管理局", on = registeredOn, version = version++,
            }, 200);
        return id;
    }

    private object SpecialOperationClass(Guid institution, string openedOn) => new
    {
        providerKind = "institution", providerId = institution, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 80,
        workType = "electrical.low-voltage", kind = "special-operation-initial", openedOn,
    };

    [Fact]
    public async Task an_exam_point_may_not_train_in_qufu_QF_EXM_03_and_is_flagged_elsewhere_FR_16()
    {
        Today(2023, 6, 30);
        var qufu = await Institution("sd-jining-qufu", "2023-01-05", examPoint: true);
        var problem = await RefusedAsync(() => Host.Post("/api/training-classes", SpecialOperationClass(qufu, "2023-06-01"), 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("QF-EXM-03");

        var taizhou = await Institution("zj-taizhou", "2023-01-05", examPoint: true);
        var opened = await Host.Post("/api/training-classes", SpecialOperationClass(taizhou, "2023-06-01"), 201);
        opened.GetProperty("flags")[0].GetString().ShouldBe("FR-16");

        var plain = await Institution("sd-jining-qufu", "2023-01-05");
        (await Host.Post("/api/training-classes", SpecialOperationClass(plain, "2023-06-01"), 201)).GetProperty("flags").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task an_institution_without_practical_conditions_may_not_train_the_work_type_JZ_INS_01()
    {
        Today(2021, 6, 30);
        var id = await Institution("tj-jizhou", "2021-01-05", practical: false);
        var problem = await RefusedAsync(() => Host.Post("/api/training-classes", SpecialOperationClass(id, "2021-06-01"), 422));
        problem.GetProperty("detail").GetString()!.ShouldContain("practical");
    }

    [Fact]
    public async Task qufu_high_risk_enterprises_keep_five_per_mille_internal_trainers_QF_INT_02()
    {
        Today(2023, 6, 30);
        var (enterprise, creditCode) = await Host.RegisterEnterprise("sd-jining-qufu", headcount: 1000);
        long? version = null;
        for (var i = 0; i < 4; i++)
        {
            var trainer = await Host.RegisterPerson();
            var written = await Host.Post("/api/trainer-rosters", new
            {
                enterpriseCreditCode = creditCode, personId = trainer.ToString(), workTypes = new[] { "electrical.low-voltage" }, qualification = "enterprise-assessed",
                qualifiedOn = "2023-01-10", appointedOn = "2023-02-01", version,
            }, version is null ? 201 : 200);
            version = written.GetProperty("version").GetInt64();
        }
        var compliance = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2023-06-01");
        var ratio = compliance.GetProperty("enterpriseObligations").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "internal-trainer-ratio");
        ratio.GetProperty("ruleId").GetString().ShouldBe("QF-INT-02");
        ratio.GetProperty("status").GetString().ShouldBe("breached");
        ratio.GetProperty("detail").GetString()!.ShouldStartWith("4 internal trainers in post; 5 required");

        var fifth = await Host.RegisterPerson();
        await Host.Post("/api/trainer-rosters", new
        {
            enterpriseCreditCode = creditCode, personId = fifth.ToString(), workTypes = new[] { "electrical.low-voltage" }, qualification = "enterprise-assessed",
            qualifiedOn = "2023-01-10", appointedOn = "2023-03-01", version,
        }, 200);
        var after = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2023-06-01");
        after.GetProperty("enterpriseObligations").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "internal-trainer-ratio")
            .GetProperty("status").GetString().ShouldBe("met");
        // The same question on a day before the fifth appointment.
        var earlier = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2023-02-15");
        earlier.GetProperty("enterpriseObligations")[0].GetProperty("status").GetString().ShouldBe("breached");
    }

    [Fact]
    public async Task nanning_needs_an_internal_trainer_for_every_work_type_NN_INT_01()
    {
        Today(2021, 6, 30);
        var (enterprise, creditCode) = await Host.RegisterEnterprise("gx-nanning", industry: "metal-casting");
        var worker = await Host.RegisterPerson();
        await Host.Hire(worker, enterprise, new LocalDate(2021, 3, 1), specialOperationWorkType: "welding.fusion");
        var compliance = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2021-06-01");
        var perWorkType = compliance.GetProperty("enterpriseObligations").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "internal-trainer-per-work-type");
        perWorkType.GetProperty("ruleId").GetString().ShouldBe("NN-INT-01");
        perWorkType.GetProperty("status").GetString().ShouldBe("breached");
        _ = creditCode;
    }

    [Fact]
    public async Task the_compliance_endpoint_lists_each_employees_open_obligations_and_breaches_as_of_a_past_instant()
    {
        Today(2021, 6, 30);
        var (enterprise, _) = await Host.RegisterEnterprise("tj-jizhou");
        var first = await Host.RegisterPerson(name: "甲");
        await Host.Hire(first, enterprise, new LocalDate(2021, 6, 1), teamLeader: true);
        var before = SystemClock.Instance.GetCurrentInstant();
        await Task.Delay(50);
        var second = await Host.RegisterPerson(name: "乙");
        await Host.Hire(second, enterprise, new LocalDate(2021, 6, 2));

        var now = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2021-06-30");
        now.GetProperty("employees").GetInt32().ShouldBe(2);
        var firstView = now.GetProperty("persons").EnumerateArray().Single(p => p.GetProperty("personId").GetGuid() == first);
        firstView.GetProperty("breaches").EnumerateArray().ShouldContain(o => o.GetProperty("ruleId").GetString() == "JZ-TRN-01");
        firstView.GetProperty("open").EnumerateArray().ShouldContain(o => o.GetProperty("ruleId").GetString() == "JZ-TRN-06");

        var then = await Host.Get($"/api/enterprises/{enterprise}/compliance?on=2021-06-30&asOf={NodaTime.Text.InstantPattern.ExtendedIso.Format(before)}");
        then.GetProperty("employees").GetInt32().ShouldBe(1);
        await Host.Get($"/api/enterprises/{Guid.NewGuid()}/compliance", 404);
    }

    [Fact]
    public async Task heilongjiang_keeps_training_video_as_long_as_the_certificate_is_valid_HLJ_ARC_02()
    {
        Today(2021, 6, 30);
        var institution = await Institution("hlj", "2021-01-05");
        var opened = await Host.Post("/api/training-classes", SpecialOperationClass(institution, "2021-06-01"), 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var held = await Host.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = "2021-06-02", start = "08:00", end = "12:00", mode = "practical", instructor = "李师傅", place = "实训室", content = "低压配电实操", version = 1,
        }, 200);
        var sessionId = held.GetProperty("sessionId").GetGuid();
        var hash = "sha256:" + new string('a', 64);
        var problem = await RefusedAsync(() => Host.Post($"/api/training-classes/{classId}/sessions/{sessionId}/video",
            new { contentHash = hash, storedAt = "nas://hlj/2021/06/02.mp4", retainUntil = "2024-06-02", version = 2 }, 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("HLJ-ARC-02");
        await Host.Post($"/api/training-classes/{classId}/sessions/{sessionId}/video",
            new { contentHash = hash, storedAt = "nas://hlj/2021/06/02.mp4", retainUntil = "2027-06-02", version = 2 }, 200);
        var view = await Host.Get($"/api/training-classes/{classId}");
        view.GetProperty("sessions")[0].GetProperty("video").GetProperty("retainUntil").GetString().ShouldBe("2027-06-02");
    }
}
