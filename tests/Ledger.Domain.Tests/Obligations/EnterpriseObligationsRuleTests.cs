using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Obligations;

/// <summary>The enterprise's own internal-trainer staffing: Qufu's ratio (QF-INT-02) and Nanning's trainer per work type (NN-INT-01).</summary>
public sealed class EnterpriseObligationsRuleTests
{
    private static readonly LocalDate InQufu = new(2023, 6, 1);
    private static readonly LocalDate InNanning = new(2021, 6, 1);

    private static Enterprise Enterprise(string jurisdiction, string industry, int headcount, bool aboveSize = true) =>
        Domain.Enterprises.Enterprise.Create(new EnterpriseRegistered(Guid.NewGuid(), "91370881000000001X", "曲阜机械", "孔总", industry, jurisdiction, aboveSize, headcount,
            TrainingCapability.SelfTraining, new LocalDate(2020, 1, 1)));

    private static InternalTrainerRoster? Roster(int trainers, TrainerQualification qualification = TrainerQualification.EnterpriseAssessed, string workType = "welding.fusion")
    {
        InternalTrainerRoster? roster = null;
        for (var i = 0; i < trainers; i++)
        {
            var appointed = InternalTrainerDecider.Decide(new AppointInternalTrainer(Guid.NewGuid(), "91370881000000001X", Guid.NewGuid(), [workType], qualification,
                new LocalDate(2021, 1, 10), new LocalDate(2021, 2, 1)), roster, CertificateCatalog.Default);
            roster = roster is null ? InternalTrainerRoster.Create(appointed) : roster.Apply(appointed);
        }
        return roster;
    }

    private static IReadOnlyList<Obligation> Evaluate(Enterprise enterprise, InternalTrainerRoster? roster, LocalDate on, params string[] workTypes) =>
        EnterpriseObligations.Evaluate(enterprise, roster, workTypes, PolicyCatalog.Default, IndustryCatalog.Default, on);

    [Theory]
    [InlineData(1000, 4, "breached")]
    [InlineData(1000, 5, "met")]
    [InlineData(1001, 5, "breached")]
    [InlineData(200, 2, "breached")]
    [InlineData(200, 3, "met")]
    public void QF_INT_02_a_high_risk_enterprise_keeps_five_per_mille_rounded_up_and_at_least_three(int headcount, int trainers, string status)
    {
        // QF-INT-02: "高危行业企业要配备比例不低于职工总数的千分之五，一般不少于3人".
        var obligation = Evaluate(Enterprise("sd-jining-qufu", "hazardous-chemicals", headcount), Roster(trainers), InQufu).ShouldHaveSingleItem();
        (obligation.RuleId, obligation.Kind).ShouldBe(("QF-INT-02", "internal-trainer-ratio"));
        obligation.Status.ToString().ToLowerInvariant().ShouldBe(status);
    }

    [Fact]
    public void QF_INT_02_another_enterprise_above_designated_size_keeps_three_per_mille_and_one_below_it_none()
    {
        // "其他规模以上企业配备比例不低于职工总数的千分之三".
        var other = Evaluate(Enterprise("sd-jining-qufu", "other", 1000), Roster(2), InQufu).ShouldHaveSingleItem();
        (other.Status, other.Detail).ShouldBe((ObligationStatus.Breached, "2 internal trainers in post; 3 required for headcount 1000 (above designated size: 3‰)"));
        Evaluate(Enterprise("sd-jining-qufu", "other", 1000, aboveSize: false), null, InQufu).ShouldBeEmpty();
        // Before the Qufu opinions (2022-08-18) no ratio applies.
        Evaluate(Enterprise("sd-jining-qufu", "hazardous-chemicals", 1000), null, new LocalDate(2022, 8, 17)).ShouldBeEmpty();
    }

    [Fact]
    public void NN_INT_01_every_special_operation_work_type_present_needs_an_internal_trainer()
    {
        // NN-INT-01: "企业每个工种至少指定1人担任相应工种的内训师".
        var enterprise = Enterprise("gx-nanning", "metal-casting", 300);
        var obligations = Evaluate(enterprise, Roster(1, TrainerQualification.DemonstrationBaseCertified), InNanning, "welding.fusion", "electrical.low-voltage");
        obligations.Select(o => (o.RuleId, o.Status, o.Detail)).ShouldBe([
            ("NN-INT-01", ObligationStatus.Breached, "0 internal trainers qualified at a demonstration base for electrical.low-voltage; at least 1 required"),
            ("NN-INT-01", ObligationStatus.Met, "1 internal trainers qualified at a demonstration base for welding.fusion; at least 1 required"),
        ]);
        // After the plan's window (to the end of 2021) nothing is owed.
        Evaluate(enterprise, null, new LocalDate(2022, 1, 1), "welding.fusion").ShouldBeEmpty();
    }

    [Fact]
    public void NN_INT_01_counts_only_trainers_qualified_at_a_demonstration_base()
    {
        // NN-INT-01: "内训师须经实训示范基地培训考核合格" — a trainer the enterprise assessed itself is no Nanning internal trainer.
        var enterprise = Enterprise("gx-nanning", "metal-casting", 300);
        Evaluate(enterprise, Roster(1, TrainerQualification.EnterpriseAssessed), InNanning, "welding.fusion").ShouldHaveSingleItem().Status
            .ShouldBe(ObligationStatus.Breached);
    }
}
