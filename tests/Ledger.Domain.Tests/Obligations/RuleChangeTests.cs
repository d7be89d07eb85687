using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Obligations;

public sealed class RuleChangeTests
{
    private static readonly Guid Enterprise = Guid.NewGuid();

    private static Person Worker(Guid employmentId, LocalDate left, LocalDate returned)
    {
        var id = Guid.NewGuid();
        var person = Person.Create(new PersonRegistered(id, new SealedValue("test", ""), "110***********002X", "张三", new LocalDate(1980, 1, 1), Sex.Male, EducationLevel.SeniorSecondary,
            "天津市蓟州区", null, null, new LocalDate(2020, 5, 1)));
        return person
            .Apply(new EmploymentStarted(id, employmentId, Enterprise, "蓟州化工", "tj-jizhou", new PostAssignment("操作工", false, false, null),
                EmploymentRelation.LabourContract, new LocalDate(2020, 5, 1)))
            .Apply(new LeftPost(id, employmentId, left, "leave"))
            .Apply(new ReturnedToPost(id, employmentId, returned));
    }

    private static IEnumerable<Obligation> Returns(Person person, PolicyCatalog policies, LocalDate on) =>
        PersonObligations.Evaluate(person, [], policies, on, _ => true).Where(o => o.Kind == "return-to-post-retraining");

    [Fact]
    public void a_rule_change_judges_earlier_events_by_the_old_version_and_later_ones_by_the_new()
    {
        // An amendment in force from 2021-07-01 raises Jizhou's off-post threshold from 3 to 6 months (JZ-OFF-02).
        var amended = PolicyCatalog.Default.With(new PolicyVersion("jz-2021-amended", "tj-jizhou", new LocalDate(2021, 7, 1), new LocalDate(2021, 12, 31),
            "test amendment", new PolicyParameters(OffPostRetrainMonths: new Rule<int>(6, "JZ-OFF-02", "amended"))));

        var before = Worker(Guid.NewGuid(), new LocalDate(2021, 1, 4), new LocalDate(2021, 5, 10));
        var breach = Returns(before, amended, new LocalDate(2021, 12, 1)).Single();
        breach.RuleId.ShouldBe("JZ-OFF-02");
        breach.Status.ShouldBe(ObligationStatus.Breached);
        breach.Detail.ShouldContain("threshold 3");

        var after = Worker(Guid.NewGuid(), new LocalDate(2021, 7, 5), new LocalDate(2021, 11, 8));
        Returns(after, amended, new LocalDate(2021, 12, 1)).ShouldBeEmpty();
        // Without the amendment the same four months would have needed retraining.
        Returns(after, PolicyCatalog.Default, new LocalDate(2021, 12, 1)).Single().Status.ShouldBe(ObligationStatus.Breached);
    }

    [Fact]
    public void three_full_months_count_as_three_months_off_post_civil_code_art_1259()
    {
        var exactly = Worker(Guid.NewGuid(), new LocalDate(2021, 1, 4), new LocalDate(2021, 4, 4));
        Returns(exactly, PolicyCatalog.Default, new LocalDate(2021, 6, 1)).Single().RuleId.ShouldBe("JZ-OFF-02");
        var shorter = Worker(Guid.NewGuid(), new LocalDate(2021, 1, 4), new LocalDate(2021, 4, 3));
        Returns(shorter, PolicyCatalog.Default, new LocalDate(2021, 6, 1)).ShouldBeEmpty();
    }
}
