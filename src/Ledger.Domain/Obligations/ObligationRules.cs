using NodaTime;

namespace Ledger.Domain.Obligations;

public enum ObligationStatus
{
    Met,
    Open,
    Breached,
}

public sealed record Obligation(
    string RuleId,
    string Kind,
    Guid? EmploymentId,
    string? Enterprise,
    LocalDate Since,
    LocalDate? Deadline,
    ObligationStatus Status,
    string Detail);
