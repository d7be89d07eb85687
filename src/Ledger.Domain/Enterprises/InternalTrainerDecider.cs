using Ledger.Domain.Certificates;
using NodaTime;

namespace Ledger.Domain.Enterprises;

public sealed record AppointInternalTrainer(
    Guid RosterId,
    string EnterpriseCreditCode,
    Guid PersonId,
    IReadOnlyList<string> WorkTypes,
    TrainerQualification Qualification,
    LocalDate QualifiedOn,
    LocalDate AppointedOn);

public sealed record RemoveInternalTrainer(Guid PersonId, LocalDate On, string Reason);

public static class InternalTrainerRules
{
    public const string AlreadyInPost = "internal-trainer-already-in-post";
    public const string NotInPost = "internal-trainer-not-in-post";
    public const string DatesInOrder = "internal-trainer-dates-in-order";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [AlreadyInPost] = "A trainer in post is removed before being appointed again (for other work types, say).",
        [NotInPost] = "Only a trainer in post can be removed.",
        [DatesInOrder] = "A trainer is appointed no earlier than qualified, and removed no earlier than appointed.",
    };
}

public static class InternalTrainerDecider
{
    /// <param name="roster">Null when this is the enterprise's first appointment, which opens its roster.</param>
    public static InternalTrainerAppointed Decide(AppointInternalTrainer c, InternalTrainerRoster? roster, CertificateCatalog catalog)
    {
        foreach (var code in c.WorkTypes)
        {
            // The API answers unknown codes with 400 before any decision; reaching here with one is a programming error.
            if (catalog.FindWorkType(code) is null) throw new ArgumentException($"'{code}' is not a work type of the catalogue", nameof(c));
        }
        if (roster?.OpenAppointment(c.PersonId) is { } open)
            throw new DomainRuleViolation(InternalTrainerRules.AlreadyInPost, $"the person has been an internal trainer since {open.AppointedOn:uuuu-MM-dd}; remove the appointment first");
        if (c.AppointedOn < c.QualifiedOn)
            throw new DomainRuleViolation(InternalTrainerRules.DatesInOrder, $"the appointment on {c.AppointedOn:uuuu-MM-dd} precedes the qualification on {c.QualifiedOn:uuuu-MM-dd}");
        var lastRemoval = roster?.Appointments.Where(a => a.PersonId == c.PersonId).Max(a => a.RemovedOn);
        if (lastRemoval is { } removed && c.AppointedOn < removed)
            throw new DomainRuleViolation(InternalTrainerRules.DatesInOrder, $"the appointment on {c.AppointedOn:uuuu-MM-dd} precedes the person's removal on {removed:uuuu-MM-dd}");
        return new InternalTrainerAppointed(roster?.Id ?? c.RosterId, roster?.EnterpriseCreditCode ?? c.EnterpriseCreditCode, c.PersonId,
            [.. c.WorkTypes.Distinct()], c.Qualification, c.QualifiedOn, c.AppointedOn);
    }

    public static InternalTrainerRemoved Decide(RemoveInternalTrainer c, InternalTrainerRoster roster)
    {
        var open = roster.OpenAppointment(c.PersonId)
            ?? throw new DomainRuleViolation(InternalTrainerRules.NotInPost, "the person is not an internal trainer in post on this roster");
        if (c.On < open.AppointedOn)
            throw new DomainRuleViolation(InternalTrainerRules.DatesInOrder, $"the removal on {c.On:uuuu-MM-dd} precedes the appointment on {open.AppointedOn:uuuu-MM-dd}");
        return new InternalTrainerRemoved(roster.Id, c.PersonId, c.On, c.Reason);
    }
}
