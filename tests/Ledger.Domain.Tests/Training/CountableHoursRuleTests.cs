using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Training;

/// <summary>
/// How online hours count towards required hours: in full where only verified hours are effective (QF-ONL-02, "完成线上培训的有效学时纳入
/// 培训总学时"), or up to a share of the required hours (JZ-ONL-01, TZ-ONL-02, HLJ-ONL-02: "按比例计入"; the documents give no ratio, the
/// packs' 0.5 is an [I] assumption); each session by the rule in force on its own date.
/// </summary>
public sealed class CountableHoursRuleTests
{
    private static readonly OnlineHoursRule Full = new(OnlineHoursCounting.Full, null);
    private static readonly OnlineHoursRule Half = new(OnlineHoursCounting.Proportion, 0.5m);

    private static TrainingAttended Session(SessionMode mode, decimal hours, FaceVerification? face = null, LocalDate? on = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "sd-jining-qufu", TrainingKind.NewHireInduction, null, on ?? new LocalDate(2023, 3, 1),
            mode, hours, face, null);

    [Fact]
    public void classroom_and_practical_hours_count_in_full_whatever_the_online_rule()
    {
        var tally = CountableHours.Tally([Session(SessionMode.Classroom, 30m), Session(SessionMode.Practical, 20m)], 72m, _ => (Half, true));
        (tally.Classroom, tally.Practical, tally.OnlineCounted, tally.Countable).ShouldBe((30m, 20m, 0m, 50m));
    }

    [Fact]
    public void JZ_ONL_01_online_hours_count_only_up_to_the_share_of_the_required_hours()
    {
        var attendance = new[] { Session(SessionMode.Classroom, 20m), Session(SessionMode.Online, 30m), Session(SessionMode.Online, 16m) };
        var tally = CountableHours.Tally(attendance, 72m, _ => (Half, false));
        (tally.OnlineRecorded, tally.OnlineEffective, tally.OnlineCounted, tally.Countable).ShouldBe((46m, 46m, 36m, 56m));
        CountableHours.Tally([Session(SessionMode.Online, 30m)], 72m, _ => (Half, false)).OnlineCounted.ShouldBe(30m);
    }

    [Fact]
    public void QF_ONL_02_effective_online_hours_count_in_full_and_only_the_face_verified_share_is_effective()
    {
        var attendance = new[]
        {
            Session(SessionMode.Online, 40m, new FaceVerification(4, 4, "平台")),
            Session(SessionMode.Online, 8m, new FaceVerification(4, 3, "平台")),
            Session(SessionMode.Online, 8m),
            Session(SessionMode.Online, 8m, new FaceVerification(0, 0, "平台")),
        };
        var tally = CountableHours.Tally(attendance, 72m, _ => (Full, true));
        (tally.OnlineRecorded, tally.OnlineEffective, tally.OnlineCounted).ShouldBe((64m, 46m, 46m));
        CountableHours.Effective(Session(SessionMode.Online, 1m, new FaceVerification(3, 1, "平台")), true).ShouldBe(0.33m);
        // A provider that reports more passes than checks gains nothing by it.
        CountableHours.Effective(Session(SessionMode.Online, 8m, new FaceVerification(2, 5, "平台")), true).ShouldBe(8m);
        CountableHours.Effective(Session(SessionMode.Online, 8m), false).ShouldBe(8m);
    }

    [Fact]
    public void each_session_is_counted_under_the_rule_of_its_own_date()
    {
        // Qufu's full counting starts with its opinions on 2022-08-18; an earlier session falls under the national share.
        var before = Session(SessionMode.Online, 40m, new FaceVerification(1, 1, "平台"), new LocalDate(2022, 8, 1));
        var after = Session(SessionMode.Online, 20m, new FaceVerification(1, 1, "平台"), new LocalDate(2022, 9, 1));
        var tally = CountableHours.Tally([before, after], 72m, a =>
        {
            var p = PolicyCatalog.Default.For("sd-jining-qufu", a.Date).Parameters;
            return (p.OnlineHours!.Value, p.FaceRecognitionRequired?.Value ?? false);
        });
        (tally.OnlineEffective, tally.OnlineCounted).ShouldBe((60m, 56m));
    }
}
