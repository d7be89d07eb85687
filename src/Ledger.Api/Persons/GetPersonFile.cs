using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Ledger.Projections.Persons;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Persons;

public static class GetPersonFileEndpoint
{
    /// <summary>The person file; with asOf (an ISO instant) as the ledger knew it then, with on (a date) statuses on that day.</summary>
    [WolverineGet("/api/persons/{personId:guid}", Name = "GetPersonFile")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid personId, string? asOf, string? on, IQuerySession session, PolicyCatalog policies, IClock clock,
        HttpContext http, IDocumentStore store, PersonFileReadModel? files, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        var reason = AuditorReadLog.Reason(http);
        // ScopeMiddleware has judged the caller against the person's current employments, current and as-of reads alike.
        var audience = Scope.PersonAudience(ActorMiddleware.Required(http));
        // A bureau's current file is served as stored while it is still what assembling it would give (PersonFileReadModel);
        // the console, which renders the file rather than answering it, passes no read model.
        var today = clock.Today();
        if (files is { Enabled: true } && PersonFileReadModel.Serves(instant, date, audience, today))
        {
            var stored = await files.ReadAsync(personId, today, ct);
            if (stored is null)
            {
                var (built, stamp) = await files.AssembleAsync(session, personId, today, ct);
                if (built is null) throw new ResourceNotFoundException("person");
                stored = files.Serialize(built);
                if (stamp is not null) await files.StoreAsync(personId, today, stamp, stored, ct);
            }
            await AuditorReadLog.RecordAsync(http, store, clock, reason, "person", personId, ct);
            return files.Answer(stored);
        }
        var file = await PersonFiles.LoadAsync(session, personId, instant, date, policies, audience, ct) ?? throw new ResourceNotFoundException("person");
        await AuditorReadLog.RecordAsync(http, store, clock, reason, "person", personId, ct);
        return Results.Ok(file);
    }
}

public static class AsOfQuery
{
    /// <summary>Without "on", statuses are for the as-of instant's day, or today.</summary>
    public static (Instant? AsOf, LocalDate On) Parse(string? asOf, string? on, IClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        Instant? instant = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            instant = RequestValidation.ParseInstant(asOf);
            if (instant is null) errors["asOf"] = [RequestValidation.InstantMessage];
        }
        LocalDate? date = null;
        if (!string.IsNullOrWhiteSpace(on))
        {
            if (RequestValidation.IsDate(on)) date = RequestValidation.Date(on);
            else errors["on"] = [RequestValidation.DateMessage];
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return (instant, date ?? (instant ?? clock.GetCurrentInstant()).InZone(LedgerClock.China).Date);
    }
}
