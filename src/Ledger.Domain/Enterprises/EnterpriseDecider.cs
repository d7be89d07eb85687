using NodaTime;

namespace Ledger.Domain.Enterprises;

/// <param name="EntrustedInstitution">Named only when the enterprise entrusts its training; ignored for a self-training one.</param>
public sealed record RegisterEnterprise(Guid EnterpriseId, CreditCode CreditCode, string Name, string LegalRepresentative, string Industry, string Jurisdiction,
    bool AboveDesignatedSize, int Headcount, TrainingCapability TrainingCapability, string? EntrustedInstitution, LocalDate RegisteredOn);

public sealed record ReportHeadcount(int Headcount, LocalDate ReportedOn);

public sealed record ChangeTrainingCapability(TrainingCapability TrainingCapability, string? EntrustedInstitution, LocalDate On, string Reason);

public sealed record AdoptTrainingPlan(int Year, LocalDate AdoptedOn, string Title, string ApprovedBy, bool CoversDispatchedAndOutsourced, string? DocumentReference);

/// <summary>Kebab-case codes of the enterprise rules; none of them comes from a source document.</summary>
public static class EnterpriseRules
{
    public const string HeadcountOutOfOrder = "headcount-out-of-order";
    public const string DatesFollowRegistration = "dates-follow-registration";
    public const string CapabilityOutOfOrder = "training-capability-out-of-order";
    public const string PlanYearMismatch = "training-plan-year-mismatch";
}

public static class EnterpriseDecider
{
    public static EnterpriseRegistered Decide(RegisterEnterprise c) =>
        new(c.EnterpriseId, c.CreditCode.Value, c.Name, c.LegalRepresentative, c.Industry, c.Jurisdiction, c.AboveDesignatedSize, c.Headcount,
            c.TrainingCapability, c.RegisteredOn, c.TrainingCapability == TrainingCapability.Entrusting ? c.EntrustedInstitution : null);

    public static EnterpriseHeadcountReported[] Decide(ReportHeadcount command, Enterprise enterprise)
    {
        if (command.ReportedOn < enterprise.HeadcountReportedOn)
            throw new DomainRuleViolation(EnterpriseRules.HeadcountOutOfOrder,
                $"the enterprise already holds a headcount reported for {enterprise.HeadcountReportedOn:uuuu-MM-dd}; an earlier report cannot replace it");
        // A retried report of the same figure for the same day is already recorded.
        if (command.ReportedOn == enterprise.HeadcountReportedOn && command.Headcount == enterprise.Headcount) return [];
        return [new EnterpriseHeadcountReported(enterprise.Id, command.Headcount, command.ReportedOn)];
    }

    public static EnterpriseTrainingCapabilityChanged[] Decide(ChangeTrainingCapability command, Enterprise enterprise)
    {
        if (command.On < enterprise.RegisteredOn)
            throw new DomainRuleViolation(EnterpriseRules.DatesFollowRegistration,
                $"a change cannot precede the enterprise's registration on {enterprise.RegisteredOn:uuuu-MM-dd}");
        if (command.On < enterprise.TrainingCapabilitySince)
            throw new DomainRuleViolation(EnterpriseRules.CapabilityOutOfOrder,
                $"the current training capability holds since {enterprise.TrainingCapabilitySince:uuuu-MM-dd}; a change cannot be dated before it");
        var institution = command.TrainingCapability == TrainingCapability.Entrusting ? command.EntrustedInstitution : null;
        if (command.TrainingCapability == enterprise.TrainingCapability && institution == enterprise.EntrustedInstitution) return [];
        return [new EnterpriseTrainingCapabilityChanged(enterprise.Id, command.TrainingCapability, institution, command.On, command.Reason)];
    }

    public static TrainingPlanAdopted[] Decide(AdoptTrainingPlan command, Enterprise enterprise)
    {
        // No bound by the ledger's registration date: an enterprise recorded in the ledger later may well have adopted its plan in 2020.
        // A plan is drawn up for its year before or during it, never after it has ended.
        if (command.AdoptedOn.Year > command.Year)
            throw new DomainRuleViolation(EnterpriseRules.PlanYearMismatch,
                $"a plan for {command.Year} cannot be adopted on {command.AdoptedOn:uuuu-MM-dd}, after its year has ended");
        // A retried adoption of the same plan on the same day is already recorded.
        if (enterprise.TrainingPlans.Any(p => p.Year == command.Year && p.AdoptedOn == command.AdoptedOn && p.Title == command.Title)) return [];
        return [new TrainingPlanAdopted(enterprise.Id, command.Year, command.AdoptedOn, command.Title, command.ApprovedBy, command.CoversDispatchedAndOutsourced,
            command.DocumentReference)];
    }
}
