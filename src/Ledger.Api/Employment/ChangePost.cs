using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Employment;

public sealed record ChangePostRequest(string? Post, bool? KeyPost, bool? TeamLeader, string? SpecialOperationWorkType, string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ChangePostRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.Post).Text(100);
            RuleFor(r => r.SpecialOperationWorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.SpecialOperationWorkType))
                .WithMessage("is not a work type of the national special operation catalogue");
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EmploymentEndpoints
{
    [WolverinePost("/api/persons/{personId:guid}/employments/{employmentId:guid}/post-changes", Name = "ChangePost")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> ChangePost(Guid personId, Guid employmentId, ChangePostRequest? request, IDocumentSession session, CertificateCatalog catalog, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ChangePostRequest.Validator(clock.Today(), catalog));
        var assignment = new PostAssignment(r.Post!.Trim(), r.KeyPost ?? false, r.TeamLeader ?? false,
            string.IsNullOrEmpty(r.SpecialOperationWorkType) ? null : r.SpecialOperationWorkType);
        return Written(employmentId, await session.DecideAsync<Person>(personId, r.Version!.Value, "person", person =>
            EmploymentDecider.Decide(new ChangePost(employmentId, assignment, RequestValidation.Date(r.On!), r.Reason!.Trim()), person), ct));
    }
}
