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

public static partial class InstitutionLifecycleEndpoints
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
}
