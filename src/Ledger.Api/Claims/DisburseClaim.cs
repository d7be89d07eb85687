using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record DisburseRequest(string? PaymentReference, string? Payee, string? PayeeAccount, decimal? Amount, string? PaidOn, long? Version)
{
    public sealed class Validator : AbstractValidator<DisburseRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.PaymentReference).Text(64);
            RuleFor(r => r.Payee).Text(200);
            RuleFor(r => r.PayeeAccount).NotEmpty().WithMessage("is required").Matches("^[0-9]{8,32}$").WithMessage("must be 8 to 32 digits");
            RuleFor(r => r.Amount).NotNull().WithMessage("is required").GreaterThan(0);
            RuleFor(r => r.PaidOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/disbursement", Name = "DisburseClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Disburse(Guid claimId, DisburseRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DisburseRequest.Validator(clock.Today()));
        var command = new Disburse(r.PaymentReference!.Trim(), r.Payee!.Trim(), r.PayeeAccount!, r.Amount!.Value, RequestValidation.Date(r.PaidOn!));
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Disburse(claim, ActorMiddleware.Required(http), command, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Disbursed, written.Version));
    }
}
