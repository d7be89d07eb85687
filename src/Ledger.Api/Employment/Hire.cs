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

/// <param name="IdNumber">
/// The number on the worker's ID card. An enterprise hiring gives it, because hiring is what opens an employee's file to
/// its employer: it must show it holds the card, not merely a person id. A bureau recording a hire may leave it out.
/// </param>
public sealed record HireRequest(
    Guid? EnterpriseId, string? Post, bool? KeyPost, bool? TeamLeader, string? SpecialOperationWorkType, string? Relation, string? HiredOn, long? Version,
    string? IdNumber = null)
{
    public sealed class Validator : AbstractValidator<HireRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog, bool idNumberRequired)
        {
            RuleFor(r => r.EnterpriseId).NotNull().WithMessage("is required");
            if (idNumberRequired)
                RuleFor(r => r.IdNumber).Custom((value, context) =>
                {
                    if (!ResidentIdNumber.TryParse(value, today, out _, out var error))
                        context.AddFailure("is required: the number on the worker's ID card (" + (error ?? "not a valid resident ID number") + ")");
                });
            RuleFor(r => r.Post).Text(100);
            RuleFor(r => r.SpecialOperationWorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.SpecialOperationWorkType))
                .WithMessage("is not a work type of the national special operation catalogue");
            RuleFor(r => r.Relation).MustBeKebab<HireRequest, EmploymentRelation>();
            RuleFor(r => r.HiredOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }

    public PostAssignment Assignment() => new(Post!.Trim(), KeyPost ?? false, TeamLeader ?? false,
        string.IsNullOrEmpty(SpecialOperationWorkType) ? null : SpecialOperationWorkType);
}

public static partial class EmploymentEndpoints
{
    [WolverinePost("/api/persons/{personId:guid}/employments", Name = "Hire")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> Hire(Guid personId, HireRequest? request, HttpContext http, IDocumentSession session, CertificateCatalog catalog,
        PolicyCatalog policies, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new HireRequest.Validator(clock.Today(), catalog, actor.Role == ActorRole.Enterprise));
        Scope.OwnEnterprise(actor, r.EnterpriseId!.Value);
        var enterprise = await session.LoadAsync<Enterprise>(r.EnterpriseId!.Value, ct) ?? throw new ResourceNotFoundException("enterprise");
        Scope.BureauJurisdiction(actor, policies, "enterprise", enterprise.Jurisdiction);
        // The ID number shown must be this person's: a person id alone, however it was learnt, opens nobody's file.
        if (r.IdNumber is { Length: > 0 } shown && (!ResidentIdNumber.TryParse(shown, clock.Today(), out var card, out _) || ids.ForPerson(card) != personId))
            throw new ResourceNotFoundException("person");
        JsonNames.TryParseKebab<EmploymentRelation>(r.Relation, out var relation);
        var employmentId = Guid.CreateVersion7();
        var written = await session.DecideAsync<Person>(personId, r.Version!.Value, "person", person => EmploymentDecider.Decide(
            new Hire(employmentId, enterprise.Id, enterprise.Name, enterprise.Jurisdiction, r.Assignment(), relation, RequestValidation.Date(r.HiredOn!)), person), ct);
        return Results.Created($"/api/persons/{personId}", new EmploymentWritten(personId, employmentId, written.Version));
    }
}
