using JasperFx.Events;
using Ledger.Domain.Certificates;
using Ledger.Domain.Assessments;
using Ledger.Domain.Employment;
using Ledger.Domain.Training;
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
                PersonalDataResealed x when state is not null => state.Apply(x),
                EmploymentStarted x when state is not null => state.Apply(x),
                PostChanged x when state is not null => state.Apply(x),
                FourNewIntroduced x when state is not null => state.Apply(x),
                LeftPost x when state is not null => state.Apply(x),
                ReturnedToPost x when state is not null => state.Apply(x),
                EmploymentEnded x when state is not null => state.Apply(x),
                TrainingAttended x when state is not null => state.Apply(x),
                TraineeEnrolled x when state is not null => state.Apply(x),
                AssessmentRecorded x when state is not null => state.Apply(x),
                SocialInsuranceMonthsRecorded x when state is not null => state.Apply(x),
                _ => state,
            };
            if (state is not null) state = state with { Version = e.Version };
        }
        return state;
    }
}
