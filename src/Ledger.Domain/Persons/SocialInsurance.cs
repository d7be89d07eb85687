using NodaTime;

namespace Ledger.Domain.Persons;

/// <summary>
/// Months of social insurance paid for the person, as reported by the social-insurance agency or an import:
/// a fact the claimant cannot type into a claim (JZ-SUB-01 counts months paid in the district).
/// </summary>
[EventSchema(1)]
public sealed record SocialInsuranceMonthsRecorded(
    Guid PersonId,
    string Region,
    string EmployerCreditCode,
    IReadOnlyList<YearMonth> Months,
    string Source) : IPersonEvent;
