using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Employment;

public sealed record Hire(Guid EmploymentId, Guid EnterpriseId, string EnterpriseName, string Jurisdiction, PostAssignment Assignment, EmploymentRelation Relation, LocalDate HiredOn);

public sealed record ChangePost(Guid EmploymentId, PostAssignment Assignment, LocalDate On, string Reason);

public sealed record IntroduceFourNew(Guid EmploymentId, FourNewKind Kind, string Description, LocalDate On);

public sealed record LeavePost(Guid EmploymentId, LocalDate On, string Reason);

public sealed record ReturnToPost(Guid EmploymentId, LocalDate On);

public sealed record EndEmployment(Guid EmploymentId, LocalDate On, string Reason);

public static class EmploymentRules
{
    /// <summary>Labour Law art. 15: no employment under 16 [N].</summary>
    public const string MinimumAge = "NAT-EMP-01";
    public const string OneOpenEmploymentPerEnterprise = "NAT-EMP-02";
    public const string StepNeedsOpenEmployment = "NAT-EMP-03";
    public const string PresenceOrder = "NAT-EMP-04";
    public const string DatesInOrder = "NAT-EMP-05";
}

/// <summary>Employment facts on the person's stream, so one lifelong file spans every employer (JZ-ARC-01, HLJ-ARC-01).</summary>
public static class EmploymentDecider
{
    public static EmploymentStarted Decide(Hire command, Person person)
    {
        if (Period.Between(person.BirthDate, command.HiredOn, PeriodUnits.Years).Years < 16)
            throw new DomainRuleViolation(EmploymentRules.MinimumAge, "the person was under 16 on the hiring date");
        if (person.Employments.Any(e => e.IsOpen && e.EnterpriseId == command.EnterpriseId))
            throw new DomainRuleViolation(EmploymentRules.OneOpenEmploymentPerEnterprise, "the person is already employed by this enterprise; record a post change instead");
        return new EmploymentStarted(person.Id, command.EmploymentId, command.EnterpriseId, command.EnterpriseName, command.Jurisdiction,
            command.Assignment, command.Relation, command.HiredOn);
    }

    public static PostChanged Decide(ChangePost command, Person person)
    {
        var employment = Open(person, command.EmploymentId, command.On);
        if (employment.Assignment == command.Assignment)
            throw new DomainRuleViolation(EmploymentRules.PresenceOrder, "the new post is the same as the current one");
        return new PostChanged(person.Id, command.EmploymentId, command.Assignment, command.On, command.Reason);
    }

    public static FourNewIntroduced Decide(IntroduceFourNew command, Person person)
    {
        Open(person, command.EmploymentId, command.On);
        return new FourNewIntroduced(person.Id, command.EmploymentId, command.Kind, command.Description, command.On);
    }

    public static LeftPost Decide(LeavePost command, Person person)
    {
        var employment = Open(person, command.EmploymentId, command.On);
        if (employment.Presence != PostPresence.OnPost)
            throw new DomainRuleViolation(EmploymentRules.PresenceOrder, "the person is already off post");
        return new LeftPost(person.Id, command.EmploymentId, command.On, command.Reason);
    }

    public static ReturnedToPost Decide(ReturnToPost command, Person person)
    {
        var employment = Open(person, command.EmploymentId, command.On);
        if (employment.Presence != PostPresence.OffPost)
            throw new DomainRuleViolation(EmploymentRules.PresenceOrder, "the person is not off post");
        if (command.On < employment.LeftPostOn)
            throw new DomainRuleViolation(EmploymentRules.DatesInOrder, "the return cannot precede the day the person left the post");
        return new ReturnedToPost(person.Id, command.EmploymentId, command.On);
    }

    public static EmploymentEnded Decide(EndEmployment command, Person person)
    {
        Open(person, command.EmploymentId, command.On);
        return new EmploymentEnded(person.Id, command.EmploymentId, command.On, command.Reason);
    }

    private static EmploymentRecord Open(Person person, Guid employmentId, LocalDate on)
    {
        var employment = person.Employment(employmentId) ?? throw new DomainRuleViolation(EmploymentRules.StepNeedsOpenEmployment, "no such employment for this person");
        if (!employment.IsOpen)
            throw new DomainRuleViolation(EmploymentRules.StepNeedsOpenEmployment, $"the employment ended on {employment.EndedOn:uuuu-MM-dd}");
        var last = employment.Changes.Max(c => c.On);
        if (on < last)
            throw new DomainRuleViolation(EmploymentRules.DatesInOrder, $"{on:uuuu-MM-dd} precedes the employment's last recorded change on {last:uuuu-MM-dd}");
        return employment;
    }
}
