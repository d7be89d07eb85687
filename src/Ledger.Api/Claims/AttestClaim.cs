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

public sealed record AttestRequest(string? Statement, string? AttestedOn, long? Version)
{
    /// <summary>The form's printed opinion (HLJ-SUB-03's 附件), which the pack's auditFormWording holds and the decider checks.</summary>
    public const string FormText = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程。";

    public sealed class Validator : AbstractValidator<AttestRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Statement).Text(500);
            RuleFor(r => r.AttestedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class ClaimWorkflowEndpoints
{
    [WolverinePost("/api/claims/{claimId:guid}/attestation", Name = "AttestClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Attest(Guid claimId, AttestRequest? request, HttpContext http, IDocumentSession session, Ledger.Domain.Policies.PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new AttestRequest.Validator(clock.Today()));
        InstitutionAttested? attested = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var (persons, classes) = await ClaimFacts.TrainingAsync(session, claim, ct);
            attested = ClaimDecider.Attest(claim, ActorMiddleware.Required(http), r.Statement!.Trim(), RequestValidation.Date(r.AttestedOn!), persons, classes, policies);
            return [attested];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Attested, written.Version) with { Flagged = attested!.Findings.Select(f => f.LineNo).ToList() });
    }
}
