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

public sealed record ChangeTrainingCapabilityRequest(string? TrainingCapability, string? EntrustedInstitution, string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ChangeTrainingCapabilityRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.TrainingCapability).MustBeKebab<ChangeTrainingCapabilityRequest, TrainingCapability>();
            RegisterEnterpriseRequest.EntrustedInstitutionRules(this, r => r.TrainingCapability, r => r.EntrustedInstitution);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).NotNull().WithMessage("is required: the enterprise version this change is based on").GreaterThan(0);
        }
    }
}

public sealed record EnterpriseChanged(Guid EnterpriseId, long Version);

public static class ChangeEnterpriseEndpoints
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

    [WolverinePost("/api/enterprises/{enterpriseId:guid}/training-capability", Name = "ChangeEnterpriseTrainingCapability")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<EnterpriseChanged> TrainingCapability(Guid enterpriseId, ChangeTrainingCapabilityRequest? request, IDocumentSession session,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ChangeTrainingCapabilityRequest.Validator(clock.Today()));
        JsonNames.TryParseKebab<TrainingCapability>(r.TrainingCapability, out var capability);
        var command = new ChangeTrainingCapability(capability, r.EntrustedInstitution?.Trim(), RequestValidation.Date(r.On!), r.Reason!.Trim());
        var written = await session.DecideManyAsync<Enterprise>(enterpriseId, r.Version!.Value, "enterprise", enterprise => EnterpriseDecider.Decide(command, enterprise), ct);
        return new EnterpriseChanged(enterpriseId, written.Version);
    }
}
