using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>
/// The entitlement's lifecycle beside its claim's: held at submission (ClaimSubmissionDecider), given back when its line is
/// not approved or the claim is rejected, so a rightful claim elsewhere can take it, and paid with the claim. A line that
/// does not hold its entitlement (a duplicate, an ineligible line, or one whose holding has moved on) changes nothing.
/// </summary>
public static class EntitlementDecider
{
    /// <param name="entitlement">The line's entitlement as it stands (null when never held).</param>
    public static EntitlementReleased[] Release(Claim claim, int lineNo, Entitlement? entitlement, string reason, LocalDate on)
    {
        var line = claim.LineNo(lineNo)?.Line;
        // A paid entitlement stays with the claim that was paid, clawed back or not: giving it back would let it be paid twice (FR-01).
        return line is { Status: LineStatus.Eligible } && entitlement?.Holder?.ClaimId == claim.Id && !entitlement.Paid
            ? [new EntitlementReleased(line.EntitlementId, claim.Id, lineNo, reason, on)]
            : [];
    }

    /// <summary>Every approved line's entitlement is paid with the disbursement; one held by another claim cannot be (FR-01).</summary>
    public static EntitlementPaid Pay(Claim claim, ClaimLineState line, Entitlement? entitlement, SubsidyDisbursed paid)
    {
        if (entitlement?.Holder?.ClaimId != claim.Id)
            throw new DomainRuleViolation(FraudPatterns.DuplicateClaim,
                $"line {line.Line.LineNo}'s entitlement is not held by this claim, so paying it would pay it twice");
        if (entitlement.Paid)
            throw new DomainRuleViolation(FraudPatterns.DuplicateClaim, $"line {line.Line.LineNo}'s entitlement is already paid");
        return new EntitlementPaid(line.Line.EntitlementId, claim.Id, line.Line.LineNo, line.Decision!.Amount, paid.PaymentReference, paid.PaidOn);
    }
}

/// <summary>One workflow step's events: the claim's, and those of the entitlements it moves.</summary>
public sealed record ClaimStep<TClaimEvent>(TClaimEvent Claim, IReadOnlyList<IEntitlementEvent> Entitlements) where TClaimEvent : IClaimEvent;
