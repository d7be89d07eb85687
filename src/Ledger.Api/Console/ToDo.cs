using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Http;
using Ledger.Api.Reports;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Marten;
using Marten.Linq.LastModified;
using Marten.Linq.MatchesSql;
using NodaTime;

namespace Ledger.Api.WebConsole;

/// <summary>
/// When a console user last opened the home page, so it can count what is new since. Not an event: it changes nothing in
/// the ledger and means nothing to an auditor, and a sealed, append-only event per page view would swell the audit log
/// with noise. One small document per signed-in user (user id and organisation), overwritten on each visit.
/// </summary>
public sealed class ConsoleVisit
{
    public string Id { get; set; } = "";
    public DateTimeOffset LastVisit { get; set; }
}

/// <summary>The counts on a role's home page, each from a query over indexed columns or the open claims, never a whole register.</summary>
public static class ToDo
{
    public static string VisitId(Actor actor) => $"{actor.OrganisationId}/{actor.UserId}";

    /// <summary>
    /// The previous visit, and now recorded as the last. Wall-clock time, not the ledger's business clock: it is compared with
    /// when the registers' documents were last written (Marten's mt_last_modified, the database's transaction time).
    /// </summary>
    public static async Task<DateTimeOffset?> VisitAsync(IDocumentSession session, Actor actor, CancellationToken ct)
    {
        var id = VisitId(actor);
        var before = await session.LoadAsync<ConsoleVisit>(id, ct);
        session.Store(new ConsoleVisit { Id = id, LastVisit = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(ct);
        return before?.LastVisit;
    }

    /// <summary>
    /// Active certificates whose next review falls within the window, for the caller's scope: an enterprise its employees',
    /// a bureau the employees of the enterprises in its area (the person table's GIN index of enterprise ids), a national
    /// bureau all. The ISO date text compares as the date does.
    /// </summary>
    public static Task<IQueryable<Certificate>> ReviewsDueAsync(IQuerySession session, Actor actor, PolicyCatalog policies, LocalDate from, LocalDate to,
        CancellationToken ct) => Task.FromResult(ReviewsDue(session, actor, policies, from, to));

    public static IQueryable<Certificate> ReviewsDue(IQuerySession session, Actor actor, PolicyCatalog policies, LocalDate from, LocalDate to)
    {
        var (first, last) = (from.ToString("uuuu-MM-dd", null), to.ToString("uuuu-MM-dd", null));
        var query = session.Query<Certificate>().Where(c => c.Standing == CertificateStanding.Active)
            .Where(c => c.MatchesSql("d.data ->> 'nextReviewDue' between ? and ?", first, last));
        if (actor.Role == ActorRole.Enterprise)
        {
            // The employees of the enterprise, through the person table's GIN index of enterprise ids, in the same query.
            var employees = $"(d.data ->> 'personId')::uuid in (select p.id from {Table<Person>(session)} p where p.enterprise_ids && ?)";
            var own = new object[] { new[] { actor.EnterpriseId ?? Guid.Empty } };
            return query.Where(c => c.MatchesSql(employees, own));
        }
        var list = Scope.ListJurisdiction(actor, policies, null);
        if (list is null || list == Scope.National) return query;
        var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).Append(list).Distinct().ToArray();
        var (people, firms) = (Table<Person>(session), Table<Enterprise>(session));
        // The employees of the enterprises in the bureau's area, in one statement: no list of ids travels to the application.
        var inArea = $"(d.data ->> 'personId')::uuid in (select p.id from {people} p where p.enterprise_ids && (select coalesce(array_agg(e.id), '{{}}') from {firms} e where e.data ->> 'jurisdiction' = any(?)))";
        var area = new object[] { codes };
        return query.Where(c => c.MatchesSql(inArea, area));
    }

    private static string Table<T>(IQuerySession session) => session.DocumentStore.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    /// <summary>The open claims whose next step is this role's, by the authorities the claim's jurisdiction names (HLJ's HR pays, for one).</summary>
    /// <returns>How many, the stage of the first, and the claim itself when it is the only one (the to-do then opens its form).</returns>
    public static async Task<(int Count, ClaimStage? Stage, Guid? Only)> ClaimsForMyStepAsync(IQuerySession session, Actor actor, PolicyCatalog policies, CancellationToken ct)
    {
        ClaimStage[] open = [ClaimStage.Submitted, ClaimStage.Attested, ClaimStage.Verified, ClaimStage.Approved, ClaimStage.Disbursed];
        IQueryable<Claim> query;
        switch (actor.Role)
        {
            case ActorRole.TrainingInstitution:
                var mine = actor.InstitutionId ?? Guid.Empty;
                var waiting = await session.Query<Claim>().Where(c => c.Stage == ClaimStage.Submitted && c.Form.InstitutionId == mine).Select(c => c.Id).Take(2).ToListAsync(ct);
                var total = waiting.Count < 2 ? waiting.Count
                    : await session.Query<Claim>().Where(c => c.Stage == ClaimStage.Submitted && c.Form.InstitutionId == mine).CountAsync(ct);
                return (total, ClaimStage.Submitted, waiting.Count == 1 ? waiting[0] : null);
            case ActorRole.Regulator or ActorRole.HrBureau or ActorRole.FinanceBureau or ActorRole.Auditor:
                query = session.Query<Claim>().Where(c => c.Stage.IsOneOf(open.Skip(1).ToArray()));
                var list = Scope.ListJurisdiction(actor, policies, null);
                if (list is not null && list != Scope.National)
                {
                    var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).Append(list).Distinct().ToArray();
                    query = query.Where(c => c.Form.Jurisdiction.IsOneOf(codes));
                }
                break;
            default:
                return (0, null, null);
        }
        var count = 0;
        ClaimStage? stage = null;
        Guid? first = null;
        await foreach (var claim in query.ToAsyncEnumerable(ct))
        {
            var who = ClaimDecider.Authorities(claim, policies).Value;
            var step = claim.Stage switch
            {
                ClaimStage.Attested => who.Verifier,
                ClaimStage.Verified => who.Approver,
                ClaimStage.Approved => who.Payer,
                ClaimStage.Disbursed => who.Auditor,
                _ => (ActorRole?)null,
            };
            if (step != actor.Role) continue;
            count++;
            stage ??= claim.Stage;
            first ??= claim.Id;
        }
        return (count, stage, count == 1 ? first : null);
    }
}
