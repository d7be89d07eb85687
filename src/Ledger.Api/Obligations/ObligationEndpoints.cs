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

public sealed record PersonObligationsView(Guid PersonId, string Name, LocalDate On, Instant? AsOf, IReadOnlyList<Obligation> Open, IReadOnlyList<Obligation> Breaches, IReadOnlyList<Obligation> Met);

public static partial class ObligationEndpoints
{
    private static PersonObligationsView View(PersonFile file, IReadOnlyList<Obligation> obligations) => new(
        file.PersonId, file.Name, file.StatusOn, file.AsOf,
        obligations.Where(o => o.Status == ObligationStatus.Open).ToList(),
        obligations.Where(o => o.Status == ObligationStatus.Breached).ToList(),
        obligations.Where(o => o.Status == ObligationStatus.Met).ToList());
}
