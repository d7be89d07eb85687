using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Enterprises;

/// <summary>
/// The internal-trainer roster's dates (internal-trainer-dates-in-order) beyond InternalTrainerRosterTests: a trainer is appointed no
/// earlier than qualified (NN-INT-01: "内训师须经实训示范基地培训考核合格"), again no earlier than the last removal, and removed no
/// earlier than appointed. The kebab-case ids are the ledger's own.
/// </summary>
public sealed class InternalTrainerDeciderRuleTests
{
    private static readonly Guid Wang = Guid.NewGuid();
    private static readonly LocalDate Qualified = new(2025, 1, 10);

    private static AppointInternalTrainer Appoint(LocalDate on, LocalDate? qualified = null, params string[] workTypes) =>
        new(Guid.NewGuid(), "91450100000000001X", Wang, workTypes.Length == 0 ? ["welding.fusion"] : workTypes, TrainerQualification.DemonstrationBaseCertified,
            qualified ?? Qualified, on);

    private static InternalTrainerRoster Roster(LocalDate appointed) =>
        InternalTrainerRoster.Create(InternalTrainerDecider.Decide(Appoint(appointed), null, CertificateCatalog.Default));

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    [Fact]
    public void the_first_appointment_opens_the_roster_and_later_ones_keep_its_id_and_credit_code()
    {
        var first = InternalTrainerDecider.Decide(Appoint(Qualified, null, "welding.fusion", "welding.fusion", "electrical.low-voltage"), null, CertificateCatalog.Default);
        first.WorkTypes.ShouldBe(["welding.fusion", "electrical.low-voltage"]);
        var roster = InternalTrainerRoster.Create(first);
        var second = InternalTrainerDecider.Decide(Appoint(Qualified) with { PersonId = Guid.NewGuid(), RosterId = Guid.NewGuid(), EnterpriseCreditCode = "other" }, roster,
            CertificateCatalog.Default);
        (second.RosterId, second.EnterpriseCreditCode).ShouldBe((roster.Id, roster.EnterpriseCreditCode));
        Should.Throw<ArgumentException>(() => InternalTrainerDecider.Decide(Appoint(Qualified, null, "chess"), roster, CertificateCatalog.Default));
    }

    [Fact]
    public void internal_trainer_dates_in_order_the_qualification_comes_first_and_the_qualification_day_itself_is_in_order()
    {
        Rule(() => InternalTrainerDecider.Decide(Appoint(Qualified.PlusDays(-1)), null, CertificateCatalog.Default)).ShouldBe(InternalTrainerRules.DatesInOrder);
        InternalTrainerDecider.Decide(Appoint(Qualified), null, CertificateCatalog.Default).AppointedOn.ShouldBe(Qualified);
    }

    [Fact]
    public void internal_trainer_dates_in_order_a_removal_follows_the_appointment_and_a_reappointment_follows_the_removal()
    {
        var roster = Roster(new LocalDate(2025, 2, 1));
        Rule(() => InternalTrainerDecider.Decide(new RemoveInternalTrainer(Wang, new LocalDate(2025, 1, 31), "x"), roster)).ShouldBe(InternalTrainerRules.DatesInOrder);
        roster = roster.Apply(InternalTrainerDecider.Decide(new RemoveInternalTrainer(Wang, new LocalDate(2025, 6, 1), "调离"), roster));
        Rule(() => InternalTrainerDecider.Decide(Appoint(new LocalDate(2025, 5, 31)), roster, CertificateCatalog.Default)).ShouldBe(InternalTrainerRules.DatesInOrder);
        roster = roster.Apply(InternalTrainerDecider.Decide(Appoint(new LocalDate(2025, 6, 1)), roster, CertificateCatalog.Default));
        roster.Appointments.Count(a => a.PersonId == Wang).ShouldBe(2);
        Rule(() => InternalTrainerDecider.Decide(new RemoveInternalTrainer(Guid.NewGuid(), new LocalDate(2025, 7, 1), "x"), roster)).ShouldBe(InternalTrainerRules.NotInPost);
    }
}
