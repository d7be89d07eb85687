using Ledger.Domain.Catalogue;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>Where a report's persons go as the report is computed: kept in memory, or spilled to files and streamed.</summary>
public interface IComplianceRows
{
    /// <param name="target">The target's index in the programme's catalogue.</param>
    void Add(int target, bool counted, ReportPerson person);

    /// <summary>The target turned out not computable (no baseline to measure against): its persons are not shown.</summary>
    void Discard(int target);
}

/// <summary>The persons behind each figure, kept in lists (reports of a test world, the console's page).</summary>
public sealed class ComplianceRowLists : IComplianceRows
{
    private readonly Dictionary<int, (List<ReportPerson> Counted, List<ReportPerson> Missing)> _rows = [];

    public void Add(int target, bool counted, ReportPerson person)
    {
        if (!_rows.TryGetValue(target, out var lists)) _rows[target] = lists = ([], []);
        (counted ? lists.Counted : lists.Missing).Add(person);
    }

    public void Discard(int target) => _rows.Remove(target);

    public IReadOnlyList<ReportPerson> Counted(int target) => _rows.TryGetValue(target, out var l) ? l.Counted : [];

    public IReadOnlyList<ReportPerson> Missing(int target) => _rows.TryGetValue(target, out var l) ? l.Missing : [];

    /// <summary>The report with each target's persons filled in.</summary>
    public ComplianceReport Fill(ComplianceReport report) =>
        report with { Targets = report.Targets.Select((t, i) => t with { Counted = Counted(i), Missing = Missing(i) }).ToList() };
}

/// <summary>
/// Each target of a programme computed from ledger facts for a period: the population on the evaluation day, who counts and
/// who does not and why. The person-level judgements come from <see cref="PersonObligations"/> where an obligation exists
/// (new-hire induction, retraining, FR-20 certificates, team-leader rotation), so a report and a person file never disagree.
/// </summary>
public static class ComplianceCalculator
{
    /// <param name="today">The business date now: a period still running is evaluated today, not at its end.</param>
    public static ComplianceReport Compute(ComplianceProgramme programme, ReportPeriod period, ComplianceFacts facts, PolicyCatalog policies, LocalDate today)
    {
        var rows = new ComplianceRowLists();
        var report = new ComplianceAccumulator(programme, period, facts.Jurisdictions, facts.Enterprises, facts.Baselines, policies, today, rows);
        var byEnterprise = facts.Persons
            .SelectMany(p => p.Employments.Select(e => e.EnterpriseId).Distinct().Select(e => (Enterprise: e, Person: p)))
            .ToLookup(x => x.Enterprise, x => x.Person);
        foreach (var enterprise in report.EnterpriseOrder)
            foreach (var person in ComplianceAccumulator.InOrder(byEnterprise[enterprise.Id]))
                report.Add(enterprise, person, facts.Certificates.TryGetValue(person.Id, out var c) ? c : []);
        return rows.Fill(report.Finish());
    }
}

/// <summary>
/// The report as a fold over the jurisdiction's employees, so a province is never held in memory: the caller feeds each
/// enterprise of <see cref="EnterpriseOrder"/> in turn with the persons ever employed there (<see cref="InOrder"/>: by name,
/// then id) and their certificates, a page at a time; the persons behind each figure go to an <see cref="IComplianceRows"/>
/// as they are judged, in the order of the report (enterprise, name, person), and only counts are kept here.
/// </summary>
public sealed class ComplianceAccumulator
{
    private static readonly HashSet<string> TrainingObligations =
        ["new-hire-induction", "post-change-retraining", "four-new-retraining", "return-to-post-retraining", "failed-assessment-retraining"];

    private static readonly HashSet<EducationLevel> QualifyingEducation =
        [EducationLevel.SecondaryVocational, EducationLevel.JuniorCollege, EducationLevel.Bachelor, EducationLevel.Master, EducationLevel.Doctorate];

    private sealed record Subject(Person Person, EmploymentRecord Employment, ReportEnterprise Enterprise, PostAssignment Post, PostPresence Presence,
        IReadOnlyList<Certificate> Certificates)
    {
        public ReportPerson Row(DisplayName detail) =>
            new(Person.Id, Person.IdNumberMasked, Person.Name, Enterprise.Name, Post.Post, detail.En, detail.Zh);
    }

    private sealed class Tally(ComplianceTarget target)
    {
        public ComplianceTarget Target { get; } = target;
        public int Numerator, Denominator, Total, ThenTeamLeaders, ThenQualified;
        public readonly Dictionary<string, (int N, int D)> Groups = new(StringComparer.Ordinal);
        public List<ReportPerson> PersonTimes { get; } = [];
    }

    private readonly ComplianceProgramme _programme;
    private readonly ReportPeriod _period;
    private readonly IReadOnlySet<string> _jurisdictions;
    private readonly IReadOnlyDictionary<Guid, ReportEnterprise> _enterprises;
    private readonly IReadOnlyList<ComplianceBaselineRecorded> _baselines;
    private readonly PolicyCatalog _policies;
    private readonly IComplianceRows _rows;
    private readonly LocalDate _on;
    private readonly List<Tally> _tallies;
    private readonly Dictionary<Guid, int> _order;
    private int _employees;

    public ComplianceAccumulator(ComplianceProgramme programme, ReportPeriod period, IReadOnlySet<string> jurisdictions,
        IReadOnlyDictionary<Guid, ReportEnterprise> enterprises, IReadOnlyList<ComplianceBaselineRecorded> baselines, PolicyCatalog policies, LocalDate today,
        IComplianceRows rows)
    {
        _programme = programme;
        _period = period;
        _jurisdictions = jurisdictions;
        _enterprises = enterprises;
        _baselines = baselines;
        _policies = policies;
        _rows = rows;
        var on = period.To < today ? period.To : today;
        _on = on < period.From ? period.From : on;
        _tallies = ComplianceCatalog.For(programme).Select(t => new Tally(t)).ToList();
        EnterpriseOrder = enterprises.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
        _order = EnterpriseOrder.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
    }

    /// <summary>The report's enterprises in the order the report lists their employees.</summary>
    public IReadOnlyList<ReportEnterprise> EnterpriseOrder { get; }

    /// <summary>The order of an enterprise's persons in the report.</summary>
    public static IEnumerable<Person> InOrder(IEnumerable<Person> persons) => persons.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id);

    /// <summary>One person ever employed by <paramref name="enterprise"/>, with the person's certificates.</summary>
    public void Add(ReportEnterprise enterprise, Person person, IReadOnlyList<Certificate> certificates)
    {
        IReadOnlyList<Obligation>? obligations = null;
        IReadOnlyList<Obligation> Obligations(Person p) => obligations ??= PersonObligations.Evaluate(p, certificates, _policies, _on, id => _enterprises.TryGetValue(id, out var e) && e.HighRisk);

        foreach (var s in Subjects(person, enterprise, certificates, _on))
            for (var i = 0; i < _tallies.Count; i++)
                Judge(i, _tallies[i], s, Obligations);
        foreach (var s in Subjects(person, enterprise, certificates, _programme.BaselineOn))
            foreach (var t in _tallies.Where(t => t.Target.Measure == TargetMeasure.TeamLeaderQualificationRise))
                if (s.Enterprise.HighRisk && s.Presence == PostPresence.OnPost && s.Post.TeamLeader)
                {
                    t.ThenTeamLeaders++;
                    if (Qualification(s, _programme.BaselineOn, educationCounts: true).Counted) t.ThenQualified++;
                }

        // What is counted once per person, where the report first meets the person: at the first of its enterprises.
        var first = person.Employments.Select(e => e.EnterpriseId).Where(_order.ContainsKey).MinBy(id => _order[id]);
        if (first != enterprise.Id) return;
        var everywhere = person.Employments.Select(e => e.EnterpriseId).Distinct().Where(_order.ContainsKey).OrderBy(id => _order[id])
            .SelectMany(id => Subjects(person, _enterprises[id], certificates, _on)).ToList();
        if (everywhere.Count > 0) _employees++;
        foreach (var t in _tallies)
        {
            if (t.Target.Measure == TargetMeasure.PersonTimesSpecialOperation)
                PersonTimes(t, person, everywhere.FirstOrDefault(), a => a.Kind is TrainingKind.SpecialOperationInitial or TrainingKind.ReviewRefresher, highRiskOnly: false);
            else if (t.Target.Measure == TargetMeasure.PersonTimesHighRisk)
                PersonTimes(t, person, everywhere.FirstOrDefault(), _ => true, highRiskOnly: true);
        }
    }

    /// <summary>The person's employments with this enterprise that had begun and not ended on the day, with the post and presence then.</summary>
    private static IEnumerable<Subject> Subjects(Person person, ReportEnterprise enterprise, IReadOnlyList<Certificate> certificates, LocalDate on)
    {
        foreach (var employment in person.Employments)
        {
            if (employment.EnterpriseId != enterprise.Id || employment.HiredOn > on) continue;
            var changes = employment.Changes.Where(c => c.On <= on).ToList();
            var presence = PersonObligations.PresenceOn(changes);
            if (presence == PostPresence.Ended) continue;
            var post = changes.LastOrDefault(c => c.Assignment is not null)?.Assignment ?? employment.Assignment;
            yield return new Subject(person, employment, enterprise, post, presence, certificates);
        }
    }

    private static bool InPopulation(ComplianceTarget target, Subject s) => target.Population switch
    {
        TargetPopulation.HighRiskEnterprises => s.Enterprise.HighRisk,
        TargetPopulation.Industries => target.Industries.Contains(s.Enterprise.Industry),
        _ => true,
    };

    private void Judge(int index, Tally t, Subject s, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        if (!InPopulation(t.Target, s)) return;
        var onPost = s.Presence == PostPresence.OnPost;
        (bool, DisplayName)? verdict = t.Target.Measure switch
        {
            TargetMeasure.TrainedBeforePosting when onPost => TrainedBeforePosting(s, _period, _on, obligations),
            TargetMeasure.TrainedBeforePostingExisting when onPost && s.Employment.HiredOn < _period.From => TrainedBeforePosting(s, _period, _on, obligations),
            TargetMeasure.TrainedBeforePostingNewHires when onPost && s.Employment.HiredOn >= _period.From => TrainedBeforePosting(s, _period, _on, obligations),
            TargetMeasure.SpecialOperationCertified when onPost && s.Post.SpecialOperationWorkType is not null => SpecialOperationCertified(s, _on, obligations),
            TargetMeasure.TeamLeadersTrained when onPost && s.Post.TeamLeader => TeamLeaderTrained(s, _on, obligations),
            TargetMeasure.TeamLeaderQualificationRise when onPost && s.Post.TeamLeader && RiseComputable(t) != false => Qualification(s, _on, educationCounts: true),
            TargetMeasure.CertificateShare => Qualification(s, _on, educationCounts: false),
            TargetMeasure.KeyPostUpgrade when onPost && s.Post.KeyPost => KeyPostUpgrade(s, _on, certificate: false),
            TargetMeasure.KeyPostUpgradeWithCertificate when onPost && s.Post.KeyPost => KeyPostUpgrade(s, _on, certificate: true),
            TargetMeasure.Participation => Participated(s, _period, _on),
            TargetMeasure.ExamTaking => SatExam(s, _period, _on),
            TargetMeasure.ExamPass when SatExam(s, _period, _on).Counted => PassedExam(s, _period, _on),
            _ => null,
        };
        if (t.Target.Measure == TargetMeasure.SectorCoverage)
        {
            var g = t.Groups.GetValueOrDefault(s.Enterprise.Industry);
            t.Groups[s.Enterprise.Industry] = (g.N + (Participated(s, _period, _on).Item1 ? 1 : 0), g.D + 1);
            return;
        }
        if (verdict is not var (counted, detail)) return;
        t.Denominator++;
        if (counted) t.Numerator++;
        _rows.Add(index, counted, s.Row(detail));
        if (t.Target.Measure == TargetMeasure.CertificateShare)
        {
            var g = t.Groups.GetValueOrDefault(s.Enterprise.Industry);
            t.Groups[s.Enterprise.Industry] = (g.N + (counted ? 1 : 0), g.D + 1);
        }
    }

    /// <summary>A rise needs a baseline: recorded by the bureau, or the ledger's own on the programme's first day (null: not known until the end).</summary>
    private bool? RiseComputable(Tally t) =>
        StoredBaseline(t.Target) is not null ? true : _programme.BaselineOn >= _on ? false : null;

    private ComplianceBaselineRecorded? StoredBaseline(ComplianceTarget target) =>
        _baselines.Where(b => b.RuleId == target.RuleId && b.Denominator > 0).OrderBy(b => b.RecordedAt).LastOrDefault();

    /// <summary>Person-times: one person in one class in the period is one (rules.md 7.2 [I]), for classes held in the report's jurisdiction.</summary>
    private void PersonTimes(Tally t, Person person, Subject? subject, Func<TrainingAttended, bool> include, bool highRiskOnly)
    {
        var classes = person.Attendance
            .Where(a => a.Date >= _period.From && a.Date <= _on && _jurisdictions.Contains(a.Jurisdiction) && include(a))
            .Where(a => !highRiskOnly || person.Employments.Any(e => _enterprises.TryGetValue(e.EnterpriseId, out var ent) && ent.HighRisk
                                                                     && e.HiredOn <= a.Date && (e.EndedOn is not { } end || end > a.Date)))
            .Select(a => a.ClassId).Distinct().Count();
        if (classes == 0) return;
        t.Total += classes;
        _rows.Add(_tallies.IndexOf(t), true, new ReportPerson(person.Id, person.IdNumberMasked, person.Name, subject?.Enterprise.Name ?? "", subject?.Post.Post ?? "",
            $"{classes} person-time(s)", $"{classes} 人次"));
    }

    /// <summary>The figures; the persons behind them went to the rows as they were judged.</summary>
    public ComplianceReport Finish()
    {
        var results = _tallies.Select((t, i) => Result(i, t)).ToList();
        return new ComplianceReport(_programme.Code, _programme.Jurisdiction, _programme.NameZh, _programme.NameEn, _programme.Document, _programme.From, _programme.Until,
            _period.Label, _period.From, _period.To, _on, _programme.Overlaps(_period.From, _period.To), _enterprises.Count, _employees, results);
    }

    private TargetResult Result(int index, Tally t)
    {
        var target = t.Target;
        var notes = new NoteList();
        if (target.Note is not null) notes.Add(ComplianceCatalog.NotesZh.GetValueOrDefault(target.Key, target.Note), target.Note);
        if (!_programme.Overlaps(_period.From, _period.To))
            notes.Add($"统计期不在方案期限（{_programme.From:uuuu-MM-dd}–{_programme.Until?.ToString("uuuu-MM-dd", null) ?? "长期"}）内：数字仅供参考。",
                $"The period lies outside the programme window ({_programme.From:uuuu-MM-dd}–{_programme.Until?.ToString("uuuu-MM-dd", null) ?? "open"}): the figures are informative.");
        if (target.Deadline is { } deadline && _on < deadline && target.Threshold.Kind != ThresholdKind.Unquantified)
            notes.Add($"截至 {_on:uuuu-MM-dd} 尚未到文件规定的期限 {deadline:uuuu-MM-dd}：差额仍可弥补，尚不算未完成。",
                $"The document's deadline {deadline:uuuu-MM-dd} has not been reached on {_on:uuuu-MM-dd}: a shortfall is still open, not yet a failure.");
        var empty = Empty(target, notes);
        switch (target.Measure)
        {
            case TargetMeasure.NotComputable:
                return empty with
                {
                    Computable = false, NotComputable = target.NotComputable,
                    NotComputableZh = target.NotComputable is null ? null : ComplianceCatalog.NotComputableZh.GetValueOrDefault(target.Key, target.NotComputable),
                };
            case TargetMeasure.PersonTimesSpecialOperation or TargetMeasure.PersonTimesHighRisk:
                var required = target.Threshold.Value;
                if (_period.Kind != PeriodKind.Year || _period.From.Year != 2020)
                    notes.Add("文件规定的是 2020 年全年的数量；其他统计期按同一年度数字对照列出。",
                        "The document sets this count for the year 2020; other periods are shown against the same annual figure.");
                return empty with { Numerator = t.Total, Required = required, Met = t.Total >= required, Shortfall = Math.Max(0, (int)required - t.Total) };
            case TargetMeasure.SectorCoverage:
                var sectors = t.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TargetGroup(g.Key, g.Value.N, g.Value.D, Ratio(g.Value.N, g.Value.D))).ToList();
                var covered = sectors.Count(g => g.Numerator > 0);
                if (sectors.Count == 0) notes.Add("评估日本辖区没有企业有从业人员（分母为 0）。", "No enterprise of the jurisdiction has employees on the evaluation day (denominator 0).");
                return empty with
                {
                    Numerator = covered, Denominator = sectors.Count, Ratio = Ratio(covered, sectors.Count), Required = 1m,
                    Met = sectors.Count == 0 ? null : covered == sectors.Count, Shortfall = sectors.Count - covered, Groups = sectors,
                };
            case TargetMeasure.TeamLeaderQualificationRise:
                return Rise(index, t, notes);
            case TargetMeasure.CertificateShare:
                var industries = target.Population == TargetPopulation.Industries ? target.Industries.AsEnumerable() : t.Groups.Keys.Order(StringComparer.Ordinal);
                return Share(t, notes) with
                {
                    Groups = industries.Select(industry =>
                    {
                        var g = t.Groups.GetValueOrDefault(industry);
                        return new TargetGroup(industry, g.N, g.D, Ratio(g.N, g.D));
                    }).ToList(),
                };
            default:
                return Share(t, notes);
        }
    }

    private static TargetResult Empty(ComplianceTarget target, NoteList notes) => new(
        target.RuleId, target.Variant, target.TextZh, target.TextEn, target.Threshold.Kind, target.Threshold.Text, true, null, null, null, null, null, null, null,
        null, null, target.Deadline, notes.En, [], [], [], notes.Zh, null);

    /// <summary>A target's notes in both languages, added to after the result is made (the lists are the result's).</summary>
    private sealed class NoteList
    {
        public List<string> Zh { get; } = [];
        public List<string> En { get; } = [];

        public void Add(string zh, string en)
        {
            Zh.Add(zh);
            En.Add(en);
        }
    }

    private static decimal? Ratio(int numerator, int denominator) => denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4);

    /// <summary>A share target: judged as numerator ≥ required × denominator, exactly, so 29.99…% never rounds up to 30%.</summary>
    private static TargetResult Share(Tally t, NoteList notes, decimal? requiredOverride = null)
    {
        int n = t.Numerator, d = t.Denominator;
        decimal? required = requiredOverride ?? (t.Target.Threshold.Kind == ThresholdKind.Share ? t.Target.Threshold.Value : null);
        bool? met = null;
        int? shortfall = null;
        if (d == 0) notes.Add("评估日统计范围内没有人员（分母为 0）：无可判定。", "No one is in the population on the evaluation day (denominator 0): there is nothing to judge.");
        else if (required is { } r)
        {
            met = n >= r * d;
            shortfall = Math.Max(0, (int)Math.Ceiling(r * d) - n);
        }
        return Empty(t.Target, notes) with { Numerator = n, Denominator = d, Ratio = Ratio(n, d), Required = required, Met = met, Shortfall = shortfall };
    }

    /// <summary>Team-leader qualification share against a baseline: the one a bureau recorded, else the ledger's own share on the programme's first day.</summary>
    private TargetResult Rise(int index, Tally t, NoteList notes)
    {
        var target = t.Target;
        decimal baseline;
        string source;
        if (StoredBaseline(target) is { } stored)
        {
            baseline = Math.Round((decimal)stored.Numerator / stored.Denominator, 4);
            source = $"recorded by {stored.ActorOrganisation}: {stored.Numerator}/{stored.Denominator} on {stored.MeasuredOn:uuuu-MM-dd} ({stored.Source})";
        }
        else
        {
            if (t.ThenTeamLeaders == 0 || _programme.BaselineOn >= _on)
            {
                _rows.Discard(index);
                return Empty(target, notes) with
                {
                    Computable = false,
                    NotComputable = $"No baseline was recorded for {target.RuleId}, and the ledger holds no team leaders on post on {_programme.BaselineOn:uuuu-MM-dd} " +
                                    "(the programme's first day) to compute one: record it with POST /api/reports/compliance/{jurisdiction}/baselines.",
                    NotComputableZh = $"{target.RuleId} 未登记基数，台账在 {_programme.BaselineOn:uuuu-MM-dd}（方案首日）也没有在岗班组长可据以计算：请在合规报表页“登记基线”中登记。",
                };
            }
            baseline = Math.Round((decimal)t.ThenQualified / t.ThenTeamLeaders, 4);
            source = $"[I] computed from the ledger on {_programme.BaselineOn:uuuu-MM-dd}: {t.ThenQualified}/{t.ThenTeamLeaders} (no baseline recorded; education as currently recorded)";
        }
        var required = target.Threshold.Kind == ThresholdKind.RiseRelative ? baseline * (1 + target.Threshold.Value) : baseline + target.Threshold.Value;
        if (required > 1)
            notes.Add($"应达比例 {required:P1} 超过 100%：按这种理解，从该基数出发无法完成。", $"The required share {required:P1} exceeds 100%: this reading of the target cannot be met from this baseline.");
        return Share(t, notes, Math.Round(required, 4)) with { Baseline = baseline, BaselineSource = source };
    }

    /// <summary>Trained and assessed before posting: a pass on record (before the hiring day for a hire within the period) and no breached induction or retraining obligation.</summary>
    private static (bool, DisplayName) TrainedBeforePosting(Subject s, ReportPeriod period, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var breach = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && TrainingObligations.Contains(o.Kind)
                                                              && o.Status == ObligationStatus.Breached);
        if (breach is not null) return (false, Obligation(breach));
        var newHire = s.Employment.HiredOn >= period.From;
        var latest = newHire ? s.Employment.HiredOn : on;
        var pass = s.Person.Assessments
            .Where(a => a.Passed && a.Kind != AssessmentKind.SpotCheck && a.AssessedOn <= latest && (a.EnterpriseId is null || a.EnterpriseId == s.Employment.EnterpriseId))
            .OrderBy(a => a.AssessedOn).LastOrDefault();
        if (pass is null)
            return (false, newHire
                ? new($"{s.Employment.HiredOn:uuuu-MM-dd} 招录，当日或之前无考核合格记录", $"hired {s.Employment.HiredOn:uuuu-MM-dd} without a passed assessment on or before that day")
                : new("无培训考核或上岗考核合格记录", "no passed training or post assessment on record"));
        var kind = DisplayNames.Assessment(pass.Kind);
        return (true, new($"{pass.AssessedOn:uuuu-MM-dd} {kind.Zh}合格", $"passed {kind.En} on {pass.AssessedOn:uuuu-MM-dd}"));
    }

    private static (bool, DisplayName) SpecialOperationCertified(Subject s, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var o = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && o.Kind == "special-operation-certificate");
        if (o is not null) return (o.Status == ObligationStatus.Met, Obligation(o));
        var valid = s.Certificates.FirstOrDefault(c => c.WorkType == s.Post.SpecialOperationWorkType && c.StatusOn(on) == CertificateStatus.Valid);
        var workType = DisplayNames.WorkType(s.Post.SpecialOperationWorkType);
        return valid is null
            ? (false, new($"{on:uuuu-MM-dd} 无有效的{workType.Zh}操作证", $"no valid {workType.En} certificate on {on:uuuu-MM-dd}"))
            : (true, new($"证书 {valid.Number} 于 {on:uuuu-MM-dd} 有效", $"certificate {valid.Number} valid on {on:uuuu-MM-dd}"));
    }

    /// <summary>Rotation-trained: the team-leader-rotation obligation where a deadline rule applies (JZ-TRN-06, HLJ-TRN-05), else any rotation training so far.</summary>
    private static (bool, DisplayName) TeamLeaderTrained(Subject s, LocalDate on, Func<Person, IReadOnlyList<Obligation>> obligations)
    {
        var o = obligations(s.Person).FirstOrDefault(o => o.EmploymentId == s.Employment.EmploymentId && o.Kind == "team-leader-rotation");
        if (o is not null)
            return (o.Status == ObligationStatus.Met, o.Status == ObligationStatus.Open
                ? new($"{o.RuleId}：尚未轮训，期限 {o.Deadline:uuuu-MM-dd}", $"{o.RuleId}: not yet rotation-trained; due by {o.Deadline:uuuu-MM-dd}")
                : Obligation(o));
        var rotation = s.Person.Attendance.Where(a => a.Kind == TrainingKind.TeamLeaderRotation && a.Date <= on).OrderBy(a => a.Date).FirstOrDefault();
        return rotation is null
            ? (false, new($"截至 {on:uuuu-MM-dd} 未参加班组长轮训", $"no team-leader rotation training by {on:uuuu-MM-dd}"))
            : (true, new($"{rotation.Date:uuuu-MM-dd} 参加轮训", $"rotation training on {rotation.Date:uuuu-MM-dd}"));
    }

    private static (bool Counted, DisplayName Detail) Qualification(Subject s, LocalDate on, bool educationCounts)
    {
        var certificate = s.Certificates.FirstOrDefault(c => c.Kind == CertificateKindCodes.VocationalQualification && c.StatusOn(on) == CertificateStatus.Valid);
        if (certificate is not null) return (true, new($"职业资格证书 {certificate.Number}", $"vocational-qualification certificate {certificate.Number}"));
        var education = DisplayNames.Education(s.Person.Education);
        if (educationCounts && QualifyingEducation.Contains(s.Person.Education)) return (true, new($"学历：{education.Zh}", $"education {education.En}"));
        return (false, educationCounts
            ? new($"无有效职业资格证书；学历：{education.Zh}", $"no valid vocational-qualification certificate; education {education.En}")
            : new("无有效职业资格证书", "no valid vocational-qualification certificate"));
    }

    private static (bool, DisplayName) KeyPostUpgrade(Subject s, LocalDate on, bool certificate)
    {
        var upgrade = s.Person.Attendance.Where(a => a.Kind == TrainingKind.KeyPostUpgrade && a.Date <= on).OrderBy(a => a.Date).FirstOrDefault();
        if (upgrade is null) return (false, new("未参加重点岗位职业技能晋级培训", "no key-post upgrade (晋级) training"));
        if (!certificate) return (true, new($"{upgrade.Date:uuuu-MM-dd} 参加晋级培训", $"upgrade training on {upgrade.Date:uuuu-MM-dd}"));
        var q = Qualification(s, on, educationCounts: false);
        return q.Counted
            ? (true, new($"{upgrade.Date:uuuu-MM-dd} 参加晋级培训；{q.Detail.Zh}", $"upgrade training on {upgrade.Date:uuuu-MM-dd}; {q.Detail.En}"))
            : (false, new($"{upgrade.Date:uuuu-MM-dd} 参加晋级培训，但{q.Detail.Zh}", $"upgrade training on {upgrade.Date:uuuu-MM-dd} but {q.Detail.En}"));
    }

    private static (bool, DisplayName) Participated(Subject s, ReportPeriod period, LocalDate on)
    {
        var hours = s.Person.Attendance.Where(a => a.Date >= period.From && a.Date <= on).Sum(a => a.Hours);
        return hours > 0
            ? (true, new($"统计期内培训 {hours:0.##} 学时", $"{hours:0.##} hours of training in the period"))
            : (false, new("统计期内未参加培训", "no training in the period"));
    }

    private static IEnumerable<AssessmentRecorded> Exams(Subject s, ReportPeriod period, LocalDate on) =>
        s.Person.Assessments.Where(a => a.Kind != AssessmentKind.SpotCheck && a.AssessedOn >= period.From && a.AssessedOn <= on);

    private static (bool Counted, DisplayName Detail) SatExam(Subject s, ReportPeriod period, LocalDate on)
    {
        var exam = Exams(s, period, on).OrderBy(a => a.AssessedOn).FirstOrDefault();
        return exam is null
            ? (false, new("统计期内未参加考核", "no assessment in the period"))
            : (true, new($"{exam.AssessedOn:uuuu-MM-dd} 参加考核", $"assessed on {exam.AssessedOn:uuuu-MM-dd}"));
    }

    private static (bool, DisplayName) PassedExam(Subject s, ReportPeriod period, LocalDate on)
    {
        var pass = Exams(s, period, on).Where(a => a.Passed).OrderBy(a => a.AssessedOn).FirstOrDefault();
        return pass is null
            ? (false, new("统计期内参加考核但未合格", "sat but did not pass in the period"))
            : (true, new($"{pass.AssessedOn:uuuu-MM-dd} 考核合格", $"passed on {pass.AssessedOn:uuuu-MM-dd}"));
    }

    /// <summary>An obligation behind a verdict: its rule, what it asks and where it stands; the English keeps the obligation's own detail.</summary>
    private static DisplayName Obligation(Obligation o)
    {
        var kind = DisplayNames.ObligationKind(o.Kind);
        var status = DisplayNames.Obligation(o.Status);
        var deadline = o.Deadline is { } d ? $"，期限 {d:uuuu-MM-dd}" : "";
        return new($"{o.RuleId} {kind.Zh}：{status.Zh}{deadline}", $"{o.RuleId}: {o.Detail}");
    }
}
