using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>
/// Each target of a programme computed from ledger facts for a period: the population on the evaluation day, who counts and
/// who does not and why. The person-level judgements come from <see cref="PersonObligations"/> where an obligation exists
/// (new-hire induction, retraining, FR-20 certificates, team-leader rotation), so a report and a person file never disagree.
/// </summary>
public static class ComplianceCalculator
{
    private static readonly HashSet<string> TrainingObligations =
        ["new-hire-induction", "post-change-retraining", "four-new-retraining", "return-to-post-retraining", "failed-assessment-retraining"];

    private static readonly HashSet<EducationLevel> QualifyingEducation =
        [EducationLevel.SecondaryVocational, EducationLevel.JuniorCollege, EducationLevel.Bachelor, EducationLevel.Master, EducationLevel.Doctorate];

    private sealed record Subject(Person Person, EmploymentRecord Employment, ReportEnterprise Enterprise, PostAssignment Post, PostPresence Presence,
        IReadOnlyList<Certificate> Certificates)
    {
        public ReportPerson Row(string detail) =>
            new(Person.Id, ResidentIdNumber.Mask(Person.IdNumber), Person.Name, Enterprise.Name, Post.Post, detail);
    }

    /// <param name="today">The business date now: a period still running is evaluated today, not at its end.</param>
    public static ComplianceReport Compute(ComplianceProgramme programme, ReportPeriod period, ComplianceFacts facts, PolicyCatalog policies, LocalDate today)
    {
        var on = period.To < today ? period.To : today;
        if (on < period.From) on = period.From;
        var subjects = Subjects(facts, on);
        var obligations = new Dictionary<Guid, IReadOnlyList<Obligation>>();
        IReadOnlyList<Obligation> ObligationsOf(Person p) =>
            obligations.TryGetValue(p.Id, out var o) ? o : obligations[p.Id] = PersonObligations.Evaluate(p, CertificatesOf(facts, p.Id), policies, on);

        var results = ComplianceCatalog.For(programme)
            .Select(t => Evaluate(t, programme, period, on, facts, subjects, ObligationsOf))
            .ToList();
        return new ComplianceReport(programme.Code, programme.Jurisdiction, programme.NameZh, programme.NameEn, programme.Document, programme.From, programme.Until,
            period.Label, period.From, period.To, on, programme.Overlaps(period.From, period.To), facts.Enterprises.Count,
            subjects.Where(s => s.Presence != PostPresence.Ended).Select(s => s.Person.Id).Distinct().Count(), results);
    }

    private static IReadOnlyList<Certificate> CertificatesOf(ComplianceFacts facts, Guid personId) =>
        facts.Certificates.TryGetValue(personId, out var c) ? c : [];

    /// <summary>Every employment with an in-scope enterprise that had begun and not ended on the day, with its post and presence then.</summary>
    private static List<Subject> Subjects(ComplianceFacts facts, LocalDate on)
    {
        var result = new List<Subject>();
        foreach (var person in facts.Persons)
        {
            foreach (var employment in person.Employments)
            {
                if (!facts.Enterprises.TryGetValue(employment.EnterpriseId, out var enterprise) || employment.HiredOn > on) continue;
                var changes = employment.Changes.Where(c => c.On <= on).ToList();
                var presence = PersonObligations.PresenceOn(changes);
                if (presence == PostPresence.Ended) continue;
                var post = changes.LastOrDefault(c => c.Assignment is not null)?.Assignment ?? employment.Assignment;
                result.Add(new Subject(person, employment, enterprise, post, presence, CertificatesOf(facts, person.Id)));
            }
        }
        return result.OrderBy(s => s.Enterprise.Name, StringComparer.Ordinal).ThenBy(s => s.Person.Name, StringComparer.Ordinal).ThenBy(s => s.Person.Id).ToList();
    }

    private static bool InPopulation(ComplianceTarget target, Subject s) => target.Population switch
    {
        TargetPopulation.HighRiskEnterprises => s.Enterprise.HighRisk,
        TargetPopulation.Industries => target.Industries.Contains(s.Enterprise.Industry),
        _ => true,
    };

    private static TargetResult Evaluate(ComplianceTarget target, ComplianceProgramme programme, ReportPeriod period, LocalDate on, ComplianceFacts facts,
        List<Subject> all, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var notes = new List<string>();
        if (target.Note is not null) notes.Add(target.Note);
        if (!programme.Overlaps(period.From, period.To))
            notes.Add($"The period lies outside the programme window ({programme.From:uuuu-MM-dd}–{programme.Until?.ToString("uuuu-MM-dd", null) ?? "open"}): the figures are informative.");
        if (target.Deadline is { } deadline && on < deadline && target.Threshold.Kind != ThresholdKind.Unquantified)
            notes.Add($"The document's deadline {deadline:uuuu-MM-dd} has not been reached on {on:uuuu-MM-dd}: a shortfall is still open, not yet a failure.");

        if (target.Measure == TargetMeasure.NotComputable)
            return Result(target, notes) with { Computable = false, NotComputable = target.NotComputable };

        var population = all.Where(s => InPopulation(target, s)).ToList();
        var onPost = population.Where(s => s.Presence == PostPresence.OnPost).ToList();
        return target.Measure switch
        {
            TargetMeasure.TrainedBeforePosting => Share(target, notes, onPost, s => TrainedBeforePosting(s, period, on, obligations)),
            TargetMeasure.TrainedBeforePostingExisting => Share(target, notes, onPost.Where(s => s.Employment.HiredOn < period.From).ToList(),
                s => TrainedBeforePosting(s, period, on, obligations)),
            TargetMeasure.TrainedBeforePostingNewHires => Share(target, notes, onPost.Where(s => s.Employment.HiredOn >= period.From).ToList(),
                s => TrainedBeforePosting(s, period, on, obligations)),
            TargetMeasure.SpecialOperationCertified => Share(target, notes, onPost.Where(s => s.Post.SpecialOperationWorkType is not null).ToList(),
                s => SpecialOperationCertified(s, on, obligations)),
            TargetMeasure.TeamLeadersTrained => Share(target, notes, onPost.Where(s => s.Post.TeamLeader).ToList(), s => TeamLeaderTrained(s, on, obligations)),
            TargetMeasure.TeamLeaderQualificationRise => Rise(target, notes, programme, on, facts, onPost.Where(s => s.Post.TeamLeader).ToList()),
            TargetMeasure.CertificateShare => WithGroups(Share(target, notes, population, s => Qualification(s, on, educationCounts: false)), population, target,
                s => Qualification(s, on, educationCounts: false).Counted),
            TargetMeasure.KeyPostUpgrade => Share(target, notes, onPost.Where(s => s.Post.KeyPost).ToList(), s => KeyPostUpgrade(s, on, certificate: false)),
            TargetMeasure.KeyPostUpgradeWithCertificate => Share(target, notes, onPost.Where(s => s.Post.KeyPost).ToList(), s => KeyPostUpgrade(s, on, certificate: true)),
            TargetMeasure.PersonTimesSpecialOperation => PersonTimes(target, notes, period, on, facts, all,
                a => a.Kind is TrainingKind.SpecialOperationInitial or TrainingKind.ReviewRefresher, highRiskOnly: false),
            TargetMeasure.PersonTimesHighRisk => PersonTimes(target, notes, period, on, facts, all, _ => true, highRiskOnly: true),
            TargetMeasure.Participation => Share(target, notes, population, s => Participated(s, period, on)),
            TargetMeasure.ExamTaking => Share(target, notes, population, s => SatExam(s, period, on)),
            TargetMeasure.ExamPass => Share(target, notes, population.Where(s => SatExam(s, period, on).Counted).ToList(), s => PassedExam(s, period, on)),
            TargetMeasure.SectorCoverage => SectorCoverage(target, notes, population, period, on),
            _ => throw new InvalidOperationException($"no calculation for {target.Measure}"),
        };
    }

    private static TargetResult Result(ComplianceTarget target, List<string> notes) => new(
        target.RuleId, target.Variant, target.TextZh, target.TextEn, target.Threshold.Kind, target.Threshold.Text, true, null, null, null, null, null, null, null,
        null, null, target.Deadline, notes, [], [], []);

    private static decimal? Ratio(int numerator, int denominator) => denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4);

    /// <summary>A share target: judged as numerator ≥ required × denominator, exactly, so 29.99…% never rounds up to 30%.</summary>
    private static TargetResult Share(ComplianceTarget target, List<string> notes, List<Subject> population, Func<Subject, (bool Counted, string Detail)> judge,
        decimal? requiredOverride = null)
    {
        var counted = new List<ReportPerson>();
        var missing = new List<ReportPerson>();
        foreach (var s in population)
        {
            var (ok, detail) = judge(s);
            (ok ? counted : missing).Add(s.Row(detail));
        }
        int n = counted.Count, d = population.Count;
        decimal? required = requiredOverride ?? (target.Threshold.Kind == ThresholdKind.Share ? target.Threshold.Value : null);
        bool? met = null;
        int? shortfall = null;
        if (d == 0) notes.Add("No one is in the population on the evaluation day (denominator 0): there is nothing to judge.");
        else if (required is { } r)
        {
            met = n >= r * d;
            shortfall = Math.Max(0, (int)Math.Ceiling(r * d) - n);
        }
        return Result(target, notes) with
        {
            Numerator = n, Denominator = d, Ratio = Ratio(n, d), Required = required, Met = met, Shortfall = shortfall, Counted = counted, Missing = missing,
        };
    }

    private static TargetResult WithGroups(TargetResult result, List<Subject> population, ComplianceTarget target, Func<Subject, bool> counted)
    {
        var groups = (target.Population == TargetPopulation.Industries ? target.Industries.AsEnumerable() : population.Select(s => s.Enterprise.Industry).Distinct().Order(StringComparer.Ordinal))
            .Select(industry =>
            {
                var members = population.Where(s => s.Enterprise.Industry == industry).ToList();
                var n = members.Count(counted);
                return new TargetGroup(industry, n, members.Count, Ratio(n, members.Count));
            }).ToList();
        return result with { Groups = groups };
    }

    /// <summary>Trained and assessed before posting: a pass on record (before the hiring day for a hire within the period) and no breached induction or retraining obligation.</summary>
    private static (bool, string) TrainedBeforePosting(Subject s, ReportPeriod period, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var breach = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && TrainingObligations.Contains(o.Kind)
                                                              && o.Status == ObligationStatus.Breached);
        if (breach is not null) return (false, $"{breach.RuleId}: {breach.Detail}");
        var newHire = s.Employment.HiredOn >= period.From;
        var latest = newHire ? s.Employment.HiredOn : on;
        var pass = s.Person.Assessments
            .Where(a => a.Passed && a.Kind != AssessmentKind.SpotCheck && a.AssessedOn <= latest && (a.EnterpriseId is null || a.EnterpriseId == s.Employment.EnterpriseId))
            .OrderBy(a => a.AssessedOn).LastOrDefault();
        if (pass is null)
            return (false, newHire ? $"hired {s.Employment.HiredOn:uuuu-MM-dd} without a passed assessment on or before that day" : "no passed training or post assessment on record");
        return (true, $"passed {pass.Kind} on {pass.AssessedOn:uuuu-MM-dd}");
    }

    private static (bool, string) SpecialOperationCertified(Subject s, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var o = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && o.Kind == "special-operation-certificate");
        if (o is not null) return (o.Status == ObligationStatus.Met, $"{o.RuleId}: {o.Detail}");
        var valid = s.Certificates.FirstOrDefault(c => c.WorkType == s.Post.SpecialOperationWorkType && c.StatusOn(on) == CertificateStatus.Valid);
        return valid is null ? (false, $"no valid {s.Post.SpecialOperationWorkType} certificate on {on:uuuu-MM-dd}") : (true, $"certificate {valid.Number} valid on {on:uuuu-MM-dd}");
    }

    /// <summary>Rotation-trained: the team-leader-rotation obligation where a deadline rule applies (JZ-TRN-06, HLJ-TRN-05), else any rotation training so far.</summary>
    private static (bool, string) TeamLeaderTrained(Subject s, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var o = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && o.Kind == "team-leader-rotation");
        if (o is not null)
            return (o.Status == ObligationStatus.Met, o.Status == ObligationStatus.Open ? $"{o.RuleId}: not yet rotation-trained; due by {o.Deadline:uuuu-MM-dd}" : $"{o.RuleId}: {o.Detail}");
        var rotation = s.Person.Attendance.Where(a => a.Kind == TrainingKind.TeamLeaderRotation && a.Date <= on).OrderBy(a => a.Date).FirstOrDefault();
        return rotation is null ? (false, $"no team-leader rotation training by {on:uuuu-MM-dd}") : (true, $"rotation training on {rotation.Date:uuuu-MM-dd}");
    }

    private static (bool Counted, string Detail) Qualification(Subject s, LocalDate on, bool educationCounts)
    {
        var certificate = s.Certificates.FirstOrDefault(c => c.Kind == CertificateKindCodes.VocationalQualification && c.StatusOn(on) == CertificateStatus.Valid);
        if (certificate is not null) return (true, $"vocational-qualification certificate {certificate.Number}");
        if (educationCounts && QualifyingEducation.Contains(s.Person.Education)) return (true, $"education {s.Person.Education}");
        return (false, educationCounts ? $"no valid vocational-qualification certificate; education {s.Person.Education}" : "no valid vocational-qualification certificate");
    }

    private static (bool, string) KeyPostUpgrade(Subject s, LocalDate on, bool certificate)
    {
        var upgrade = s.Person.Attendance.Where(a => a.Kind == TrainingKind.KeyPostUpgrade && a.Date <= on).OrderBy(a => a.Date).FirstOrDefault();
        if (upgrade is null) return (false, "no key-post upgrade (晋级) training");
        if (!certificate) return (true, $"upgrade training on {upgrade.Date:uuuu-MM-dd}");
        var q = Qualification(s, on, educationCounts: false);
        return q.Counted ? (true, $"upgrade training on {upgrade.Date:uuuu-MM-dd}; {q.Detail}") : (false, $"upgrade training on {upgrade.Date:uuuu-MM-dd} but {q.Detail}");
    }

    private static (bool, string) Participated(Subject s, ReportPeriod period, LocalDate on)
    {
        var hours = s.Person.Attendance.Where(a => a.Date >= period.From && a.Date <= on).Sum(a => a.Hours);
        return hours > 0 ? (true, $"{hours:0.##} hours of training in the period") : (false, "no training in the period");
    }

    private static IEnumerable<AssessmentRecorded> Exams(Subject s, ReportPeriod period, LocalDate on) =>
        s.Person.Assessments.Where(a => a.Kind != AssessmentKind.SpotCheck && a.AssessedOn >= period.From && a.AssessedOn <= on);

    private static (bool Counted, string Detail) SatExam(Subject s, ReportPeriod period, LocalDate on)
    {
        var exam = Exams(s, period, on).OrderBy(a => a.AssessedOn).FirstOrDefault();
        return exam is null ? (false, "no assessment in the period") : (true, $"assessed on {exam.AssessedOn:uuuu-MM-dd}");
    }

    private static (bool, string) PassedExam(Subject s, ReportPeriod period, LocalDate on)
    {
        var pass = Exams(s, period, on).Where(a => a.Passed).OrderBy(a => a.AssessedOn).FirstOrDefault();
        return pass is null ? (false, "sat but did not pass in the period") : (true, $"passed on {pass.AssessedOn:uuuu-MM-dd}");
    }

    /// <summary>Team-leader qualification share against a baseline: the one a bureau recorded, else the ledger's own share on the programme's first day.</summary>
    private static TargetResult Rise(ComplianceTarget target, List<string> notes, ComplianceProgramme programme, LocalDate on, ComplianceFacts facts, List<Subject> teamLeaders)
    {
        decimal baseline;
        string source;
        var stored = facts.Baselines.Where(b => b.RuleId == target.RuleId && b.Denominator > 0).OrderBy(b => b.RecordedAt).LastOrDefault();
        if (stored is not null)
        {
            baseline = Math.Round((decimal)stored.Numerator / stored.Denominator, 4);
            source = $"recorded by {stored.ActorOrganisation}: {stored.Numerator}/{stored.Denominator} on {stored.MeasuredOn:uuuu-MM-dd} ({stored.Source})";
        }
        else
        {
            var then = Subjects(facts, programme.BaselineOn).Where(s => s.Enterprise.HighRisk && s.Presence == PostPresence.OnPost && s.Post.TeamLeader).ToList();
            if (then.Count == 0 || programme.BaselineOn >= on)
                return Result(target, notes) with
                {
                    Computable = false,
                    NotComputable = $"No baseline was recorded for {target.RuleId}, and the ledger holds no team leaders on post on {programme.BaselineOn:uuuu-MM-dd} " +
                                    "(the programme's first day) to compute one: record it with POST /api/reports/compliance/{jurisdiction}/baselines.",
                };
            var qualifiedThen = then.Count(s => Qualification(s, programme.BaselineOn, educationCounts: true).Counted);
            baseline = Math.Round((decimal)qualifiedThen / then.Count, 4);
            source = $"[I] computed from the ledger on {programme.BaselineOn:uuuu-MM-dd}: {qualifiedThen}/{then.Count} (no baseline recorded; education as currently recorded)";
        }
        var required = target.Threshold.Kind == ThresholdKind.RiseRelative ? baseline * (1 + target.Threshold.Value) : baseline + target.Threshold.Value;
        if (required > 1) notes.Add($"The required share {required:P1} exceeds 100%: this reading of the target cannot be met from this baseline.");
        var result = Share(target, notes, teamLeaders, s => Qualification(s, on, educationCounts: true), Math.Round(required, 4));
        return result with { Baseline = baseline, BaselineSource = source };
    }

    /// <summary>Person-times: one person in one class in the period is one (rules.md 7.2 [I]), for classes held in the report's jurisdiction.</summary>
    private static TargetResult PersonTimes(ComplianceTarget target, List<string> notes, ReportPeriod period, LocalDate on, ComplianceFacts facts, List<Subject> subjects,
        Func<TrainingAttended, bool> include, bool highRiskOnly)
    {
        var counted = new List<ReportPerson>();
        var total = 0;
        var firstSubject = subjects.GroupBy(s => s.Person.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var person in facts.Persons)
        {
            var classes = person.Attendance
                .Where(a => a.Date >= period.From && a.Date <= on && facts.Jurisdictions.Contains(a.Jurisdiction) && include(a))
                .Where(a => !highRiskOnly || person.Employments.Any(e => facts.Enterprises.TryGetValue(e.EnterpriseId, out var ent) && ent.HighRisk
                                                                         && e.HiredOn <= a.Date && (e.EndedOn is not { } end || end > a.Date)))
                .Select(a => a.ClassId).Distinct().Count();
            if (classes == 0) continue;
            total += classes;
            var subject = firstSubject.GetValueOrDefault(person.Id);
            counted.Add(new ReportPerson(person.Id, ResidentIdNumber.Mask(person.IdNumber), person.Name, subject?.Enterprise.Name ?? "", subject?.Post.Post ?? "",
                $"{classes} person-time(s)"));
        }
        var required = target.Threshold.Value;
        if (period.Kind != PeriodKind.Year || period.From.Year != 2020)
            notes.Add("The document sets this count for the year 2020; other periods are shown against the same annual figure.");
        return Result(target, notes) with
        {
            Numerator = total, Required = required, Met = total >= required, Shortfall = Math.Max(0, (int)required - total),
            Counted = counted.OrderBy(c => c.Enterprise, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
        };
    }

    private static TargetResult SectorCoverage(ComplianceTarget target, List<string> notes, List<Subject> population, ReportPeriod period, LocalDate on)
    {
        var groups = population.GroupBy(s => s.Enterprise.Industry).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var trained = g.Count(s => Participated(s, period, on).Item1);
                return new TargetGroup(g.Key, trained, g.Count(), Ratio(trained, g.Count()));
            }).ToList();
        var covered = groups.Count(g => g.Numerator > 0);
        if (groups.Count == 0) notes.Add("No enterprise of the jurisdiction has employees on the evaluation day (denominator 0).");
        return Result(target, notes) with
        {
            Numerator = covered, Denominator = groups.Count, Ratio = Ratio(covered, groups.Count), Required = 1m,
            Met = groups.Count == 0 ? null : covered == groups.Count, Shortfall = groups.Count - covered, Groups = groups,
        };
    }
}
