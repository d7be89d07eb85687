using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>FR-01: one subsidy event claimed twice, here under a second certificate record of the same person, work type and issue date.</summary>
public sealed class DuplicateCertificateTests
{
    private static readonly LocalDate Trained = new(2021, 5, 11);
    private static readonly LocalDate Issued = new(2021, 5, 20);
    private static readonly StreamIdentity Ids = new(new byte[32]);

    [Fact]
    public void a_subsidy_event_held_under_another_record_of_the_same_certificate_is_a_duplicate_before_payment_FR_01()
    {
        var world = new SubsidyLineWorld("hlj", Trained);
        var person = world.Person();
        var first = world.Certificate(Issued);
        var twin = world.Certificate(Issued) with { Id = Guid.NewGuid(), Number = "T2" };
        var facts = new SubmissionFacts(world.Enterprise(), world.School(), new Dictionary<Guid, Person> { [person.Id] = person },
            new Dictionary<Guid, Ledger.Domain.Certificates.Certificate> { [twin.Id] = twin }, new Dictionary<Guid, Ledger.Domain.Training.TrainingClass> { [world.ClassId] = world.Class() },
            [first, twin]);
        var command = new SubmitClaim(Guid.NewGuid(), world.EnterpriseId, world.InstitutionId, "刘", "139****1111", new SealedValue("test", ""),
            [new WorkTypeCount(SubsidyLineWorld.WorkType, 1)], Trained, Trained, 1, 1000m, new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "刘", Issued.PlusDays(10)), Issued.PlusDays(10),
            [new RosterLine(1, "赵工", "110***********002X", person.Id, SubsidyLineWorld.WorkType, twin.Id, "T2", SubsidyKind.SpecialOperationInitial, null)]);

        var judged = ClaimSubmissionDecider.Judge(command, facts, PolicyCatalog.Default, Ledger.Domain.Certificates.CertificateCatalog.Default, Ids);
        var heldForFirst = Ids.ForEntitlement(person.Id, first.Id, SubsidyKinds.Code(SubsidyKind.SpecialOperationInitial), "initial");
        ClaimSubmissionDecider.EntitlementsToRead(judged).ShouldContain(heldForFirst);

        var otherClaim = Guid.NewGuid();
        var held = Entitlement.Create(new EntitlementHeld(heldForFirst, person.Id, first.Id, SubsidyKind.SpecialOperationInitial, "initial", otherClaim, 1, "hlj",
            Guid.NewGuid(), Issued.PlusDays(5)));
        var decision = ClaimSubmissionDecider.Decide(command, new Actor("handler", "enterprise", ActorRole.Enterprise, EnterpriseId: world.EnterpriseId), facts, judged,
            new Dictionary<Guid, Entitlement?> { [judged[0].EntitlementId] = null, [heldForFirst] = held }, Ledger.Domain.Policies.PolicyCatalog.Default);

        var line = decision.Submitted.Lines.Single();
        line.Status.ShouldBe(LineStatus.Duplicate);
        line.EntitledAmount.ShouldBe(0m);
        line.HeldByClaim.ShouldBe(otherClaim);
        line.Findings.ShouldContain(f => f.RuleId == FraudPatterns.DuplicateClaim && f.Blocking && f.Evidence.Contains("T1"));
        decision.Held.ShouldBeEmpty();
    }
}
