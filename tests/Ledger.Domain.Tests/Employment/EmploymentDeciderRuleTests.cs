using Ledger.Domain.Employment;
using Ledger.Domain.Persons;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Employment;

/// <summary>
/// Employment on the person's lifelong file (JZ-ARC-01, HLJ-ARC-01). The NAT-EMP ids are the ledger's own ordering rules and one
/// national rule (Labour Law art. 15, no employment under 16), none of them in the source documents.
/// </summary>
public sealed class EmploymentDeciderRuleTests
{
    private static readonly LocalDate Born = new(2004, 9, 1);
    private static readonly LocalDate Hired = new(2021, 3, 1);
    private static readonly Guid Chem = Guid.NewGuid();
    private static readonly PostAssignment Electrician = new("电工", true, false, "electrical.low-voltage");
    private static readonly PostAssignment Operator = new("操作工", true, true, null);

    private static Person Person_() => Person.Create(new PersonRegistered(Guid.NewGuid(), new SealedValue("test", ""), "120***********0011", "刘洋", Born, Sex.Male,
        EducationLevel.SeniorSecondary, "天津市蓟州区", null, null, new LocalDate(2021, 1, 1)));

    private static Hire Hire_(LocalDate? on = null, Guid? enterprise = null) =>
        new(Guid.NewGuid(), enterprise ?? Chem, "蓟州化工有限公司", "tj-jizhou", Electrician, EmploymentRelation.LabourContract, on ?? Hired);

    private static (Person Person, Guid EmploymentId) Employed()
    {
        var person = Person_();
        var hired = EmploymentDecider.Decide(Hire_(), person);
        return (person.Apply(hired), hired.EmploymentId);
    }

    private static string Rule(Action decide) => Should.Throw<DomainRuleViolation>(decide).RuleId;

    [Fact]
    public void hiring_records_the_employer_the_post_and_the_relation_on_the_persons_stream()
    {
        var person = Person_();
        var command = Hire_() with { Relation = EmploymentRelation.Dispatched };
        var hired = EmploymentDecider.Decide(command, person);
        (hired.PersonId, hired.EmploymentId, hired.EnterpriseId, hired.Jurisdiction, hired.Assignment, hired.Relation, hired.HiredOn)
            .ShouldBe((person.Id, command.EmploymentId, Chem, "tj-jizhou", Electrician, EmploymentRelation.Dispatched, Hired));
    }

    [Fact]
    public void NAT_EMP_01_no_one_is_hired_before_their_16th_birthday()
    {
        // Labour Law art. 15 [N]: "禁止用人单位招用未满十六周岁的未成年人".
        Rule(() => EmploymentDecider.Decide(Hire_(Born.PlusYears(16).PlusDays(-1)), Person_())).ShouldBe(EmploymentRules.MinimumAge);
        EmploymentDecider.Decide(Hire_(Born.PlusYears(16)), Person_()).HiredOn.ShouldBe(Born.PlusYears(16));
    }

    [Fact]
    public void NAT_EMP_02_one_open_employment_per_enterprise_and_a_rehire_after_the_end()
    {
        var (person, employment) = Employed();
        Rule(() => EmploymentDecider.Decide(Hire_(Hired.PlusMonths(1)), person)).ShouldBe(EmploymentRules.OneOpenEmploymentPerEnterprise);
        // Another employer at the same time is another employment.
        EmploymentDecider.Decide(Hire_(Hired.PlusMonths(1), Guid.NewGuid()), person).EnterpriseId.ShouldNotBe(Chem);
        var ended = person.Apply(EmploymentDecider.Decide(new EndEmployment(employment, Hired.PlusMonths(6), "合同到期"), person));
        EmploymentDecider.Decide(Hire_(Hired.PlusMonths(9)), ended).EnterpriseId.ShouldBe(Chem);
    }

    [Fact]
    public void NAT_EMP_03_a_step_needs_an_employment_of_this_person_that_is_still_open()
    {
        var (person, employment) = Employed();
        var day = Hired.PlusMonths(2);
        Rule(() => EmploymentDecider.Decide(new ChangePost(Guid.NewGuid(), Operator, day, "调岗"), person)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
        var ended = person.Apply(EmploymentDecider.Decide(new EndEmployment(employment, day, "辞职"), person));
        Rule(() => EmploymentDecider.Decide(new ChangePost(employment, Operator, day.PlusDays(1), "调岗"), ended)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
        Rule(() => EmploymentDecider.Decide(new IntroduceFourNew(employment, FourNewKind.Equipment, "新设备", day.PlusDays(1)), ended)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
        Rule(() => EmploymentDecider.Decide(new LeavePost(employment, day.PlusDays(1), "x"), ended)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
        Rule(() => EmploymentDecider.Decide(new ReturnToPost(employment, day.PlusDays(1)), ended)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
        Rule(() => EmploymentDecider.Decide(new EndEmployment(employment, day.PlusDays(1), "again"), ended)).ShouldBe(EmploymentRules.StepNeedsOpenEmployment);
    }

    [Fact]
    public void NAT_EMP_04_a_post_change_changes_the_post_and_leaving_and_returning_alternate()
    {
        var (person, employment) = Employed();
        Rule(() => EmploymentDecider.Decide(new ChangePost(employment, Electrician, Hired.PlusMonths(1), "x"), person)).ShouldBe(EmploymentRules.PresenceOrder);
        var changed = EmploymentDecider.Decide(new ChangePost(employment, Operator, Hired.PlusMonths(1), "调岗"), person);
        (changed.Assignment, changed.ChangedOn, changed.Reason).ShouldBe((Operator, Hired.PlusMonths(1), "调岗"));

        Rule(() => EmploymentDecider.Decide(new ReturnToPost(employment, Hired.PlusMonths(1)), person)).ShouldBe(EmploymentRules.PresenceOrder);
        var off = person.Apply(EmploymentDecider.Decide(new LeavePost(employment, Hired.PlusMonths(2), "病假"), person));
        Rule(() => EmploymentDecider.Decide(new LeavePost(employment, Hired.PlusMonths(3), "again"), off)).ShouldBe(EmploymentRules.PresenceOrder);
        EmploymentDecider.Decide(new ReturnToPost(employment, Hired.PlusMonths(6)), off).ReturnedOn.ShouldBe(Hired.PlusMonths(6));
    }

    [Fact]
    public void NAT_EMP_05_no_step_is_dated_before_the_employments_last_change()
    {
        var (person, employment) = Employed();
        var changed = person.Apply(EmploymentDecider.Decide(new ChangePost(employment, Operator, Hired.PlusMonths(2), "调岗"), person));
        var before = Hired.PlusMonths(2).PlusDays(-1);
        Rule(() => EmploymentDecider.Decide(new LeavePost(employment, before, "x"), changed)).ShouldBe(EmploymentRules.DatesInOrder);
        Rule(() => EmploymentDecider.Decide(new IntroduceFourNew(employment, FourNewKind.Process, "新工艺", before), changed)).ShouldBe(EmploymentRules.DatesInOrder);
        Rule(() => EmploymentDecider.Decide(new EndEmployment(employment, before, "x"), changed)).ShouldBe(EmploymentRules.DatesInOrder);
        Rule(() => EmploymentDecider.Decide(new EndEmployment(employment, Hired.PlusDays(-1), "x"), person)).ShouldBe(EmploymentRules.DatesInOrder);
        // The same day as the last change is in order.
        EmploymentDecider.Decide(new LeavePost(employment, Hired.PlusMonths(2), "x"), changed).LeftOn.ShouldBe(Hired.PlusMonths(2));
    }

    [Fact]
    public void four_new_is_recorded_against_the_open_employment()
    {
        // HLJ-OFF-02: "采用新工艺、新技术、新设备、新材料的人员要接受有针对性的安全培训" — the trigger is recorded here, the training owed follows from it.
        var (person, employment) = Employed();
        var introduced = EmploymentDecider.Decide(new IntroduceFourNew(employment, FourNewKind.Material, "新型催化剂", Hired.PlusMonths(4)), person);
        (introduced.PersonId, introduced.EmploymentId, introduced.Kind, introduced.Description, introduced.IntroducedOn)
            .ShouldBe((person.Id, employment, FourNewKind.Material, "新型催化剂", Hired.PlusMonths(4)));
    }
}
