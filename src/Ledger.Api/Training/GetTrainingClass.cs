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
    [WolverineGet("/api/training-classes/{classId:guid}", Name = "GetTrainingClass")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<TrainingClass> Get(Guid classId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingClass>(classId, ct) ?? throw new ResourceNotFoundException("training class");
}
