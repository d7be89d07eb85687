using NodaTime;

namespace Ledger.Domain.Enterprises;

public interface IEnterpriseEvent
{
    Guid EnterpriseId { get; }
}

/// <summary>Whether an enterprise trains its own staff or entrusts an institution (HLJ-INS-02, TZ-INS-01).</summary>
public enum TrainingCapability
{
    SelfTraining = 0,
    Entrusting = 1,
}

/// <param name="Industry">A code of <see cref="IndustryCatalog"/>.</param>
/// <param name="Jurisdiction">The code of the jurisdiction where the enterprise is located, whose policies apply to it.</param>
/// <param name="AboveDesignatedSize">规模以上, taken from statistical registration rather than computed (rules.md 6.9).</param>
/// <param name="EntrustedInstitution">The institution an entrusting enterprise trains through; null when it trains itself.</param>
[EventSchema(1)]
public sealed record EnterpriseRegistered(
    Guid EnterpriseId,
    string CreditCode,
    string Name,
    string LegalRepresentative,
    string Industry,
    string Jurisdiction,
    bool AboveDesignatedSize,
    int Headcount,
    TrainingCapability TrainingCapability,
    LocalDate RegisteredOn,
    string? EntrustedInstitution = null) : IEnterpriseEvent;

/// <summary>职工总数 on a date: it sets the internal-trainer requirement (QF-INT-02), so each report is kept.</summary>
[EventSchema(1)]
public sealed record EnterpriseHeadcountReported(Guid EnterpriseId, int Headcount, LocalDate ReportedOn) : IEnterpriseEvent;

[EventSchema(1)]
public sealed record EnterpriseTrainingCapabilityChanged(
    Guid EnterpriseId,
    TrainingCapability TrainingCapability,
    string? EntrustedInstitution,
    LocalDate On,
    string Reason) : IEnterpriseEvent;

/// <summary>
/// The unit's safety-skills training plan, drawn up under its principal (主要负责人) and adopted on a day: JZ-PLN-01 and HLJ-PLN-01 set
/// the day ("在2020年4月底前组织制定…培训计划"), TZ-PLN-01 asks for the plan. A revised plan is adopted again, as a new event.
/// </summary>
/// <param name="Year">The year the plan is for.</param>
/// <param name="ApprovedBy">The principal who had it drawn up.</param>
/// <param name="CoversDispatchedAndOutsourced">Whether it brings dispatched and outsourced workers in ("将被派遣劳动者、外包施工队伍人员纳入统一管理和培训", JZ-PLN-02).</param>
[EventSchema(1)]
public sealed record TrainingPlanAdopted(
    Guid EnterpriseId,
    int Year,
    LocalDate AdoptedOn,
    string Title,
    string ApprovedBy,
    bool CoversDispatchedAndOutsourced,
    string? DocumentReference) : IEnterpriseEvent;
