using Ledger.Domain.Certificates;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Certificates;

/// <summary>The public check by number and name (FR-03: an unknown or misnamed number is a possible forgery).</summary>
public sealed class PublicVerificationTests
{
    private static readonly Guid Key = Guid.NewGuid();
    private static readonly Guid Watch = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 3, 1, 0);

    private static Certificate Issued() => Certificate.Create(new CertificateIssued(Key, Guid.NewGuid(), "T23010120190001", "special-operation", "electrician-low-voltage",
        null, "张伟", "哈尔滨考点", new(2019, 5, 10), new(2019, 5, 10), new(2019, 5, 20), "黑龙江省应急管理厅", new(2019, 5, 20), new(2025, 5, 19), new(2022, 5, 19), null, null));

    private static VerifyCertificate Check(string name, LocalDate on) => new("T23010120190001", name, on, Key, Watch, Now);

    [Fact]
    public void a_known_number_with_its_holders_name_answers_the_status_on_the_day()
    {
        var outcome = PublicVerification.Decide(Check(" 张伟 ", new(2020, 1, 1)), Issued());
        outcome.Status.ShouldBe("valid");
        outcome.Certificate.ShouldNotBeNull();
        outcome.Lead.ShouldBeNull();
        PublicVerification.Decide(Check("张伟", new(2026, 1, 1)), Issued()).Status.ShouldBe("expired");
    }

    [Fact]
    public void FR_03_an_unknown_number_and_a_wrong_name_answer_the_same_and_both_leave_a_lead()
    {
        var unknown = PublicVerification.Decide(Check("张伟", new(2020, 1, 1)), null);
        var misnamed = PublicVerification.Decide(Check("李娜", new(2020, 1, 1)), Issued());
        (unknown.Status, unknown.Certificate).ShouldBe((PublicVerification.Unknown, null));
        (misnamed.Status, misnamed.Certificate).ShouldBe((PublicVerification.Unknown, null));
        unknown.Lead!.Outcome.ShouldBe(UnknownCertificateChecked.NotInLedger);
        misnamed.Lead!.Outcome.ShouldBe(UnknownCertificateChecked.NameMismatch);
        (misnamed.Lead.WatchId, misnamed.Lead.CertificateKey, misnamed.Lead.CheckedAt).ShouldBe((Watch, Key, Now));
    }

    [Fact]
    public void FR_03_a_reported_forgery_keeps_an_ID_shaped_number_masked_and_the_key_that_matches_it()
    {
        var idShaped = "230102199001011234";
        var reported = ForgeryWatch.Decide(new ReportForgedCertificate(Watch, Key, idShaped, "张伟", "工地检查", new(2026, 11, 30), "持证人不符"));
        reported.Number.ShouldBe(CertificateNumber.Display(idShaped));
        reported.Number.ShouldNotContain("19900101");
        (reported.WatchId, reported.CertificateKey, reported.ReportedOn).ShouldBe((Watch, Key, new LocalDate(2026, 11, 30)));
        ForgeryWatch.Decide(new ReportForgedCertificate(Watch, Key, "T23010120190001", null, null, new(2026, 11, 30), "伪造")).Number.ShouldBe("T23010120190001");
    }
}
