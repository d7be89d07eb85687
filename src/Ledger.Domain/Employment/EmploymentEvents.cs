using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Employment;

/// <summary>How the person works for the enterprise; HLJ's commitment speaks of 劳动(用工)关系, so dispatched and outsourced staff are covered (rules.md 6.7).</summary>
public enum EmploymentRelation
{
    LabourContract,
    Dispatched,
    Outsourced,
    Apprentice,
    Probation,
}

/// <summary>新工艺、新技术、新设备、新材料 (HLJ-OFF-02, QF-OFF-01).</summary>
public enum FourNewKind
{
    Process,
    Technology,
    Equipment,
    Material,
}

/// <summary>The post a person holds: what it needs (special-operation work type) and what it is (key post 重点岗位, team leader 班组长).</summary>
public sealed record PostAssignment(string Post, bool KeyPost, bool TeamLeader, string? SpecialOperationWorkType);

[EventSchema(1)]
public sealed record EmploymentStarted(
    Guid PersonId,
    Guid EmploymentId,
    Guid EnterpriseId,
    string EnterpriseName,
    string Jurisdiction,
    PostAssignment Assignment,
    EmploymentRelation Relation,
    LocalDate HiredOn) : IPersonEvent;

[EventSchema(1)]
public sealed record PostChanged(Guid PersonId, Guid EmploymentId, PostAssignment Assignment, LocalDate ChangedOn, string Reason) : IPersonEvent;

[EventSchema(1)]
public sealed record FourNewIntroduced(Guid PersonId, Guid EmploymentId, FourNewKind Kind, string Description, LocalDate IntroducedOn) : IPersonEvent;

[EventSchema(1)]
public sealed record LeftPost(Guid PersonId, Guid EmploymentId, LocalDate LeftOn, string Reason) : IPersonEvent;

[EventSchema(1)]
public sealed record ReturnedToPost(Guid PersonId, Guid EmploymentId, LocalDate ReturnedOn) : IPersonEvent;

[EventSchema(1)]
public sealed record EmploymentEnded(Guid PersonId, Guid EmploymentId, LocalDate EndedOn, string Reason) : IPersonEvent;
