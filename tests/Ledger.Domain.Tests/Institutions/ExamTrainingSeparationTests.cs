using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Institutions;

public sealed class ExamTrainingSeparationTests
{
    private static readonly LocalDate DesignatedOn = new(2025, 3, 1);

    private static Institution ExamPoint()
    {
        var i = InstitutionTests.Registered("曲阜市安全生产考试点");
        return i.Apply(InstitutionDecider.Decide(new DesignateExamPoint(["electrical.low-voltage"], "曲阜市", "济宁市应急管理局", DesignatedOn), i, CertificateCatalog.Default));
    }

    [Fact]
    public void qufu_style_forbidden_refuses_an_exam_point_that_wants_to_train_QF_EXM_03()
    {
        var verdict = ExamTrainingSeparation.Check(ExamPoint(), DesignatedOn, ExamPointTraining.Forbidden);
        verdict.ShouldBeOfType<SeparationVerdict.Refuse>().RuleId.ShouldBe("QF-EXM-03");
    }

    [Fact]
    public void flag_policy_flags_it_for_regulators_FR_16()
    {
        var verdict = ExamTrainingSeparation.Check(ExamPoint(), DesignatedOn.PlusDays(30), ExamPointTraining.Flag);
        var flag = verdict.ShouldBeOfType<SeparationVerdict.Flag>();
        flag.RuleId.ShouldBe("FR-16");
        flag.Reason.ShouldContain("曲阜市安全生产考试点");
    }

    [Fact]
    public void an_institution_that_is_not_an_exam_point_that_day_raises_nothing()
    {
        ExamTrainingSeparation.Check(InstitutionTests.Registered(), DesignatedOn, ExamPointTraining.Forbidden).ShouldBeOfType<SeparationVerdict.None>();
        ExamTrainingSeparation.Check(ExamPoint(), DesignatedOn.PlusDays(-1), ExamPointTraining.Forbidden).ShouldBeOfType<SeparationVerdict.None>();
        var withdrawn = ExamPoint();
        withdrawn = withdrawn.Apply(InstitutionDecider.Decide(new WithdrawExamPointDesignation(new LocalDate(2025, 6, 1), "考点撤销"), withdrawn));
        ExamTrainingSeparation.Check(withdrawn, new LocalDate(2025, 6, 1), ExamPointTraining.Forbidden).ShouldBeOfType<SeparationVerdict.None>();
    }

    [Fact]
    public void allowed_policy_raises_nothing_even_for_an_exam_point()
    {
        ExamTrainingSeparation.Check(ExamPoint(), DesignatedOn, ExamPointTraining.Allowed).ShouldBeOfType<SeparationVerdict.None>();
    }
}
