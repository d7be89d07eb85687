using NodaTime;

namespace Ledger.Domain.Training;

public sealed record VideoEvidence(string ContentHash, string StoredAt, LocalDate RetainUntil);

public sealed record TrainingSession(
    Guid SessionId,
    LocalDate Date,
    LocalTime Start,
    LocalTime End,
    SessionMode Mode,
    string Instructor,
    string Place,
    string Content,
    VideoEvidence? Video)
{
    public decimal Hours => (decimal)Period.Between(Start, End, PeriodUnits.Minutes).Minutes / 60m;
}

public sealed record TrainingClass(
    Guid Id,
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
    IReadOnlyList<string> Flags,
    IReadOnlyList<TrainingSession> Sessions,
    LocalDate? ClosedOn)
{
    public long Version { get; init; }

    public static TrainingClass Create(TrainingClassOpened e) => new(e.ClassId, e.ProviderKind, e.ProviderId, e.ProviderName, e.Jurisdiction,
        e.Course, e.SyllabusVersion, e.RequiredHours, e.WorkType, e.Kind, e.OpenedOn, e.Flags, [], null);

    public TrainingClass Apply(TrainingSessionHeld e) => this with
    {
        Sessions = [.. Sessions, new TrainingSession(e.SessionId, e.Date, e.Start, e.End, e.Mode, e.Instructor, e.Place, e.Content, null)],
    };

    public TrainingClass Apply(SessionVideoArchived e) => this with
    {
        Sessions = Sessions.Select(s => s.SessionId == e.SessionId ? s with { Video = new VideoEvidence(e.ContentHash, e.StoredAt, e.RetainUntil) } : s).ToList(),
    };

    public TrainingClass Apply(TrainingClassClosed e) => this with { ClosedOn = e.ClosedOn };

    public TrainingSession? Session(Guid sessionId) => Sessions.FirstOrDefault(s => s.SessionId == sessionId);
}
