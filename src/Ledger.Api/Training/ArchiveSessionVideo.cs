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

public sealed record ArchiveVideoRequest(string? ContentHash, string? StoredAt, string? RetainUntil, long? Version)
{
    public sealed class Validator : AbstractValidator<ArchiveVideoRequest>
    {
        public Validator()
        {
            RuleFor(r => r.ContentHash).Matches("^sha256:[0-9a-f]{64}$").WithMessage("must be sha256: followed by 64 lower-case hex digits");
            RuleFor(r => r.StoredAt).Text(500);
            RuleFor(r => r.RetainUntil).MustBeIsoDate();
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class TrainingEndpoints
{
    [WolverinePost("/api/training-classes/{classId:guid}/sessions/{sessionId:guid}/video", Name = "ArchiveSessionVideo")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Video(Guid classId, Guid sessionId, ArchiveVideoRequest? request, IDocumentSession session, PolicyCatalog policies,
        CertificateCatalog catalog, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ArchiveVideoRequest.Validator());
        var written = await session.DecideAsync<TrainingClass>(classId, r.Version!.Value, "training class", trainingClass => TrainingDecider.Decide(
            new ArchiveSessionVideo(sessionId, r.ContentHash!, r.StoredAt!.Trim(), RequestValidation.Date(r.RetainUntil!)), trainingClass, policies, catalog), ct);
        return Results.Ok(new SessionWritten(classId, sessionId, written.Version));
    }
}
