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

public sealed record SuspendCertificateRequest(string? From, string? Reason, string? LegalBasis, long? Version)
{
    public sealed class Validator : AbstractValidator<SuspendCertificateRequest>
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

public sealed record ReinstateCertificateRequest(string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ReinstateCertificateRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record RevokeCertificateRequest(string? On, string? Reason, string? LegalBasis, long? Version)
{
    public sealed class Validator : AbstractValidator<RevokeCertificateRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.LegalBasis).Text(300);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record SupersedeCertificateRequest(
    string? Kind, string? NewNumber, string? ExamPoint, string? ExamDate, string? PassDate, string? IssuedOn, string? IssuingAuthority,
    string? ValidFrom, string? ValidUntil, string? NextReviewDue, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<SupersedeCertificateRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.Kind).MustBeKebab<SupersedeCertificateRequest, SupersessionKind>();
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
            // The successor is validated with the issuing rules; its kind and work type are the old certificate's.
            RuleFor(r => r.AsIssue()).SetValidator(new IssueCertificateRequest.Validator(today, catalog, successor: true)).OverridePropertyName("successor");
        }
    }

    public IssueCertificateRequest AsIssue() => new(NewNumber, null, null, null, ExamPoint, ExamDate, PassDate,
        IssuedOn, IssuingAuthority, ValidFrom, ValidUntil, NextReviewDue);
}

public static class VersionRule
{
    public static IRuleBuilderOptions<T, long?> LedgerVersion<T>(this IRuleBuilder<T, long?> rule) =>
        rule.NotNull().WithMessage("is required: the version this change is based on").GreaterThan(0).WithMessage("must be 1 or more");
}

/// <summary>A renewal's or replacement's answer: the new certificate, and the superseded one at its new version.</summary>
public sealed record CertificateSuccessorWritten(Guid CertificateId, string Number, long Version, CertificateWritten Supersedes);

public static class CertificateLifecycleEndpoints
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

    [WolverinePost("/api/certificates/{certificateId:guid}/suspensions", Name = "SuspendCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Suspend(Guid certificateId, SuspendCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new SuspendCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new SuspendCertificate(RequestValidation.Date(r.From!), r.Reason!.Trim(), r.LegalBasis?.Trim()), certificate), ct));
    }

    [WolverinePost("/api/certificates/{certificateId:guid}/reinstatements", Name = "ReinstateCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Reinstate(Guid certificateId, ReinstateCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReinstateCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new ReinstateCertificate(RequestValidation.Date(r.On!), r.Reason!.Trim()), certificate), ct));
    }

    [WolverinePost("/api/certificates/{certificateId:guid}/revocations", Name = "RevokeCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Revoke(Guid certificateId, RevokeCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RevokeCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new RevokeCertificate(RequestValidation.Date(r.On!), r.Reason!.Trim(), r.LegalBasis!.Trim()), certificate), ct));
    }

    /// <summary>Renewal (换证) or replacement (补证): the old certificate is superseded and a new number issued, in one transaction.</summary>
    [WolverinePost("/api/certificates/{certificateId:guid}/successors", Name = "SupersedeCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Supersede(Guid certificateId, SupersedeCertificateRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids,
        PersonalDataCipher cipher, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new SupersedeCertificateRequest.Validator(clock.Today(), catalog));
        JsonNames.TryParseKebab<SupersessionKind>(r.Kind, out var kind);
        CertificateIssued? issued = null;
        var newId = Guid.Empty;
        var old = await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", async certificate =>
        {
            var holder = await session.LoadAsync<Person>(certificate.PersonId, ct) ?? throw new ResourceNotFoundException("holder");
            newId = await CertificateNumbers.ClaimAsync(session, ids, r.NewNumber!, ct);
            var (superseded, successor) = CertificateDecider.Decide(
                new SupersedeCertificate(kind, r.AsIssue().ToCommand(newId, cipher, ActorMiddleware.Required(http)), r.Reason!.Trim()), certificate, holder, catalog);
            issued = successor;
            return superseded;
        }, ct);
        session.Events.StartStream<Certificate>(newId, issued!);
        return Results.Created($"/api/certificates/{newId}", new CertificateSuccessorWritten(newId, issued!.Number, 1,
            new CertificateWritten(old.Before.Id, old.Before.Number, old.Version)));
    }

    private static IResult Written(Decided<Certificate> written) => Results.Ok(new CertificateWritten(written.Before.Id, written.Before.Number, written.Version));
}
