using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>Everything the ledger knows that bears on one roster line, gathered before the line is judged.</summary>
public sealed record LineFacts(
    int LineNo,
    string RosterName,
    string RosterWorkType,
    SubsidyKind Kind,
    decimal? RequestedAmount,
    Person? Person,
    Certificate? Certificate,
    IReadOnlyList<TrainingClass> Classes);

public sealed record ClaimContext(
    string Jurisdiction,
    Enterprise Enterprise,
    Institution Institution,
    LocalDate TrainingFrom,
    LocalDate TrainingUntil,
    LocalDate ApplicationDate);

public sealed record LineAssessment(SubsidyKind Kind, string Cycle, LocalDate? EventDate, decimal EntitledAmount, IReadOnlyList<Finding> Findings)
{
    public bool Eligible => Findings.All(f => !f.Blocking);
}

/// <summary>
/// Judges a roster line at submission: what the certificate event earns under the pack in force on its date, and
/// every check of rules.md section 4 that the ledger's facts can answer. Blocking findings zero the line; the
/// others are flags, with their evidence, for the reviewer.
/// </summary>
public static class ClaimAssessor
{
    public static LineAssessment Assess(LineFacts facts, ClaimContext context, PolicyCatalog policies, CertificateCatalog catalog)
    {
        var findings = new List<Finding>();
        void Block(string rule, Severity severity, string evidence) => findings.Add(new Finding(rule, severity, true, evidence));
        void Flag(string rule, Severity severity, string evidence) => findings.Add(new Finding(rule, severity, false, evidence));

        var person = facts.Person;
        var certificate = facts.Certificate;
        if (person is null) Block(FraudPatterns.UnverifiableCertificate, Severity.High, "the ID number on the roster is not registered in the ledger");
        if (certificate is null) Block(FraudPatterns.UnverifiableCertificate, Severity.High, "the certificate number is not in the ledger");
        if (person is null || certificate is null) return new LineAssessment(facts.Kind, "unknown", null, 0m, findings);

        if (certificate.PersonId != person.Id) Block(FraudPatterns.UnverifiableCertificate, Severity.High, $"certificate {certificate.Number} belongs to another person");
        if (!string.Equals(person.Name, facts.RosterName.Trim(), StringComparison.Ordinal)) Block(FraudPatterns.UnverifiableCertificate, Severity.High, "the roster name differs from the registered name");
        if (certificate.WorkType is not null && certificate.WorkType != facts.RosterWorkType)
            Block(FraudPatterns.UnverifiableCertificate, Severity.High, $"the roster work type {facts.RosterWorkType} differs from the certificate's {certificate.WorkType}");

        // The subsidy event: an initial issue, or the latest passed review by the application date (one per cycle, TZ-SUB-04).
        LocalDate? eventDate;
        string cycle;
        if (facts.Kind == SubsidyKind.SpecialOperationReview)
        {
            var reviews = PassedReviews(certificate).Select(c => c.EffectiveOn).ToList();
            // TZ-SUB-04 with "复审（换证）": where the pack says so, the renewal that issued this certificate is its review.
            if (certificate.SupersessionKind == SupersessionKind.Renewal
                && policies.For(context.Jurisdiction, certificate.IssuedOn, IndustryCatalog.Default.IsHighRisk(context.Enterprise.Industry)).Parameters
                    .ReviewSubsidyIncludesRenewal is { Value: true })
                reviews.Add(certificate.IssuedOn);
            var review = reviews.Where(d => d <= context.ApplicationDate).Order().Select(d => (LocalDate?)d).LastOrDefault();
            eventDate = review;
            cycle = review is null ? "review:none" : $"review:{review:uuuu-MM-dd}";
            if (review is null) Block(FraudPatterns.WrongSubsidyEvent, Severity.Medium, "a review subsidy is claimed but the certificate has no passed review");
        }
        else
        {
            eventDate = certificate.IssuedOn;
            cycle = "initial";
            if (certificate.Supersedes is not null)
                Block(FraudPatterns.WrongSubsidyEvent, Severity.Medium, "an initial-issue subsidy is claimed for a renewed or replacement certificate");
            var expectedKind = facts.Kind == SubsidyKind.SafetyQualificationInitial ? CertificateKindCodes.SafetyQualification : CertificateKindCodes.SpecialOperation;
            if (certificate.Kind != expectedKind) Block(FraudPatterns.WrongSubsidyEvent, Severity.Medium, $"a {facts.Kind} subsidy is claimed for a {certificate.Kind} certificate");
        }

        var on = eventDate ?? context.ApplicationDate;
        var highRisk = IndustryCatalog.Default.IsHighRisk(context.Enterprise.Industry);
        var p = policies.For(context.Jurisdiction, on, highRisk).Parameters;
        Rule<SubsidyAmount>? Rate(PolicyParameters q) => facts.Kind switch
        {
            SubsidyKind.SpecialOperationInitial => q.SubsidySpecialOperationInitial,
            SubsidyKind.SpecialOperationReview => q.SubsidySpecialOperationReview,
            _ => q.SubsidySafetyQualificationInitial,
        };
        var rate = Rate(p);
        // HLJ-SUB-02 "一是高危企业特种作业人员…给予1000元/人": a subsidy written for high-risk enterprises is refused, under its own rule, to any other.
        if (rate is null && !highRisk && Rate(policies.For(context.Jurisdiction, on).Parameters) is { Scope: RuleScope.HighRiskEnterprises } scoped)
            Block(scoped.RuleId, Severity.High,
                $"{context.Enterprise.Name} is not a high-risk enterprise (industry {context.Enterprise.Industry}); the {facts.Kind} subsidy of {context.Jurisdiction} is for high-risk enterprises only");
        else if (rate is null) Block(FraudPatterns.WrongSubsidyEvent, Severity.Medium, $"no {facts.Kind} subsidy is set for {context.Jurisdiction} on {on:uuuu-MM-dd}");

        var status = certificate.StatusOn(context.ApplicationDate);
        if (status is CertificateStatus.Revoked) Block(FraudPatterns.CertificateByDeception, Severity.High, $"certificate {certificate.Number} is revoked");
        else if (status is not (CertificateStatus.Valid or CertificateStatus.Superseded))
            Block(FraudPatterns.UnverifiableCertificate, Severity.High, $"certificate {certificate.Number} is {status} on the application date");
        // Judged again later (an audit of what the ledger knew), a revocation dated after the application still counts against the line.
        else if (certificate.Standing == CertificateStanding.Revoked)
            Flag(FraudPatterns.CertificateByDeception, Severity.High, $"certificate {certificate.Number} was revoked on {certificate.Changes.Last(c => c.Standing == CertificateStanding.Revoked).EffectiveOn:uuuu-MM-dd}, after the application");
        if (eventDate is { } d && d > context.ApplicationDate) Block(FraudPatterns.TemporalImpossibility, Severity.Medium, "the claim predates the certificate event it claims for");

        Employment(person, context, on, p, Block);
        Residency(person, on, p, Block, Flag);
        Institution(facts.RosterWorkType, context, p, policies, Block, Flag);
        Training(facts, person, certificate, context, p, catalog, Flag);
        UncertifiedOnPost(person, certificate, facts.RosterWorkType, Flag);
        if (catalog.FindWorkType(facts.RosterWorkType) is { RequiresSeniorSecondary: true } && !person.Education.IsSeniorSecondaryOrAbove())
            Flag(FraudPatterns.EducationUnmet, Severity.High, $"the holder's recorded education is {person.Education}");

        var entitled = findings.Any(f => f.Blocking) || rate is null ? 0m : rate.Value.Resolve(facts.RequestedAmount);
        return new LineAssessment(facts.Kind, cycle, eventDate, entitled, findings);
    }

    /// <summary>
    /// The certificate's passed reviews (复审), the only events besides the first issue that earn a subsidy (TZ-SUB-04). A change back
    /// to Active that follows a suspension is the reinstatement of the same certificate, not a review: the decider refuses to
    /// review a suspended certificate, so a passed review never directly follows a suspension in the recorded changes.
    /// </summary>
    public static IEnumerable<CertificateChange> PassedReviews(Certificate certificate)
    {
        for (var i = 1; i < certificate.Changes.Count; i++)
        {
            var change = certificate.Changes[i];
            if (change.Standing == CertificateStanding.Active && certificate.Changes[i - 1].Standing != CertificateStanding.Suspended)
                yield return change;
        }
    }

    private static void Employment(Person person, ClaimContext context, LocalDate on, PolicyParameters p, Action<string, Severity, string> block)
    {
        if (p.SubsidyEmploymentRequired is not { Value: true } rule) return;
        bool Covers(EmploymentRecord e, LocalDate d) => e.EnterpriseId == context.Enterprise.Id && e.HiredOn <= d && (e.EndedOn is null || e.EndedOn >= d);
        if (!person.Employments.Any(e => Covers(e, context.ApplicationDate) || Covers(e, on)))
            block(FraudPatterns.NoLabourRelation, Severity.High, $"no employment with {context.Enterprise.Name} on the certificate date or the application date ({rule.RuleId})");
    }

    /// <summary>FR-20: the person held the special-operation post before the certificate for it existed.</summary>
    private static void UncertifiedOnPost(Person person, Certificate certificate, string workType, Action<string, Severity, string> flag)
    {
        foreach (var employment in person.Employments)
        {
            var postedOn = employment.Changes.Where(c => c.Assignment?.SpecialOperationWorkType == workType).Select(c => (LocalDate?)c.On).FirstOrDefault();
            if (postedOn is { } on && on < certificate.IssuedOn)
                flag(FraudPatterns.OnPostWithoutCertificate, Severity.High, $"on the {workType} post at {employment.EnterpriseName} from {on:uuuu-MM-dd}, before the certificate was issued on {certificate.IssuedOn:uuuu-MM-dd}");
        }
    }

    private static void Residency(Person person, LocalDate on, PolicyParameters p, Action<string, Severity, string> block, Action<string, Severity, string> flag)
    {
        if (p.SubsidyResidency is not { } rule) return;
        var local = rule.Value.HukouDistricts.Any(d => person.HukouDistrict.Contains(d, StringComparison.Ordinal));
        // The household registration is what registration typed in, not a record of the public-security authority that holds it:
        // a line eligible by 本区户籍 alone says so, for the reviewer to check against the hukou record.
        if (local && person.SocialInsurance.Count(m => m.Region == rule.Value.InsuranceRegion && m.Month.ToDateInterval().End <= on) < rule.Value.InsuranceMonths)
            flag(FraudPatterns.IneligibleClaimant, Severity.Low, $"eligible by household registration {person.HukouDistrict} as registered, not verified with the public-security hukou record ({rule.RuleId})");
        // "满3个月": a month counts once it has been paid in full, that is once its last day is on or before the day judged.
        var months = person.SocialInsurance.Count(m => m.Region == rule.Value.InsuranceRegion && m.Month.ToDateInterval().End <= on);
        if (!local && months < rule.Value.InsuranceMonths)
            block(FraudPatterns.IneligibleClaimant, Severity.High, $"household registration {person.HukouDistrict} is not local and {months} of {rule.Value.InsuranceMonths} months of local social insurance are recorded ({rule.RuleId})");
    }

    private static void Institution(string workType, ClaimContext context, PolicyParameters p, PolicyCatalog policies, Action<string, Severity, string> block,
        Action<string, Severity, string> flag)
    {
        var institution = context.Institution;
        foreach (var day in new[] { context.TrainingFrom, context.TrainingUntil }.Distinct())
        {
            if (!institution.MayTrainOn(workType, day, policies, out var ruleId, out var reason))
                block(ruleId == InstitutionRules.Cite(policies, institution.Jurisdiction, day, InstitutionRules.PracticalConditions)
                    ? FraudPatterns.NoPracticalConditions : FraudPatterns.UnqualifiedInstitution, Severity.High, $"{reason} ({ruleId})");
            if (p.SubsidyInstitutionListed is { Value: true } listed && !institution.IsListedOn(day))
                block(FraudPatterns.UnqualifiedInstitution, Severity.High, $"{institution.Name} was not in the HR catalogue on {day:uuuu-MM-dd} ({listed.RuleId})");
            if (institution.IsExamPointOn(day)) flag(FraudPatterns.ExamPointTrains, Severity.Medium, $"{institution.Name} was also an exam point on {day:uuuu-MM-dd}");
        }
    }

    private static void Training(LineFacts facts, Person person, Certificate certificate, ClaimContext context, PolicyParameters p,
        CertificateCatalog catalog, Action<string, Severity, string> flag)
    {
        var attended = person.Attendance.Where(a => a.ProviderId == context.Institution.Id && a.WorkType == facts.RosterWorkType).ToList();
        if (attended.Count == 0)
        {
            flag(FraudPatterns.TrainingShorterThanRequired, Severity.High, $"no attendance at {context.Institution.Name} for {facts.RosterWorkType} is recorded");
            return;
        }
        foreach (var group in attended.GroupBy(a => a.ClassId))
        {
            var trainingClass = facts.Classes.FirstOrDefault(c => c.Id == group.Key);
            var hours = group.Sum(a => a.Hours);
            if (trainingClass is not null && hours < trainingClass.RequiredHours)
                flag(FraudPatterns.TrainingShorterThanRequired, Severity.High, $"{hours:0.##} of {trainingClass.RequiredHours:0.##} syllabus hours attended in class {trainingClass.Course}");
            if (trainingClass is not null && p.VideoRetentionCoversCertificateValidity is { Value: true } video)
            {
                foreach (var a in group.Where(a => a.Mode != SessionMode.Online))
                {
                    var session = trainingClass.Session(a.SessionId);
                    if (session?.Video is null) flag(FraudPatterns.MissingTrainingVideo, Severity.High, $"no video of the {a.Mode} session on {a.Date:uuuu-MM-dd} ({video.RuleId})");
                    else if (certificate.ValidUntil is { } until && session.Video.RetainUntil < until)
                        flag(FraudPatterns.MissingTrainingVideo, Severity.High, $"video of {a.Date:uuuu-MM-dd} is kept until {session.Video.RetainUntil:uuuu-MM-dd}, before the certificate expires on {until:uuuu-MM-dd} ({video.RuleId})");
                }
            }
        }
        var first = attended.Min(a => a.Date);
        var last = attended.Max(a => a.Date);
        if (first < context.TrainingFrom || last > context.TrainingUntil)
            flag(FraudPatterns.TemporalImpossibility, Severity.Medium, $"attendance from {first:uuuu-MM-dd} to {last:uuuu-MM-dd} falls outside the form's training period");
        if (certificate.IssuedOn < last) flag(FraudPatterns.TemporalImpossibility, Severity.Medium, $"the certificate was issued on {certificate.IssuedOn:uuuu-MM-dd}, before training ended on {last:uuuu-MM-dd}");
        // [I] More than 12 hours credited on one day across classes cannot all have been attended.
        foreach (var day in person.Attendance.GroupBy(a => a.Date).Where(g => g.Select(a => a.ClassId).Distinct().Count() > 1 && g.Sum(a => a.Hours) > 12))
            flag(FraudPatterns.ConcurrentTraining, Severity.Medium, $"{day.Sum(a => a.Hours):0.##} hours credited on {day.Key:uuuu-MM-dd} in {day.Select(a => a.ClassId).Distinct().Count()} classes");
    }

    /// <summary>Form-level arithmetic (FR-12): counts and amounts the enterprise typed against the roster and the computed entitlements.</summary>
    public static IReadOnlyList<Finding> FormFindings(IReadOnlyList<WorkTypeCount> workTypes, int certifiedCount, decimal requestedAmount, IReadOnlyList<ClaimLine> lines)
    {
        var findings = new List<Finding>();
        foreach (var group in lines.GroupBy(l => l.WorkType))
        {
            var declared = workTypes.Where(w => w.WorkType == group.Key).Sum(w => w.Count);
            if (declared != group.Count()) findings.Add(new Finding(FraudPatterns.AmountsInconsistent, Severity.Medium, false, $"{declared} declared for {group.Key}, {group.Count()} on the roster"));
        }
        foreach (var w in workTypes.Where(w => lines.All(l => l.WorkType != w.WorkType)))
            findings.Add(new Finding(FraudPatterns.AmountsInconsistent, Severity.Medium, false, $"{w.Count} declared for {w.WorkType}, none on the roster"));
        // 取证人数 is the number who obtained a certificate: every roster line whose certificate the ledger holds, eligible for the subsidy or not.
        var certified = lines.Count(l => l.CertificateId is not null);
        if (certifiedCount != certified) findings.Add(new Finding(FraudPatterns.AmountsInconsistent, Severity.Medium, false, $"{certifiedCount} certified declared, {certified} roster lines hold a certificate in the ledger"));
        var entitled = lines.Sum(l => l.EntitledAmount);
        if (requestedAmount != entitled)
            findings.Add(new Finding(FraudPatterns.AmountsInconsistent, Severity.Medium, false, $"{requestedAmount:0.00} CNY requested, {entitled:0.00} CNY entitled: a difference of {requestedAmount - entitled:0.00}"));
        return findings;
    }
}
