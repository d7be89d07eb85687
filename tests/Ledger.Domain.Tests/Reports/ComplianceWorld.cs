using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Tests.Reports;

/// <summary>Hand-built ledger facts for compliance-report tests: enterprises, persons with employments, training, assessments and certificates.</summary>
public sealed class ComplianceWorld(string jurisdiction = "tj-jizhou")
{
    public static readonly LocalDate Today = new(2026, 3, 2);
    private int _id = 100;
    private readonly Dictionary<Guid, ReportEnterprise> _enterprises = [];
    private readonly Dictionary<Guid, Person> _persons = [];
    private readonly Dictionary<Guid, List<Certificate>> _certificates = [];
    public List<ComplianceBaselineRecorded> Baselines { get; } = [];

    public ReportEnterprise Enterprise(string industry = "hazardous-chemicals", bool highRisk = true, string name = "蓟州化工")
    {
        var e = new ReportEnterprise(Guid.NewGuid(), $"{name}{_enterprises.Count}", jurisdiction, industry, highRisk);
        _enterprises[e.Id] = e;
        return e;
    }

    public Guid Hire(ReportEnterprise enterprise, LocalDate hiredOn, string name, string? workType = null, bool teamLeader = false, bool keyPost = false,
        EducationLevel education = EducationLevel.SeniorSecondary)
    {
        var id = Guid.NewGuid();
        var number = $"120225198001{++_id:000000}";
        _persons[id] = Domain.Persons.Person.Create(new PersonRegistered(id, new SealedValue("test", ""), Ledger.Domain.Masking.IdNumber(number), name, new LocalDate(1980, 1, 1), Sex.Male, education, "天津市蓟州区", null, null, hiredOn))
            .Apply(new EmploymentStarted(id, Guid.NewGuid(), enterprise.Id, enterprise.Name, enterprise.Jurisdiction,
                new PostAssignment(workType is null ? "操作工" : "电工", keyPost, teamLeader, workType), EmploymentRelation.LabourContract, hiredOn));
        return id;
    }

    public Person Person(Guid id) => _persons[id];

    public ComplianceWorld Update(Guid id, Func<Person, Person> change)
    {
        _persons[id] = change(_persons[id]);
        return this;
    }

    public ComplianceWorld Attend(Guid id, TrainingKind kind, LocalDate on, decimal hours = 8, string jurisdiction = "tj-jizhou", Guid? classId = null) =>
        Update(id, p => p.Apply(new TrainingAttended(id, classId ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), jurisdiction, kind, null, on, SessionMode.Classroom, hours, null, null)));

    public ComplianceWorld Assess(Guid id, LocalDate on, bool passed = true, AssessmentKind kind = AssessmentKind.TrainingAssessment) =>
        Update(id, p => p.Apply(new AssessmentRecorded(id, Guid.NewGuid(), kind, p.Employments[0].EnterpriseId, null, "tj-jizhou", null, null, passed ? 90 : 50, 80, null, null,
            null, [], passed, [], on, "考评员")));

    /// <summary>Induction hours and a pass: the new-hire obligation (NAT-TRN-01, 72 学时) met.</summary>
    public ComplianceWorld Inducted(Guid id, LocalDate passedOn) =>
        Attend(id, TrainingKind.NewHireInduction, passedOn.PlusDays(-5), hours: 72).Assess(id, passedOn);

    public ComplianceWorld Certificate(Guid id, string kind, LocalDate issuedOn, string? workType = null, LocalDate? validUntil = null)
    {
        var c = Domain.Certificates.Certificate.Create(new CertificateIssued(Guid.NewGuid(), id, $"C{++_id}", kind, workType, null, _persons[id].Name, "考试点",
            issuedOn, issuedOn, issuedOn, "应急管理局", issuedOn, validUntil, null, null, null));
        if (!_certificates.TryGetValue(id, out var list)) _certificates[id] = list = [];
        list.Add(c);
        return this;
    }

    public ComplianceWorld Qualified(Guid id, LocalDate issuedOn) => Certificate(id, CertificateKindCodes.VocationalQualification, issuedOn);

    public ComplianceWorld Leave(Guid id, LocalDate on) =>
        Update(id, p => p.Apply(new LeftPost(id, p.Employments[0].EmploymentId, on, "病假")));

    public ComplianceFacts Facts() => new(new HashSet<string> { jurisdiction }, _enterprises, _persons.Values.ToList(),
        _certificates.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Certificate>)kv.Value), Baselines);

    public ComplianceReport Report(string programme, ReportPeriod period, LocalDate? today = null) =>
        ComplianceCalculator.Compute(ComplianceCatalog.Find(programme)!, period, Facts(), PolicyCatalog.Default, today ?? Today);

    public static TargetResult Target(ComplianceReport report, string ruleId, string? variant = null) =>
        report.Targets.Single(t => t.RuleId == ruleId && t.Variant == variant);
}
