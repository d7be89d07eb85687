using NodaTime;

namespace Ledger.Domain.Enterprises;

/// <summary>One appointment; a trainer removed and appointed again has two. In post on [AppointedOn, RemovedOn).</summary>
public sealed record TrainerAppointment(
    Guid PersonId,
    IReadOnlyList<string> WorkTypes,
    TrainerQualification Qualification,
    LocalDate QualifiedOn,
    LocalDate AppointedOn,
    LocalDate? RemovedOn,
    string? RemovalReason)
{
    public bool InPostOn(LocalDate date) => AppointedOn <= date && (RemovedOn is null || date < RemovedOn);
}

/// <summary>An enterprise's internal trainers (内训师) over time, so that coverage can be asked for any day.</summary>
public sealed record InternalTrainerRoster(Guid Id, string EnterpriseCreditCode, IReadOnlyList<TrainerAppointment> Appointments)
{
    public long Version { get; init; }

    public static InternalTrainerRoster Create(InternalTrainerAppointed e) => new(e.RosterId, e.EnterpriseCreditCode, [Appointment(e)]);

    public InternalTrainerRoster Apply(InternalTrainerAppointed e) => this with { Appointments = [.. Appointments, Appointment(e)] };

    public InternalTrainerRoster Apply(InternalTrainerRemoved e) => this with
    {
        Appointments = [.. Appointments.Select(a => a.PersonId == e.PersonId && a.RemovedOn is null ? a with { RemovedOn = e.On, RemovalReason = e.Reason } : a)],
    };

    /// <summary>The person's appointment not yet ended by a removal, whatever its dates.</summary>
    public TrainerAppointment? OpenAppointment(Guid personId) => Appointments.LastOrDefault(a => a.PersonId == personId && a.RemovedOn is null);

    public IReadOnlyList<TrainerAppointment> InPostOn(LocalDate date) => [.. Appointments.Where(a => a.InPostOn(date))];

    /// <summary>Trainers in post per work type on the day; a trainer teaching two work types counts for each (NN-INT-01).</summary>
    public IReadOnlyDictionary<string, int> CountsByWorkTypeOn(LocalDate date) =>
        InPostOn(date).SelectMany(a => a.WorkTypes).GroupBy(w => w, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static TrainerAppointment Appointment(InternalTrainerAppointed e) =>
        new(e.PersonId, e.WorkTypes, e.Qualification, e.QualifiedOn, e.AppointedOn, null, null);
}
