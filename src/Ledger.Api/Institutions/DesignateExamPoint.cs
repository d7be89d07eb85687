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

public static partial class InstitutionLifecycleEndpoints
{
    /// <summary>Designation as an exam point for work types or certificate kinds in an area (TZ-EXM-02, HLJ-EXM-02).</summary>
    [WolverinePost("/api/institutions/{institutionId:guid}/exam-point-designations", Name = "DesignateExamPoint")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Designate(Guid institutionId, DesignateExamPointRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DesignateExamPointRequest.Validator(clock.Today(), catalog));
        return await Write(institutionId, r.Version!.Value, session, i => InstitutionDecider.Decide(
            new DesignateExamPoint([.. r.Scope!.Select(s => s!)], r.Area!.Trim(), r.DesignatedBy!.Trim(), RequestValidation.Date(r.On!)), i, catalog), ct);
    }
}
