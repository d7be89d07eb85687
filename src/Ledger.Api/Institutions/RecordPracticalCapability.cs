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

public sealed record RecordPracticalCapabilityRequest(string? WorkType, string? Facilities, string? RecordedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<RecordPracticalCapabilityRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.WorkType).MustBeWorkType(catalog);
            RuleFor(r => r.Facilities).Text(500);
            RuleFor(r => r.RecordedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class InstitutionLifecycleEndpoints
{
    /// <summary>Practical-operation conditions for one work type (JZ-INS-01, HLJ-INS-01).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/practical-capabilities", Name = "RecordPracticalCapability")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static async Task<IResult> RecordCapability(Guid institutionId, RecordPracticalCapabilityRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RecordPracticalCapabilityRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new RecordPracticalCapability(r.WorkType!, r.Facilities!.Trim(), RequestValidation.Date(r.RecordedOn!)), i, catalog), ct);
    }
}
