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

/// <param name="Ground">Which case of Order No. 30 art. 30 the revocation falls under (kebab case); two of them bar a new certificate for 3 years.</param>
public sealed record RevokeCertificateRequest(string? On, string? Ground, string? Reason, string? LegalBasis, long? Version)
{
    /// <summary>The grounds a regulator may state: every case of art. 30, not the "unstated" of revocations recorded before it was asked.</summary>
    public static readonly string Grounds = string.Join(", ", Enum.GetValues<RevocationGround>().Where(g => g != RevocationGround.Unstated).Select(g => JsonNames.Kebab(g)));

    public sealed class Validator : AbstractValidator<RevokeCertificateRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Ground).Must(g => JsonNames.TryParseKebab<RevocationGround>(g, out var ground) && ground != RevocationGround.Unstated)
                .WithMessage($"must be one of {Grounds}");
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.LegalBasis).Text(300);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class CertificateLifecycleEndpoints
{
    [WolverinePost("/api/certificates/{certificateId:guid}/revocations", Name = "RevokeCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Revoke(Guid certificateId, RevokeCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RevokeCertificateRequest.Validator(clock.Today()));
        JsonNames.TryParseKebab<RevocationGround>(r.Ground, out var ground);
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new RevokeCertificate(RequestValidation.Date(r.On!), ground, r.Reason!.Trim(), r.LegalBasis!.Trim()), certificate), ct));
    }
}
