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

public static partial class ChangeEnterpriseEndpoints
{
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
