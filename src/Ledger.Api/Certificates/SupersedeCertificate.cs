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

/// <summary>A renewal's or replacement's answer: the new certificate, and the superseded one at its new version.</summary>
public sealed record CertificateSuccessorWritten(Guid CertificateId, string Number, long Version, CertificateWritten Supersedes);

public static partial class CertificateLifecycleEndpoints
{
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
}
