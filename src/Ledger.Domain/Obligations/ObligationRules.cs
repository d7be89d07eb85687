using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Obligations;

public sealed record RuleValue<T>(T Value, string RuleId);

/// <summary>The parameters obligations need, as in force for one jurisdiction on one date, each with the rule that set it.</summary>
public sealed record ObligationRules(
    RuleValue<int>? NewHireMinHours,
    RuleValue<int>? OffPostRetrainMonths,
    RuleValue<bool>? RetrainOnPostChange,
    RuleValue<bool>? RetrainOnFourNew,
    RuleValue<bool>? AnnualAllStaffAssessment,
    RuleValue<LocalDate>? TeamLeaderRotationDeadline,
    RuleValue<bool>? FailedAssessmentTakesOffPost,
    RuleValue<OnlineHoursRule>? OnlineHours,
    RuleValue<bool>? FaceRecognitionRequired);

public interface IObligationPolicy
{
    ObligationRules For(string jurisdiction, LocalDate on);
}

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
