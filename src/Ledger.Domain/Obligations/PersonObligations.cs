using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Ledger.Domain.Claims;

namespace Ledger.Domain.Obligations;

/// <summary>
/// Every training and assessment obligation of one person on one date, each judged by the rules in force in
/// the employer's jurisdiction on the date that triggered it, and each naming the rule that imposed it.
/// Only facts with a business date on or before the date count, so the same code answers for any past day.
/// </summary>
public static class PersonObligations
{
    /// <summary>[I] Induction or retraining up to this long before the trigger counts: enterprises train before posting.</summary>
    public static readonly Period LeadIn = Period.FromDays(90);

    /// <param name="highRiskEnterprise">Whether the enterprise of an employment is a high-risk enterprise (高危企业): Jizhou's and Heilongjiang's
    /// hours and return-to-post rules bind only those (JZ-SCP-01, HLJ-SCP-01), and other units answer to the national rule.</param>
    public static IReadOnlyList<Obligation> Evaluate(Person person, IReadOnlyList<Certificate> certificates, PolicyCatalog policies, LocalDate on,
        Func<Guid, bool> highRiskEnterprise)
    {
        ArgumentNullException.ThrowIfNull(highRiskEnterprise);
        var attendance = person.Attendance.Where(a => a.Date <= on).ToList();
        var assessments = person.Assessments.Where(a => a.AssessedOn <= on).ToList();
        var result = new List<Obligation>();
        foreach (var employment in person.Employments.Where(e => e.HiredOn <= on))
        {
            var changes = employment.Changes.Where(c => c.On <= on).ToList();
            var ended = employment.EndedOn is { } end && end <= on;
            var onPost = !ended && PresenceOn(changes) == PostPresence.OnPost;
            var rules = new EmploymentRules(policies, employment.Jurisdiction, highRiskEnterprise(employment.EnterpriseId));
            NewHire(employment, attendance, assessments, policies, rules, on, onPost, result);
            Retraining(employment, changes, attendance, assessments, rules, on, result);
            FailedAssessments(employment, changes, attendance, assessments, rules, result);
            if (ended) continue;
            var assignment = changes.LastOrDefault(c => c.Assignment is not null)?.Assignment ?? employment.Assignment;
            SpecialOperationCertificate(employment, assignment, certificates, on, onPost, result);
            TeamLeaderRotation(employment, assignment, attendance, rules, on, result);
            AnnualAssessment(employment, assessments, rules, on, result);
        }
        return result;
    }

    private static PolicyParameters Rules(PolicyCatalog policies, string jurisdiction, LocalDate on) => policies.For(jurisdiction, on).Parameters;

    /// <summary>The rules that bind one employment's enterprise on a date: its jurisdiction's, as scoped to high-risk enterprises or not.</summary>
    private sealed record EmploymentRules(PolicyCatalog Policies, string Jurisdiction, bool HighRisk)
    {
        public PolicyParameters On(LocalDate on) => Policies.For(Jurisdiction, on, HighRisk).Parameters;
    }

    /// <summary>On post, off post or ended after the given changes (those up to the day asked about).</summary>
    public static PostPresence PresenceOn(IReadOnlyList<EmploymentChange> changes)
    {
        var presence = PostPresence.OnPost;
        foreach (var c in changes)
        {
            presence = c.What switch
            {
                "left-post" => PostPresence.OffPost,
                "returned" => PostPresence.OnPost,
                "ended" => PostPresence.Ended,
                _ => presence,
            };
        }
        return presence;
    }

    private static HoursTally Hours(IEnumerable<TrainingAttended> attendance, decimal required, PolicyCatalog policies, string jurisdiction) =>
        CountableHours.Tally(attendance, required, a =>
        {
            var rules = Rules(policies, jurisdiction, a.Date);
            return (rules.OnlineHours?.Value ?? new OnlineHoursRule(OnlineHoursCounting.Full, null), rules.FaceRecognitionRequired?.Value ?? false);
        });

    private static AssessmentRecorded? PassAfter(IEnumerable<AssessmentRecorded> assessments, LocalDate from, Guid? enterpriseId = null) =>
        assessments.Where(a => a.Passed && a.AssessedOn >= from && a.Kind != AssessmentKind.SpotCheck && (enterpriseId is null || a.EnterpriseId is null || a.EnterpriseId == enterpriseId))
            .OrderBy(a => a.AssessedOn).FirstOrDefault();

    /// <summary>New hires: induction hours and a pass before taking the post (JZ-TRN-01, HLJ-TRN-01).</summary>
    private static void NewHire(EmploymentRecord employment, List<TrainingAttended> attendance, List<AssessmentRecorded> assessments,
        PolicyCatalog policies, EmploymentRules rules, LocalDate on, bool onPost, List<Obligation> result)
    {
        if (rules.On(employment.HiredOn).NewHireMinHours is not { } rule) return;
        var from = employment.HiredOn - LeadIn;
        var induction = attendance.Where(a => a.Kind == TrainingKind.NewHireInduction && a.Date >= from).ToList();
        var tally = Hours(induction, rule.Value, policies, employment.Jurisdiction);
        var pass = PassAfter(assessments, from, employment.EnterpriseId);
        var done = tally.Countable >= rule.Value && pass is not null;
        // "考核合格后方可上岗": the hire date is the day on the post, so a pass after it is a breach however complete the training.
        var daysLate = done && pass!.AssessedOn > employment.HiredOn ? Period.Between(employment.HiredOn, pass.AssessedOn, PeriodUnits.Days).Days : 0;
        var status = done && daysLate == 0 ? ObligationStatus.Met : done || onPost ? ObligationStatus.Breached : ObligationStatus.Open;
        result.Add(new Obligation(rule.RuleId, "new-hire-induction", employment.EmploymentId, employment.EnterpriseName, employment.HiredOn, employment.HiredOn, status,
            $"{tally.Countable:0.##} of {rule.Value} countable hours (online recorded {tally.OnlineRecorded:0.##}, counted {tally.OnlineCounted:0.##}); " +
            (pass is null ? "no passed assessment" : $"passed on {pass.AssessedOn:uuuu-MM-dd}") +
            (daysLate > 0 ? $", {daysLate} days after taking the post on {employment.HiredOn:uuuu-MM-dd}" : "")));
    }

    /// <summary>Targeted retraining and a pass after a post change or 四新 (JZ-OFF-02, HLJ-OFF-02, QF-OFF-01) and on return after a long absence.</summary>
    private static void Retraining(EmploymentRecord employment, List<EmploymentChange> changes, List<TrainingAttended> attendance,
        List<AssessmentRecorded> assessments, EmploymentRules binding, LocalDate on, List<Obligation> result)
    {
        LocalDate? leftOn = null;
        foreach (var change in changes)
        {
            var rules = binding.On(change.On);
            switch (change.What)
            {
                case "post-changed" when rules.RetrainOnPostChange is { Value: true } r:
                    result.Add(RetrainingFor(employment, change.On, change.On - LeadIn, attendance, assessments, r.RuleId, "post-change-retraining", $"post changed to {change.Assignment?.Post}"));
                    break;
                case "four-new" when rules.RetrainOnFourNew is { Value: true } r:
                    result.Add(RetrainingFor(employment, change.On, change.On - LeadIn, attendance, assessments, r.RuleId, "four-new-retraining", $"new {change.FourNew}: {change.Reason}"));
                    break;
                case "left-post":
                    leftOn = change.On;
                    break;
                case "returned" when leftOn is { } left:
                    // "离岗3个月以上" includes 3 months (Civil Code art. 1259); the start day is not counted (art. 201).
                    var away = Period.Between(left, change.On, PeriodUnits.Months).Months;
                    if (rules.OffPostRetrainMonths is { } months && away >= months.Value)
                        result.Add(RetrainingFor(employment, change.On, left, attendance, assessments, months.RuleId, "return-to-post-retraining",
                            $"returned after {away} months off post (threshold {months.Value})"));
                    var post = changes.LastOrDefault(c => c.Assignment is not null && c.On <= change.On)?.Assignment ?? employment.Assignment;
                    if (post.SpecialOperationWorkType is { } workType && away >= SpecialOperationPracticalReexamMonths)
                        result.Add(PracticalReexam(employment, workType, left, change.On, away, assessments));
                    leftOn = null;
                    break;
            }
        }
        if (leftOn is { } stillAway && binding.On(on).OffPostRetrainMonths is { } m
            && Period.Between(stillAway, on, PeriodUnits.Months).Months >= m.Value)
            result.Add(new Obligation(m.RuleId, "return-to-post-retraining", employment.EmploymentId, employment.EnterpriseName, stillAway, null, ObligationStatus.Open,
                $"off post since {stillAway:uuuu-MM-dd}: targeted training and a pass are needed before returning"));
    }

    /// <summary>SAWS Order No. 30 [N] (rules.md 6.4): a special-operation worker off the post 6 months or more re-takes the practical exam.</summary>
    public const int SpecialOperationPracticalReexamMonths = 6;

    private static Obligation PracticalReexam(EmploymentRecord employment, string workType, LocalDate left, LocalDate returned, int away,
        List<AssessmentRecorded> assessments)
    {
        var reexam = assessments.Where(a => a.Passed && a.PracticalScore is not null && a.AssessedOn >= left && a.AssessedOn <= returned
            && (a.WorkType is null || a.WorkType == workType)).OrderBy(a => a.AssessedOn).LastOrDefault();
        return new Obligation("NAT-OFF-02", "special-operation-practical-reexam", employment.EmploymentId, employment.EnterpriseName, returned, returned,
            reexam is null ? ObligationStatus.Breached : ObligationStatus.Met,
            reexam is null ? $"back on the {workType} post after {away} months without a passed practical re-exam"
                : $"practical re-exam passed on {reexam.AssessedOn:uuuu-MM-dd} after {away} months off the {workType} post");
    }

    private static Obligation RetrainingFor(EmploymentRecord employment, LocalDate trigger, LocalDate from, List<TrainingAttended> attendance,
        List<AssessmentRecorded> assessments, string ruleId, string kind, string what)
    {
        var training = attendance.Where(a => a.Date >= from && a.Kind is TrainingKind.TargetedRetraining or TrainingKind.NewHireInduction).ToList();
        var pass = training.Count > 0 ? PassAfter(assessments, training.Min(a => a.Date), employment.EnterpriseId) : null;
        var done = training.Count > 0 && pass is not null;
        var late = done && pass!.AssessedOn > trigger;
        var status = done && !late ? ObligationStatus.Met : ObligationStatus.Breached;
        var detail = !done
            ? $"{what}: no targeted training with a pass yet"
            : late ? $"{what}: trained and passed on {pass!.AssessedOn:uuuu-MM-dd}, after the person was back at work" : $"{what}: passed on {pass!.AssessedOn:uuuu-MM-dd}";
        return new Obligation(ruleId, kind, employment.EmploymentId, employment.EnterpriseName, trigger, trigger, status, detail);
    }

    /// <summary>A failed post assessment means off post and retraining to the new-hire standard until a later pass (JZ-OFF-01, HLJ-OFF-01, NN-TRN-01).</summary>
    private static void FailedAssessments(EmploymentRecord employment, List<EmploymentChange> changes, List<TrainingAttended> attendance,
        List<AssessmentRecorded> assessments, EmploymentRules binding, List<Obligation> result)
    {
        foreach (var failed in assessments.Where(a => !a.Passed && a.Kind == AssessmentKind.PostAssessment && a.EnterpriseId == employment.EnterpriseId))
        {
            var rules = binding.On(failed.AssessedOn);
            if (rules.FailedAssessmentTakesOffPost is not { Value: true } rule) continue;
            var laterPass = assessments.FirstOrDefault(a => a.Passed && a.AssessedOn > failed.AssessedOn && a.Kind != AssessmentKind.SpotCheck);
            var hours = attendance.Where(a => a.Date >= failed.AssessedOn && a.Kind is TrainingKind.TargetedRetraining or TrainingKind.NewHireInduction).Sum(a => a.Hours);
            var standard = rules.NewHireMinHours?.Value ?? 0;
            var wentOff = changes.Any(c => c.What == "left-post" && c.On >= failed.AssessedOn);
            var met = laterPass is not null && hours >= standard;
            var status = met ? ObligationStatus.Met : wentOff ? ObligationStatus.Open : ObligationStatus.Breached;
            result.Add(new Obligation(rule.RuleId, "failed-assessment-retraining", employment.EmploymentId, employment.EnterpriseName, failed.AssessedOn, null, status,
                met ? $"retrained {hours:0.##} hours and passed on {laterPass!.AssessedOn:uuuu-MM-dd}"
                    : $"failed on {failed.AssessedOn:uuuu-MM-dd}: {hours:0.##} of {standard} retraining hours, {(laterPass is null ? "no later pass" : "passed")}" +
                      (wentOff ? "; off post meanwhile" : "; still recorded on post")));
        }
    }

    /// <summary>A special-operation post is held only with a valid certificate of that work type (FR-20; SAWS Order 30).</summary>
    private static void SpecialOperationCertificate(EmploymentRecord employment, PostAssignment assignment, IReadOnlyList<Certificate> certificates,
        LocalDate on, bool onPost, List<Obligation> result)
    {
        if (assignment.SpecialOperationWorkType is not { } workType) return;
        var valid = certificates.FirstOrDefault(c => c.WorkType == workType && c.StatusOn(on) == CertificateStatus.Valid);
        var status = valid is not null ? ObligationStatus.Met : onPost ? ObligationStatus.Breached : ObligationStatus.Open;
        result.Add(new Obligation(FraudPatterns.OnPostWithoutCertificate, "special-operation-certificate", employment.EmploymentId, employment.EnterpriseName, employment.HiredOn, null, status,
            valid is not null ? $"certificate {valid.Number} valid on {on:uuuu-MM-dd}" : $"no valid {workType} certificate on {on:uuuu-MM-dd}"));
    }

    /// <summary>Team leaders rotation-trained by the deadline (JZ-TRN-06, HLJ-TRN-05).</summary>
    private static void TeamLeaderRotation(EmploymentRecord employment, PostAssignment assignment, List<TrainingAttended> attendance,
        EmploymentRules rules, LocalDate on, List<Obligation> result)
    {
        if (!assignment.TeamLeader) return;
        // The rotation duty arises while the programme is in force and persists after its window closes.
        var rule = rules.On(on).TeamLeaderRotationDeadline ?? rules.On(employment.HiredOn).TeamLeaderRotationDeadline;
        if (rule is null) return;
        var rotated = attendance.FirstOrDefault(a => a.Kind == TrainingKind.TeamLeaderRotation && a.Date <= rule.Value);
        var status = rotated is not null ? ObligationStatus.Met : on > rule.Value ? ObligationStatus.Breached : ObligationStatus.Open;
        result.Add(new Obligation(rule.RuleId, "team-leader-rotation", employment.EmploymentId, employment.EnterpriseName, employment.HiredOn, rule.Value, status,
            rotated is not null ? $"rotation training on {rotated.Date:uuuu-MM-dd}" : $"no rotation training by {rule.Value:uuuu-MM-dd}"));
    }

    /// <summary>Every employee assessed post by post every calendar year where HLJ-EXM-01 applies ([I] calendar year).</summary>
    private static void AnnualAssessment(EmploymentRecord employment, List<AssessmentRecorded> assessments, EmploymentRules rules, LocalDate on, List<Obligation> result)
    {
        for (var year = employment.HiredOn.Year; year <= on.Year; year++)
        {
            var yearEnd = new LocalDate(year, 12, 31);
            var judgedOn = yearEnd < on ? yearEnd : on;
            if (rules.On(judgedOn).AnnualAllStaffAssessment is not { Value: true } rule) continue;
            var done = assessments.Any(a => a.Kind == AssessmentKind.PostAssessment && a.AssessedOn.Year == year && a.EnterpriseId == employment.EnterpriseId);
            var status = done ? ObligationStatus.Met : year < on.Year ? ObligationStatus.Breached : ObligationStatus.Open;
            result.Add(new Obligation(rule.RuleId, "annual-post-assessment", employment.EmploymentId, employment.EnterpriseName, new LocalDate(year, 1, 1), yearEnd, status,
                done ? $"assessed in {year}" : $"no post assessment in {year}"));
        }
    }
}
