using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>TZ-SUB-04 "复审人员补贴100元/人": only a passed review (复审) earns the review subsidy.</summary>
public sealed class ReviewSubsidyTests
{
    private static readonly LocalDate Trained = new(2017, 3, 1);
    private static readonly LocalDate Issued = new(2017, 3, 20);

    [Fact]
    public void a_reinstatement_after_a_suspension_is_not_a_passed_review_TZ_SUB_04()
    {
        var world = new SubsidyLineWorld("zj-taizhou", Trained);
        var certificate = world.Certificate(Issued)
            .Apply(new CertificateSuspended(Guid.Empty, new LocalDate(2020, 3, 1), "违章作业", null))
            .Apply(new CertificateReinstated(Guid.Empty, new LocalDate(2020, 4, 1), "整改完成"));

        var line = world.Assess(world.Person(), certificate, SubsidyKind.SpecialOperationReview, new LocalDate(2020, 6, 1));

        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.WrongSubsidyEvent && f.Blocking);
        line.EntitledAmount.ShouldBe(0m);
        line.Cycle.ShouldBe("review:none");
    }

    [Fact]
    public void a_passed_review_earns_taizhous_100_TZ_SUB_04()
    {
        var world = new SubsidyLineWorld("zj-taizhou", Trained);
        var reviewed = new LocalDate(2020, 3, 10);
        var certificate = world.Certificate(Issued)
            .Apply(new CertificateSuspended(Guid.Empty, new LocalDate(2019, 3, 1), "违章作业", null))
            .Apply(new CertificateReinstated(Guid.Empty, new LocalDate(2019, 4, 1), "整改完成"))
            .Apply(new CertificateReviewed(Guid.Empty, reviewed, true, reviewed, reviewed.PlusYears(3), null));

        var line = world.Assess(world.Person(), certificate, SubsidyKind.SpecialOperationReview, new LocalDate(2020, 6, 1));

        line.Findings.ShouldNotContain(f => f.Blocking);
        line.EntitledAmount.ShouldBe(100m);
        line.Cycle.ShouldBe("review:2020-03-10");
    }

    private static LineAssessment Successor(SupersessionKind kind, LocalDate issued, string jurisdiction = "zj-taizhou")
    {
        var world = new SubsidyLineWorld(jurisdiction, Trained);
        var successor = world.Certificate(issued) with { Supersedes = Guid.NewGuid(), SupersessionKind = kind };
        return world.Assess(world.Person(), successor, SubsidyKind.SpecialOperationReview, new LocalDate(2020, 6, 1));
    }

    [Fact]
    public void a_renewal_is_a_review_in_taizhou_and_earns_its_100_TZ_SUB_04()
    {
        // "复审人员补贴100元/人", and the notice's own "复审（换证）必须在3个工作日内完成": 换证 is the review that re-issues the certificate.
        var line = Successor(SupersessionKind.Renewal, new LocalDate(2020, 5, 10));
        line.Findings.ShouldNotContain(f => f.Blocking);
        (line.EntitledAmount, line.Cycle).ShouldBe((100m, "review:2020-05-10"));
    }

    [Fact]
    public void a_replacement_of_a_lost_certificate_is_no_review_TZ_SUB_04()
    {
        // 补证 replaces a lost or damaged certificate without any review of its holder.
        var line = Successor(SupersessionKind.Replacement, new LocalDate(2020, 5, 10));
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.WrongSubsidyEvent && f.Blocking);
        (line.EntitledAmount, line.Cycle).ShouldBe((0m, "review:none"));
    }

    [Fact]
    public void a_renewal_before_taizhous_programme_earns_nothing_TZ_SUB_04()
    {
        var line = Successor(SupersessionKind.Renewal, new LocalDate(2019, 11, 10));
        line.EntitledAmount.ShouldBe(0m);
    }
}
