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

public static partial class CertificateLifecycleEndpoints
{
    [WolverinePost("/api/certificates/{certificateId:guid}/reinstatements", Name = "ReinstateCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Reinstate(Guid certificateId, ReinstateCertificateRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReinstateCertificateRequest.Validator(clock.Today()));
        return Written(await session.DecideAsync<Certificate>(certificateId, r.Version!.Value, "certificate", certificate =>
            CertificateDecider.Decide(new ReinstateCertificate(RequestValidation.Date(r.On!), r.Reason!.Trim()), certificate), ct));
    }
}
