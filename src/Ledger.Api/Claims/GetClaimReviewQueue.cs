using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record ReviewQueueItem(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    Guid EnterpriseId,
    string EnterpriseName,
    string InstitutionName,
    LocalDate ApplicationDate,
    int Lines,
    decimal RequestedAmount,
    decimal EntitledAmount,
    int BlockingFindings,
    int NonBlockingFindings,
    int HighFindings,
    IReadOnlyList<ReviewFlag> Flags,
    long Version);

public static partial class ClaimReportEndpoints
{
    /// <summary>Open claims (submitted, attested, verified) with their flags, the most serious first, for the bureaus that decide them.</summary>
    [WolverineGet("/api/claims/review-queue", Name = "GetClaimReviewQueue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ReviewQueueItem>> ReviewQueue(string? jurisdiction, string? stage, HttpContext http, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction);
        var stages = Open;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!JsonNames.TryParseKebab<ClaimStage>(stage, out var one) || !Open.Contains(one))
                throw new RequestValidationException(new Dictionary<string, string[]> { ["stage"] = ["must be one of submitted, attested, verified"] });
            stages = [one];
        }
        var query = session.Query<Claim>().Where(c => c.Stage.IsOneOf(stages));
        if (Within(jurisdiction, policies) is { } codes) query = query.Where(c => c.Form.Jurisdiction.IsOneOf(codes));
        var claims = await query.ToListAsync(ct);
        return claims.Select(c =>
        {
            var flags = FlagsOf(c, c.Lines);
            return new ReviewQueueItem(c.Id, c.Stage, c.Form.Jurisdiction, c.Form.EnterpriseId, c.Form.EnterpriseName, c.Form.InstitutionName,
                c.Form.ApplicationDate, c.Lines.Count, c.Form.RequestedAmount, c.EntitledAmount, flags.Count(f => f.Blocking), flags.Count(f => !f.Blocking),
                flags.Count(f => f.Severity == Severity.High), flags, c.Version);
        }).OrderByDescending(i => i.HighFindings).ThenByDescending(i => i.BlockingFindings).ThenBy(i => i.ApplicationDate).ThenBy(i => i.ClaimId).ToList();
    }
}
