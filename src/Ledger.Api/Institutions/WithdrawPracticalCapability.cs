using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public sealed record WithdrawPracticalCapabilityRequest(string? WorkType, string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<WithdrawPracticalCapabilityRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.WorkType).MustBeWorkType(catalog);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class InstitutionLifecycleEndpoints
{
    [WolverinePost("/api/institutions/{institutionId:guid}/practical-capability-withdrawals", Name = "WithdrawPracticalCapability")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static async Task<IResult> WithdrawCapability(Guid institutionId, WithdrawPracticalCapabilityRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new WithdrawPracticalCapabilityRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new WithdrawPracticalCapability(r.WorkType!, RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }
}
