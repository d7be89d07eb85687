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

public static partial class CertificateLifecycleEndpoints
{
    [WolverinePost("/api/certificates/{certificateId:guid}/revocations", Name = "RevokeCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Revoke(Guid certificateId, RevokeCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RevokeCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new RevokeCertificate(RequestValidation.Date(r.On!), r.Reason!.Trim(), r.LegalBasis!.Trim()), certificate), ct));
    }
}
