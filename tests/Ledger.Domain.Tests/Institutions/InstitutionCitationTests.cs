using Ledger.Domain.Institutions;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Institutions;

/// <summary>An institution refused is refused under the rule of its own jurisdiction's document in force that day, never another's.</summary>
public sealed class InstitutionCitationTests
{
    private const string LowVoltage = "electrical.low-voltage";

    private static Institution Filed(string jurisdiction, LocalDate on) =>
        Institution.Create(new InstitutionRegistered(Guid.NewGuid(), "52230100MJ0000000X", "培训学校", InstitutionKind.TrainingInstitution, jurisdiction, on))
            .Apply(new InstitutionFiled(Guid.Empty, "应急管理局", [LowVoltage], on, "备案"));

    private static string? Cited(Institution i, LocalDate on)
    {
        i.MayTrainOn(LowVoltage, on, PolicyCatalog.Default, out var ruleId, out _);
        return ruleId;
    }

    [Fact]
    public void a_heilongjiang_institution_without_practical_conditions_is_refused_under_HLJ_INS_01_not_jizhous_rule()
    {
        // 002: "不具备实际操作条件的机构不得承担相应工种培训任务"
        Cited(Filed("hlj", new LocalDate(2021, 1, 5)), new LocalDate(2021, 5, 1)).ShouldBe("HLJ-INS-01");
    }

    [Fact]
    public void a_jizhou_institution_in_the_plans_window_is_refused_under_JZ_INS_01()
    {
        // 000: "具备实际操作条件的机构方可承担特种作业人员培训"
        Cited(Filed("tj-jizhou", new LocalDate(2020, 5, 1)), new LocalDate(2020, 6, 1)).ShouldBe("JZ-INS-01");
    }

    [Fact]
    public void a_suspended_heilongjiang_institution_is_not_refused_under_taizhous_TZ_ENF_01()
    {
        var school = Filed("hlj", new LocalDate(2021, 1, 5))
            .Apply(new PracticalCapabilityRecorded(Guid.Empty, LowVoltage, "实训室", new LocalDate(2021, 1, 5)))
            .Apply(new InstitutionSuspended(Guid.Empty, new LocalDate(2021, 5, 1), "停业整顿", null));
        Cited(school, new LocalDate(2021, 6, 1)).ShouldBe("LGR-INS-02");
        var taizhou = Filed("zj-taizhou", new LocalDate(2020, 1, 5))
            .Apply(new PracticalCapabilityRecorded(Guid.Empty, LowVoltage, "实训室", new LocalDate(2020, 1, 5)))
            .Apply(new InstitutionSuspended(Guid.Empty, new LocalDate(2020, 5, 1), "停业整顿", null));
        Cited(taizhou, new LocalDate(2020, 6, 1)).ShouldBe("TZ-ENF-01");
    }
}
