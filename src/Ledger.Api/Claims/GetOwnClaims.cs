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

/// <summary>One of the caller's own claims, as the enterprise that filed it or the institution that trained for it follows it.</summary>
public sealed record OwnClaimItem(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    string EnterpriseName,
    string InstitutionName,
    LocalDate ApplicationDate,
    int Lines,
    decimal RequestedAmount,
    decimal EntitledAmount,
    decimal ApprovedAmount,
    decimal DisbursedAmount,
    LocalDate? PaidOn,
    string? RejectionReason,
    long Version);

public static partial class ClaimReportEndpoints
{
    /// <summary>
    /// The claims of the caller's own enterprise (filed by it) or institution (naming it as trainer), at every stage, newest
    /// first. The organisation comes from the caller's token only, so no parameter can widen it to another's claims.
    /// </summary>
    [WolverineGet("/api/claims/mine", Name = "GetOwnClaims")]
    [ActorRoles(ActorRole.Enterprise, ActorRole.TrainingInstitution)]
    public static async Task<IReadOnlyList<OwnClaimItem>> Own(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        IReadOnlyList<Claim> claims = actor switch
        {
            { Role: ActorRole.Enterprise, EnterpriseId: { } enterprise } => await session.Query<Claim>().Where(c => c.Form.EnterpriseId == enterprise).ToListAsync(ct),
            { Role: ActorRole.TrainingInstitution, InstitutionId: { } institution } =>
                await session.Query<Claim>().Where(c => c.Form.InstitutionId == institution).ToListAsync(ct),
            // A token without its organisation sees nothing rather than everything (fail closed).
            _ => throw new ForbiddenException("the token names no enterprise or institution, so it has no claims of its own"),
        };
        return claims.OrderByDescending(c => c.Form.ApplicationDate).ThenBy(c => c.Id).Select(c => new OwnClaimItem(c.Id, c.Stage, c.Form.Jurisdiction,
            c.Form.EnterpriseName, c.Form.InstitutionName, c.Form.ApplicationDate, c.Lines.Count, c.Form.RequestedAmount, c.EntitledAmount, c.ApprovedAmount,
            c.DisbursedAmount, c.PaidOn, c.RejectionReason, c.Version)).ToList();
    }
}
