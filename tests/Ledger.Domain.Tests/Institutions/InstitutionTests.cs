using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Institutions;

public sealed class InstitutionTests
{
    private static readonly CertificateCatalog Catalog = CertificateCatalog.Default;
    private const string LowVoltage = "electrical.low-voltage";

    internal static Institution Registered(string name = "蓟州区安全技能培训学校") => Institution.Create(InstitutionDecider.Decide(
        new RegisterInstitution(Guid.NewGuid(), "91120225000000001X", name, InstitutionKind.TrainingInstitution, "tj-jizhou", new LocalDate(2025, 1, 2))));

    private static Institution Filed(Institution i, LocalDate on, params string[] scope) =>
        i.Apply(InstitutionDecider.Decide(new FileInstitution("蓟州区应急管理局", scope, on, "备案"), i, Catalog));

    private static LocalDate D(int month, int day) => new(2025, month, day);

    // These institutions act in Jizhou in 2025, after its 2020–2021 plan (JZ-INS-01/02) ended: the national rule or the ledger's own cites.
    private const string NotFiled = "LGR-INS-01";
    private const string NoPracticalConditions = "NAT-INS-01";
    private const string Suspended = "LGR-INS-02";

    private static string? RuleFor(Institution i, string workType, LocalDate date)
    {
        var may = i.MayTrainOn(workType, date, Ledger.Domain.Policies.PolicyCatalog.Default, out var ruleId, out var reason);
        may.ShouldBe(ruleId is null);
        (reason is null).ShouldBe(ruleId is null);
        return ruleId;
    }

    [Fact]
    public void may_train_needs_filing_scope_and_practical_capability_on_the_day()
    {
        var i = Filed(Registered(), D(3, 1), LowVoltage);
        i = i.Apply(InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "实训室", D(4, 1)), i, Catalog));

        RuleFor(i, LowVoltage, D(2, 28)).ShouldBe(NotFiled);
        RuleFor(i, LowVoltage, D(3, 31)).ShouldBe(NoPracticalConditions);
        RuleFor(i, LowVoltage, D(4, 1)).ShouldBeNull();
        RuleFor(i, "welding.fusion", D(4, 1)).ShouldBe(NotFiled);
        i.StatusOn(new LocalDate(2024, 12, 31)).ShouldBe(InstitutionStatus.NotYetRegistered);
    }

    [Fact]
    public void suspension_reinstatement_and_cancellation_are_periods_with_the_end_day_under_the_new_state()
    {
        var i = Filed(Registered(), D(3, 1), LowVoltage);
        i = i.Apply(InstitutionDecider.Decide(new RecordPracticalCapability(LowVoltage, "实训室", D(3, 1)), i, Catalog));
        i = i.Apply(InstitutionDecider.Decide(new SuspendInstitution(D(6, 1), "速成班", null), i));
        i = i.Apply(InstitutionDecider.Decide(new ReinstateInstitution(D(7, 1), "整改合格"), i));
        i = i.Apply(InstitutionDecider.Decide(new CancelInstitutionFiling(D(9, 1), "注销"), i));

        i.StatusOn(D(5, 31)).ShouldBe(InstitutionStatus.Filed);
        i.StatusOn(D(6, 1)).ShouldBe(InstitutionStatus.Suspended);
        RuleFor(i, LowVoltage, D(6, 30)).ShouldBe(Suspended);
        i.StatusOn(D(7, 1)).ShouldBe(InstitutionStatus.Filed);
        RuleFor(i, LowVoltage, D(8, 31)).ShouldBeNull();
        i.StatusOn(D(9, 1)).ShouldBe(InstitutionStatus.FilingCancelled);
        RuleFor(i, LowVoltage, D(9, 1)).ShouldBe(NotFiled);
        i.ScopeOn(D(9, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void listing_and_designation_are_answered_per_period()
    {
        var i = Registered();
        i = i.Apply(InstitutionDecider.Decide(new ListInHrCatalogue("职业培训机构目录", D(2, 1)), i));
        i = i.Apply(InstitutionDecider.Decide(new DelistFromHrCatalogue(D(5, 1), "评估不合格"), i));
        i = i.Apply(InstitutionDecider.Decide(new DesignateExamPoint([LowVoltage, CertificateKindCodes.SpecialOperation], "全市", "市应急管理局", D(3, 1)), i, Catalog));

        i.IsListedOn(D(1, 31)).ShouldBeFalse();
        i.IsListedOn(D(4, 30)).ShouldBeTrue();
        i.IsListedOn(D(5, 1)).ShouldBeFalse();
        i.IsExamPointOn(D(2, 28)).ShouldBeFalse();
        i.IsExamPointOn(D(12, 31)).ShouldBeTrue();
    }

    [Fact]
    public void the_decider_refuses_out_of_order_and_impossible_steps()
    {
        var fresh = Registered();
        Rule(() => InstitutionDecider.Decide(new ReinstateInstitution(D(6, 1), "x"), fresh)).ShouldBe(InstitutionRules.ReinstateOnlySuspended);
        Rule(() => InstitutionDecider.Decide(new SuspendInstitution(D(6, 1), "x", null), fresh)).ShouldBe(InstitutionRules.SuspendOnlyFiledInForce);
        Rule(() => InstitutionDecider.Decide(new FileInstitution("x", [LowVoltage], new LocalDate(2024, 12, 1), "x"), fresh, Catalog))
            .ShouldBe(InstitutionRules.DatesFollowRegistration);

        var filed = Filed(fresh, D(3, 1), LowVoltage);
        Rule(() => InstitutionDecider.Decide(new FileInstitution("x", [LowVoltage], D(2, 1), "x"), filed, Catalog)).ShouldBe(InstitutionRules.DatesInOrder);
        var cancelled = filed.Apply(InstitutionDecider.Decide(new CancelInstitutionFiling(D(4, 1), "x"), filed));
        Rule(() => InstitutionDecider.Decide(new SuspendInstitution(D(6, 1), "x", null), cancelled)).ShouldBe(InstitutionRules.FilingCancelledIsFinal);
        Rule(() => InstitutionDecider.Decide(new DesignateExamPoint([LowVoltage], "x", "x", D(6, 1)), cancelled, Catalog)).ShouldBe(InstitutionRules.FilingCancelledIsFinal);
        Should.Throw<ArgumentException>(() => InstitutionDecider.Decide(new FileInstitution("x", ["chess"], D(3, 1), "x"), fresh, Catalog));
    }

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;
}
