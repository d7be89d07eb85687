namespace Ledger.Domain.Actors;

/// <summary>The organisation roles that act on the ledger, as the role claim of a bearer token names them (kebab-case).</summary>
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
/// <param name="EnterpriseId">The enterprise the organisation is, for the enterprise role: its scope is that enterprise alone.</param>
/// <param name="InstitutionId">The institution the organisation is, for training institutions and exam points: their scope is that institution alone.</param>
public sealed record Actor(string UserId, string OrganisationId, ActorRole Role, string? Jurisdiction = null, Guid? EnterpriseId = null, Guid? InstitutionId = null);
