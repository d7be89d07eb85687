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

public sealed record OpenClassRequest(
    Guid? ClassId, string? ProviderKind, Guid? ProviderId, string? Course, string? SyllabusVersion, decimal? RequiredHours, string? WorkType, string? Kind, string? OpenedOn)
{
    public sealed class Validator : AbstractValidator<OpenClassRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.ProviderKind).MustBeKebab<OpenClassRequest, TrainingProviderKind>();
            RuleFor(r => r.ProviderId).NotNull().WithMessage("is required: the institution's or enterprise's id");
            RuleFor(r => r.Course).Text(200);
            RuleFor(r => r.SyllabusVersion).Text(50);
            RuleFor(r => r.RequiredHours).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be positive").LessThanOrEqualTo(1000);
            RuleFor(r => r.WorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.WorkType))
                .WithMessage("is not a work type of the national special operation catalogue");
            RuleFor(r => r.Kind).MustBeKebab<OpenClassRequest, TrainingKind>();
            RuleFor(r => r.WorkType).NotEmpty().When(r => r.Kind == "special-operation-initial").WithMessage("is required for special operation training");
            RuleFor(r => r.OpenedOn).MustBeIsoDate().NotInFuture(today);
        }
    }
}

/// <summary>A class opened: its id, version 1 and what the rules flagged about it (hours, practical share, trainers).</summary>
public sealed record TrainingClassOpened(Guid ClassId, long Version, IReadOnlyList<string> Flags);

public static partial class TrainingEndpoints
{
    [WolverinePost("/api/training-classes", Name = "OpenTrainingClass")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static async Task<IResult> Open(OpenClassRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, CertificateCatalog catalog,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new OpenClassRequest.Validator(clock.Today(), catalog));
        JsonNames.TryParseKebab<TrainingProviderKind>(r.ProviderKind, out var providerKind);
        JsonNames.TryParseKebab<TrainingKind>(r.Kind, out var kind);
        var openedOn = RequestValidation.Date(r.OpenedOn!);
        var workType = string.IsNullOrEmpty(r.WorkType) ? null : r.WorkType;

        string providerName, jurisdiction;
        ProviderStanding standing;
        if (providerKind == TrainingProviderKind.Institution)
        {
            var institution = await session.LoadAsync<Institution>(r.ProviderId!.Value, ct) ?? throw new ResourceNotFoundException("institution");
            providerName = institution.Name;
            jurisdiction = institution.Jurisdiction;
            standing = ProviderStanding.Of(institution, workType, openedOn);
        }
        else
        {
            var enterprise = await session.LoadAsync<Enterprise>(r.ProviderId!.Value, ct) ?? throw new ResourceNotFoundException("enterprise");
            providerName = enterprise.Name;
            jurisdiction = enterprise.Jurisdiction;
            standing = ProviderStanding.Enterprise;
        }

        // A provider opens its own classes; a bureau opens them for providers of its jurisdiction.
        Scope.Organisation(ActorMiddleware.Required(http), policies, "training provider", jurisdiction,
            providerKind == TrainingProviderKind.Enterprise ? r.ProviderId : null, providerKind == TrainingProviderKind.Institution ? r.ProviderId : null);
        var classId = r.ClassId ?? Guid.CreateVersion7();
        var opened = TrainingDecider.Decide(new OpenTrainingClass(classId, providerKind, r.ProviderId!.Value, providerName, jurisdiction, r.Course!.Trim(),
            r.SyllabusVersion!.Trim(), r.RequiredHours!.Value, workType, kind, openedOn), standing, TrainingRulesInForce.For(policies, jurisdiction, openedOn));
        session.Events.StartStream<TrainingClass>(classId, opened);
        await session.SaveNewStreamAsync("class", classId, $"/api/training-classes/{classId}", "a class with this id already exists", ct);
        return Results.Created($"/api/training-classes/{classId}", new TrainingClassOpened(classId, 1, opened.Flags));
    }
}
