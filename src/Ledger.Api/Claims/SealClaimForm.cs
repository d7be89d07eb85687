using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <param name="SealReference">The seal's reference: an electronic seal's serial, or the number the sealed paper form is filed under.</param>
/// <param name="Opinion">The emergency-management department's own opinion (意见); required of it, ignored for the others.</param>
public sealed record SealFormRequest(string? SealReference, string? SealedOn, string? Opinion, long? Version)
{
    public sealed class Validator : AbstractValidator<SealFormRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.SealReference).Text(100);
            RuleFor(r => r.SealedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Opinion).MaximumLength(500).WithMessage("must be at most 500 characters")
                .Must(t => t is null || RequestValidation.IsPlainText(t)).WithMessage("must not contain control characters, direction overrides or invisible characters");
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    /// <summary>Seals the caller's box of the audit form (HLJ-SUB-03's 附件): the enterprise's commitment, the institution's opinion, the verifying department's opinion.</summary>
    [WolverinePost("/api/claims/{claimId:guid}/seals", Name = "SealClaimForm")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau)]
    public static async Task<IResult> Seal(Guid claimId, SealFormRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new SealFormRequest.Validator(clock.Today()));
        var actor = ActorMiddleware.Required(http);
        var organisation = await OrganisationAsync(session, actor, ct);
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", claim =>
            (IReadOnlyList<object>)ClaimDecider.Seal(claim, actor, organisation, r.SealReference!.Trim(), r.Opinion, RequestValidation.Date(r.SealedOn!), policies), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version));
    }

    /// <summary>Whose seal it is, by the name the form shows: the enterprise's or institution's registered name, a bureau's full name.</summary>
    private static async Task<string> OrganisationAsync(IQuerySession session, Actor actor, CancellationToken ct) =>
        actor.EnterpriseId is { } e && await session.LoadAsync<Ledger.Domain.Enterprises.Enterprise>(e, ct) is { } enterprise ? enterprise.Name
        : actor.InstitutionId is { } i && await session.LoadAsync<Ledger.Domain.Institutions.Institution>(i, ct) is { } institution ? institution.Name
        : Ledger.Domain.Catalogue.DisplayNames.Bureau(actor.Role, actor.Jurisdiction).Zh;
}
