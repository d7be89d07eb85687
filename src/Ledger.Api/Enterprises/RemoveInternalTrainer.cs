using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Institutions;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record RemoveInternalTrainerRequest(string? PersonId, string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<RemoveInternalTrainerRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.PersonId).Must(p => Guid.TryParse(p, out _)).WithMessage("must be a person id");
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public static partial class InternalTrainerRosterEndpoints
{
    /// <summary>Removes a trainer from post (the exit step of TZ-INT-01 / HLJ-INT-01).</summary>
    [WolverinePost("/api/trainer-rosters/{rosterId:guid}/removals", Name = "RemoveInternalTrainer")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> Remove(Guid rosterId, RemoveInternalTrainerRequest? request, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RemoveInternalTrainerRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<InternalTrainerRoster>(rosterId, r.Version!.Value, "trainer roster", roster =>
            InternalTrainerDecider.Decide(new RemoveInternalTrainer(Guid.Parse(r.PersonId!), RequestValidation.Date(r.On!), r.Reason!.Trim()), roster), ct);
        return Results.Ok(new RosterWritten(rosterId, written.Before.EnterpriseCreditCode, written.Version));
    }
}
