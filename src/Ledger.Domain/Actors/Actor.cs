namespace Ledger.Domain.Actors;

/// <summary>The organisation roles that act on the ledger. Real authentication arrives later; until then the role is asserted.</summary>
public enum ActorRole
{
    Regulator,
    ExamPoint,
    TrainingInstitution,
    Enterprise,
    HrBureau,
    FinanceBureau,
    Auditor,
    SystemAdministrator,
}

/// <param name="Jurisdiction">The jurisdiction the organisation answers for (a bureau's area), where the role is a government one.</param>
public sealed record Actor(string UserId, string OrganisationId, ActorRole Role, string? Jurisdiction = null);
