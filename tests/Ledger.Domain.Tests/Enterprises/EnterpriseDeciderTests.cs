using Ledger.Domain.Enterprises;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Enterprises;

public sealed class EnterpriseDeciderTests
{
    private static readonly LocalDate Registered = new(2026, 1, 5);

    private static Enterprise Registered_() => Enterprise.Create(new EnterpriseRegistered(Guid.NewGuid(), "91350100M000100Y43", "蓟州化工有限公司", "王强",
        "hazardous-chemicals", "tj-jizhou", true, 250, TrainingCapability.SelfTraining, Registered));

    [Fact]
    public void registration_names_an_entrusted_institution_only_for_an_entrusting_enterprise()
    {
        // HLJ-INS-02 / TZ-INS-01: an enterprise trains its own staff or entrusts an institution.
        CreditCode.TryParse("91350100M000100Y43", out var code, out _).ShouldBeTrue();
        RegisterEnterprise Register(TrainingCapability capability) => new(Guid.NewGuid(), code!, "蓟州化工有限公司", "王强", "hazardous-chemicals", "tj-jizhou", true, 250,
            capability, "蓟州安全培训学校", Registered);
        var entrusting = EnterpriseDecider.Decide(Register(TrainingCapability.Entrusting));
        entrusting.EntrustedInstitution.ShouldBe("蓟州安全培训学校");
        entrusting.CreditCode.ShouldBe("91350100M000100Y43");
        EnterpriseDecider.Decide(Register(TrainingCapability.SelfTraining)).EntrustedInstitution.ShouldBeNull();
        Enterprise.Create(entrusting).TrainingCapability.ShouldBe(TrainingCapability.Entrusting);
    }

    [Fact]
    public void registration_sets_headcount_and_capability_as_of_the_registration_date()
    {
        var enterprise = Registered_();
        enterprise.Headcount.ShouldBe(250);
        enterprise.HeadcountReportedOn.ShouldBe(Registered);
        enterprise.TrainingCapability.ShouldBe(TrainingCapability.SelfTraining);
        enterprise.EntrustedInstitution.ShouldBeNull();
    }

    [Fact]
    public void a_new_headcount_is_reported_and_applied()
    {
        var enterprise = Registered_();
        var events = EnterpriseDecider.Decide(new ReportHeadcount(310, Registered.PlusDays(30)), enterprise);
        events.ShouldBe([new EnterpriseHeadcountReported(enterprise.Id, 310, Registered.PlusDays(30))]);
        enterprise.Apply(events[0]).Headcount.ShouldBe(310);
    }

    [Fact]
    public void a_headcount_dated_before_the_one_held_is_refused_and_a_repeat_is_a_no_op()
    {
        var enterprise = Registered_();
        Should.Throw<DomainRuleViolation>(() => EnterpriseDecider.Decide(new ReportHeadcount(300, Registered.PlusDays(-1)), enterprise))
            .RuleId.ShouldBe(EnterpriseRules.HeadcountOutOfOrder);
        EnterpriseDecider.Decide(new ReportHeadcount(250, Registered), enterprise).ShouldBeEmpty();
    }

    [Fact]
    public void entrusting_names_the_institution_and_self_training_drops_it()
    {
        var enterprise = Registered_();
        var entrusted = EnterpriseDecider.Decide(new ChangeTrainingCapability(TrainingCapability.Entrusting, "天津市安全培训中心", Registered.PlusDays(3), "no trainers"), enterprise);
        entrusted.Single().EntrustedInstitution.ShouldBe("天津市安全培训中心");
        var after = enterprise.Apply(entrusted.Single());
        after.TrainingCapabilitySince.ShouldBe(Registered.PlusDays(3));

        var back = EnterpriseDecider.Decide(new ChangeTrainingCapability(TrainingCapability.SelfTraining, "ignored", Registered.PlusDays(9), "training centre built"), after);
        back.Single().EntrustedInstitution.ShouldBeNull();
    }

    [Fact]
    public void a_capability_change_cannot_precede_registration_or_the_current_capability()
    {
        var enterprise = Registered_();
        Should.Throw<DomainRuleViolation>(() => EnterpriseDecider.Decide(
            new ChangeTrainingCapability(TrainingCapability.Entrusting, "x", Registered.PlusDays(-1), "r"), enterprise)).RuleId.ShouldBe(EnterpriseRules.DatesFollowRegistration);
        var later = enterprise with { TrainingCapabilitySince = Registered.PlusDays(10) };
        Should.Throw<DomainRuleViolation>(() => EnterpriseDecider.Decide(
            new ChangeTrainingCapability(TrainingCapability.Entrusting, "x", Registered.PlusDays(5), "r"), later)).RuleId.ShouldBe(EnterpriseRules.CapabilityOutOfOrder);
        EnterpriseDecider.Decide(new ChangeTrainingCapability(TrainingCapability.SelfTraining, null, Registered.PlusDays(1), "r"), enterprise).ShouldBeEmpty();
    }

    [Fact]
    public void the_industry_list_marks_the_high_risk_industries()
    {
        var industries = IndustryCatalog.Default;
        industries.Industries.Select(i => i.Code).ShouldBe(
            ["hazardous-chemicals", "coal-mine", "metal-nonmetal-mine", "metal-smelting", "metal-casting", "fireworks", "oil-gas", "construction", "other"]);
        industries.Industries.Where(i => !i.HighRisk).Select(i => i.Code).ShouldBe(["construction", "other"]);
        industries.Find("Fireworks").ShouldBeNull();
    }
}
