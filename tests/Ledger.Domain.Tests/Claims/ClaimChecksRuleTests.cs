using Ledger.Domain.Policies;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// The line checks two workflow steps run (ClaimChecks: FR-07 at attestation, HLJ-SUB-03 at verification) and the re-check of
/// claims when a certificate is withdrawn after submission (ClaimRecheck: FR-04 revoked, FR-03 suspended).
/// </summary>
public sealed class ClaimChecksRuleTests
{
    private static IReadOnlyList<string> ReasonsOn(Certificate certificate, LocalDate on, string workType = LowVoltage)
    {
        var claim = Submitted(Line(1, Trainee() with { Id = certificate.PersonId }, certificate, workType: workType));
        return ClaimChecks.Certificates(claim, new Dictionary<Guid, Certificate> { [certificate.Id] = certificate }, on, PolicyCatalog.Default).Single().Reasons;
    }

    [Fact]
    public void HLJ_SUB_03_a_certificate_is_verified_as_it_stands_on_the_day_of_verification()
    {
        var certificate = CertificateOf(Trainee());
        ReasonsOn(certificate, IssuedOn).ShouldBeEmpty();
        ReasonsOn(certificate, IssuedOn.PlusDays(-1)).ShouldBe(["the certificate is not-yet-valid on 2021-05-19"]);
        ReasonsOn(certificate, IssuedOn.PlusYears(3).PlusDays(1)).ShouldBe(["the certificate is review-overdue on 2024-05-21"]);
        ReasonsOn(certificate, IssuedOn.PlusYears(6).PlusDays(1)).ShouldBe(["the certificate is expired on 2027-05-21"]);
        var revoked = certificate.Apply(new CertificateRevoked(certificate.Id, Applied, RevocationGround.Deception, "以欺骗手段取得", "30号令"));
        ReasonsOn(revoked, Later).ShouldBe(["the certificate is revoked on 2021-06-15"]);
        // A revocation dated after the verification day does not reach back.
        ReasonsOn(revoked, Applied.PlusDays(-1)).ShouldBeEmpty();
    }

    [Fact]
    public void HLJ_SUB_03_a_certificate_without_a_work_type_is_not_failed_for_the_lines_work_type()
    {
        var holder = Trainee();
        var qualification = Certificate.Create(new CertificateIssued(Guid.NewGuid(), holder.Id, "A2301012021001", CertificateKindCodes.SafetyQualification, null,
            "hazardous-chemicals", holder.Name, "哈尔滨考点", IssuedOn, IssuedOn, IssuedOn, "黑龙江省应急管理厅", IssuedOn,
            IssuedOn.PlusYears(3), null, null, null));
        ReasonsOn(qualification, Later).ShouldBeEmpty();
    }

    [Fact]
    public void HLJ_SUB_03_every_failing_reason_of_a_line_is_given_not_only_the_first()
    {
        var certificate = CertificateOf(Trainee(), "welding.fusion");
        var claim = Submitted(Line(1, Trainee(), certificate));
        ClaimChecks.Certificates(claim, new Dictionary<Guid, Certificate> { [certificate.Id] = certificate }, IssuedOn.PlusYears(7), PolicyCatalog.Default).Single().Reasons
            .ShouldBe(["the certificate belongs to another person", "the work type differs from the certificate's", "the certificate is expired on 2028-05-20"]);
    }

    [Fact]
    public void FR_07_each_class_of_the_work_type_is_held_to_its_own_syllabus_hours()
    {
        var (first, second) = (Class(), Class());
        var person = Trainee().FullyTrained(first).Attended(second, SessionMode.Classroom, 3m);
        var findings = ClaimChecks.Attestation(person, InstitutionId, LowVoltage, [first, second]);
        findings.ShouldHaveSingleItem().Evidence.ShouldBe("3 of 8 syllabus hours recorded in 低压电工作业初训");
        // A class of another work type is not the attestation's concern.
        var welding = Class() with { WorkType = "welding.fusion" };
        ClaimChecks.Attestation(Trainee().FullyTrained(first), InstitutionId, LowVoltage, [first, welding]).ShouldBeEmpty();
    }

    [Fact]
    public void FR_07_lines_whose_person_the_ledger_does_not_hold_are_left_to_submission()
    {
        var course = Class();
        var known = Trainee().Attended(course, SessionMode.Classroom, 4m);
        var claim = Submitted(Line(1, known), Line(2));
        var findings = ClaimChecks.Attestation(claim, new Dictionary<Guid, Ledger.Domain.Persons.Person> { [known.Id] = known },
            new Dictionary<Guid, TrainingClass> { [course.Id] = course });
        findings.ShouldHaveSingleItem().LineNo.ShouldBe(1);
    }

    // --- re-check after a withdrawal ---

    [Fact]
    public void FR_04_a_revocation_and_FR_03_a_suspension_reopen_claims_and_nothing_else_does()
    {
        var id = Guid.NewGuid();
        var revoked = ClaimRecheck.Of(new CertificateRevoked(id, Later, RevocationGround.Deception, "以欺骗手段取得", "30号令第三十九条"))!;
        (revoked.CertificateId, revoked.RuleId, revoked.On).ShouldBe((id, FraudPatterns.CertificateByDeception, Later));
        revoked.What.ShouldBe("revoked on 2021-06-15: 以欺骗手段取得 (30号令第三十九条)");
        var suspended = ClaimRecheck.Of(new CertificateSuspended(id, Later, "违章作业", null))!;
        (suspended.RuleId, suspended.What).ShouldBe((FraudPatterns.UnverifiableCertificate, "suspended from 2021-06-15: 违章作业"));
        ClaimRecheck.Of(new CertificateReinstated(id, Later, "x")).ShouldBeNull();
        ClaimRecheck.Of(new CertificateReviewed(id, Later, true, null, null, null)).ShouldBeNull();
    }

    [Fact]
    public void FR_04_every_line_on_the_withdrawn_certificate_is_flagged_once_and_a_paid_line_says_a_clawback_is_due()
    {
        var holder = Trainee();
        var certificate = CertificateOf(holder);
        var claim = Submitted(Line(1, holder, certificate), Line(2), Line(3, holder, certificate)).Attested().Verified().Approved().Disbursed();
        var withdrawn = ClaimRecheck.Of(new CertificateRevoked(certificate.Id, Later.PlusDays(10), RevocationGround.Deception, "以欺骗手段取得", "30号令第三十九条"))!;

        var flagged = ClaimRecheck.Decide(claim, withdrawn, lineNo => lineNo == 3);

        var line = flagged.ShouldHaveSingleItem();
        (line.ClaimId, line.LineNo, line.FlaggedOn, line.Finding.RuleId, line.Finding.Blocking).ShouldBe((claim.Id, 1, Later.PlusDays(10), FraudPatterns.CertificateByDeception, false));
        line.Finding.Evidence.ShouldContain("1000.00 CNY was paid for this line on 2021-06-15 (PAY-2021-0001): a clawback is due");
        var unpaid = Submitted(Line(1, holder, certificate));
        ClaimRecheck.Decide(unpaid, withdrawn, _ => false).Single().Finding.Evidence.ShouldNotContain("clawback");
    }
}
