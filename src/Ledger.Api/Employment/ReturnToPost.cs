using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Employment;

public static partial class EmploymentEndpoints
{
    [WolverinePost("/api/persons/{personId:guid}/employments/{employmentId:guid}/returns", Name = "ReturnToPost")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> Return(Guid personId, Guid employmentId, EmploymentStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new EmploymentStepRequest.Validator(clock.Today(), reasonRequired: false));
        return Written(employmentId, await session.DecideAsync<Person>(personId, r.Version!.Value, "person", person =>
            EmploymentDecider.Decide(new ReturnToPost(employmentId, RequestValidation.Date(r.On!)), person), ct));
    }
}
