using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Training;

/// <summary>
/// Qufu's notice (003): "所有档案保存期限不能少于3年，特种作业人员档案保存期限不少于相关工种证件的有效期限". A session's video is an archive
/// of the training, so archiving it for less is refused under the rule it falls short of.
/// </summary>
public sealed class ArchiveRetentionTests
{
    private static readonly LocalDate Day = new(2023, 3, 14);
    private static readonly Guid SessionId = Guid.NewGuid();

    private static TrainingClass Class(string jurisdiction, string? workType, LocalDate? day = null)
    {
        var on = day ?? Day;
        var id = Guid.NewGuid();
        return TrainingClass.Create(new TrainingClassOpened(id, TrainingProviderKind.Institution, Guid.NewGuid(), "曲阜市安全培训中心", jurisdiction, "安全培训", "2023",
                16m, workType, workType is null ? TrainingKind.NewHireInduction : TrainingKind.SpecialOperationInitial, on.PlusDays(-3), []))
            .Apply(new TrainingSessionHeld(id, SessionId, on, new LocalTime(8, 0), new LocalTime(16, 0), SessionMode.Classroom, "孔老师", "教室", "理论", null));
    }

    private static LocalDate Archived(TrainingClass course, LocalDate until) =>
        TrainingDecider.Decide(new ArchiveSessionVideo(SessionId, "sha256:ab", "s3://videos/1", until), course, PolicyCatalog.Default, CertificateCatalog.Default).RetainUntil;

    private static string Refused(TrainingClass course, LocalDate until) =>
        Should.Throw<DomainRuleViolation>(() => Archived(course, until)).RuleId;

    [Fact]
    public void every_archive_in_qufu_is_kept_at_least_three_years_QF_ARC_03()
    {
        var course = Class("sd-jining-qufu", workType: null);
        Refused(course, Day.PlusYears(3).PlusDays(-1)).ShouldBe("QF-ARC-03");
        Archived(course, Day.PlusYears(3)).ShouldBe(Day.PlusYears(3));
    }

    [Fact]
    public void a_special_operation_archive_in_qufu_is_kept_as_long_as_the_certificate_is_valid_QF_ARC_04()
    {
        var course = Class("sd-jining-qufu", "electrical.low-voltage");
        Refused(course, Day.PlusYears(3)).ShouldBe("QF-ARC-04");
        Refused(course, Day.PlusYears(6).PlusDays(-1)).ShouldBe("QF-ARC-04");
        Archived(course, Day.PlusYears(6)).ShouldBe(Day.PlusYears(6));
    }

    [Fact]
    public void qufus_retention_binds_from_its_notice_and_not_elsewhere_QF_ARC_03()
    {
        // The notice is dated 2022-08-18; a session before it, or in another jurisdiction, needs only to outlast its day.
        Archived(Class("sd-jining-qufu", workType: null, new LocalDate(2022, 5, 10)), new LocalDate(2023, 5, 10)).ShouldBe(new LocalDate(2023, 5, 10));
        Archived(Class("zj-taizhou", workType: null), Day.PlusYears(1)).ShouldBe(Day.PlusYears(1));
    }
}
