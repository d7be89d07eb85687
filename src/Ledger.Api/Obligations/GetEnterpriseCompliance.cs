using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Obligations;
using Ledger.Domain.Policies;
using Ledger.Domain.Persons;
using Ledger.Projections.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Obligations;

public sealed record EnterpriseComplianceView(Guid EnterpriseId, string Name, string Jurisdiction, LocalDate On, Instant? AsOf,
    int Employees, int EmployeesWithBreaches, IReadOnlyList<PersonObligationsView> Persons, IReadOnlyList<Obligation> EnterpriseObligations);

public static partial class ObligationEndpoints
{
    /// <summary>Each employee's open obligations and every breach, for the enterprise's own employments, on a day and as known at an instant.</summary>
    [WolverineGet("/api/enterprises/{enterpriseId:guid}/compliance", Name = "GetEnterpriseCompliance")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<EnterpriseComplianceView> Enterprise(Guid enterpriseId, string? asOf, string? on, IQuerySession session, PolicyCatalog policies,
        IndustryCatalog industries, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        var (instant, date) = AsOfQuery.Parse(asOf, on, clock);
        var timestamp = instant?.ToDateTimeOffset();
        var enterprise = (instant is null
            ? await session.LoadAsync<Enterprise>(enterpriseId, ct)
            : await session.Events.AggregateStreamAsync<Enterprise>(enterpriseId, timestamp: timestamp, token: ct)) ?? throw new ResourceNotFoundException("enterprise");
        var rosterId = ids.ForEnterpriseRoster(enterprise.CreditCode);
        var roster = instant is null
            ? await session.LoadAsync<InternalTrainerRoster>(rosterId, ct)
            : await session.Events.AggregateStreamAsync<InternalTrainerRoster>(rosterId, timestamp: timestamp, token: ct);
        var workTypes = new HashSet<string>(StringComparer.Ordinal);
        var personIds = await session.Query<Person>().Where(p => p.Employments.Any(e => e.EnterpriseId == enterpriseId)).Select(p => p.Id).ToListAsync(ct);
        var persons = new List<PersonObligationsView>();
        foreach (var personId in personIds)
        {
            // The enterprise's compliance is about its own employments, whoever asks: each file is assembled as its employer sees it.
            var file = await PersonFiles.LoadAsync(session, personId, instant, date, policies, new PersonFileAudience.Employer(enterpriseId), ct);
            if (file is null || !file.Employments.Any(e => e.EnterpriseId == enterpriseId && e.HiredOn <= date)) continue;
            var own = file.Employments.Where(e => e.EnterpriseId == enterpriseId).Select(e => e.EmploymentId).ToHashSet();
            persons.Add(View(file, file.Obligations.Where(o => o.EmploymentId is { } id && own.Contains(id)).ToList()));
            foreach (var employment in file.Employments.Where(e => own.Contains(e.EmploymentId) && e.IsOpen))
            {
                var assignment = employment.Changes.LastOrDefault(c => c.Assignment is not null && c.On <= date)?.Assignment ?? employment.Assignment;
                if (assignment.SpecialOperationWorkType is { } workType) workTypes.Add(workType);
            }
        }
        var enterpriseObligations = EnterpriseObligations.Evaluate(enterprise, roster, workTypes, policies, industries, date);
        return new EnterpriseComplianceView(enterprise.Id, enterprise.Name, enterprise.Jurisdiction, date, instant, persons.Count,
            persons.Count(p => p.Breaches.Count > 0), persons, enterpriseObligations);
    }
}
