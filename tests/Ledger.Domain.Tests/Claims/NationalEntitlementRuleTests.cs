using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Shouldly;
using static Ledger.Domain.Tests.Claims.ClaimRuleWorld;

namespace Ledger.Domain.Tests.Claims;

/// <summary>
/// NAT-SUB-04: where each province keeps its own database, the national index is a fact of the submission, and an entitlement
/// another province's claim holds refuses it; this province's own holdings stay the provincial streams' to judge (FR-01).
/// </summary>
public sealed class NationalEntitlementRuleTests
{
    private static readonly TrainingClass Course = Class();

    private static (Person Person, Certificate Certificate) Certified(string name = "张伟")
    {
        var person = Trainee(name).FullyTrained(Course);
        return (person, CertificateOf(person));
    }

    private static SubmitClaim Form(params (Person Person, Certificate Certificate)[] roster) =>
        new(Guid.NewGuid(), EnterpriseId, InstitutionId, "赵会计", "138****0000", new SealedValue("test", "sealed-mobile"), [new WorkTypeCount(LowVoltage, roster.Length)],
            ClassOpened, Trained, roster.Length, 1000m * roster.Length, new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "王总", Applied), Applied,
            roster.Select((t, i) => new RosterLine(i + 1, t.Person.Name, t.Person.IdNumberMasked, t.Person.Id, LowVoltage, t.Certificate.Id, t.Certificate.Number,
                SubsidyKind.SpecialOperationInitial, null)).ToList());

    private static SubmissionFacts Facts(params (Person Person, Certificate Certificate)[] trainees) => new(Enterprise(), Institution(),
        trainees.ToDictionary(t => t.Person.Id, t => t.Person), trainees.ToDictionary(t => t.Certificate.Id, t => t.Certificate),
        new Dictionary<Guid, TrainingClass> { [Course.Id] = Course });

    private static ClaimSubmission Submit(SubmitClaim form, SubmissionFacts facts, Func<Guid, NationalHolding?> national)
    {
        var judged = ClaimSubmissionDecider.Judge(form, facts, PolicyCatalog.Default, CertificateCatalog.Default, Ids);
        var toRead = ClaimSubmissionDecider.EntitlementsToRead(judged);
        var holdings = toRead.Select(id => national(id)).OfType<NationalHolding>().ToDictionary(h => h.EntitlementId);
        return ClaimSubmissionDecider.Decide(form, Submitter, facts, judged, toRead.ToDictionary(id => id, _ => (Entitlement?)null),
            PolicyCatalog.Default, new NationalFacts(NationalEntitlements.ProvinceOf(PolicyCatalog.Default, facts.Enterprise.Jurisdiction), holdings));
    }

    [Fact]
    public void NAT_SUB_04_an_entitlement_held_by_a_claim_of_another_province_refuses_the_submission()
    {
        var (zhang, li) = (Certified("张伟"), Certified("李娜"));
        var form = Form(zhang, li);
        var zhangKey = Ids.ForEntitlement(zhang.Person.Id, zhang.Certificate.Id, "special-operation-initial", "initial");

        var refused = Should.Throw<DomainRuleViolation>(() => Submit(form, Facts(zhang, li),
            id => id == zhangKey ? new NationalHolding(id, "zj", Guid.NewGuid(), Paid: true) : null));

        refused.RuleId.ShouldBe(NationalEntitlements.OnePaymentNationwide);
        refused.Message.ShouldContain("line 1's entitlement is paid by a claim in province zj");
        refused.Message.ShouldNotContain("line 2");
    }

    [Fact]
    public void NAT_SUB_04_a_holding_of_this_province_is_left_to_its_own_streams_and_a_free_one_is_reserved()
    {
        var zhang = Certified();
        var form = Form(zhang);
        // The claim's enterprise is in Heilongjiang (hlj), whose own holding the national index also lists.
        var submission = Submit(form, Facts(zhang), id => new NationalHolding(id, "hlj", form.ClaimId, Paid: false));
        NationalEntitlements.ToReserve(submission).ShouldBe(submission.Held.Select(h => h.EntitlementId));
        submission.Held.ShouldHaveSingleItem();

        var free = Submit(Form(zhang), Facts(zhang), _ => null);
        NationalEntitlements.ToReserve(free).ShouldHaveSingleItem().ShouldBe(Ids.ForEntitlement(zhang.Person.Id, zhang.Certificate.Id, "special-operation-initial", "initial"));
    }

    [Fact]
    public void NAT_SUB_04_an_ineligible_line_reserves_nothing_and_is_not_refused()
    {
        var zhang = Certified();
        var stranger = Certified("王五");
        // Only zhang's records are known to the ledger, so stranger's line is ineligible and takes no entitlement.
        var submission = Submit(Form(zhang, stranger), Facts(zhang), id => null);
        submission.Held.ShouldHaveSingleItem().PersonId.ShouldBe(zhang.Person.Id);
    }

    [Theory]
    [InlineData("hlj", "hlj")]
    [InlineData("zj-taizhou", "zj")]
    [InlineData("sd-jining-qufu", "sd")]
    [InlineData("cn", "cn")]
    public void NAT_SUB_04_a_jurisdiction_answers_to_its_province(string jurisdiction, string province) =>
        NationalEntitlements.ProvinceOf(PolicyCatalog.Default, jurisdiction).ShouldBe(province);
}
