using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Enterprises;

public sealed class InternalTrainerRosterTests
{
    private static readonly Guid RosterId = Guid.NewGuid();

    private static AppointInternalTrainer Appoint(Guid person, LocalDate on, params string[] workTypes) =>
        new(RosterId, "91450100000000001X", person, workTypes, TrainerQualification.DemonstrationBaseCertified, new LocalDate(2025, 1, 10), on);

    [Fact]
    public void counts_per_work_type_follow_appointments_and_removals()
    {
        var (wang, li) = (Guid.NewGuid(), Guid.NewGuid());
        var roster = InternalTrainerRoster.Create(InternalTrainerDecider.Decide(Appoint(wang, new LocalDate(2025, 2, 1), "electrical.low-voltage", "welding.fusion"), null, CertificateCatalog.Default));
        roster = roster.Apply(InternalTrainerDecider.Decide(Appoint(li, new LocalDate(2025, 3, 1), "electrical.low-voltage"), roster, CertificateCatalog.Default));
        roster = roster.Apply(InternalTrainerDecider.Decide(new RemoveInternalTrainer(wang, new LocalDate(2025, 5, 1), "退出"), roster));

        roster.CountsByWorkTypeOn(new LocalDate(2025, 1, 31)).ShouldBeEmpty();
        roster.CountsByWorkTypeOn(new LocalDate(2025, 3, 1)).ShouldBe(new Dictionary<string, int> { ["electrical.low-voltage"] = 2, ["welding.fusion"] = 1 });
        roster.CountsByWorkTypeOn(new LocalDate(2025, 5, 1)).ShouldBe(new Dictionary<string, int> { ["electrical.low-voltage"] = 1 });
        roster.InPostOn(new LocalDate(2025, 5, 1)).Single().PersonId.ShouldBe(li);
    }

    [Fact]
    public void a_trainer_in_post_is_not_appointed_twice_and_dates_keep_their_order()
    {
        var wang = Guid.NewGuid();
        var roster = InternalTrainerRoster.Create(InternalTrainerDecider.Decide(Appoint(wang, new LocalDate(2025, 2, 1), "welding.fusion"), null, CertificateCatalog.Default));
        Should.Throw<DomainRuleViolation>(() => InternalTrainerDecider.Decide(Appoint(wang, new LocalDate(2025, 3, 1), "welding.pressure"), roster, CertificateCatalog.Default))
            .RuleId.ShouldBe(InternalTrainerRules.AlreadyInPost);
        Should.Throw<DomainRuleViolation>(() => InternalTrainerDecider.Decide(Appoint(Guid.NewGuid(), new LocalDate(2025, 1, 1), "welding.fusion"), roster, CertificateCatalog.Default))
            .RuleId.ShouldBe(InternalTrainerRules.DatesInOrder);
        Should.Throw<DomainRuleViolation>(() => InternalTrainerDecider.Decide(new RemoveInternalTrainer(Guid.NewGuid(), new LocalDate(2025, 5, 1), "x"), roster))
            .RuleId.ShouldBe(InternalTrainerRules.NotInPost);
    }
}
