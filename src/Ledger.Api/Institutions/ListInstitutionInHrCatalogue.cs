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

public sealed record ListInHrCatalogueRequest(string? Catalogue, string? ListedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<ListInHrCatalogueRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Catalogue).Text(200);
            RuleFor(r => r.ListedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class InstitutionLifecycleEndpoints
{
    /// <summary>Listing in the HR department's catalogue of training institutions (HLJ-INS-06, NN-INS-01).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/hr-catalogue-listings", Name = "ListInstitutionInHrCatalogue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau)]
    public static async Task<IResult> List(Guid institutionId, ListInHrCatalogueRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ListInHrCatalogueRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new ListInHrCatalogue(r.Catalogue!.Trim(), RequestValidation.Date(r.ListedOn!)), i), ct);
    }
}
