using Ledger.Domain.Certificates;
using NodaTime;

namespace Ledger.Domain.Tests.Certificates;

/// <summary>
/// The standing after each lifecycle event has one home (CertificateTransitions): the aggregate's Apply, its as-of folds and
/// the regulators' register all take it from there. These pin the table the three share.
/// </summary>
public sealed class CertificateTransitionsTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly LocalDate Day = new(2020, 6, 1);

    private static Certificate Issued() => Certificate.Create(new CertificateIssued(Id, Guid.NewGuid(), "T23010120190001", CertificateKindCodes.SpecialOperation,
        "electrical.low-voltage", null, "王五", "考试点", new(2019, 5, 1), new(2019, 5, 2), new(2019, 5, 10), "黑龙江省应急管理厅", new(2019, 5, 10),
        new(2025, 5, 9), new(2022, 5, 9), null, null));

    public static TheoryData<string, object, CertificateStanding> Events() => new()
    {
        { "passed review", new CertificateReviewed(Id, Day, true, Day, Day.PlusYears(3), null), CertificateStanding.Active },
        { "failed review", new CertificateReviewed(Id, Day, false, null, null, "未通过复审"), CertificateStanding.ReviewFailed },
        { "suspension", new CertificateSuspended(Id, Day, "暂扣", "第三十八条"), CertificateStanding.Suspended },
        { "revocation", new CertificateRevoked(Id, Day, RevocationGround.Deception, "吊销", "第三十九条"), CertificateStanding.Revoked },
        { "supersession", new CertificateSuperseded(Id, Guid.NewGuid(), "T2", SupersessionKind.Renewal, Day, "换证"), CertificateStanding.Superseded },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void each_lifecycle_event_leaves_the_certificate_in_the_standing_the_transition_table_gives(string what, object e, CertificateStanding expected)
    {
        var after = e switch
        {
            CertificateReviewed r => (Issued().Apply(r), CertificateTransitions.After(r)),
            CertificateSuspended s => (Issued().Apply(s), CertificateTransitions.After(s)),
            CertificateRevoked v => (Issued().Apply(v), CertificateTransitions.After(v)),
            CertificateSuperseded x => (Issued().Apply(x), CertificateTransitions.After(x)),
            _ => throw new ArgumentException(what),
        };
        Assert.Equal(expected, after.Item2);
        Assert.Equal(expected, after.Item1.Standing);
        Assert.Equal(expected, after.Item1.Changes[^1].Standing);
    }

    [Fact]
    public void a_reinstatement_after_a_suspension_makes_the_certificate_active_again_from_its_date()
    {
        var reinstated = Issued().Apply(new CertificateSuspended(Id, Day, "暂扣", null)).Apply(new CertificateReinstated(Id, Day.PlusDays(30), "恢复"));
        Assert.Equal(CertificateStanding.Active, reinstated.Standing);
        Assert.Equal(CertificateStatus.Suspended, reinstated.StatusOn(Day.PlusDays(10)));
        Assert.Equal(CertificateStatus.Valid, reinstated.StatusOn(Day.PlusDays(31)));
    }
}
