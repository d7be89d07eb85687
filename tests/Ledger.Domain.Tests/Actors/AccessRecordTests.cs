using Ledger.Domain.Actors;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Actors;

public sealed class AccessRecordTests
{
    private static readonly Actor Auditor = new("audit-li", "hlj-audit-office", ActorRole.Auditor, "hlj");
    private static readonly Instant At = Instant.FromUtc(2026, 12, 3, 2, 0);

    [Fact]
    public void every_access_record_names_the_actor_the_same_way_and_the_subject_by_id_only()
    {
        var person = Guid.NewGuid();
        var read = AccessRecord.Read(Auditor, "person", person, "2026年补贴专项审计", At);
        (read.UserId, read.OrganisationId, read.Jurisdiction, read.SubjectId, read.At).ShouldBe(("audit-li", "hlj-audit-office", "hlj", person, At));

        var shown = AccessRecord.IdNumberShown(Auditor with { Role = ActorRole.SystemAdministrator }, person, "核对身份", At);
        (shown.Role, shown.PersonId).ShouldBe(("system-administrator", person));

        var route = AccessRecord.RouteRead(Auditor, "GET", "/api/claims/{claimId}", $"/api/claims/{person}", null, "抽查", At);
        (route.Route, route.UserId, route.Reason).ShouldBe(("/api/claims/{claimId}", "audit-li", "抽查"));

        AccessRecord.SessionEnd(Auditor, At.Plus(Duration.FromHours(8)), At).Role.ShouldBe("auditor");
    }
}
