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

public sealed record TrainerInPost(Guid PersonId, IReadOnlyList<string> WorkTypes, TrainerQualification Qualification, LocalDate QualifiedOn, LocalDate AppointedOn);

public sealed record InternalTrainerRosterView(
    Guid RosterId,
    string EnterpriseCreditCode,
    LocalDate On,
    IReadOnlyList<TrainerInPost> Trainers,
    IReadOnlyDictionary<string, int> CountsByWorkType,
    IReadOnlyList<TrainerAppointment> Appointments,
    long Version);

public static partial class InternalTrainerRosterEndpoints
{
    /// <summary>Trainers in post on a day (default today), their count per work type, and every appointment ever made.</summary>
    [WolverineGet("/api/trainer-rosters/{rosterId:guid}", Name = "GetInternalTrainerRoster")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid rosterId, string? on, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var (_, date) = AsOfQuery.Parse(null, on, clock);
        var roster = await session.LoadAsync<InternalTrainerRoster>(rosterId, ct) ?? throw new ResourceNotFoundException("trainer roster");
        return Results.Ok(new InternalTrainerRosterView(roster.Id, roster.EnterpriseCreditCode, date,
            [.. roster.InPostOn(date).Select(a => new TrainerInPost(a.PersonId, a.WorkTypes, a.Qualification, a.QualifiedOn, a.AppointedOn))],
            roster.CountsByWorkTypeOn(date), roster.Appointments, roster.Version));
    }
}
