using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Ledger.Domain.Reports;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;
using static Ledger.Domain.Tests.Reports.ComplianceWorld;

namespace Ledger.Domain.Tests.Reports;

public sealed class ComplianceCalculatorTests
{
    private static readonly ReportPeriod H1 = ReportPeriod.Half(2021, 1);

    [Fact]
    public void every_note_and_every_reason_a_target_cannot_be_computed_has_its_chinese()
    {
        static bool Chinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        foreach (var target in ComplianceCatalog.Targets)
        {
            if (target.Note is not null)
                ComplianceCatalog.NotesZh.ShouldContainKey(target.Key, $"{target.Key} has an English note and no Chinese one");
            if (target.NotComputable is not null)
                ComplianceCatalog.NotComputableZh.ShouldContainKey(target.Key, $"{target.Key} says why it cannot be computed in English only");
        }
        foreach (var text in ComplianceCatalog.NotesZh.Values.Concat(ComplianceCatalog.NotComputableZh.Values)) Chinese(text).ShouldBeTrue(text);
        // No stale Chinese for a target that has no such text.
        foreach (var key in ComplianceCatalog.NotesZh.Keys) ComplianceCatalog.Targets.Any(t => t.Key == key && t.Note != null).ShouldBeTrue(key);
        foreach (var key in ComplianceCatalog.NotComputableZh.Keys) ComplianceCatalog.Targets.Any(t => t.Key == key && t.NotComputable != null).ShouldBeTrue(key);
    }

    [Fact]
    public void a_report_carries_each_note_and_each_persons_detail_in_chinese_beside_the_english()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var trained = w.Hire(chem, new(2020, 1, 10), "甲");
        w.Inducted(trained, new(2020, 1, 8));
        w.Hire(chem, new(2020, 1, 10), "乙");
        foreach (var t in w.Report("JZ", H1).Targets)
        {
            t.NotesZh!.Count.ShouldBe(t.Notes.Count, t.RuleId);
            (t.NotComputableZh is null).ShouldBe(t.NotComputable is null, t.RuleId);
            foreach (var person in t.Counted.Concat(t.Missing))
            {
                person.DetailZh.ShouldNotBeNullOrWhiteSpace();
                person.DetailZh.ShouldNotBe(person.Detail);
            }
        }
    }

    [Fact]
    public void JZ_TGT_01_counts_on_post_employees_of_high_risk_enterprises_trained_and_assessed_before_posting()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var other = w.Enterprise("other", highRisk: false, name: "其他");
        var trained = w.Hire(chem, new(2020, 1, 10), "甲");
        w.Inducted(trained, new(2020, 1, 8));
        var untrained = w.Hire(chem, new(2020, 1, 10), "乙");
        // Hired within the period and assessed only after taking the post: the obligation is met, "before posting" is not.
        var late = w.Hire(chem, new(2021, 3, 1), "丙");
        w.Inducted(late, new(2021, 3, 5));
        w.Hire(other, new(2020, 1, 10), "丁");
        var offPost = w.Hire(chem, new(2020, 1, 10), "戊");
        w.Leave(offPost, new(2020, 6, 1));

        var report = w.Report("JZ", H1);
        report.EvaluatedOn.ShouldBe(new LocalDate(2021, 6, 30));
        var t = Target(report, "JZ-TGT-01");
        (t.Numerator, t.Denominator, t.Ratio, t.Required, t.Met, t.Shortfall).ShouldBe((1, 3, 0.3333m, 1m, false, 2));
        t.Counted.Single().Name.ShouldBe("甲");
        t.Counted.Single().IdNumberMasked.ShouldBe("120***********0101");
        t.Missing.Select(p => p.Name).ShouldBe(["丙", "乙"], ignoreOrder: true);
        t.Missing.Single(p => p.Name == "乙").Detail.ShouldContain("NAT-TRN-01");
        // "考核合格后方可上岗": passed four days after taking the post is a breach, and says how late (JZ-TRN-01).
        t.Missing.Single(p => p.Name == "丙").Detail.ShouldContain("4 days after taking the post");
    }

    [Fact]
    public void HLJ_TGT_01_and_HLJ_TGT_02_split_employees_hired_before_the_period_from_new_recruits()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var veteran = w.Hire(chem, new(2020, 1, 10), "甲");
        w.Inducted(veteran, new(2020, 1, 8));
        var recruit = w.Hire(chem, new(2021, 3, 1), "乙");
        w.Inducted(recruit, new(2021, 2, 25));

        var report = w.Report("HLJ", H1);
        var existing = Target(report, "HLJ-TGT-01");
        (existing.Numerator, existing.Denominator, existing.Met).ShouldBe((1, 1, true));
        existing.Counted.Single().Name.ShouldBe("甲");
        var recruits = Target(report, "HLJ-TGT-02");
        (recruits.Numerator, recruits.Denominator, recruits.Met).ShouldBe((1, 1, true));
        recruits.Counted.Single().Name.ShouldBe("乙");
    }

    [Fact]
    public void JZ_TGT_02_and_TZ_TGT_13_count_special_operation_workers_on_post_with_a_valid_certificate()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var other = w.Enterprise("other", highRisk: false, name: "其他");
        var certified = w.Hire(chem, new(2020, 1, 10), "甲", workType: "electrical.low-voltage");
        w.Certificate(certified, CertificateKindCodes.SpecialOperation, new(2019, 5, 1), "electrical.low-voltage", new(2025, 5, 1));
        var expired = w.Hire(chem, new(2020, 1, 10), "乙", workType: "electrical.low-voltage");
        w.Certificate(expired, CertificateKindCodes.SpecialOperation, new(2015, 1, 1), "electrical.low-voltage", new(2021, 1, 1));
        var offPost = w.Hire(chem, new(2020, 1, 10), "丙", workType: "electrical.low-voltage");
        w.Leave(offPost, new(2021, 2, 1));
        w.Hire(other, new(2020, 1, 10), "丁", workType: "electrical.low-voltage");

        var jz = Target(w.Report("JZ", H1), "JZ-TGT-02");
        (jz.Numerator, jz.Denominator, jz.Met, jz.Shortfall).ShouldBe((1, 2, false, 1));
        jz.Missing.Single().Detail.ShouldContain("FR-20");

        // TZ-TGT-13 covers every unit, TZ-TGT-06 only high-risk ones.
        var tz = w.Report("TZ", ReportPeriod.Year(2021));
        (Target(tz, "TZ-TGT-13").Numerator, Target(tz, "TZ-TGT-13").Denominator).ShouldBe((1, 3));
        (Target(tz, "TZ-TGT-06").Numerator, Target(tz, "TZ-TGT-06").Denominator).ShouldBe((1, 2));
    }

    [Fact]
    public void QF_TGT_02_with_no_special_operation_worker_has_nothing_to_judge()
    {
        var w = new ComplianceWorld();
        w.Hire(w.Enterprise(), new(2023, 1, 10), "甲");
        var t = Target(w.Report("QF", ReportPeriod.Year(2025)), "QF-TGT-02");
        (t.Numerator, t.Denominator, t.Ratio, t.Met, t.Shortfall).ShouldBe((0, 0, null, null, null));
        t.Notes.ShouldContain(n => n.Contains("denominator 0"));
    }

    [Fact]
    public void JZ_TGT_05_thirty_percent_is_met_exactly_at_three_in_ten_and_missed_at_two()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var smelter = w.Enterprise("metal-smelting");
        var ids = Enumerable.Range(0, 10).Select(i => w.Hire(chem, new(2020, 1, 10), $"员工{i}")).ToList();
        var smelterHolder = w.Hire(smelter, new(2020, 1, 10), "冶炼工");
        w.Qualified(smelterHolder, new(2020, 6, 1));
        foreach (var id in ids.Take(2)) w.Qualified(id, new(2020, 6, 1));

        var missed = Target(w.Report("JZ", H1), "JZ-TGT-05");
        (missed.Numerator, missed.Denominator, missed.Ratio, missed.Met, missed.Shortfall).ShouldBe((2, 10, 0.2m, false, 1));
        missed.Missing.Count.ShouldBe(8);

        w.Qualified(ids[2], new(2021, 6, 30));
        var met = Target(w.Report("JZ", H1), "JZ-TGT-05");
        (met.Numerator, met.Denominator, met.Ratio, met.Met, met.Shortfall).ShouldBe((3, 10, 0.3m, true, 0));

        // A certificate issued after the evaluation day does not count yet.
        w.Qualified(ids[3], new(2021, 7, 1));
        Target(w.Report("JZ", H1), "JZ-TGT-05").Numerator.ShouldBe(3);
    }

    [Fact]
    public void HLJ_TGT_06_covers_its_five_industry_groups_and_shows_each()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var coal = w.Enterprise("coal-mine");
        var fireworks = w.Enterprise("fireworks");
        w.Qualified(w.Hire(chem, new(2020, 1, 10), "甲"), new(2020, 6, 1));
        w.Hire(coal, new(2020, 1, 10), "乙");
        w.Hire(fireworks, new(2020, 1, 10), "丙");

        var t = Target(w.Report("HLJ", H1), "HLJ-TGT-06");
        (t.Numerator, t.Denominator, t.Met).ShouldBe((1, 2, true));
        t.Groups.Select(g => g.Group).ShouldBe(["hazardous-chemicals", "coal-mine", "metal-nonmetal-mine", "metal-smelting", "oil-gas"]);
        t.Groups.Single(g => g.Group == "coal-mine").ShouldBe(new TargetGroup("coal-mine", 0, 1, 0m));
        t.Groups.Single(g => g.Group == "metal-smelting").Ratio.ShouldBeNull();
    }

    private static (ComplianceWorld World, List<Guid> Leaders) TeamLeaders(int count, int qualified)
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var leaders = Enumerable.Range(0, count).Select(i => w.Hire(chem, new(2020, 1, 10), $"班组长{i}", teamLeader: true)).ToList();
        foreach (var id in leaders.Take(qualified)) w.Qualified(id, new(2021, 1, 5));
        return (w, leaders);
    }

    private static void Baseline(ComplianceWorld w, string ruleId, int numerator, int denominator) =>
        w.Baselines.Add(new ComplianceBaselineRecorded(Guid.NewGuid(), "tj-jizhou", ruleId, new(2020, 4, 2), numerator, denominator, "2020 台账", "方案基数",
            "officer", "tj-jizhou-emergency-bureau", Instant.FromUtc(2021, 1, 1, 0, 0)));

    [Fact]
    public void JZ_TGT_04_rises_twenty_percentage_points_over_the_stored_baseline()
    {
        var (w, _) = TeamLeaders(5, 3);
        Baseline(w, "JZ-TGT-04", 1, 4);
        var met = Target(w.Report("JZ", H1), "JZ-TGT-04");
        (met.Baseline, met.Required, met.Numerator, met.Denominator, met.Ratio, met.Met).ShouldBe((0.25m, 0.45m, 3, 5, 0.6m, true));
        met.BaselineSource!.ShouldContain("1/4");

        var (w2, _) = TeamLeaders(5, 2);
        Baseline(w2, "JZ-TGT-04", 1, 4);
        var missed = Target(w2.Report("JZ", H1), "JZ-TGT-04");
        (missed.Ratio, missed.Met, missed.Shortfall).ShouldBe((0.4m, false, 1));
    }

    [Fact]
    public void JZ_TGT_04_counts_secondary_vocational_education_as_qualifying_but_not_senior_secondary()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        w.Hire(chem, new(2020, 1, 10), "中职", teamLeader: true, education: EducationLevel.SecondaryVocational);
        w.Hire(chem, new(2020, 1, 10), "高中", teamLeader: true, education: EducationLevel.SeniorSecondary);
        Baseline(w, "JZ-TGT-04", 0, 10);
        var t = Target(w.Report("JZ", H1), "JZ-TGT-04");
        (t.Numerator, t.Denominator, t.Met).ShouldBe((1, 2, true));
        // The education by its display name, never the enum's code (JZ-TGT-04: "接受相关专业中职及以上学历教育").
        t.Counted.Single().Detail.ShouldContain("Secondary vocational");
        t.Counted.Single().DetailZh.ShouldBe("学历：" + Ledger.Domain.Catalogue.DisplayNames.Education(EducationLevel.SecondaryVocational).Zh);
    }

    [Fact]
    public void TZ_TGT_07_is_judged_under_both_readings_percentage_points_and_relative()
    {
        // Baseline 40%: +20 pp requires 60%, +20% relative requires 48%; 50% now meets only the relative reading.
        var (w, _) = TeamLeaders(6, 3);
        Baseline(w, "TZ-TGT-07", 2, 5);
        var report = w.Report("TZ", ReportPeriod.Year(2021));
        var points = Target(report, "TZ-TGT-07", "percentage-points");
        var relative = Target(report, "TZ-TGT-07", "relative");
        (points.Baseline, points.Required, points.Ratio, points.Met).ShouldBe((0.4m, 0.6m, 0.5m, false));
        (relative.Baseline, relative.Required, relative.Ratio, relative.Met).ShouldBe((0.4m, 0.48m, 0.5m, true));
        points.Shortfall.ShouldBe(1);
    }

    [Fact]
    public void HLJ_TGT_05_without_a_stored_baseline_computes_one_from_the_ledger_on_the_programme_start()
    {
        var (w, leaders) = TeamLeaders(4, 0);
        // One qualified before the programme began (2020-04-03), three more since.
        w.Qualified(leaders[0], new(2020, 3, 1));
        foreach (var id in leaders.Skip(1)) w.Qualified(id, new(2021, 2, 1));
        var t = Target(w.Report("HLJ", H1), "HLJ-TGT-05");
        t.Baseline.ShouldBe(0.25m);
        t.BaselineSource!.ShouldStartWith("[I] computed from the ledger on 2020-04-03: 1/4");
        (t.Required, t.Ratio, t.Met).ShouldBe((0.45m, 1m, true));
    }

    [Fact]
    public void JZ_TGT_04_without_baseline_or_team_leaders_on_the_baseline_day_is_not_computable()
    {
        var w = new ComplianceWorld();
        w.Hire(w.Enterprise(), new(2021, 1, 10), "新班组长", teamLeader: true);
        var t = Target(w.Report("JZ", H1), "JZ-TGT-04");
        t.Computable.ShouldBeFalse();
        t.NotComputable!.ShouldContain("POST /api/reports/compliance/{jurisdiction}/baselines");
        t.Met.ShouldBeNull();
    }

    [Fact]
    public void HLJ_TGT_03_team_leaders_rotation_trained_by_the_HLJ_TRN_05_deadline()
    {
        var w = new ComplianceWorld("hlj");
        var chem = w.Enterprise();
        var rotated = w.Hire(chem, new(2020, 5, 10), "甲", teamLeader: true);
        w.Attend(rotated, TrainingKind.TeamLeaderRotation, new(2021, 3, 1));
        var pending = w.Hire(chem, new(2020, 5, 10), "乙", teamLeader: true);
        var late = w.Hire(chem, new(2020, 5, 10), "丙", teamLeader: true);
        w.Attend(late, TrainingKind.TeamLeaderRotation, new(2022, 3, 1));

        var h1 = Target(w.Report("HLJ", H1), "HLJ-TGT-03");
        (h1.Numerator, h1.Denominator, h1.Met).ShouldBe((1, 3, false));
        h1.Missing.Single(p => p.Name == "乙").Detail.ShouldContain("due by 2021-12-31");
        h1.Notes.ShouldContain(n => n.Contains("deadline 2021-12-31 has not been reached"));

        // After the deadline, a rotation in 2022 is too late for HLJ-TRN-05.
        var year = Target(w.Report("HLJ", ReportPeriod.Year(2022)), "HLJ-TGT-03");
        (year.Numerator, year.Denominator).ShouldBe((1, 3));
        year.Missing.Single(p => p.Name == "丙").Detail.ShouldContain("HLJ-TRN-05");
        _ = pending;
    }

    [Fact]
    public void JZ_TGT_03_has_no_number_so_the_share_is_reported_not_judged()
    {
        var w = new ComplianceWorld();
        var leader = w.Hire(w.Enterprise(), new(2020, 5, 10), "甲", teamLeader: true);
        w.Attend(leader, TrainingKind.TeamLeaderRotation, new(2021, 3, 1));
        var t = Target(w.Report("JZ", H1), "JZ-TGT-03");
        (t.Numerator, t.Denominator, t.Ratio, t.Met, t.ThresholdKind).ShouldBe((1, 1, 1m, null, ThresholdKind.Unquantified));
    }

    [Fact]
    public void TZ_TGT_08_needs_key_post_upgrade_training_and_a_certificate()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var both = w.Hire(chem, new(2020, 1, 10), "甲", keyPost: true);
        w.Attend(both, TrainingKind.KeyPostUpgrade, new(2020, 5, 1)).Qualified(both, new(2020, 6, 1));
        var trainedOnly = w.Hire(chem, new(2020, 1, 10), "乙", keyPost: true);
        w.Attend(trainedOnly, TrainingKind.KeyPostUpgrade, new(2020, 5, 1));
        w.Hire(chem, new(2020, 1, 10), "丙", keyPost: true);
        w.Hire(chem, new(2020, 1, 10), "丁", keyPost: true);
        w.Hire(chem, new(2020, 1, 10), "戊", keyPost: true);

        var report = w.Report("TZ", ReportPeriod.Year(2020));
        var t = Target(report, "TZ-TGT-08");
        (t.Numerator, t.Denominator, t.Ratio, t.Met).ShouldBe((1, 5, 0.2m, true));
        t.Missing.Single(p => p.Name == "乙").Detail.ShouldContain("no valid vocational-qualification certificate");
    }

    [Fact]
    public void TZ_TGT_01_and_TZ_TGT_02_count_person_times_one_per_person_per_class()
    {
        var w = new ComplianceWorld();
        var chem = w.Enterprise();
        var a = w.Hire(chem, new(2019, 1, 10), "甲");
        var b = w.Hire(chem, new(2019, 1, 10), "乙");
        var sameClass = Guid.NewGuid();
        // Two sessions of one class are one person-time; a second class is another.
        w.Attend(a, TrainingKind.SpecialOperationInitial, new(2020, 3, 1), classId: sameClass).Attend(a, TrainingKind.SpecialOperationInitial, new(2020, 3, 2), classId: sameClass);
        w.Attend(a, TrainingKind.ReviewRefresher, new(2020, 9, 1));
        w.Attend(b, TrainingKind.SpecialOperationInitial, new(2020, 3, 1), classId: sameClass);
        w.Attend(b, TrainingKind.NewHireInduction, new(2020, 4, 1));
        // Outside the period and outside the jurisdiction: not counted.
        w.Attend(b, TrainingKind.SpecialOperationInitial, new(2021, 1, 5));
        w.Attend(b, TrainingKind.SpecialOperationInitial, new(2020, 5, 5), jurisdiction: "hlj");

        var report = w.Report("TZ", ReportPeriod.Year(2020));
        var three = Target(report, "TZ-TGT-01");
        (three.Numerator, three.Denominator, three.Required, three.Met, three.Shortfall).ShouldBe((3, null, 20000m, false, 19997));
        three.Counted.Single(p => p.Name == "甲").Detail.ShouldBe("2 person-time(s)");
        Target(report, "TZ-TGT-02").Numerator.ShouldBe(4);
    }

    [Fact]
    public void QF_TGT_03_participation_exam_taking_and_pass_rate_within_the_period()
    {
        var w = new ComplianceWorld();
        var unit = w.Enterprise("other", highRisk: false);
        var passed = w.Hire(unit, new(2023, 1, 10), "甲");
        w.Attend(passed, TrainingKind.TargetedRetraining, new(2025, 3, 1)).Assess(passed, new(2025, 3, 2));
        var failed = w.Hire(unit, new(2023, 1, 10), "乙");
        w.Attend(failed, TrainingKind.TargetedRetraining, new(2025, 3, 1)).Assess(failed, new(2025, 3, 2), passed: false);
        w.Hire(unit, new(2023, 1, 10), "丙");

        var report = w.Report("QF", ReportPeriod.Year(2025));
        (Target(report, "QF-TGT-03", "participation").Numerator, Target(report, "QF-TGT-03", "participation").Denominator).ShouldBe((2, 3));
        (Target(report, "QF-TGT-03", "exam-taking").Numerator, Target(report, "QF-TGT-03", "exam-taking").Denominator).ShouldBe((2, 3));
        var pass = Target(report, "QF-TGT-03", "pass");
        (pass.Numerator, pass.Denominator, pass.Met).ShouldBe((1, 2, false));
        var coverage = Target(report, "QF-TGT-04");
        (coverage.Numerator, coverage.Denominator, coverage.Met).ShouldBe((1, 1, true));
    }

    [Fact]
    public void Targets_whose_data_the_ledger_does_not_hold_say_why()
    {
        var report = new ComplianceWorld().Report("JZ", H1);
        var t = Target(report, "JZ-TGT-06");
        (t.Computable, t.Numerator, t.Met).ShouldBe((false, null, null));
        t.NotComputable!.ShouldContain("designation registry");
        foreach (var id in new[] { "TZ-TGT-03", "TZ-TGT-04", "TZ-TGT-11", "TZ-TGT-12", "TZ-TGT-14" })
            Target(new ComplianceWorld().Report("TZ", ReportPeriod.Year(2020)), id).Computable.ShouldBeFalse();
        Target(new ComplianceWorld().Report("QF", ReportPeriod.Year(2024)), "QF-TGT-01").NotComputable!.ShouldContain("主要负责人");
    }

    [Fact]
    public void A_period_outside_the_programme_window_is_informative_and_a_running_period_is_evaluated_today()
    {
        var report = new ComplianceWorld().Report("JZ", ReportPeriod.Half(2026, 1));
        report.WithinProgramme.ShouldBeFalse();
        report.EvaluatedOn.ShouldBe(Today);
        Target(report, "JZ-TGT-01").Notes.ShouldContain(n => n.Contains("outside the programme window"));
    }

    [Fact]
    public void Every_programme_has_its_targets_and_every_rule_id_appears_in_rules_md_form()
    {
        foreach (var programme in ComplianceCatalog.Programmes)
        {
            ComplianceCatalog.For(programme).ShouldNotBeEmpty();
            ComplianceCatalog.For(programme).Select(t => t.Key).ShouldBeUnique();
            ComplianceCatalog.For(programme).ShouldAllBe(t => t.RuleId.StartsWith(programme.Code + "-"));
            ComplianceCatalog.For(programme).Where(t => t.Measure == TargetMeasure.NotComputable).ShouldAllBe(t => t.NotComputable != null);
        }
        ComplianceCatalog.Find("jz")!.Jurisdiction.ShouldBe("tj-jizhou");
        ComplianceCatalog.Find("gx-nanning")!.Code.ShouldBe("NN");
        ComplianceCatalog.Find("zj").ShouldBeNull();
    }
}
