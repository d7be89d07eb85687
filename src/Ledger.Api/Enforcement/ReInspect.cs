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

public sealed record ReInspectRequest(string? ReInspectedOn, bool? Rectified, string? Finding, long? Version)
{
    public sealed class Validator : AbstractValidator<ReInspectRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.ReInspectedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Rectified).NotNull().WithMessage("is required");
            RuleFor(r => r.Finding).Text(1000);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>复查: the open order found rectified, or, once its deadline has passed, not.</summary>
    [WolverinePost("/api/inspections/{inspectionId:guid}/re-inspections", Name = "ReInspect")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> ReInspect(Guid inspectionId, ReInspectRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new ReInspectRequest.Validator(clock.Today()));
        await WritableInspectionAsync(session, inspectionId, actor, policies, ct);
        var written = await session.DecideAsync<Inspection>(inspectionId, r.Version!.Value, "inspection", inspection => EnforcementDecider.ReInspect(inspection,
            new Domain.Enforcement.ReInspect(RequestValidation.Date(r.ReInspectedOn!), r.Rectified!.Value, r.Finding!.Trim()), actor, policies), ct);
        return Results.Ok(new InspectionWritten(inspectionId, written.Version));
    }
}
