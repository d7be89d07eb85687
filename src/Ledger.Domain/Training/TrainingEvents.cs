using NodaTime;

namespace Ledger.Domain.Training;

public enum TrainingKind
{
    NewHireInduction,
    SpecialOperationInitial,
    ReviewRefresher,
    TeamLeaderRotation,
    TargetedRetraining,
    KeyPostUpgrade,
}

public enum TrainingProviderKind
{
    /// <summary>A filed training institution, college or training centre.</summary>
    Institution,
    /// <summary>The enterprise trains its own staff (HLJ-INS-02 self-training).</summary>
    Enterprise,
}

public enum SessionMode
{
    Classroom,
    Practical,
    Online,
}

public interface ITrainingClassEvent
{
    Guid ClassId { get; }
}

/// <summary>A training class (一期): who runs it, to what syllabus, for which work type and purpose.</summary>
[EventSchema(1)]
public sealed record TrainingClassOpened(
    Guid ClassId,
    TrainingProviderKind ProviderKind,
    Guid ProviderId,
    string ProviderName,
    string Jurisdiction,
    string Course,
    string SyllabusVersion,
    decimal RequiredHours,
    string? WorkType,
    TrainingKind Kind,
    LocalDate OpenedOn,
    IReadOnlyList<string> Flags) : ITrainingClassEvent;

/// <summary>One session: time, content, instructor and place are the record QF-ARC-01 requires.</summary>
[EventSchema(1)]
public sealed record TrainingSessionHeld(
    Guid ClassId,
    Guid SessionId,
    LocalDate Date,
    LocalTime Start,
    LocalTime End,
    SessionMode Mode,
    string Instructor,
    string Place,
    string Content,
    string? LateEntryReason) : ITrainingClassEvent;

/// <summary>Face checks during an online session (QF-ONL-02); only outcomes are kept, never images (rules.md 6.12).</summary>
public sealed record FaceVerification(int Checks, int Passed, string Provider);

/// <summary>
/// Attendance lives on the person's stream, so the lifelong file, its as-of reads and the obligation checks
/// need no other stream; it repeats the class and session facts it depends on, as they were when credited.
/// </summary>
[EventSchema(1)]
public sealed record TrainingAttended(
    Guid PersonId,
    Guid ClassId,
    Guid SessionId,
    Guid ProviderId,
    string Jurisdiction,
    TrainingKind Kind,
    string? WorkType,
    LocalDate Date,
    SessionMode Mode,
    decimal Hours,
    FaceVerification? Face,
    string? LateEntryReason) : Persons.IPersonEvent;

/// <summary>Full-process video of an offline session (HLJ-ARC-02): where it is, its content hash, and how long it must be kept.</summary>
[EventSchema(1)]
public sealed record SessionVideoArchived(
    Guid ClassId,
    Guid SessionId,
    string ContentHash,
    string StoredAt,
    LocalDate RetainUntil) : ITrainingClassEvent;

[EventSchema(1)]
public sealed record TrainingClassClosed(Guid ClassId, LocalDate ClosedOn) : ITrainingClassEvent;

/// <summary>
/// A person became a provider's trainee (a class's) or an exam point's candidate (no class): the one relation through which
/// an institution reaches a person at all. It is recorded from the ID card the person presents (number and name), so a
/// provider cannot make a stranger its trainee by naming a person id; attendance, assessments and certificates an
/// institution records need it, and an institution sees only its own trainees' records of their training with it.
/// </summary>
[EventSchema(1)]
public sealed record TraineeEnrolled(
    Guid PersonId,
    TrainingProviderKind ProviderKind,
    Guid ProviderId,
    string ProviderName,
    Guid? ClassId,
    LocalDate EnrolledOn) : Persons.IPersonEvent;
