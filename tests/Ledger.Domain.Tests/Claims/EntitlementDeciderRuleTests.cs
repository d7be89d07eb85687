using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// The entitlement beside its claim (FR-01): held at submission (ClaimSubmissionDeciderRuleTests), given back when its line is not
/// approved or the claim is rejected, paid with the claim, and never paid twice. A clawback moves money, not the entitlement.
/// </summary>
public sealed class EntitlementDeciderRuleTests
{
    private static SubsidyDisbursed Paid(Claim claim) => new(claim.Id, "PAY-2021-0001", "黑龙江化工", "6222********1234", claim.ApprovedAmount, Later, Payer.UserId);

    [Fact]
    public void release_gives_back_an_entitlement_the_claims_eligible_line_holds()
    {
        var claim = Submitted(Line(1));
        var line = claim.LineNo(1)!.Line;
        var released = EntitlementDecider.Release(claim, 1, Held(claim, line, claim.Id), "非本单位职工", Later).ShouldHaveSingleItem();
        (released.EntitlementId, released.ClaimId, released.LineNo, released.Reason, released.On).ShouldBe((line.EntitlementId, claim.Id, 1, "非本单位职工", Later));
        Held(claim, line, claim.Id).Apply(released).Holder.ShouldBeNull();
    }

    [Fact]
    public void FR_01_release_leaves_alone_an_entitlement_the_line_does_not_hold()
    {
        // A duplicate line, an entitlement another claim holds, one never held, or a line the claim does not have: nothing to give back.
        var claim = Submitted(Line(1), Line(2, status: LineStatus.Duplicate));
        var line = claim.LineNo(1)!.Line;
        EntitlementDecider.Release(claim, 1, Held(claim, line, Guid.NewGuid()), "x", Later).ShouldBeEmpty();
        EntitlementDecider.Release(claim, 1, null, "x", Later).ShouldBeEmpty();
        EntitlementDecider.Release(claim, 2, Held(claim, claim.LineNo(2)!.Line, claim.Id), "x", Later).ShouldBeEmpty();
        EntitlementDecider.Release(claim, 9, Held(claim, line, claim.Id), "x", Later).ShouldBeEmpty();
        var givenBack = Held(claim, line, claim.Id).Apply(new EntitlementReleased(line.EntitlementId, claim.Id, 1, "x", Applied));
        EntitlementDecider.Release(claim, 1, givenBack, "again", Later).ShouldBeEmpty();
    }

    [Fact]
    public void payment_pays_the_approved_amount_of_the_line_against_the_payment_reference()
    {
        var claim = Submitted(Line(1)).Attested().Verified();
        claim = claim.Apply(ClaimDecider.Approve(claim, Hr, new Approve([new LineDecision(1, true, 800m, "部分")], Applied), PolicyCatalog.Default));
        var line = claim.LineNo(1)!;
        var paid = EntitlementDecider.Pay(claim, line, Held(claim, line.Line, claim.Id), Paid(claim));
        (paid.EntitlementId, paid.ClaimId, paid.LineNo, paid.Amount, paid.PaymentReference, paid.PaidOn).ShouldBe((line.Line.EntitlementId, claim.Id, 1, 800m, "PAY-2021-0001", Later));
        Held(claim, line.Line, claim.Id).Apply(paid).Paid.ShouldBeTrue();
    }

    [Fact]
    public void FR_01_an_entitlement_held_elsewhere_or_not_at_all_is_not_paid_by_this_claim()
    {
        var claim = Submitted(Line(1)).Attested().Verified().Approved();
        var line = claim.LineNo(1)!;
        Rule(() => EntitlementDecider.Pay(claim, line, Held(claim, line.Line, Guid.NewGuid()), Paid(claim))).ShouldBe(FraudPatterns.DuplicateClaim);
        Rule(() => EntitlementDecider.Pay(claim, line, null, Paid(claim))).ShouldBe(FraudPatterns.DuplicateClaim);
        // The disbursement step refuses the whole payment when one line's entitlement has moved on.
        var moved = HeldBy(claim);
        moved[line.Line.EntitlementId] = Held(claim, line.Line, Guid.NewGuid());
        Rule(() => ClaimDecider.Disburse(claim, Payer, new Disburse("PAY-1", "黑龙江化工", "6222", 1000m, Later), PolicyCatalog.Default, moved)).ShouldBe(FraudPatterns.DuplicateClaim);
    }

    [Fact]
    public void FR_01_an_entitlement_is_paid_once()
    {
        var claim = Submitted(Line(1)).Attested().Verified().Approved();
        var line = claim.LineNo(1)!;
        var paidOnce = Held(claim, line.Line, claim.Id).Apply(new EntitlementPaid(line.Line.EntitlementId, claim.Id, 1, 1000m, "PAY-0", Applied));
        Rule(() => EntitlementDecider.Pay(claim, line, paidOnce, Paid(claim))).ShouldBe(FraudPatterns.DuplicateClaim);
    }

    [Fact]
    public void FR_01_a_paid_entitlement_stays_held_after_a_clawback_so_no_later_claim_takes_it()
    {
        var claim = Submitted(Line(1)).Attested().Verified().Approved().Disbursed();
        var line = claim.LineNo(1)!.Line;
        var entitlement = Held(claim, line, claim.Id).Apply(new EntitlementPaid(line.EntitlementId, claim.Id, 1, 1000m, "PAY-2021-0001", Later));
        var clawing = claim.Apply(ClaimDecider.OrderClawback(claim, Verifier, new OrderClawback([1], "证书以欺骗手段取得", [FraudPatterns.CertificateByDeception], Later)));
        // Nothing gives a paid entitlement back, a clawback included: it keeps its holder, so a new claim finds it held (FR-01).
        EntitlementDecider.Release(clawing, 1, entitlement, "clawed back", Later).ShouldBeEmpty();
        (entitlement.Holder!.ClaimId, entitlement.Paid).ShouldBe((claim.Id, true));
    }
}
