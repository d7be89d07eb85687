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
    /// <summary>
    /// An exam point registers a candidate from the ID card presented at the exam: the relation through which it records the
    /// candidate's assessment and issues the certificate, and sees those records, and nothing else of the person.
    /// </summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/candidates", Name = "RegisterExamCandidate")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint)]
    public static async Task<IResult> Candidate(Guid institutionId, Training.EnrolTraineeRequest? request, IDocumentSession session, StreamIdentity ids, IClock clock,
        CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new Training.EnrolTraineeRequest.Validator(today));
        // ScopeMiddleware has refused an exam point acting for another institution, and a bureau outside its jurisdiction.
        var institution = await session.LoadAsync<Institution>(institutionId, ct) ?? throw new ResourceNotFoundException("institution");
        var holder = await Training.TraineeEnrolments.CardHolderAsync(session, ids, r, today, ct);
        return await Training.TraineeEnrolments.EnrolAsync(session, holder, new Domain.Training.EnrolTrainee(Domain.Training.TrainingProviderKind.Institution,
            institution.Id, institution.Name, null, RequestValidation.Date(r.EnrolledOn!)), null, ct);
    }
}
