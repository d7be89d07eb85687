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

public static partial class InstitutionLifecycleEndpoints
{
    [WolverinePost("/api/institutions/{institutionId:guid}/reinstatements", Name = "ReinstateInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Reinstate(Guid institutionId, DatedStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DatedStepRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new ReinstateInstitution(RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }
}
