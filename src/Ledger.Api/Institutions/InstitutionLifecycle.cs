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

public static class CatalogueRules
{
    public const string NotAWorkType = "is not a work type of the national special operation catalogue (GET /api/catalog/certificate-kinds)";

    public static IRuleBuilderOptions<T, string?> MustBeWorkType<T>(this IRuleBuilder<T, string?> rule, CertificateCatalog catalog) =>
        rule.Must(w => w is not null && catalog.FindWorkType(w) is not null).WithMessage(NotAWorkType);

    public static IRuleBuilderOptions<T, IReadOnlyList<string?>?> NonEmptyList<T>(this IRuleBuilder<T, IReadOnlyList<string?>?> rule, string what) =>
        rule.NotEmpty().WithMessage($"is required: at least one {what}").Must(l => l is null || l.Count <= 100).WithMessage("may hold at most 100 codes");
}

public sealed record FileInstitutionRequest(string? FilingAuthority, IReadOnlyList<string?>? Scope, string? FiledOn, string? Reason, long? Version, int? WeeklyCapacity = null)
{
    public sealed class Validator : AbstractValidator<FileInstitutionRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.FilingAuthority).Text(200);
            RuleFor(r => r.Scope).NonEmptyList("work type");
            RuleForEach(r => r.Scope).MustBeWorkType(catalog);
            RuleFor(r => r.FiledOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
            RuleFor(r => r.WeeklyCapacity).InclusiveBetween(1, 100_000).WithMessage("must be between 1 and 100000 trainees a week");
        }
    }
}

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

public sealed record WithdrawPracticalCapabilityRequest(string? WorkType, string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<WithdrawPracticalCapabilityRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.WorkType).MustBeWorkType(catalog);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

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

/// <summary>The body of every step that only needs a date, a reason and the version: delisting, reinstatement, cancellation, withdrawal of a designation.</summary>
public sealed record DatedStepRequest(string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<DatedStepRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record SuspendInstitutionRequest(string? From, string? Reason, string? LegalBasis, long? Version)
{
    public sealed class Validator : AbstractValidator<SuspendInstitutionRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.From).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.LegalBasis).MaximumLength(300);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record DesignateExamPointRequest(IReadOnlyList<string?>? Scope, string? Area, string? DesignatedBy, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<DesignateExamPointRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.Scope).NonEmptyList("work type or certificate kind");
            RuleForEach(r => r.Scope).Must(c => c is not null && (catalog.FindWorkType(c) is not null || catalog.FindKind(c) is not null))
                .WithMessage("is neither a work type nor a certificate kind of the catalogue (GET /api/catalog/certificate-kinds)");
            RuleFor(r => r.Area).Text(200);
            RuleFor(r => r.DesignatedBy).Text(200);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

/// <summary>
/// Every step of an institution's life. Each carries the version it was based on (409 when stale), and a step the
/// institution's state does not allow is refused with 422 and its rule id; nothing is stored on any refusal.
/// </summary>
public static class InstitutionLifecycleEndpoints
{
    /// <summary>备案 with the work types the institution may train (JZ-INS-02); a later filing replaces the scope from its date.</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/filings", Name = "FileInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> File(Guid institutionId, FileInstitutionRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new FileInstitutionRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new FileInstitution(r.FilingAuthority!.Trim(), [.. r.Scope!.Select(s => s!)], RequestValidation.Date(r.FiledOn!), r.Reason!.Trim(), r.WeeklyCapacity), i, catalog), ct);
    }

    /// <summary>Practical-operation conditions for one work type (JZ-INS-01, HLJ-INS-01).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/practical-capabilities", Name = "RecordPracticalCapability")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static async Task<IResult> RecordCapability(Guid institutionId, RecordPracticalCapabilityRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RecordPracticalCapabilityRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new RecordPracticalCapability(r.WorkType!, r.Facilities!.Trim(), RequestValidation.Date(r.RecordedOn!)), i, catalog), ct);
    }

    [WolverinePost("/api/institutions/{institutionId:guid}/practical-capability-withdrawals", Name = "WithdrawPracticalCapability")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint)]
    public static async Task<IResult> WithdrawCapability(Guid institutionId, WithdrawPracticalCapabilityRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new WithdrawPracticalCapabilityRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new WithdrawPracticalCapability(r.WorkType!, RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }

    /// <summary>Listing in the HR department's catalogue of training institutions (HLJ-INS-06, NN-INS-01).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/hr-catalogue-listings", Name = "ListInstitutionInHrCatalogue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau)]
    public static async Task<IResult> List(Guid institutionId, ListInHrCatalogueRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ListInHrCatalogueRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new ListInHrCatalogue(r.Catalogue!.Trim(), RequestValidation.Date(r.ListedOn!)), i), ct);
    }

    [WolverinePost("/api/institutions/{institutionId:guid}/hr-catalogue-delistings", Name = "DelistInstitutionFromHrCatalogue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau)]
    public static async Task<IResult> Delist(Guid institutionId, DatedStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DatedStepRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new DelistFromHrCatalogue(RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }

    /// <summary>停业整顿 (TZ-ENF-01): the institution trains nothing until reinstated.</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/suspensions", Name = "SuspendInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Suspend(Guid institutionId, SuspendInstitutionRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new SuspendInstitutionRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new SuspendInstitution(RequestValidation.Date(r.From!), r.Reason!.Trim(), string.IsNullOrWhiteSpace(r.LegalBasis) ? null : r.LegalBasis.Trim()), i), ct);
    }

    [WolverinePost("/api/institutions/{institutionId:guid}/reinstatements", Name = "ReinstateInstitution")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Reinstate(Guid institutionId, DatedStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DatedStepRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new ReinstateInstitution(RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }

    [WolverinePost("/api/institutions/{institutionId:guid}/filing-cancellations", Name = "CancelInstitutionFiling")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Cancel(Guid institutionId, DatedStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DatedStepRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new CancelInstitutionFiling(RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }

    /// <summary>Designation as an exam point for work types or certificate kinds in an area (TZ-EXM-02, HLJ-EXM-02).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/exam-point-designations", Name = "DesignateExamPoint")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Designate(Guid institutionId, DesignateExamPointRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DesignateExamPointRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new DesignateExamPoint([.. r.Scope!.Select(s => s!)], r.Area!.Trim(), r.DesignatedBy!.Trim(), RequestValidation.Date(r.On!)), i, catalog), ct);
    }

    [WolverinePost("/api/institutions/{institutionId:guid}/exam-point-withdrawals", Name = "WithdrawExamPointDesignation")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> WithdrawDesignation(Guid institutionId, DatedStepRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DatedStepRequest.Validator(clock.Today()));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new WithdrawExamPointDesignation(RequestValidation.Date(r.On!), r.Reason!.Trim()), i), ct);
    }

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

    private static async Task<IResult> Write(Guid institutionId, long version, IDocumentSession session, Func<Institution, IInstitutionEvent> decide, CancellationToken ct)
    {
        var written = await session.DecideAsync<Institution>(institutionId, version, "institution", institution => decide(institution), ct);
        return Results.Ok(new InstitutionWritten(institutionId, written.Before.CreditCode, written.Version));
    }
}
