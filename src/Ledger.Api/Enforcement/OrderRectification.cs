using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Certificates;
using Ledger.Api.Http;
using Ledger.Api.Obligations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

/// <param name="PersonId">The employee the breach is about, as the enterprise's compliance names them; left out for the enterprise's own obligation.</param>
public sealed record BreachReferenceRequest(Guid? PersonId, string? RuleId, string? Kind);

public sealed record OrderRectificationRequest(string? Finding, IReadOnlyList<BreachReferenceRequest?>? Breaches, string? OrderedOn, string? Deadline, bool? StopOrdered,
    long? Version)
{
    public sealed class Validator : AbstractValidator<OrderRectificationRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Finding).Text(1000);
            RuleFor(r => r.Breaches).Must(b => b is null || b.Count <= 500).WithMessage("cannot exceed 500 breaches");
            RuleForEach(r => r.Breaches).NotNull().WithMessage("is required").ChildRules(b =>
            {
                b.RuleFor(x => x!.RuleId).Text(40);
                b.RuleFor(x => x!.Kind).Text(80);
            });
            RuleFor(r => r.OrderedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Deadline).MustBeIsoDate();
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>责令限期改正: a finding with its deadline, linked to breaches the ledger detected for the enterprise on the inspection date.</summary>
    [WolverinePost("/api/inspections/{inspectionId:guid}/rectification-orders", Name = "OrderRectification")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> OrderRectification(Guid inspectionId, OrderRectificationRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IndustryCatalog industries, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var r = RequestValidation.Valid(request, new OrderRectificationRequest.Validator(clock.Today()));
        var current = await WritableInspectionAsync(session, inspectionId, actor, policies, ct);
        var breaches = (r.Breaches ?? []).Select(b => new BreachReference(b!.PersonId, b.RuleId!.Trim(), b.Kind!.Trim())).ToList();
        // The breaches are read only when the finding links some: the enterprise's compliance on the inspection date is a walk of its employees.
        IReadOnlyCollection<BreachReference> detected = breaches.Count == 0 ? [] : await DetectedBreachesAsync(current, session, policies, industries, ids, clock, ct);
        var enterprise = await session.LoadAsync<Enterprise>(current.EnterpriseId, ct);
        var rules = EnforcementRulesInForce.For(policies, current.Jurisdiction, current.InspectedOn, industries.IsHighRisk(enterprise?.Industry));
        var written = await session.DecideAsync<Inspection>(inspectionId, r.Version!.Value, "inspection", inspection => EnforcementDecider.Order(inspection,
            new Domain.Enforcement.OrderRectification(r.Finding!.Trim(), breaches, RequestValidation.Date(r.OrderedOn!), RequestValidation.Date(r.Deadline!),
                r.StopOrdered ?? false), detected, actor, rules, policies), ct);
        return Results.Ok(new InspectionWritten(inspectionId, written.Version));
    }

    private static async Task<IReadOnlyCollection<BreachReference>> DetectedBreachesAsync(Inspection inspection, IQuerySession session, PolicyCatalog policies,
        IndustryCatalog industries, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var compliance = await ObligationEndpoints.Enterprise(inspection.EnterpriseId, null, inspection.InspectedOn.ToString("uuuu-MM-dd", null), session, policies,
            industries, ids, clock, ct);
        return [.. compliance.Persons.SelectMany(p => p.Breaches.Select(b => new BreachReference(p.PersonId, b.RuleId, b.Kind))),
            .. compliance.EnterpriseObligations.Where(o => o.Status == ObligationStatus.Breached).Select(o => new BreachReference(null, o.RuleId, o.Kind))];
    }
}
