using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// A Heilongjiang claim inside the hlj-2020 pack's window (2020-04-03 to 2021-12-31): a chemical enterprise, a filed,
/// capable and HR-catalogued school, and trainees whose classes, attendance and certificates the deciders read.
/// </summary>
internal static class ClaimRuleWorld
{
    public const string Hlj = "hlj";
    public const string LowVoltage = "electrical.low-voltage";
    public static readonly LocalDate ClassOpened = new(2021, 4, 20);
    public static readonly LocalDate Trained = new(2021, 5, 11);
    public static readonly LocalDate IssuedOn = new(2021, 5, 20);
    public static readonly LocalDate Applied = new(2021, 6, 1);
    public static readonly LocalDate Later = new(2021, 6, 15);
    public static readonly Guid EnterpriseId = Guid.NewGuid();
    public static readonly Guid InstitutionId = Guid.NewGuid();
    public static readonly StreamIdentity Ids = new("claim-rule-tests-key-0123456789"u8.ToArray());

    public static readonly Actor Submitter = new("ent-zhao", "hlj-chem", ActorRole.Enterprise, Hlj, EnterpriseId);
    public static readonly Actor School = new("inst-li", "hlj-school", ActorRole.TrainingInstitution, Hlj, null, InstitutionId);
    public static readonly Actor Verifier = new("reg-wang", "hlj-emergency", ActorRole.Regulator, Hlj);
    public static readonly Actor Hr = new("hr-chen", "hlj-hr", ActorRole.HrBureau, Hlj);
    // Who pays is a per-jurisdiction rule another change is revising (HLJ-SUB-03: "由同级人力资源社会保障部门…"); today the finance bureau does.
    // HLJ-SUB-03: the HR bureau of the same level pays in Heilongjiang (policy data); finance audits and reconciles.
    public static readonly Actor Payer = new("hr-zhou", "hlj-hr", ActorRole.HrBureau, Hlj);
    public static readonly Actor Finance = new("fin-liu", "hlj-finance", ActorRole.FinanceBureau, Hlj);

    public static Enterprise Enterprise() => Domain.Enterprises.Enterprise.Create(new EnterpriseRegistered(EnterpriseId, "91230100MA1B2C3D4E", "黑龙江化工", "王总",
        "hazardous-chemicals", Hlj, true, 200, TrainingCapability.Entrusting, new LocalDate(2020, 1, 1)));

    public static Institution Institution() =>
        Domain.Institutions.Institution.Create(new InstitutionRegistered(InstitutionId, "52230100MJ0000000X", "哈尔滨安全培训学校", InstitutionKind.TrainingInstitution, Hlj, new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionFiled(InstitutionId, "黑龙江省应急管理厅", [LowVoltage], new LocalDate(2021, 1, 5), "备案"))
            .Apply(new PracticalCapabilityRecorded(InstitutionId, LowVoltage, "实训室", new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionListedInHrCatalogue(InstitutionId, "黑龙江省职业培训机构目录", new LocalDate(2021, 1, 6)));

    /// <summary>A class of 8 syllabus hours: 4 of theory in the classroom and 4 of practice.</summary>
    public static TrainingClass Class(Guid? id = null) => TrainingClass.Create(new TrainingClassOpened(id ?? Guid.NewGuid(), TrainingProviderKind.Institution, InstitutionId,
            "哈尔滨安全培训学校", Hlj, "低压电工作业初训", "2019", 8m, LowVoltage, TrainingKind.SpecialOperationInitial, ClassOpened, []))
        .Apply(new TrainingSessionHeld(default, TheorySession, Trained, new LocalTime(8, 0), new LocalTime(12, 0), SessionMode.Classroom, "李老师", "教室", "理论", null))
        .Apply(new TrainingSessionHeld(default, PracticeSession, Trained, new LocalTime(13, 0), new LocalTime(17, 0), SessionMode.Practical, "李老师", "实训室", "实操", null));

    public static readonly Guid TheorySession = Guid.NewGuid();
    public static readonly Guid PracticeSession = Guid.NewGuid();

    public static Person Trainee(string name = "张伟", EducationLevel education = EducationLevel.SeniorSecondary) =>
        Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "230***********1234", name, new LocalDate(1985, 3, 1), Sex.Male, education,
                "黑龙江省哈尔滨市", null, null, new LocalDate(2021, 1, 1)))
            .Apply(new EmploymentStarted(default, Guid.NewGuid(), EnterpriseId, "黑龙江化工", Hlj, new PostAssignment("电工", true, false, null),
                EmploymentRelation.LabourContract, new LocalDate(2021, 3, 1)));

    public static Person Attended(this Person person, TrainingClass trainingClass, SessionMode mode, decimal hours) =>
        person.Apply(new TrainingAttended(person.Id, trainingClass.Id, mode == SessionMode.Practical ? PracticeSession : TheorySession, trainingClass.ProviderId, Hlj,
            trainingClass.Kind, trainingClass.WorkType, Trained, mode, hours, null, null));

    /// <summary>A person who sat the whole class: 4 hours of theory and 4 of practice.</summary>
    public static Person FullyTrained(this Person person, TrainingClass trainingClass) =>
        person.Attended(trainingClass, SessionMode.Classroom, 4m).Attended(trainingClass, SessionMode.Practical, 4m);

    public static Certificate CertificateOf(Person person, string workType = LowVoltage, string? number = null, LocalDate? issuedOn = null)
    {
        var issued = issuedOn ?? IssuedOn;
        return Certificate.Create(new CertificateIssued(Guid.NewGuid(), person.Id, number ?? "T23010120210" + Random.Shared.Next(100, 999), CertificateKindCodes.SpecialOperation,
            workType, null, person.Name, "哈尔滨考点", issued.PlusDays(-2), issued.PlusDays(-2), issued, "黑龙江省应急管理厅", issued, issued.PlusYears(6), issued.PlusYears(3),
            null, null));
    }

    /// <summary>A claim line as submission would have written it: eligible for 1000 yuan unless told otherwise.</summary>
    public static ClaimLine Line(int lineNo, Person? person = null, Certificate? certificate = null, LineStatus status = LineStatus.Eligible, decimal entitled = 1000m,
        string workType = LowVoltage) =>
        new(lineNo, person?.Id ?? Guid.NewGuid(), person?.Name ?? "张伟", "230***********1234", workType, certificate?.Id ?? Guid.NewGuid(),
            certificate?.Number ?? "T2301012021000" + lineNo, SubsidyKind.SpecialOperationInitial, "initial", Guid.NewGuid(), null,
            status == LineStatus.Eligible ? entitled : 0m, status, status == LineStatus.Duplicate ? Guid.NewGuid() : null, []);

    public static Claim Submitted(params ClaimLine[] lines) => Claim.Create(new ClaimSubmitted(Guid.NewGuid(), Hlj, EnterpriseId, "91230100MA1B2C3D4E", "黑龙江化工", "王总",
        "赵会计", "138****0000", InstitutionId, "哈尔滨安全培训学校", [new WorkTypeCount(LowVoltage, lines.Length)], ClassOpened, Trained,
        lines.Count(l => l.Status == LineStatus.Eligible), lines.Sum(l => l.EntitledAmount), new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "王总", Applied), Applied,
        lines, [], Submitter.UserId, Submitter.OrganisationId));

    public static Claim Attested(this Claim claim) =>
        claim.Apply(ClaimDecider.Attest(claim, School, "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程", Applied, new Dictionary<Guid, Person>(), new Dictionary<Guid, TrainingClass>(), PolicyCatalog.Default));

    /// <summary>Verified as the department found it: every line genuine unless its number is listed as failed.</summary>
    public static Claim Verified(this Claim claim, params int[] failed) => claim.Apply(new CertificatesVerified(claim.Id,
        claim.Lines.Select(l => new LineVerification(l.Line.LineNo, !failed.Contains(l.Line.LineNo), failed.Contains(l.Line.LineNo) ? ["the certificate is not in the ledger"] : []))
            .ToList(), "黑龙江省安全生产培训考核系统", Applied, Verifier.UserId));

    public static Claim Approved(this Claim claim) =>
        claim.Apply(ClaimDecider.Approve(claim, Hr, new Approve(claim.Lines.Where(l => l.Line.Status == LineStatus.Eligible && l.VerifiedOrOverridden)
            .Select(l => new LineDecision(l.Line.LineNo, true, 0m, null)).ToList(), Applied), PolicyCatalog.Default));

    public static Claim Disbursed(this Claim claim) =>
        claim.Apply(ClaimDecider.Disburse(claim, Payer, new Disburse("PAY-2021-0001", "黑龙江化工", "6222********1234", claim.ApprovedAmount, Later), PolicyCatalog.Default));

    /// <summary>The entitlements of the claim's eligible lines, each held by its line.</summary>
    public static Dictionary<Guid, Entitlement?> HeldBy(Claim claim) => claim.Lines.Where(l => l.Line.Status == LineStatus.Eligible)
        .ToDictionary(l => l.Line.EntitlementId, l => (Entitlement?)Held(claim, l.Line, claim.Id));

    public static Entitlement Held(Claim claim, ClaimLine line, Guid byClaim, int? lineNo = null) =>
        Entitlement.Create(new EntitlementHeld(line.EntitlementId, line.PersonId, line.CertificateId ?? Guid.Empty, line.Kind, line.Cycle, byClaim, lineNo ?? line.LineNo,
            Hlj, EnterpriseId, Applied));

    public static string Rule(Action decide) => Shouldly.Should.Throw<DomainRuleViolation>(decide).RuleId;
}
