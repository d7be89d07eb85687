using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Projections;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public static partial class ReadInstitutionEndpoints
{
    /// <summary>
    /// An institution on a day (default today): filing status and scope, practical capabilities, HR listing,
    /// exam-point designation and, per work type, whether it may train; with asOf, as the ledger knew it then.
    /// </summary>
    [WolverineGet("/api/institutions/{institutionId:guid}", Name = "GetInstitution")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid institutionId, string? on, string? asOf, string? workType, IQuerySession session, CertificateCatalog catalog,
        IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        if (workType is not null && catalog.FindWorkType(workType) is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["workType"] = [CatalogueRules.NotAWorkType] });
        var institution = instant is null
            ? await session.LoadAsync<Institution>(institutionId, ct)
            : await session.Events.AggregateStreamAsync<Institution>(institutionId, timestamp: instant.Value.ToDateTimeOffset(), token: ct);
        if (institution is null) throw new ResourceNotFoundException("institution");
        return Results.Ok(InstitutionView.On(institution, date, instant, workType));
    }
}
