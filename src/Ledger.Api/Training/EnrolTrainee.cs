using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Training;

public static partial class TrainingEndpoints
{
    /// <summary>Enrols a trainee in the class from their ID card: the one way a provider reaches a person's records.</summary>
    [WolverinePost("/api/training-classes/{classId:guid}/enrollments", Name = "EnrolTrainee")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Enrol(Guid classId, EnrolTraineeRequest? request, IDocumentSession session, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new EnrolTraineeRequest.Validator(today));
        // ScopeMiddleware has refused a caller who is not the class's provider (or a bureau of its jurisdiction).
        var trainingClass = await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");
        var holder = await TraineeEnrolments.CardHolderAsync(session, ids, r, today, ct);
        return await TraineeEnrolments.EnrolAsync(session, holder, new EnrolTrainee(trainingClass.ProviderKind, trainingClass.ProviderId, trainingClass.ProviderName,
            classId, RequestValidation.Date(r.EnrolledOn!)), trainingClass, ct);
    }
}
