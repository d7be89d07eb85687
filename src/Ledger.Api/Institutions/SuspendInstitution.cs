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

public sealed record SuspendInstitutionRequest(string? From, string? Reason, string? LegalBasis, long? Version)
{
    public sealed class Validator : AbstractValidator<SuspendInstitutionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.From).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.LegalBasis).MaximumLength(300);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class InstitutionLifecycleEndpoints
{
    /// <summary>停业整顿 (TZ-ENF-01): the institution trains nothing until reinstated.</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/suspensions", Name = "SuspendInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Suspend(Guid institutionId, SuspendInstitutionRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new SuspendInstitutionRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new SuspendInstitution(RequestValidation.Date(r.From!), r.Reason!.Trim(), string.IsNullOrWhiteSpace(r.LegalBasis) ? null : r.LegalBasis.Trim()), i), ct);
    }
}
