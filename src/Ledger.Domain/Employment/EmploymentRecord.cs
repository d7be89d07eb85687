using NodaTime;

namespace Ledger.Domain.Employment;

public enum PostPresence
{
    OnPost,
    OffPost,
    Ended,
}

/// <summary>One employment in the person's lifelong file, with every change as it happened.</summary>
public sealed record EmploymentRecord(
    Guid EmploymentId,
    Guid EnterpriseId,
    string EnterpriseName,
    string Jurisdiction,
    EmploymentRelation Relation,
    LocalDate HiredOn,
    PostAssignment Assignment,
    PostPresence Presence,
    LocalDate? LeftPostOn,
    LocalDate? EndedOn,
    IReadOnlyList<EmploymentChange> Changes)
{
    public bool IsOpen => Presence != PostPresence.Ended;
}

public sealed record EmploymentChange(LocalDate On, string What, PostAssignment? Assignment, FourNewKind? FourNew, string? Reason);
