using Ledger.Domain.Actors;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Enforcement;

public sealed record RecordInspection(
    Guid InspectionId,
    LocalDate InspectedOn,
    bool TrainingPlanChecked,
    string? TrainingPlanFinding,
    int CertificatesChecked,
    int CertificatesMissing,
    IReadOnlyList<QuizResult> SpotQuiz,
    Guid? TipId,
    string Reason);

/// <summary>The enterprise as the inspection finds it in the ledger.</summary>
public sealed record InspectedEnterprise(Guid Id, string Name, string Jurisdiction, bool HighRisk);

public sealed record OrderRectification(string Finding, IReadOnlyList<BreachReference> Breaches, LocalDate OrderedOn, LocalDate Deadline, bool StopOrdered);

public sealed record ReInspect(LocalDate On, bool Rectified, string Finding);

public sealed record ImposePenalty(PenaltyKind Kind, decimal? FineAmount, string LegalBasis, string DecisionNumber, LocalDate DecidedOn, string Reason);

public sealed record PublishInspection(LocalDate On, string Where, string Reason);

public sealed record ReceiveTip(Guid TipId, string Jurisdiction, Guid? EnterpriseId, string EnterpriseName, TipSubject Subject, string Allegation,
    TipChannel Channel, LocalDate ReceivedOn, SealedValue? InformantContact, string? InformantContactMasked);

public sealed record VerifyTip(bool Substantiated, string Finding, Guid? InspectionId, LocalDate On);

public sealed record GrantTipReward(decimal Amount, string PaymentReference, LocalDate On, string Reason);

/// <summary>
/// Which enforcement rules of the documents bind an enterprise's inspection: a document's rule binds where its pack is in force on the
/// day (the enterprise's jurisdiction lies within the document's), and, where the document is written for high-risk enterprises
/// (Jizhou's 高危企业日常检查, Nanning's 高危企业), only those.
/// </summary>
/// <param name="InspectionContents">JZ-ENF-01: the inspection checks training plans, certificates held and a spot quiz.</param>
/// <param name="QuizAllThreeGroups">TZ-ENF-03: the quiz covers the principal, safety managers and front-line key-post staff.</param>
/// <param name="QuizRequired">QF-ENF-02: 逢查必考, some quiz on every inspection.</param>
/// <param name="Rectification">The rule a rectification order is made under.</param>
/// <param name="StopOrder">QF-ENF-04, NN-ENF-01: the order also stops the breach at once.</param>
/// <param name="Reward">The rule a tip-off reward is granted under.</param>
public sealed record EnforcementRulesInForce(
    string? InspectionContents,
    string? QuizAllThreeGroups,
    string? QuizRequired,
    string Rectification,
    string? StopOrder,
    string Reward)
{
    public static EnforcementRulesInForce For(PolicyCatalog policies, string jurisdiction, LocalDate on, bool highRisk)
    {
        bool Document(string code) => policies.Versions.Any(v => v.Jurisdiction == code && v.InForceOn(on)) && policies.IsWithin(jurisdiction, code);
        var jizhou = Document("tj-jizhou");
        var heilongjiang = Document("hlj");
        var qufu = Document("sd-jining-qufu");
        var nanning = Document("gx-nanning");
        return new EnforcementRulesInForce(
            InspectionContents: jizhou && highRisk ? "JZ-ENF-01" : null,
            QuizAllThreeGroups: Document("zj-taizhou") ? "TZ-ENF-03" : null,
            QuizRequired: qufu ? "QF-ENF-02" : null,
            Rectification: jizhou && highRisk ? "JZ-ENF-01" : heilongjiang ? "HLJ-ENF-02" : qufu ? "QF-ENF-04" : nanning && highRisk ? "NN-ENF-01" : EnforcementRules.DeadlineAfterInspection,
            StopOrder: qufu ? "QF-ENF-04" : nanning && highRisk ? "NN-ENF-01" : null,
            Reward: heilongjiang ? "HLJ-ENF-04" : jizhou ? "JZ-ENF-03" : EnforcementRules.RewardAfterVerification);
    }
}

public static class EnforcementRules
{
    public const string RegulatorOfJurisdiction = "enforcement-regulator-of-jurisdiction";
    public const string StepOrder = "enforcement-step-order";
    public const string DeadlineAfterInspection = "rectification-deadline-after-inspection";
    public const string ReInspectionTiming = "reinspection-after-deadline-or-rectified";
    public const string BreachDetected = "rectification-breach-detected";
    public const string RewardAfterVerification = "tip-reward-after-verification";
    public const string QuizCounts = "spot-quiz-counts";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [RegulatorOfJurisdiction] = "Only a regulator (emergency-management bureau) of the enterprise's jurisdiction inspects it and acts on what it finds.",
        [StepOrder] = "Enforcement follows its order: an order after the inspection, a re-inspection of an open order, a penalty and a publication after an order.",
        [DeadlineAfterInspection] = "A rectification order (责令限期改正) sets a deadline after the day it is made, which is no earlier than the inspection.",
        [ReInspectionTiming] = "A re-inspection before the deadline can only find the breach rectified: until then the enterprise still has time.",
        [BreachDetected] = "A finding links only breaches the ledger detected for the enterprise on the inspection date.",
        [RewardAfterVerification] = "A tip-off is rewarded only once verified true (经查证属实，按规定给予举报奖励).",
        [QuizCounts] = "A spot-quiz group passes no more people than it examined.",
    };
}

public static class EnforcementDecider
{
    /// <summary>Only a regulator whose jurisdiction covers the record's acts on it; the API answers scope first, this holds the rule in Domain too.</summary>
    public static void RegulatorOf(Actor actor, PolicyCatalog policies, string jurisdiction)
    {
        if (actor.Role != ActorRole.Regulator || actor.Jurisdiction is not { } mine
            || !(jurisdiction == mine || policies.IsWithin(jurisdiction, mine) || jurisdiction.StartsWith(mine + "-", StringComparison.Ordinal)))
            throw new DomainRuleViolation(EnforcementRules.RegulatorOfJurisdiction, $"only a regulator of {jurisdiction} acts on its enterprises' inspections and tip-offs");
    }

    public static InspectionRecorded Record(RecordInspection c, InspectedEnterprise enterprise, Actor actor, EnforcementRulesInForce rules, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, enterprise.Jurisdiction);
        foreach (var q in c.SpotQuiz)
            if (q.Examined < 0 || q.Passed < 0 || q.Passed > q.Examined)
                throw new DomainRuleViolation(EnforcementRules.QuizCounts, $"the {q.Group} group passed {q.Passed} of {q.Examined} examined");
        if (c.CertificatesMissing > c.CertificatesChecked)
            throw new DomainRuleViolation(EnforcementRules.QuizCounts, $"{c.CertificatesMissing} persons without a certificate among {c.CertificatesChecked} checked");
        var quizzed = c.SpotQuiz.Where(q => q.Examined > 0).Select(q => q.Group).ToHashSet();
        var ruleIds = new List<string>();
        if (rules.InspectionContents is { } contents)
        {
            // 必查安全培训内容，抽查企业培训计划、持证情况、抽考安全生产常识
            if (!c.TrainingPlanChecked || c.CertificatesChecked == 0 || quizzed.Count == 0)
                throw new DomainRuleViolation(contents, "an inspection of a high-risk enterprise checks its training plan, the certificates held and a spot quiz of safety common sense");
            ruleIds.Add(contents);
        }
        if (rules.QuizAllThreeGroups is { } three)
        {
            // 必须对主要负责人、安全生产管理人员、一线重点岗位人员…进行抽考
            var missing = new[] { QuizGroup.Principal, QuizGroup.SafetyManager, QuizGroup.KeyPostStaff }.Where(g => !quizzed.Contains(g)).ToList();
            if (missing.Count > 0)
                throw new DomainRuleViolation(three, $"逢查必考: the quiz covers the principal, the safety managers and front-line key-post staff (missing: {string.Join(", ", missing)})");
            ruleIds.Add(three);
        }
        if (rules.QuizRequired is { } quiz)
        {
            if (quizzed.Count == 0) throw new DomainRuleViolation(quiz, "逢查必考: every inspection quizzes the staff on what they must know");
            ruleIds.Add(quiz);
        }
        return new InspectionRecorded(c.InspectionId, enterprise.Id, enterprise.Name, enterprise.Jurisdiction, c.InspectedOn, c.TrainingPlanChecked,
            c.TrainingPlanFinding, c.CertificatesChecked, c.CertificatesMissing, c.SpotQuiz, ruleIds, c.TipId, c.Reason, actor.UserId, actor.OrganisationId);
    }

    /// <param name="detected">The breaches the ledger detected for the enterprise on the inspection date; a linked breach must be one of them.</param>
    public static RectificationOrdered Order(Inspection inspection, OrderRectification c, IReadOnlyCollection<BreachReference> detected, Actor actor,
        EnforcementRulesInForce rules, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, inspection.Jurisdiction);
        if (inspection.OpenOrder is { } open)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"order {open.OrderNo} is still open until its re-inspection; one order is open at a time");
        if (c.OrderedOn < inspection.InspectedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the order on {c.OrderedOn:uuuu-MM-dd} precedes the inspection on {inspection.InspectedOn:uuuu-MM-dd}");
        if (inspection.Orders.LastOrDefault() is { } last && c.OrderedOn < last.ReInspectedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the order on {c.OrderedOn:uuuu-MM-dd} precedes the re-inspection on {last.ReInspectedOn:uuuu-MM-dd}");
        // 责令限期改正: a limit, so a day after the order at the earliest.
        if (c.Deadline <= c.OrderedOn)
            throw new DomainRuleViolation(rules.Rectification, $"the deadline {c.Deadline:uuuu-MM-dd} must fall after the order's day {c.OrderedOn:uuuu-MM-dd} (责令限期改正)");
        if (rules.StopOrder is { } stop && !c.StopOrdered)
            throw new DomainRuleViolation(stop, "the order also stops the breach at once (责令立即停止违法行为 / 责令停止)");
        foreach (var b in c.Breaches)
            if (!detected.Contains(b))
                throw new DomainRuleViolation(EnforcementRules.BreachDetected, $"the ledger detected no breach of {b.RuleId} ({b.Kind}) for the enterprise on {inspection.InspectedOn:uuuu-MM-dd}");
        return new RectificationOrdered(inspection.Id, inspection.Orders.Count + 1, c.Finding, [.. c.Breaches.Distinct()], c.OrderedOn, c.Deadline, c.StopOrdered,
            rules.Rectification, actor.UserId, actor.OrganisationId);
    }

    public static ReInspected ReInspect(Inspection inspection, ReInspect c, Actor actor, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, inspection.Jurisdiction);
        var open = inspection.OpenOrder ?? throw new DomainRuleViolation(EnforcementRules.StepOrder, "the inspection has no open rectification order to re-inspect");
        if (c.On < open.OrderedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the re-inspection on {c.On:uuuu-MM-dd} precedes the order on {open.OrderedOn:uuuu-MM-dd}");
        if (!c.Rectified && c.On <= open.Deadline)
            throw new DomainRuleViolation(EnforcementRules.ReInspectionTiming,
                $"the enterprise has until {open.Deadline:uuuu-MM-dd} to rectify: a re-inspection before then records only a rectification");
        return new ReInspected(inspection.Id, open.OrderNo, c.On, c.Rectified, c.Finding, actor.UserId, actor.OrganisationId);
    }

    /// <summary>A penalty follows a finding (责令限期改正并予以处罚): the latest order, once.</summary>
    public static PenaltyImposed Penalise(Inspection inspection, ImposePenalty c, Actor actor, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, inspection.Jurisdiction);
        var order = inspection.Orders.LastOrDefault() ?? throw new DomainRuleViolation(EnforcementRules.StepOrder, "a penalty follows a rectification order's finding");
        if (order.Penalty is not null) throw new DomainRuleViolation(EnforcementRules.StepOrder, $"order {order.OrderNo} already carries a penalty");
        if (c.DecidedOn < order.OrderedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the penalty on {c.DecidedOn:uuuu-MM-dd} precedes the order on {order.OrderedOn:uuuu-MM-dd}");
        if ((c.Kind == PenaltyKind.Fine) != (c.FineAmount is > 0))
            throw new DomainRuleViolation(EnforcementRules.StepOrder, "a fine names its amount, and only a fine does");
        return new PenaltyImposed(inspection.Id, order.OrderNo, c.Kind, c.FineAmount, c.LegalBasis, c.DecisionNumber, c.DecidedOn, c.Reason, actor.UserId, actor.OrganisationId);
    }

    /// <summary>曝光 publishes how a finding was handled, so it follows an order; once per inspection.</summary>
    public static InspectionPublished Publish(Inspection inspection, PublishInspection c, Actor actor, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, inspection.Jurisdiction);
        var order = inspection.Orders.LastOrDefault() ?? throw new DomainRuleViolation(EnforcementRules.StepOrder, "publication (曝光) follows a finding: the inspection has no order");
        if (inspection.Publication is not null) throw new DomainRuleViolation(EnforcementRules.StepOrder, "the inspection's handling is already published");
        if (c.On < order.OrderedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the publication on {c.On:uuuu-MM-dd} precedes the order on {order.OrderedOn:uuuu-MM-dd}");
        return new InspectionPublished(inspection.Id, c.On, c.Where, c.Reason, actor.UserId, actor.OrganisationId);
    }

    public static TipReceived Receive(ReceiveTip c, Actor actor, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, c.Jurisdiction);
        if ((c.InformantContact is null) != (c.InformantContactMasked is null))
            throw new ArgumentException("a contact is kept sealed and masked, or not at all", nameof(c));
        return new TipReceived(c.TipId, c.Jurisdiction, c.EnterpriseId, c.EnterpriseName, c.Subject, c.Allegation, c.Channel, c.ReceivedOn,
            c.InformantContact, c.InformantContactMasked, actor.UserId, actor.OrganisationId);
    }

    /// <param name="inspection">The inspection named as the verification, loaded by the caller; it must be of the tip's enterprise.</param>
    public static TipVerified Verify(TipOff tip, VerifyTip c, Inspection? inspection, Actor actor, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, tip.Jurisdiction);
        if (tip.Substantiated is not null) throw new DomainRuleViolation(EnforcementRules.StepOrder, "the tip-off is already verified");
        if (c.On < tip.ReceivedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the verification on {c.On:uuuu-MM-dd} precedes the tip-off received on {tip.ReceivedOn:uuuu-MM-dd}");
        if (inspection is not null && tip.EnterpriseId is { } enterprise && inspection.EnterpriseId != enterprise)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, "the inspection named is of another enterprise than the tip-off's");
        return new TipVerified(tip.Id, c.Substantiated, c.Finding, inspection?.Id, c.On, actor.UserId, actor.OrganisationId);
    }

    /// <summary>经查证属实，按规定给予举报奖励 (HLJ-ENF-04): a reward only for a tip verified true, once.</summary>
    public static TipRewardGranted Reward(TipOff tip, GrantTipReward c, Actor actor, EnforcementRulesInForce rules, PolicyCatalog policies)
    {
        RegulatorOf(actor, policies, tip.Jurisdiction);
        if (tip.Substantiated is not true)
            throw new DomainRuleViolation(rules.Reward, tip.Substantiated is null
                ? "a tip-off is rewarded once verified true (经查证属实), and this one is not verified yet"
                : "this tip-off was not borne out, so it earns no reward");
        if (tip.RewardedOn is not null) throw new DomainRuleViolation(EnforcementRules.StepOrder, "the tip-off's reward is already granted");
        if (c.On < tip.VerifiedOn)
            throw new DomainRuleViolation(EnforcementRules.StepOrder, $"the reward on {c.On:uuuu-MM-dd} precedes the verification on {tip.VerifiedOn:uuuu-MM-dd}");
        if (c.Amount <= 0) throw new DomainRuleViolation(EnforcementRules.StepOrder, "a reward has an amount");
        return new TipRewardGranted(tip.Id, c.Amount, c.PaymentReference, c.On, c.Reason, actor.UserId, actor.OrganisationId);
    }
}

public static class TipOffRules
{
    /// <summary>The purpose an informant's contact is sealed under (PersonalDataCipher), bound to the tip's id.</summary>
    public const string InformantContactPurpose = "informant-contact";
}
