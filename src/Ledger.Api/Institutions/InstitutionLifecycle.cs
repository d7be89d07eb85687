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

/// <summary>
/// Every step of an institution's life. Each carries the version it was based on (409 when stale), and a step the
/// institution's state does not allow is refused with 422 and its rule id; nothing is stored on any refusal.
/// </summary>
public static partial class InstitutionLifecycleEndpoints
{
    private static async Task<IResult> Write(Guid institutionId, long version, IDocumentSession session, Func<Institution, IInstitutionEvent> decide, CancellationToken ct)
    {
        var written = await session.DecideAsync<Institution>(institutionId, version, "institution", institution => decide(institution), ct);
        return Results.Ok(new InstitutionWritten(institutionId, written.Before.CreditCode, written.Version));
    }
}
