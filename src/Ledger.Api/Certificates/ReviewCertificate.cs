using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record ReviewCertificateRequest(string? ReviewedOn, bool? Passed, string? ReviewPassDate, string? NextReviewDue, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ReviewCertificateRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.ReviewedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Passed).NotNull().WithMessage("is required");
            RuleFor(r => r.ReviewPassDate).MustBeOptionalIsoDate().NotInFuture(today);
            RuleFor(r => r.NextReviewDue).MustBeOptionalIsoDate();
            RuleFor(r => r.Reason).Text(500).When(r => r.Passed == false).WithMessage("is required when the review is not passed");
            RuleFor(r => r.Reason).MaximumLength(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class CertificateLifecycleEndpoints
{
    [WolverinePost("/api/certificates/{certificateId:guid}/reviews", Name = "ReviewCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Review(Guid certificateId, ReviewCertificateRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReviewCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate => CertificateDecider.Decide(
            new ReviewCertificate(RequestValidation.Date(r.ReviewedOn!), r.Passed!.Value, RequestValidation.OptionalDate(r.ReviewPassDate),
                RequestValidation.OptionalDate(r.NextReviewDue), r.Reason?.Trim()), certificate, catalog), ct));
    }
}
