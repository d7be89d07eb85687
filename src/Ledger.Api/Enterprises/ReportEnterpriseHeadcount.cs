using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Enterprises;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record ReportHeadcountRequest(int? Headcount, string? ReportedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<ReportHeadcountRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Headcount).NotNull().WithMessage("is required").InclusiveBetween(1, 10_000_000).WithMessage("must be between 1 and 10000000");
            RuleFor(r => r.ReportedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).NotNull().WithMessage("is required: the enterprise version this report is based on").GreaterThan(0);
        }
    }
}

public static partial class ChangeEnterpriseEndpoints
{
    [WolverinePost("/api/enterprises/{enterpriseId:guid}/headcount", Name = "ReportEnterpriseHeadcount")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<EnterpriseChanged> Headcount(Guid enterpriseId, ReportHeadcountRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReportHeadcountRequest.Validator(clock.Today()));
        var written = await session.DecideManyAsync<Enterprise>(enterpriseId, r.Version!.Value, "enterprise",
            enterprise => EnterpriseDecider.Decide(new ReportHeadcount(r.Headcount!.Value, RequestValidation.Date(r.ReportedOn!)), enterprise), ct);
        return new EnterpriseChanged(enterpriseId, written.Version);
    }
}
