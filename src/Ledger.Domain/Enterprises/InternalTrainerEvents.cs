using NodaTime;

namespace Ledger.Domain.Enterprises;

public interface IInternalTrainerEvent
{
    Guid RosterId { get; }
}

/// <summary>How an internal trainer (内训师) was found competent.</summary>
public enum TrainerQualification
{
    /// <summary>Trained and assessed at a practical-training demonstration base, as Nanning requires (NN-INT-01).</summary>
    DemonstrationBaseCertified,
    /// <summary>Selected and assessed by the enterprise's own mechanism (TZ-INT-01, HLJ-INT-01).</summary>
    EnterpriseAssessed,
}

/// <param name="WorkTypes">Catalogue work types the trainer teaches; NN-INT-01 counts trainers per work type.</param>
[EventSchema(1)]
public sealed record InternalTrainerAppointed(
    Guid RosterId,
    string EnterpriseCreditCode,
    Guid PersonId,
    IReadOnlyList<string> WorkTypes,
    TrainerQualification Qualification,
    LocalDate QualifiedOn,
    LocalDate AppointedOn) : IInternalTrainerEvent;

/// <summary>The exit step of the select-assess-remove mechanism (TZ-INT-01, HLJ-INT-01).</summary>
[EventSchema(1)]
public sealed record InternalTrainerRemoved(
    Guid RosterId,
    Guid PersonId,
    LocalDate On,
    string Reason) : IInternalTrainerEvent;
