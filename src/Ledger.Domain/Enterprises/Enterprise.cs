using NodaTime;

namespace Ledger.Domain.Enterprises;

/// <param name="HeadcountReportedOn">Date of the headcount held, so a report dated earlier than it cannot overwrite it.</param>
/// <param name="TrainingCapabilitySince">Since when the current training capability holds.</param>
public sealed record Enterprise(
    Guid Id,
    string CreditCode,
    string Name,
    string LegalRepresentative,
    string Industry,
    string Jurisdiction,
    bool AboveDesignatedSize,
    int Headcount,
    LocalDate HeadcountReportedOn,
    TrainingCapability TrainingCapability,
    string? EntrustedInstitution,
    LocalDate TrainingCapabilitySince,
    LocalDate RegisteredOn)
{
    public long Version { get; init; }

    /// <summary>The training plans adopted, in the order recorded (JZ-PLN-01, HLJ-PLN-01, TZ-PLN-01).</summary>
    public IReadOnlyList<TrainingPlan> TrainingPlans { get; init; } = [];

    public static Enterprise Create(EnterpriseRegistered e) => new(
        e.EnterpriseId, e.CreditCode, e.Name, e.LegalRepresentative, e.Industry, e.Jurisdiction, e.AboveDesignatedSize,
        e.Headcount, e.RegisteredOn, e.TrainingCapability, e.EntrustedInstitution, e.RegisteredOn, e.RegisteredOn);

    public Enterprise Apply(EnterpriseHeadcountReported e) => this with { Headcount = e.Headcount, HeadcountReportedOn = e.ReportedOn };

    public Enterprise Apply(TrainingPlanAdopted e) =>
        this with { TrainingPlans = [.. TrainingPlans, new TrainingPlan(e.Year, e.AdoptedOn, e.Title, e.ApprovedBy, e.CoversDispatchedAndOutsourced, e.DocumentReference)] };

    public Enterprise Apply(EnterpriseTrainingCapabilityChanged e) =>
        this with { TrainingCapability = e.TrainingCapability, EntrustedInstitution = e.EntrustedInstitution, TrainingCapabilitySince = e.On };
}

public sealed record TrainingPlan(int Year, LocalDate AdoptedOn, string Title, string ApprovedBy, bool CoversDispatchedAndOutsourced, string? DocumentReference);
