using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class ObligationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private void Today(int year, int month, int day) => Fixture.Clock.Reset(Instant.FromUtc(year, month, day, 4, 0));

    [Fact]
    public async Task a_new_hire_needs_72_hours_and_a_pass_before_working_JZ_TRN_01()
    {
        Today(2021, 6, 30);
        var (enterprise, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        await Host.Hire(person, enterprise, new LocalDate(2021, 6, 21));

        var breach = (await Host.Obligations(person, new LocalDate(2021, 6, 30), "breaches")).Find("new-hire-induction");
        breach!.Value.GetProperty("ruleId").GetString().ShouldBe("JZ-TRN-01");

        var (classId, sessions) = await Host.EnterpriseClass(enterprise, "new-hire-induction", new LocalDate(2021, 6, 10),
            Enumerable.Repeat("classroom", 6).Concat(Enumerable.Repeat("practical", 3)).ToArray());
        foreach (var s in sessions) await Host.Attend(classId, s, person);
        (await Host.Obligations(person, new LocalDate(2021, 6, 30), "breaches")).Find("new-hire-induction").ShouldNotBeNull("72 hours but no pass yet");

        await Host.Assess(person, enterprise, new LocalDate(2021, 6, 19));
        var met = (await Host.Obligations(person, new LocalDate(2021, 6, 30), "met")).Find("new-hire-induction");
        met!.Value.GetProperty("detail").GetString()!.ShouldContain("72 of 72");
    }

    [Fact]
    public async Task online_hours_count_in_proportion_in_jizhou_JZ_ONL_01_and_in_full_in_qufu_QF_ONL_02()
    {
        var modes = new[] { "classroom", "classroom", "classroom", "classroom", "online", "online", "online", "online", "online" };
        var face = new { checks = 4, passed = 4, provider = "曲阜市安全培训平台" };

        Today(2021, 6, 30);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var a = await Host.RegisterPerson();
        await Host.Hire(a, jizhou, new LocalDate(2021, 6, 21));
        var (jzClass, jzSessions) = await Host.EnterpriseClass(jizhou, "new-hire-induction", new LocalDate(2021, 6, 10), modes);
        foreach (var s in jzSessions) await Host.Attend(jzClass, s, a, face: face);
        await Host.Assess(a, jizhou, new LocalDate(2021, 6, 19));
        // 32 classroom hours + online capped at half of 72 = 36: 68 < 72.
        var jz = (await Host.Obligations(a, new LocalDate(2021, 6, 30), "breaches")).Find("new-hire-induction");
        jz!.Value.GetProperty("detail").GetString()!.ShouldStartWith("68 of 72");

        Today(2023, 6, 30);
        var (qufu, _) = await Host.RegisterEnterprise("sd-jining-qufu");
        var b = await Host.RegisterPerson();
        await Host.Hire(b, qufu, new LocalDate(2023, 6, 21));
        var (qfClass, qfSessions) = await Host.EnterpriseClass(qufu, "new-hire-induction", new LocalDate(2023, 6, 10), modes);
        foreach (var s in qfSessions) await Host.Attend(qfClass, s, b, face: face);
        await Host.Assess(b, qufu, new LocalDate(2023, 6, 19));
        var qf = (await Host.Obligations(b, new LocalDate(2023, 6, 30), "met")).Find("new-hire-induction");
        qf!.Value.GetProperty("detail").GetString()!.ShouldStartWith("72 of 72");
    }

    [Fact]
    public async Task online_training_in_qufu_needs_face_verification_QF_ONL_02()
    {
        Today(2023, 6, 30);
        var (qufu, _) = await Host.RegisterEnterprise("sd-jining-qufu");
        var person = await Host.RegisterPerson();
        var (classId, sessions) = await Host.EnterpriseClass(qufu, "new-hire-induction", new LocalDate(2023, 6, 10), "online");
        var problem = await RefusedAsync(() => Host.Post($"/api/training-classes/{classId}/attendance", new { sessionId = sessions[0], personId = person, hours = 8 }, 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("QF-ONL-02");
        // Half the face checks passed: half the hours are effective.
        await Host.Attend(classId, sessions[0], person, face: new { checks = 4, passed = 2, provider = "platform" });
        var file = await Host.Get($"/api/persons/{person}");
        file.GetProperty("training").GetProperty("byMode").GetProperty("online").GetDecimal().ShouldBe(8m);
    }

    [Fact]
    public async Task returning_after_three_months_needs_retraining_in_jizhou_JZ_OFF_02_but_six_in_qufu_QF_OFF_01()
    {
        Today(2021, 12, 1);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var a = await Host.RegisterPerson();
        var jzJob = await Host.Hire(a, jizhou, new LocalDate(2020, 6, 1));
        await Host.Post($"/api/persons/{a}/employments/{jzJob}/departures", new { on = "2021-01-04", reason = "sick leave", version = 2 }, 200);
        await Host.Post($"/api/persons/{a}/employments/{jzJob}/returns", new { on = "2021-04-06", version = 3 }, 200);
        var jz = (await Host.Obligations(a, new LocalDate(2021, 5, 1), "breaches")).Find("return-to-post-retraining");
        jz!.Value.GetProperty("ruleId").GetString().ShouldBe("JZ-OFF-02");

        Today(2023, 12, 1);
        var (qufu, _) = await Host.RegisterEnterprise("sd-jining-qufu");
        var b = await Host.RegisterPerson();
        var qfJob = await Host.Hire(b, qufu, new LocalDate(2022, 9, 1));
        await Host.Post($"/api/persons/{b}/employments/{qfJob}/departures", new { on = "2023-01-04", reason = "sick leave", version = 2 }, 200);
        await Host.Post($"/api/persons/{b}/employments/{qfJob}/returns", new { on = "2023-04-06", version = 3 }, 200);
        (await Host.Get($"/api/persons/{b}/obligations?on=2023-05-01")).GetRawText().ShouldNotContain("return-to-post-retraining");

        await Host.Post($"/api/persons/{b}/employments/{qfJob}/departures", new { on = "2023-05-04", reason = "secondment", version = 4 }, 200);
        await Host.Post($"/api/persons/{b}/employments/{qfJob}/returns", new { on = "2023-11-06", version = 5 }, 200);
        var qf = (await Host.Obligations(b, new LocalDate(2023, 11, 30), "breaches")).Find("return-to-post-retraining");
        qf!.Value.GetProperty("ruleId").GetString().ShouldBe("QF-OFF-01");
    }

    [Fact]
    public async Task a_post_change_and_four_new_need_targeted_retraining_HLJ_OFF_02()
    {
        Today(2021, 6, 2);
        var (hlj, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson();
        var job = await Host.Hire(person, hlj, new LocalDate(2021, 3, 1));
        await Host.Post($"/api/persons/{person}/employments/{job}/four-new",
            new { kind = "equipment", description = "新DCS控制系统", on = "2021-06-01", version = 2 }, 200);
        var fourNew = (await Host.Obligations(person, new LocalDate(2021, 7, 1), "breaches")).Find("four-new-retraining");
        fourNew!.Value.GetProperty("ruleId").GetString().ShouldBe("HLJ-OFF-02");

        Today(2021, 8, 5);
        var (classId, sessions) = await Host.EnterpriseClass(hlj, "targeted-retraining", new LocalDate(2021, 8, 2), "classroom");
        await Host.Attend(classId, sessions[0], person);
        await Host.Assess(person, hlj, new LocalDate(2021, 8, 3));
        await Host.Post($"/api/persons/{person}/employments/{job}/post-changes",
            new { post = "班长", keyPost = true, teamLeader = false, on = "2021-08-04", reason = "promotion", version = 5 }, 200);
        var change = (await Host.Obligations(person, new LocalDate(2021, 9, 1), "met")).Find("post-change-retraining");
        change!.Value.GetProperty("ruleId").GetString().ShouldBe("HLJ-OFF-02");
        // The 四新 retraining came after the change of equipment: met, but late.
        var late = (await Host.Obligations(person, new LocalDate(2021, 9, 1), "breaches")).Find("four-new-retraining");
        late!.Value.GetProperty("detail").GetString()!.ShouldContain("after the person was back at work");
    }

    [Fact]
    public async Task a_special_operation_post_needs_a_valid_certificate_of_its_work_type_FR_20()
    {
        Today(2026, 3, 2);
        var (enterprise, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        await Host.Hire(person, enterprise, new LocalDate(2026, 2, 2), specialOperationWorkType: "electrical.low-voltage");
        (await Host.Obligations(person, new LocalDate(2026, 3, 1), "breaches")).Find("special-operation-certificate").ShouldNotBeNull();
        await Host.IssueCertificate(person, workType: "electrical.high-voltage");
        (await Host.Obligations(person, new LocalDate(2026, 3, 1), "breaches")).Find("special-operation-certificate").ShouldNotBeNull("a different work type does not count");
        await Host.IssueCertificate(person, workType: "electrical.low-voltage");
        (await Host.Obligations(person, new LocalDate(2026, 3, 1), "met")).Find("special-operation-certificate").ShouldNotBeNull();
    }

    [Fact]
    public async Task a_failed_key_skill_fails_the_assessment_JZ_EXM_02_and_takes_the_person_off_post_JZ_OFF_01()
    {
        Today(2021, 12, 1);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        var job = await Host.Hire(person, jizhou, new LocalDate(2021, 3, 1));
        var result = await Host.Assess(person, jizhou, new LocalDate(2021, 9, 1), kind: "post-assessment", theory: 95, practical: 92, keySkillsFailed: ["紧急停车"]);
        result.GetProperty("passed").GetBoolean().ShouldBeFalse();
        result.GetProperty("decidedBy")[0].GetString().ShouldBe("JZ-EXM-02");

        var breach = (await Host.Obligations(person, new LocalDate(2021, 9, 15), "breaches")).Find("failed-assessment-retraining");
        breach!.Value.GetProperty("ruleId").GetString().ShouldBe("JZ-OFF-01");
        await Host.Post($"/api/persons/{person}/employments/{job}/departures", new { on = "2021-09-16", reason = "off-post retraining", version = 3 }, 200);
        (await Host.Obligations(person, new LocalDate(2021, 9, 20), "open")).Find("failed-assessment-retraining").ShouldNotBeNull();
    }

    [Fact]
    public async Task questions_and_answers_may_not_replace_the_practical_HLJ_INS_01()
    {
        Today(2021, 12, 1);
        var (hlj, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson();
        var problem = await RefusedAsync(() => Host.Assess(person, hlj, new LocalDate(2021, 9, 1), kind: "post-assessment", practicalMode: "question-and-answer", status: 422));
        problem.GetProperty("ruleId").GetString().ShouldBe("HLJ-INS-01");
    }

    [Fact]
    public async Task heilongjiang_assesses_every_employee_every_year_HLJ_EXM_01()
    {
        Today(2021, 12, 1);
        var (hlj, _) = await Host.RegisterEnterprise("hlj");
        var person = await Host.RegisterPerson();
        await Host.Hire(person, hlj, new LocalDate(2020, 5, 1));
        await Host.Assess(person, hlj, new LocalDate(2021, 3, 1), kind: "post-assessment");
        var breaches = await Host.Obligations(person, new LocalDate(2021, 6, 30), "breaches");
        breaches.Single(o => o.GetProperty("kind").GetString() == "annual-post-assessment").GetProperty("detail").GetString()!.ShouldContain("2020");
        (await Host.Obligations(person, new LocalDate(2021, 6, 30), "met")).Find("annual-post-assessment").ShouldNotBeNull();
    }

    [Fact]
    public async Task team_leaders_are_rotated_by_the_deadline_JZ_TRN_06()
    {
        Today(2022, 1, 10);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        await Host.Hire(person, jizhou, new LocalDate(2021, 3, 1), teamLeader: true);
        (await Host.Obligations(person, new LocalDate(2021, 6, 30), "open")).Find("team-leader-rotation")!.Value
            .GetProperty("ruleId").GetString().ShouldBe("JZ-TRN-06");
        (await Host.Obligations(person, new LocalDate(2022, 1, 5), "breaches")).Find("team-leader-rotation").ShouldNotBeNull();
    }

    [Fact]
    public async Task a_record_long_after_the_fact_needs_a_late_entry_reason()
    {
        Today(2021, 12, 1);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var opened = await Host.Post("/api/training-classes", new
        {
            providerKind = "enterprise", providerId = jizhou, course = "安全培训", syllabusVersion = "2021", requiredHours = 8, kind = "targeted-retraining", openedOn = "2021-09-01",
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var body = new { date = "2021-09-02", start = "08:00", end = "16:00", mode = "classroom", instructor = "王", place = "室", content = "课", version = 1 };
        (await RefusedAsync(() => Host.Post($"/api/training-classes/{classId}/sessions", body, 422))).GetProperty("ruleId").GetString().ShouldBe("NAT-ARC-01");
        await Host.Post($"/api/training-classes/{classId}/sessions", new
        {
            date = "2021-09-02", start = "08:00", end = "16:00", mode = "classroom", instructor = "王", place = "室", content = "课", version = 1,
            lateEntryReason = "paper sign-in sheets digitised",
        }, 200);
    }

    [Fact]
    public async Task crediting_the_same_session_twice_adds_nothing()
    {
        Today(2021, 6, 30);
        var (jizhou, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        var (classId, sessions) = await Host.EnterpriseClass(jizhou, "new-hire-induction", new LocalDate(2021, 6, 10), "classroom");
        await Host.Attend(classId, sessions[0], person);
        var before = await Fixture.EventCountAsync();
        var again = await Host.Post($"/api/training-classes/{classId}/attendance", new { sessionId = sessions[0], personId = person, hours = 8 }, 200);
        again.GetProperty("credited").GetBoolean().ShouldBeFalse();
        (await Fixture.EventCountAsync()).ShouldBe(before);
        await RefusedAsync(() => Host.Post($"/api/training-classes/{classId}/attendance", new { sessionId = sessions[0], personId = Guid.NewGuid(), hours = 8 }, 404));
    }

    [Fact]
    public async Task a_special_operation_worker_back_after_six_months_retakes_the_practical_NAT_OFF_02()
    {
        Today(2026, 3, 2);
        var (enterprise, _) = await Host.RegisterEnterprise("tj-jizhou");
        var person = await Host.RegisterPerson();
        var job = await Host.Hire(person, enterprise, new LocalDate(2024, 6, 3), specialOperationWorkType: "electrical.low-voltage");
        await Host.Post($"/api/persons/{person}/employments/{job}/departures", new { on = "2025-01-06", reason = "injury", version = 2 }, 200);
        await Host.Post($"/api/persons/{person}/employments/{job}/returns", new { on = "2025-08-04", version = 3 }, 200);
        var breach = (await Host.Obligations(person, new LocalDate(2025, 9, 1), "breaches")).Find("special-operation-practical-reexam");
        breach!.Value.GetProperty("ruleId").GetString().ShouldBe("NAT-OFF-02");
        breach.Value.GetProperty("detail").GetString()!.ShouldContain("after 6 months");

        await Host.Assess(person, enterprise, new LocalDate(2025, 7, 28), kind: "training-assessment", practical: 88);
        (await Host.Obligations(person, new LocalDate(2025, 9, 1), "met")).Find("special-operation-practical-reexam").ShouldNotBeNull();
    }
}
