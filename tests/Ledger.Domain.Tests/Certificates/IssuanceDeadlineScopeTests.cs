using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Certificates;

/// <summary>
/// TZ-CRT-04/05 "新证发证必须在5个工作日内完成，复审（换证）必须在3个工作日内完成" is Taizhou's 2020 work plan (台应急〔2020〕5号):
/// it binds where and when that document applies, not every certificate in every year and place.
/// </summary>
public sealed class IssuanceDeadlineScopeTests
{
    private static DeadlineCheck Late(LocalDate passed) => new(CertificateRules.NewCertificateIssuanceDeadline, "issue", passed, passed.PlusDays(10), 6, 5);

    [Fact]
    public void a_late_issue_in_taizhou_in_2020_is_a_breach_of_TZ_CRT_04()
    {
        var check = IssuanceDeadlines.InForce(Late(new LocalDate(2020, 9, 30)), ["zj-taizhou"], PolicyCatalog.Default).ShouldNotBeNull();
        check.RuleId.ShouldBe("TZ-CRT-04");
        check.Limit.ShouldBe(5);
        check.Breached.ShouldBeTrue();
    }

    [Fact]
    public void the_taizhou_deadline_does_not_bind_other_places_or_other_years_TZ_CRT_04()
    {
        IssuanceDeadlines.InForce(Late(new LocalDate(2020, 9, 30)), ["hlj", "sd-jining-qufu"], PolicyCatalog.Default).ShouldBeNull();
        IssuanceDeadlines.InForce(Late(new LocalDate(2025, 9, 30)), ["zj-taizhou"], PolicyCatalog.Default).ShouldBeNull();
        IssuanceDeadlines.AnyBreachInForce([Late(new LocalDate(2021, 3, 1))], ["zj-taizhou"], PolicyCatalog.Default).ShouldBeFalse();
    }

    [Fact]
    public void a_review_completed_late_in_taizhou_in_2020_breaches_TZ_CRT_05()
    {
        var review = new DeadlineCheck(CertificateRules.ReviewIssuanceDeadline, "review", new LocalDate(2020, 6, 1), new LocalDate(2020, 6, 5), 4, 3);
        IssuanceDeadlines.InForce(review, ["zj-taizhou"], PolicyCatalog.Default).ShouldNotBeNull().RuleId.ShouldBe("TZ-CRT-05");
    }
}
