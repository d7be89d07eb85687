using JasperFx.Events;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;

namespace Ledger.Projections.Certificates;

/// <summary>Rebuilds aggregates from events already in hand, for as-of reads that also need the events themselves.</summary>
public static class Fold
{
    public static Certificate? Certificate(IEnumerable<IEvent> events)
    {
        Certificate? state = null;
        foreach (var e in events)
        {
            state = e.Data switch
            {
                CertificateIssued issued => Domain.Certificates.Certificate.Create(issued),
                CertificateReviewed x when state is not null => state.Apply(x),
                CertificateSuspended x when state is not null => state.Apply(x),
                CertificateReinstated x when state is not null => state.Apply(x),
                CertificateRevoked x when state is not null => state.Apply(x),
                CertificateSuperseded x when state is not null => state.Apply(x),
                _ => state,
            };
            if (state is not null) state = state with { Version = e.Version };
        }
        return state;
    }

    public static Person? Person(IEnumerable<IEvent> events)
    {
        Person? state = null;
        foreach (var e in events)
        {
            state = e.Data switch
            {
                PersonRegistered registered => Domain.Persons.Person.Create(registered),
                PersonEducationRecorded x when state is not null => state.Apply(x),
                _ => state,
            };
            if (state is not null) state = state with { Version = e.Version };
        }
        return state;
    }
}
