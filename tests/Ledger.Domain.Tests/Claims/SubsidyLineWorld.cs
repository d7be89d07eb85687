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

/// <summary>One employed, trained and certified holder in a jurisdiction, and the claim line judged for them.</summary>
public sealed class SubsidyLineWorld(string jurisdiction, LocalDate trained, string hukou = "黑龙江省哈尔滨市", string industry = "hazardous-chemicals")
{
    public const string WorkType = "electrical.low-voltage";
    public readonly Guid EnterpriseId = Guid.NewGuid();
    public readonly Guid InstitutionId = Guid.NewGuid();
    public readonly Guid ClassId = Guid.NewGuid();
    public readonly Guid SessionId = Guid.NewGuid();
    public readonly Guid PersonId = Guid.NewGuid();

    public Enterprise Enterprise() => Domain.Enterprises.Enterprise.Create(new EnterpriseRegistered(EnterpriseId, "91230100MA1B2C3D4E", "化工企业", "王总",
        industry, jurisdiction, true, 200, TrainingCapability.Entrusting, trained.PlusYears(-1)));

    public Institution School() =>
        Institution.Create(new InstitutionRegistered(InstitutionId, "52230100MJ0000000X", "培训学校", InstitutionKind.TrainingInstitution, jurisdiction, trained.PlusYears(-1)))
            .Apply(new InstitutionFiled(InstitutionId, "应急管理局", [WorkType], trained.PlusYears(-1), "备案"))
            .Apply(new PracticalCapabilityRecorded(InstitutionId, WorkType, "实训室", trained.PlusYears(-1)))
            .Apply(new InstitutionListedInHrCatalogue(InstitutionId, "目录", trained.PlusYears(-1)));

    public Person Person() => Ledger.Domain.Persons.Person.Create(new PersonRegistered(PersonId, new SealedValue("test", ""), "110***********002X", "赵工", new LocalDate(1980, 1, 1), Sex.Male,
            EducationLevel.SeniorSecondary, hukou, null, null, trained.PlusYears(-1)))
        .Apply(new EmploymentStarted(PersonId, Guid.NewGuid(), EnterpriseId, "化工企业", jurisdiction, new PostAssignment("电工", true, false, null),
            EmploymentRelation.LabourContract, trained.PlusMonths(-6)))
        .Apply(new TrainingAttended(PersonId, ClassId, SessionId, InstitutionId, jurisdiction, TrainingKind.SpecialOperationInitial, WorkType,
            trained, SessionMode.Practical, 8m, null, null));

    public TrainingClass Class() => TrainingClass.Create(new TrainingClassOpened(ClassId, TrainingProviderKind.Institution, InstitutionId, "培训学校", jurisdiction, "初训", "2019",
            8m, WorkType, TrainingKind.SpecialOperationInitial, trained.PlusDays(-10), []))
        .Apply(new TrainingSessionHeld(ClassId, SessionId, trained, new LocalTime(8, 0), new LocalTime(16, 0), SessionMode.Practical, "李", "实训室", "实操", null));

    public Certificate Certificate(LocalDate issued) => Ledger.Domain.Certificates.Certificate.Create(new CertificateIssued(Guid.NewGuid(), PersonId, "T1", CertificateKindCodes.SpecialOperation,
        WorkType, null, "赵工", "考试点", trained, issued.PlusDays(-2), issued, "应急管理局", issued, issued.PlusYears(6), issued.PlusYears(3), null, null));

    public LineAssessment Assess(Person person, Certificate certificate, SubsidyKind kind, LocalDate applied, decimal? requested = null) =>
        ClaimAssessor.Assess(new LineFacts(1, "赵工", WorkType, kind, requested, person, certificate, [Class()]),
            new ClaimContext(jurisdiction, Enterprise(), School(), trained, trained, applied), PolicyCatalog.Default, CertificateCatalog.Default);
}
