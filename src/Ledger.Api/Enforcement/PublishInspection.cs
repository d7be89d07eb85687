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

public sealed record PublishInspectionRequest(string? PublishedOn, string? Where, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<PublishInspectionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.PublishedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Where).Text(200);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>曝光 (HLJ-ENF-02) or 处理情况向社会公开 (QF-ENF-04): where the handling of the inspection's finding was published.</summary>
    [WolverinePost("/api/inspections/{inspectionId:guid}/publications", Name = "PublishInspection")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> PublishInspection(Guid inspectionId, PublishInspectionRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new PublishInspectionRequest.Validator(clock.Today()));
        await WritableInspectionAsync(session, inspectionId, actor, policies, ct);
        var written = await session.DecideAsync<Inspection>(inspectionId, r.Version!.Value, "inspection", inspection => EnforcementDecider.Publish(inspection,
            new Domain.Enforcement.PublishInspection(RequestValidation.Date(r.PublishedOn!), r.Where!.Trim(), r.Reason!.Trim()), actor, policies), ct);
        return Results.Ok(new InspectionWritten(inspectionId, written.Version));
    }
}
