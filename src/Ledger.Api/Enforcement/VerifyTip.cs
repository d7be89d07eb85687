using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

public sealed record VerifyTipRequest(bool? Substantiated, string? Finding, Guid? InspectionId, string? VerifiedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<VerifyTipRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Substantiated).NotNull().WithMessage("is required");
            RuleFor(r => r.Finding).Text(1000);
            RuleFor(r => r.VerifiedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>查证: the tip-off borne out (经查证属实) or not, by an inspection of its enterprise where one was held.</summary>
    [WolverinePost("/api/tip-offs/{tipId:guid}/verifications", Name = "VerifyTip")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> VerifyTip(Guid tipId, VerifyTipRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock,
        CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new VerifyTipRequest.Validator(clock.Today()));
        await VisibleTipAsync(session, tipId, actor, policies, ct);
        var inspection = r.InspectionId is { } id ? await WritableInspectionAsync(session, id, actor, policies, ct) : null;
        var written = await session.DecideAsync<TipOff>(tipId, r.Version!.Value, "tip-off", tip => EnforcementDecider.Verify(tip,
            new Domain.Enforcement.VerifyTip(r.Substantiated!.Value, r.Finding!.Trim(), r.InspectionId, RequestValidation.Date(r.VerifiedOn!)), inspection, actor, policies), ct);
        return Results.Ok(new TipWritten(tipId, written.Version));
    }
}
