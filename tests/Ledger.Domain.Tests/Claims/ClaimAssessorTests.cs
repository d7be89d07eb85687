using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>The line checks on facts that the API's own writes no longer let arise, as imported or historical data can.</summary>
public sealed class ClaimAssessorTests
{
    private static readonly LocalDate Trained = new(2021, 5, 11);
    private static readonly Guid EnterpriseId = Guid.NewGuid();
    private static readonly Guid InstitutionId = Guid.NewGuid();
    private static readonly Guid ClassId = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();

    private static Enterprise Enterprise() => Domain.Enterprises.Enterprise.Create(new EnterpriseRegistered(EnterpriseId, "91230100MA1B2C3D4E", "黑龙江化工", "王总",
        "hazardous-chemicals", "hlj", true, 200, TrainingCapability.Entrusting, new LocalDate(2020, 1, 1)));

    private static Institution School(bool withdrawCapability = false, bool suspend = false)
    {
        var school = Institution.Create(new InstitutionRegistered(InstitutionId, "52230100MJ0000000X", "培训学校", InstitutionKind.TrainingInstitution, "hlj", new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionFiled(InstitutionId, "应急管理厅", ["electrical.low-voltage"], new LocalDate(2021, 1, 5), "备案"))
            .Apply(new PracticalCapabilityRecorded(InstitutionId, "electrical.low-voltage", "实训室", new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionListedInHrCatalogue(InstitutionId, "目录", new LocalDate(2021, 1, 6)));
        if (withdrawCapability) school = school.Apply(new PracticalCapabilityWithdrawn(InstitutionId, "electrical.low-voltage", new LocalDate(2021, 5, 1), "实训室停用"));
        if (suspend) school = school.Apply(new InstitutionSuspended(InstitutionId, new LocalDate(2021, 5, 1), "停业整顿", null));
        return school;
    }

    private static (Person, Certificate, TrainingClass) Holder()
    {
        var personId = Guid.NewGuid();
        var person = Person.Create(new PersonRegistered(personId, new SealedValue("test", ""), "110***********002X", "赵工", new LocalDate(1980, 1, 1), Sex.Male, EducationLevel.SeniorSecondary,
                "黑龙江省哈尔滨市", null, null, new LocalDate(2021, 1, 1)))
            .Apply(new EmploymentStarted(personId, Guid.NewGuid(), EnterpriseId, "黑龙江化工", "hlj", new PostAssignment("电工学徒", true, false, null),
                EmploymentRelation.LabourContract, new LocalDate(2021, 3, 1)))
            .Apply(new TrainingAttended(personId, ClassId, SessionId, InstitutionId, "hlj", TrainingKind.SpecialOperationInitial, "electrical.low-voltage",
                Trained, SessionMode.Online, 8m, new FaceVerification(1, 1, "platform"), null));
        var certificate = Certificate.Create(new CertificateIssued(Guid.NewGuid(), personId, "T1", CertificateKindCodes.SpecialOperation, "electrical.low-voltage",
            null, "赵工", "考试点", Trained, new LocalDate(2021, 5, 18), new LocalDate(2021, 5, 20), "应急管理厅", new LocalDate(2021, 5, 20),
            new LocalDate(2027, 5, 20), new LocalDate(2024, 5, 20), null, null));
        var trainingClass = TrainingClass.Create(new TrainingClassOpened(ClassId, TrainingProviderKind.Institution, InstitutionId, "培训学校", "hlj", "初训", "2019",
                8m, "electrical.low-voltage", TrainingKind.SpecialOperationInitial, new LocalDate(2021, 4, 20), []))
            .Apply(new TrainingSessionHeld(ClassId, SessionId, Trained, new LocalTime(8, 0), new LocalTime(16, 0), SessionMode.Online, "李", "平台", "理论", null));
        return (person, certificate, trainingClass);
    }

    private static LineAssessment Assess(Institution school)
    {
        var (person, certificate, trainingClass) = Holder();
        return ClaimAssessor.Assess(new LineFacts(1, "赵工", "electrical.low-voltage", SubsidyKind.SpecialOperationInitial, null, person, certificate, [trainingClass]),
            new ClaimContext("hlj", Enterprise(), school, Trained, Trained, new LocalDate(2021, 6, 1)), PolicyCatalog.Default, CertificateCatalog.Default);
    }

    [Fact]
    public void a_clean_line_earns_the_heilongjiang_rate_HLJ_SUB_02()
    {
        var line = Assess(School());
        line.Findings.ShouldBeEmpty();
        line.EntitledAmount.ShouldBe(1000m);
        line.Cycle.ShouldBe("initial");
    }

    [Fact]
    public void training_after_practical_conditions_were_withdrawn_earns_nothing_FR_15()
    {
        var line = Assess(School(withdrawCapability: true));
        line.Findings.ShouldContain(f => f.RuleId == "FR-15" && f.Blocking);
        line.EntitledAmount.ShouldBe(0m);
    }

    [Fact]
    public void training_while_suspended_earns_nothing_FR_14()
    {
        var line = Assess(School(suspend: true));
        // A Heilongjiang institution is not refused under Taizhou's TZ-ENF-01: the ledger's own LGR-INS-02 where no HLJ clause names it.
        line.Findings.ShouldContain(f => f.RuleId == "FR-14" && f.Blocking && f.Evidence.Contains("LGR-INS-02"));
        line.Findings.ShouldNotContain(f => f.Evidence.Contains("TZ-ENF-01"));
        line.EntitledAmount.ShouldBe(0m);
    }
}
