using Ledger.Domain.Claims;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>The after-payment finder: one payment per subsidy event of a certificate (FR-01, FR-02).</summary>
public sealed class DoublePaymentTests
{
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Certificate = Guid.NewGuid();
    private static readonly LocalDate Issued = new(2017, 3, 20);

    private static PaidSubsidy Paid(SubsidyKind kind, string cycle, Guid? certificate = null) =>
        new(Person, certificate ?? Certificate, "electrical.low-voltage", Issued, kind, cycle);

    [Fact]
    public void taizhous_initial_subsidy_and_a_later_review_subsidy_on_one_certificate_are_not_paid_twice_TZ_SUB_04()
    {
        // 001: "特种作业操作证新取证补贴300-450元/人，复审人员补贴100元/人": two events, two lawful payments.
        var paid = new[] { Paid(SubsidyKind.SpecialOperationInitial, "initial"), Paid(SubsidyKind.SpecialOperationReview, "review:2020-03-10") };
        DoublePayments.Find(paid, p => p).ShouldBeEmpty();
    }

    [Fact]
    public void one_event_paid_twice_on_one_certificate_is_reported_FR_02()
    {
        var paid = new[] { Paid(SubsidyKind.SpecialOperationReview, "review:2020-03-10"), Paid(SubsidyKind.SpecialOperationReview, "review:2020-03-10") };
        DoublePayments.Find(paid, p => p).ShouldHaveSingleItem().RuleId.ShouldBe(FraudPatterns.SeveralSubsidyKinds);
    }

    [Fact]
    public void the_same_first_issue_paid_under_another_certificate_record_is_reported_FR_01()
    {
        var paid = new[] { Paid(SubsidyKind.SpecialOperationInitial, "initial"), Paid(SubsidyKind.SpecialOperationInitial, "initial", Guid.NewGuid()) };
        DoublePayments.Find(paid, p => p).ShouldHaveSingleItem().RuleId.ShouldBe(FraudPatterns.DuplicateClaim);
    }
}
