using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Enforcement;

/// <summary>
/// The regulators' side of the breaches the ledger detects (issue 20, "Enforcement as a workflow"): an inspection, 责令限期改正, the
/// re-inspection, the penalty and 曝光, and tip-offs verified before they are rewarded. Each document's rule binds where its pack is in
/// force and, where the document is written for high-risk enterprises, only those; the kebab-case ids are the ledger's own.
/// </summary>
public sealed class EnforcementDeciderRuleTests
{
    private static readonly PolicyCatalog Policies = PolicyCatalog.Default;
    // Inside the windows of Jizhou's, Heilongjiang's and Nanning's programmes (to 2021-12-31); Taizhou's 要点 is 2020's, Qufu's 意见 runs from 2022-08-18.
    private static readonly LocalDate Day = new(2021, 6, 1);
    private static readonly LocalDate TaizhouDay = new(2020, 6, 1);
    private static readonly LocalDate QufuDay = new(2023, 3, 1);

    private static Actor Regulator(string jurisdiction) => new("inspector-li", $"{jurisdiction}-emergency-bureau", ActorRole.Regulator, jurisdiction);

    private static InspectedEnterprise Enterprise(string jurisdiction, bool highRisk = true) => new(Guid.NewGuid(), "某化工有限公司", jurisdiction, highRisk);

    private static readonly IReadOnlyList<QuizResult> AllThreeGroups =
        [new(QuizGroup.Principal, 1, 1), new(QuizGroup.SafetyManager, 2, 2), new(QuizGroup.KeyPostStaff, 5, 4)];

    private static RecordInspection Full(LocalDate? on = null) =>
        new(Guid.NewGuid(), on ?? Day, true, "计划已制定", 12, 1, AllThreeGroups, null, "日常执法检查");

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    private static InspectionRecorded Record(InspectedEnterprise e, RecordInspection c) =>
        EnforcementDecider.Record(c, e, Regulator(e.Jurisdiction), EnforcementRulesInForce.For(Policies, e.Jurisdiction, c.InspectedOn, e.HighRisk), Policies);

    private static Inspection Inspected(string jurisdiction, bool highRisk = true, LocalDate? on = null) =>
        Inspection.Create(Record(Enterprise(jurisdiction, highRisk), Full(on)));

    private static EnforcementRulesInForce RulesOf(Inspection i, bool highRisk = true) => EnforcementRulesInForce.For(Policies, i.Jurisdiction, i.InspectedOn, highRisk);

    private static OrderRectification Order(LocalDate? deadline = null, bool stop = true, params BreachReference[] breaches) =>
        new("3名新入职员工未经培训即上岗", breaches, Day, deadline ?? Day.PlusDays(30), stop);

    private static OrderRectification OrderOn(LocalDate on, bool stop) => new("3名新入职员工未经培训即上岗", [], on, on.PlusDays(30), stop);

    private static Inspection Ordered(string jurisdiction = "hlj", LocalDate? deadline = null)
    {
        var i = Inspected(jurisdiction);
        return i.Apply(EnforcementDecider.Order(i, Order(deadline), [], Regulator(jurisdiction), RulesOf(i), Policies));
    }

    // 000 (Jizhou) 14: "在高危企业日常检查中必查安全培训内容，抽查企业培训计划、持证情况、抽考安全生产常识，发现应持证未持证或未经培训就上岗的人员，依法责令企业限期改正并予以处罚"
    [Fact]
    public void JZ_ENF_01_an_inspection_of_a_jizhou_high_risk_enterprise_checks_the_training_plan_the_certificates_held_and_a_spot_quiz()
    {
        var jizhou = Enterprise("tj-jizhou");
        Rule(() => Record(jizhou, Full() with { TrainingPlanChecked = false })).ShouldBe("JZ-ENF-01");
        Rule(() => Record(jizhou, Full() with { CertificatesChecked = 0, CertificatesMissing = 0 })).ShouldBe("JZ-ENF-01");
        Rule(() => Record(jizhou, Full() with { SpotQuiz = [] })).ShouldBe("JZ-ENF-01");
        Record(jizhou, Full()).RuleIds.ShouldBe(["JZ-ENF-01"]);
        // The duty is written for 高危企业日常检查: a shop in the district is inspected without it.
        Record(Enterprise("tj-jizhou", highRisk: false), Full() with { TrainingPlanChecked = false, SpotQuiz = [] }).RuleIds.ShouldBeEmpty();
        // Before the programme (issued 2020-04-02) there was no such duty.
        Record(jizhou, Full(new LocalDate(2020, 3, 1)) with { SpotQuiz = [] }).RuleIds.ShouldBeEmpty();
    }

    [Fact]
    public void JZ_ENF_01_in_jizhou_a_high_risk_enterprise_is_ordered_to_rectify_by_a_deadline_under_the_districts_rule()
    {
        var i = Inspected("tj-jizhou");
        var ordered = EnforcementDecider.Order(i, Order(stop: false), [], Regulator("tj-jizhou"), RulesOf(i), Policies);
        (ordered.RuleId, ordered.OrderNo, ordered.Deadline).ShouldBe(("JZ-ENF-01", 1, Day.PlusDays(30)));
        Rule(() => EnforcementDecider.Order(i, Order(deadline: Day, stop: false), [], Regulator("tj-jizhou"), RulesOf(i), Policies)).ShouldBe("JZ-ENF-01");
    }

    // 001 (Taizhou) (三): "坚持“逢查必考”，即：进企业检查，必须对主要负责人、安全生产管理人员、一线重点岗位人员安全生产应知应会知识和管理能力进行抽考"
    [Fact]
    public void TZ_ENF_03_every_taizhou_enterprise_inspection_quizzes_the_principal_the_safety_managers_and_front_line_key_post_staff()
    {
        var taizhou = Enterprise("zj-taizhou", highRisk: false);
        Rule(() => Record(taizhou, Full(TaizhouDay) with { SpotQuiz = [new(QuizGroup.Principal, 1, 1), new(QuizGroup.SafetyManager, 1, 1)] })).ShouldBe("TZ-ENF-03");
        // A group listed with nobody examined was not quizzed.
        Rule(() => Record(taizhou, Full(TaizhouDay) with { SpotQuiz = [.. AllThreeGroups.Take(2), new(QuizGroup.KeyPostStaff, 0, 0)] })).ShouldBe("TZ-ENF-03");
        Record(taizhou, Full(TaizhouDay)).RuleIds.ShouldBe(["TZ-ENF-03"]);
        // 2020年…工作要点: the year's points, not a standing rule; and no other document says who must be quizzed.
        Record(taizhou, Full(Day) with { SpotQuiz = [] }).RuleIds.ShouldBeEmpty();
        Record(Enterprise("hlj"), Full() with { SpotQuiz = [] }).RuleIds.ShouldBeEmpty();
    }

    // 003 (Qufu) (一): "要开展安全生产培训抽考，逢查必考"
    [Fact]
    public void QF_ENF_02_every_qufu_inspection_quizzes_someone()
    {
        var qufu = Enterprise("sd-jining-qufu", highRisk: false);
        Rule(() => Record(qufu, Full(QufuDay) with { SpotQuiz = [] })).ShouldBe("QF-ENF-02");
        Record(qufu, Full(QufuDay) with { SpotQuiz = [new(QuizGroup.OtherStaff, 3, 2)] }).RuleIds.ShouldBe(["QF-ENF-02"]);
    }

    [Fact]
    public void spot_quiz_counts_no_group_passes_more_than_it_examined_and_no_more_lack_certificates_than_were_checked()
    {
        Rule(() => Record(Enterprise("hlj"), Full() with { SpotQuiz = [new(QuizGroup.Principal, 1, 2)] })).ShouldBe(EnforcementRules.QuizCounts);
        Rule(() => Record(Enterprise("hlj"), Full() with { CertificatesChecked = 2, CertificatesMissing = 3 })).ShouldBe(EnforcementRules.QuizCounts);
    }

    // 002 (Heilongjiang) 14: "发现应持证未持证或未经培训就上岗的人员，依法责令企业限期改正并予以处罚，并依据“大曝光”的相关要求，在一定范围内予以曝光"
    [Fact]
    public void HLJ_ENF_02_a_heilongjiang_finding_is_ordered_rectified_by_a_deadline_then_penalised_and_exposed_in_that_order()
    {
        var i = Inspected("hlj");
        var regulator = Regulator("hlj");
        Rule(() => EnforcementDecider.Penalise(i, new(PenaltyKind.Warning, null, "《安全生产法》第九十七条", "黑应急罚〔2023〕1号", Day, "未经培训上岗"), regulator, Policies))
            .ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Publish(i, new(Day, "全省安全生产“大曝光”专栏", "未经培训上岗"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
        var ordered = EnforcementDecider.Order(i, Order(stop: false), [], regulator, RulesOf(i), Policies);
        ordered.RuleId.ShouldBe("HLJ-ENF-02");
        // The programme ran to the end of 2021; an order made later is under the ledger's own rule.
        EnforcementRulesInForce.For(Policies, "hlj", new LocalDate(2022, 1, 1), true).Rectification.ShouldBe(EnforcementRules.DeadlineAfterInspection);
        i = i.Apply(ordered);
        i = i.Apply(EnforcementDecider.Penalise(i, new(PenaltyKind.Fine, 20000m, "《安全生产法》第九十七条", "黑应急罚〔2023〕1号", Day, "未经培训上岗"), regulator, Policies));
        i.Orders.Single().Penalty!.FineAmount.ShouldBe(20000m);
        Rule(() => EnforcementDecider.Penalise(i, new(PenaltyKind.Warning, null, "同上", "黑应急罚〔2023〕2号", Day, "再次"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
        i = i.Apply(EnforcementDecider.Publish(i, new(Day.PlusDays(2), "全省安全生产“大曝光”专栏", "未经培训上岗"), regulator, Policies));
        i.Publication!.Where.ShouldBe("全省安全生产“大曝光”专栏");
        Rule(() => EnforcementDecider.Publish(i, new(Day.PlusDays(3), "再次", "再次"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
    }

    [Fact]
    public void enforcement_step_order_a_fine_names_its_amount_and_only_a_fine_does()
    {
        var i = Ordered();
        Rule(() => EnforcementDecider.Penalise(i, new(PenaltyKind.Fine, null, "依据", "文号", Day, "理由"), Regulator("hlj"), Policies)).ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Penalise(i, new(PenaltyKind.Warning, 100m, "依据", "文号", Day, "理由"), Regulator("hlj"), Policies)).ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Penalise(i, new(PenaltyKind.Warning, null, "依据", "文号", Day.PlusDays(-1), "理由"), Regulator("hlj"), Policies)).ShouldBe(EnforcementRules.StepOrder);
    }

    // 003 (Qufu) (二): "有关从业人员未经培训合格，应当视为生产安全事故隐患，责令生产经营单位立即停止违法行为，限期整改，并依法予以处罚"
    [Fact]
    public void QF_ENF_04_a_qufu_order_stops_the_breach_at_once_as_well_as_setting_a_deadline()
    {
        var i = Inspected("sd-jining-qufu", highRisk: false, QufuDay);
        Rule(() => EnforcementDecider.Order(i, OrderOn(QufuDay, stop: false), [], Regulator("sd-jining-qufu"), RulesOf(i, false), Policies)).ShouldBe("QF-ENF-04");
        var ordered = EnforcementDecider.Order(i, OrderOn(QufuDay, stop: true), [], Regulator("sd-jining-qufu"), RulesOf(i, false), Policies);
        (ordered.RuleId, ordered.StopOrdered).ShouldBe(("QF-ENF-04", true));
    }

    // 004 (Nanning) (五): "发现高危企业安排未经安全技能培训考核职工上岗…视为不履行生产法定职责，行政执法机关要责令其限期改正，责令停止并依法给予行政处罚"
    [Fact]
    public void NN_ENF_01_a_nanning_high_risk_enterprise_is_ordered_to_rectify_by_a_deadline_and_to_stop()
    {
        var i = Inspected("gx-nanning");
        Rule(() => EnforcementDecider.Order(i, Order(stop: false), [], Regulator("gx-nanning"), RulesOf(i), Policies)).ShouldBe("NN-ENF-01");
        EnforcementDecider.Order(i, Order(), [], Regulator("gx-nanning"), RulesOf(i), Policies).RuleId.ShouldBe("NN-ENF-01");
        // The document speaks to 高危企业; another unit's order is the ledger's own, without the stop.
        var shop = Inspected("gx-nanning", highRisk: false);
        EnforcementDecider.Order(shop, Order(stop: false), [], Regulator("gx-nanning"), RulesOf(shop, false), Policies).RuleId.ShouldBe(EnforcementRules.DeadlineAfterInspection);
    }

    [Fact]
    public void rectification_deadline_after_inspection_the_deadline_falls_after_the_order_and_the_order_no_earlier_than_the_inspection()
    {
        var i = Inspected("zj-taizhou", highRisk: false);
        var rules = RulesOf(i, false);
        rules.Rectification.ShouldBe(EnforcementRules.DeadlineAfterInspection);
        Rule(() => EnforcementDecider.Order(i, Order(deadline: Day), [], Regulator("zj-taizhou"), rules, Policies)).ShouldBe(EnforcementRules.DeadlineAfterInspection);
        Rule(() => EnforcementDecider.Order(i, Order(deadline: Day.PlusDays(-5)), [], Regulator("zj-taizhou"), rules, Policies)).ShouldBe(EnforcementRules.DeadlineAfterInspection);
        Rule(() => EnforcementDecider.Order(i, Order() with { OrderedOn = Day.PlusDays(-1) }, [], Regulator("zj-taizhou"), rules, Policies)).ShouldBe(EnforcementRules.StepOrder);
        EnforcementDecider.Order(i, Order(deadline: Day.PlusDays(1)), [], Regulator("zj-taizhou"), rules, Policies).Deadline.ShouldBe(Day.PlusDays(1));
    }

    [Fact]
    public void rectification_breach_detected_a_finding_links_only_breaches_the_ledger_detected_on_the_inspection_date()
    {
        var i = Inspected("hlj");
        var person = Guid.NewGuid();
        var detected = new BreachReference(person, "HLJ-TRN-01", "new-hire-induction");
        var ordered = EnforcementDecider.Order(i, Order(null, false, detected, detected), [detected], Regulator("hlj"), RulesOf(i), Policies);
        ordered.Breaches.ShouldBe([detected]);
        Rule(() => EnforcementDecider.Order(i, Order(null, false, detected with { PersonId = Guid.NewGuid() }), [detected], Regulator("hlj"), RulesOf(i), Policies))
            .ShouldBe(EnforcementRules.BreachDetected);
    }

    [Fact]
    public void enforcement_step_order_one_order_is_open_at_a_time_and_a_new_one_follows_a_failed_re_inspection()
    {
        var i = Ordered();
        var regulator = Regulator("hlj");
        Rule(() => EnforcementDecider.Order(i, Order(), [], regulator, RulesOf(i), Policies)).ShouldBe(EnforcementRules.StepOrder);
        i = i.Apply(EnforcementDecider.ReInspect(i, new(Day.PlusDays(31), false, "仍有2人未培训"), regulator, Policies));
        i.Orders.Single().Status.ShouldBe(RectificationStatus.NotRectified);
        Rule(() => EnforcementDecider.Order(i, Order() with { OrderedOn = Day.PlusDays(30), Deadline = Day.PlusDays(60) }, [], regulator, RulesOf(i), Policies))
            .ShouldBe(EnforcementRules.StepOrder);
        var second = EnforcementDecider.Order(i, Order() with { OrderedOn = Day.PlusDays(31), Deadline = Day.PlusDays(45) }, [], regulator, RulesOf(i), Policies);
        second.OrderNo.ShouldBe(2);
        Rule(() => EnforcementDecider.ReInspect(Inspected("hlj"), new(Day, true, "已改正"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
    }

    [Fact]
    public void reinspection_after_deadline_or_rectified_before_the_deadline_a_re_inspection_finds_it_rectified_or_waits()
    {
        var i = Ordered(deadline: Day.PlusDays(30));
        var regulator = Regulator("hlj");
        Rule(() => EnforcementDecider.ReInspect(i, new(Day.PlusDays(10), false, "未改正"), regulator, Policies)).ShouldBe(EnforcementRules.ReInspectionTiming);
        // The deadline day is still the enterprise's.
        Rule(() => EnforcementDecider.ReInspect(i, new(Day.PlusDays(30), false, "未改正"), regulator, Policies)).ShouldBe(EnforcementRules.ReInspectionTiming);
        EnforcementDecider.ReInspect(i, new(Day.PlusDays(10), true, "已全部培训合格"), regulator, Policies).Rectified.ShouldBeTrue();
        EnforcementDecider.ReInspect(i, new(Day.PlusDays(31), false, "未改正"), regulator, Policies).OrderNo.ShouldBe(1);
        Rule(() => EnforcementDecider.ReInspect(i, new(Day.PlusDays(-1), true, "已改正"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
    }

    [Fact]
    public void an_open_order_is_overdue_from_the_day_after_its_deadline_until_it_is_re_inspected()
    {
        var i = Ordered(deadline: Day.PlusDays(30));
        i.HasOpenOrder.ShouldBeTrue();
        i.OpenOrderDeadline.ShouldBe(Day.PlusDays(30));
        i.OpenOrder!.OverdueOn(Day.PlusDays(30)).ShouldBeFalse();
        i.OpenOrder!.OverdueOn(Day.PlusDays(31)).ShouldBeTrue();
        i = i.Apply(EnforcementDecider.ReInspect(i, new(Day.PlusDays(40), true, "已改正"), Regulator("hlj"), Policies));
        (i.HasOpenOrder, i.OpenOrderDeadline, i.Orders.Single().OverdueOn(Day.PlusDays(41))).ShouldBe((false, null, false));
    }

    [Fact]
    public void enforcement_regulator_of_jurisdiction_only_a_regulator_of_the_enterprises_jurisdiction_acts()
    {
        var hlj = Enterprise("hlj");
        var rules = EnforcementRulesInForce.For(Policies, "hlj", Day, true);
        Rule(() => EnforcementDecider.Record(Full(), hlj, Regulator("gx-nanning"), rules, Policies)).ShouldBe(EnforcementRules.RegulatorOfJurisdiction);
        Rule(() => EnforcementDecider.Record(Full(), hlj, new("hr-1", "hlj-hr", ActorRole.HrBureau, "hlj"), rules, Policies)).ShouldBe(EnforcementRules.RegulatorOfJurisdiction);
        Rule(() => EnforcementDecider.Record(Full(), hlj, new("e-1", "e", ActorRole.Enterprise, null, hlj.Id), rules, Policies)).ShouldBe(EnforcementRules.RegulatorOfJurisdiction);
        // The national bureau covers every jurisdiction.
        EnforcementDecider.Record(Full(), hlj, Regulator("cn"), rules, Policies).InspectedBy.ShouldBe("inspector-li");
        var i = Ordered();
        Rule(() => EnforcementDecider.ReInspect(i, new(Day.PlusDays(1), true, "已改正"), Regulator("zj"), Policies)).ShouldBe(EnforcementRules.RegulatorOfJurisdiction);
    }

    [Fact]
    public void every_step_carries_who_acted_for_which_organisation_on_which_day_and_why()
    {
        var recorded = Record(Enterprise("hlj"), Full());
        (recorded.InspectedBy, recorded.Organisation, recorded.InspectedOn, recorded.Reason).ShouldBe(("inspector-li", "hlj-emergency-bureau", Day, "日常执法检查"));
        var i = Inspection.Create(recorded);
        var ordered = EnforcementDecider.Order(i, Order(), [], Regulator("hlj"), RulesOf(i), Policies);
        (ordered.OrderedBy, ordered.Organisation, ordered.OrderedOn, ordered.Finding).ShouldBe(("inspector-li", "hlj-emergency-bureau", Day, "3名新入职员工未经培训即上岗"));
    }

    private static TipOff Tip(string jurisdiction = "hlj") => TipOff.Create(EnforcementDecider.Receive(
        new ReceiveTip(Guid.NewGuid(), jurisdiction, Guid.NewGuid(), "某煤矿", TipSubject.FakeCertificate, "焊工持假证上岗", TipChannel.Hotline, Day, null, null),
        Regulator(jurisdiction), Policies));

    // 002 (Heilongjiang) (三): "凡举报“三项岗位人员”未持证或持假证上岗…经查证属实，按规定给予举报奖励"
    [Fact]
    public void HLJ_ENF_04_a_tip_off_is_rewarded_only_once_verified_true()
    {
        var tip = Tip();
        var regulator = Regulator("hlj");
        var rules = EnforcementRulesInForce.For(Policies, "hlj", Day, true);
        rules.Reward.ShouldBe("HLJ-ENF-04");
        Rule(() => EnforcementDecider.Reward(tip, new(500m, "奖-2023-01", Day.PlusDays(5), "举报属实"), regulator, rules, Policies)).ShouldBe("HLJ-ENF-04");
        var unfounded = tip.Apply(EnforcementDecider.Verify(tip, new(false, "现场核查持证真实", null, Day.PlusDays(3)), null, regulator, Policies));
        Rule(() => EnforcementDecider.Reward(unfounded, new(500m, "奖-2023-01", Day.PlusDays(5), "举报属实"), regulator, rules, Policies)).ShouldBe("HLJ-ENF-04");
        var verified = tip.Apply(EnforcementDecider.Verify(tip, new(true, "经查证属实：1人持假证", null, Day.PlusDays(3)), null, regulator, Policies));
        var reward = EnforcementDecider.Reward(verified, new(500m, "奖-2023-01", Day.PlusDays(5), "举报属实"), regulator, rules, Policies);
        (reward.Amount, reward.GrantedBy, reward.GrantedOn).ShouldBe((500m, "inspector-li", Day.PlusDays(5)));
        var rewarded = verified.Apply(reward);
        Rule(() => EnforcementDecider.Reward(rewarded, new(500m, "奖-2023-02", Day.PlusDays(6), "再次"), regulator, rules, Policies)).ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Reward(verified, new(500m, "奖", Day.PlusDays(2), "早于核查"), regulator, rules, Policies)).ShouldBe(EnforcementRules.StepOrder);
    }

    // 000 (Jizhou) (三): "公开举报电话，加大举报奖励力度…凡举报…特种作业人员未持证或持假证上岗…等违法违规行为"
    [Fact]
    public void JZ_ENF_03_a_jizhou_tip_off_is_rewarded_under_the_districts_hotline_rule_once_verified()
    {
        var tip = Tip("tj-jizhou");
        var rules = EnforcementRulesInForce.For(Policies, "tj-jizhou", Day, true);
        Rule(() => EnforcementDecider.Reward(tip, new(300m, "奖-1", Day, "举报"), Regulator("tj-jizhou"), rules, Policies)).ShouldBe("JZ-ENF-03");
        // Where no document names a reward, the ledger's own rule still holds.
        var elsewhere = Tip("zj-taizhou");
        Rule(() => EnforcementDecider.Reward(elsewhere, new(300m, "奖-1", Day, "举报"), Regulator("zj-taizhou"), EnforcementRulesInForce.For(Policies, "zj-taizhou", Day, true), Policies))
            .ShouldBe(EnforcementRules.RewardAfterVerification);
    }

    [Fact]
    public void tip_reward_after_verification_a_tip_is_verified_once_no_earlier_than_received_and_by_an_inspection_of_its_own_enterprise()
    {
        var tip = Tip();
        var regulator = Regulator("hlj");
        Rule(() => EnforcementDecider.Verify(tip, new(true, "属实", null, Day.PlusDays(-1)), null, regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Verify(tip, new(true, "属实", null, Day), Inspected("hlj"), regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
        var verified = tip.Apply(EnforcementDecider.Verify(tip, new(true, "属实", null, Day), null, regulator, Policies));
        Rule(() => EnforcementDecider.Verify(verified, new(false, "再核", null, Day), null, regulator, Policies)).ShouldBe(EnforcementRules.StepOrder);
        Rule(() => EnforcementDecider.Verify(tip, new(true, "属实", null, Day), null, Regulator("gx-nanning"), Policies)).ShouldBe(EnforcementRules.RegulatorOfJurisdiction);
    }

    [Fact]
    public void the_tip_off_read_model_keeps_no_informant_contact_but_its_masked_form()
    {
        var cipher = new PersonalDataCipher([("k1", new byte[32])]);
        var id = Guid.NewGuid();
        var received = EnforcementDecider.Receive(new ReceiveTip(id, "hlj", null, "某矿", TipSubject.UntrainedWorker, "新工人未培训", TipChannel.Hotline, Day,
            cipher.Seal("13812345678", TipOffRules.InformantContactPurpose, id), Masking.Mobile("13812345678")), Regulator("hlj"), Policies);
        cipher.Open(received.InformantContact!, TipOffRules.InformantContactPurpose, id).ShouldBe("13812345678");
        var view = TipOff.Create(received);
        view.InformantContactMasked.ShouldBe("138****5678");
        typeof(TipOff).GetProperties().ShouldNotContain(p => p.PropertyType == typeof(SealedValue));
        Should.Throw<ArgumentException>(() => EnforcementDecider.Receive(new ReceiveTip(id, "hlj", null, "某矿", TipSubject.UntrainedWorker, "x", TipChannel.Hotline, Day,
            null, "138****5678"), Regulator("hlj"), Policies));
    }
}
