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

public sealed record VerifyRequest(string? SystemReference, string? VerifiedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<VerifyRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.SystemReference).Text(200);
            RuleFor(r => r.VerifiedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    /// <summary>Checks every line's certificate against the ledger itself, the provincial system this ledger stands for (HLJ-SUB-03).</summary>
    [WolverinePost("/api/claims/{claimId:guid}/verification", Name = "VerifyClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Verify(Guid claimId, VerifyRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new VerifyRequest.Validator(clock.Today()));
        CertificatesVerified? verified = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            verified = ClaimDecider.Verify(claim, ActorMiddleware.Required(http), r.SystemReference!.Trim(), RequestValidation.Date(r.VerifiedOn!),
                await ClaimFacts.CertificatesAsync(session, claim, ct));
            return [verified];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Verified, written.Version) with
        {
            FailedLines = verified!.Lines.Where(l => !l.Verified).Select(l => l.LineNo).ToList(),
        });
    }
}
