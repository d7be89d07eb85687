using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Training;

public sealed record OpenTrainingClass(
    Guid ClassId, TrainingProviderKind ProviderKind, Guid ProviderId, string ProviderName, string Jurisdiction, string Course, string SyllabusVersion,
    decimal RequiredHours, string? WorkType, TrainingKind Kind, LocalDate OpenedOn);

public sealed record HoldSession(Guid SessionId, LocalDate Date, LocalTime Start, LocalTime End, SessionMode Mode, string Instructor, string Place, string Content, string? LateEntryReason);

public sealed record ArchiveSessionVideo(Guid SessionId, string ContentHash, string StoredAt, LocalDate RetainUntil);

public sealed record CreditAttendance(Guid SessionId, decimal Hours, FaceVerification? Face, string? LateEntryReason);

/// <summary>What the provider may do on the class's opening date, read from its filing (institutions) or taken as given (an enterprise training its own staff).</summary>
public sealed record ProviderStanding(bool MayTrain, string? RefusalRuleId, string? RefusalReason, bool IsExamPoint)
{
    /// <summary>An enterprise training its own staff: no filing to hold (HLJ-INS-02 self-training).</summary>
    public static readonly ProviderStanding Enterprise = new(true, null, null, false);

    /// <summary>What an institution may do on a day: train the work type (filing scope, practical conditions, not suspended), or, without one, hold a filing in force.</summary>
    public static ProviderStanding Of(Institutions.Institution institution, string? workType, LocalDate date, PolicyCatalog policies)
    {
        string? ruleId = null, reason = null;
        bool mayTrain;
        if (workType is not null) mayTrain = institution.MayTrainOn(workType, date, policies, out ruleId, out reason);
        else
        {
            var status = institution.StatusOn(date);
            mayTrain = status == Institutions.InstitutionStatus.Filed;
            if (!mayTrain) (ruleId, reason) = (Institutions.InstitutionRules.Cite(policies, institution.Jurisdiction, date, Institutions.InstitutionRules.FilingRequired),
                $"the institution's status on {date:uuuu-MM-dd} was {status}");
        }
        return new ProviderStanding(mayTrain, ruleId, reason, institution.IsExamPointOn(date));
    }
}

/// <summary>The rule values in force for the class's jurisdiction on the date that matters, each with the rule that set it.</summary>
public sealed record TrainingRulesInForce(
    int LateEntryDays,
    string LateEntryRuleId,
    ExamPointTraining ExamPointTraining,
    string ExamPointRuleId,
    bool FaceRecognitionRequired,
    string? FaceRecognitionRuleId)
{
    /// <summary>The late-entry window where no pack sets one: the ledger's own policy (NAT-ARC-01), a month to record what happened.</summary>
    public const int DefaultLateEntryDays = 30;

    public const string DefaultLateEntryRuleId = "NAT-ARC-01";

    /// <summary>The rules of the packs in force for a jurisdiction on a day, with the ledger's defaults where no pack speaks.</summary>
    public static TrainingRulesInForce For(Policies.PolicyCatalog policies, string jurisdiction, LocalDate on)
    {
        var p = policies.For(jurisdiction, on).Parameters;
        return new TrainingRulesInForce(
            p.LateEntryDays?.Value ?? DefaultLateEntryDays, p.LateEntryDays?.RuleId ?? DefaultLateEntryRuleId,
            p.ExamPointMayTrain?.Value ?? ExamPointTraining.Flag, p.ExamPointMayTrain?.RuleId ?? TrainingRules.ExamTrainingSeparationFlag,
            p.FaceRecognitionRequired?.Value ?? false, p.FaceRecognitionRequired?.RuleId);
    }
}

public static class TrainingRules
{
    public const string ExamTrainingSeparationFlag = Claims.FraudPatterns.ExamPointTrains;
    public const string DatesInOrder = "NAT-TRN-10";
    public const string ClassClosed = "NAT-TRN-11";
    public const string AttendanceWithinSession = "NAT-TRN-12";
    public const string VideoRetention = "HLJ-ARC-02";
}

/// <summary>A person presenting their ID card to a provider: enrolled in one of its classes, or (no class) an exam point's candidate.</summary>
public sealed record EnrolTrainee(TrainingProviderKind ProviderKind, Guid ProviderId, string ProviderName, Guid? ClassId, LocalDate EnrolledOn);

public static class TrainingDecider
{
    /// <summary>Enrols a trainee; enrolling one already enrolled (in the class, or as the provider's candidate) records nothing.</summary>
    public static TraineeEnrolled[] Decide(EnrolTrainee command, TrainingClass? trainingClass, Person person)
    {
        if (trainingClass is { ClosedOn: { } closed } && command.EnrolledOn > closed)
            throw new DomainRuleViolation(TrainingRules.ClassClosed, $"the class closed on {closed:uuuu-MM-dd}");
        var already = command.ClassId is { } classId
            ? person.Enrollments.Any(e => e.ClassId == classId)
            : person.Enrollments.Any(e => e.ProviderId == command.ProviderId && e.ClassId is null);
        return already
            ? []
            : [new TraineeEnrolled(person.Id, command.ProviderKind, command.ProviderId, command.ProviderName, command.ClassId, command.EnrolledOn)];
    }

    public static TrainingClassOpened Decide(OpenTrainingClass command, ProviderStanding provider, TrainingRulesInForce rules)
    {
        if (!provider.MayTrain)
            throw new DomainRuleViolation(provider.RefusalRuleId ?? "JZ-INS-02", provider.RefusalReason ?? "the provider may not run this training");
        var flags = new List<string>();
        if (provider.IsExamPoint)
        {
            switch (rules.ExamPointTraining)
            {
                case ExamPointTraining.Forbidden:
                    throw new DomainRuleViolation(rules.ExamPointRuleId,
                        $"{command.ProviderName} is an exam point, and exam points may not run safety training here (考培分离)");
                case ExamPointTraining.Flag:
                    flags.Add(TrainingRules.ExamTrainingSeparationFlag);
                    break;
            }
        }
        return new TrainingClassOpened(command.ClassId, command.ProviderKind, command.ProviderId, command.ProviderName, command.Jurisdiction,
            command.Course, command.SyllabusVersion, command.RequiredHours, command.WorkType, command.Kind, command.OpenedOn, flags);
    }

    /// <param name="provider">The provider's standing on the session date: a class opened while the institution could train stops when it no longer can.</param>
    public static TrainingSessionHeld Decide(HoldSession command, TrainingClass trainingClass, ProviderStanding provider, TrainingRulesInForce rules, LocalDate today)
    {
        if (!provider.MayTrain)
            throw new DomainRuleViolation(provider.RefusalRuleId ?? "JZ-INS-02", provider.RefusalReason ?? "the provider may not run this training on that day");
        if (trainingClass.ClosedOn is { } closed && command.Date > closed)
            throw new DomainRuleViolation(TrainingRules.ClassClosed, $"the class closed on {closed:uuuu-MM-dd}");
        if (command.Date < trainingClass.OpenedOn)
            throw new DomainRuleViolation(TrainingRules.DatesInOrder, $"the session precedes the class's opening on {trainingClass.OpenedOn:uuuu-MM-dd}");
        EnsureLateEntryExplained(command.Date, command.LateEntryReason, rules, today);
        return new TrainingSessionHeld(trainingClass.Id, command.SessionId, command.Date, command.Start, command.End, command.Mode,
            command.Instructor, command.Place, command.Content, command.LateEntryReason);
    }

    /// <param name="retentionYears">Where HLJ-ARC-02 applies to the class: the validity of the certificate the training leads to, which the video must outlast.</param>
    /// <summary>
    /// The video kept for a session, under the pack in force on the session's day: where the pack ties retention to the
    /// certificate's validity (HLJ-ARC-02, "保存期不少于申请补贴人员所获证书有效期"), a special-operation class keeps it at least as
    /// many years as the certificate is valid.
    /// </summary>
    public static SessionVideoArchived Decide(ArchiveSessionVideo command, TrainingClass trainingClass, Policies.PolicyCatalog policies,
        Certificates.CertificateCatalog catalog)
    {
        var sessionDate = trainingClass.Session(command.SessionId)?.Date ?? trainingClass.OpenedOn;
        var p = policies.For(trainingClass.Jurisdiction, sessionDate).Parameters;
        var validity = catalog.FindKind(Certificates.CertificateKindCodes.SpecialOperation)?.ValidityYears;
        var minima = new List<(int Years, string RuleId)>();
        // Qufu keeps every archive 3 years (QF-ARC-03) and a special-operation worker's as long as the certificate is valid (QF-ARC-04);
        // the longest period that binds is the one the video must meet, cited by its own rule.
        if (p.ArchiveRetentionYears is { } archive) minima.Add((archive.Value, archive.RuleId));
        if (trainingClass.WorkType is not null && validity is { } years)
        {
            if (p.VideoRetentionCoversCertificateValidity is { Value: true } video) minima.Add((years, video.RuleId));
            if (p.SpecialOperationArchiveCoversCertificateValidity is { Value: true } special) minima.Add((years, special.RuleId));
        }
        return Decide(command, trainingClass, minima.Count == 0 ? null : minima.MaxBy(m => m.Years));
    }

    public static SessionVideoArchived Decide(ArchiveSessionVideo command, TrainingClass trainingClass, (int Years, string RuleId)? retentionYears = null)
    {
        var session = trainingClass.Session(command.SessionId) ?? throw new DomainRuleViolation(TrainingRules.AttendanceWithinSession, "no such session in this class");
        if (session.Mode == SessionMode.Online)
            throw new DomainRuleViolation(TrainingRules.VideoRetention, "video evidence covers classroom and practical sessions; online hours are recorded by the platform");
        if (command.RetainUntil <= session.Date)
            throw new DomainRuleViolation(TrainingRules.VideoRetention, "the video must be kept beyond the session date");
        // [I] The certificate's validity runs from an issue after this session, so the session date plus the validity is the least it can be.
        if (retentionYears is { } retention && command.RetainUntil < session.Date.PlusYears(retention.Years))
            throw new DomainRuleViolation(retention.RuleId,
                $"the video is kept at least {retention.Years} years under {retention.RuleId}: until {session.Date.PlusYears(retention.Years):uuuu-MM-dd} or later");
        return new SessionVideoArchived(trainingClass.Id, command.SessionId, command.ContentHash, command.StoredAt, command.RetainUntil);
    }

    /// <summary>Crediting the same session to the same person twice adds nothing, which makes re-imports idempotent.</summary>
    public static TrainingAttended[] Decide(CreditAttendance command, TrainingClass trainingClass, Person person, TrainingRulesInForce rules, LocalDate today)
    {
        var session = trainingClass.Session(command.SessionId) ?? throw new DomainRuleViolation(TrainingRules.AttendanceWithinSession, "no such session in this class");
        if (person.Attendance.Any(a => a.SessionId == command.SessionId)) return [];
        if (command.Hours > session.Hours)
            throw new DomainRuleViolation(TrainingRules.AttendanceWithinSession, $"{command.Hours} hours credited for a session of {session.Hours:0.##} hours");
        if (session.Mode == SessionMode.Online && rules.FaceRecognitionRequired && command.Face is null)
            throw new DomainRuleViolation(rules.FaceRecognitionRuleId ?? "QF-ONL-02", "online training here is monitored by face recognition; the verification result is required");
        EnsureLateEntryExplained(session.Date, command.LateEntryReason, rules, today);
        return
        [
            new TrainingAttended(person.Id, trainingClass.Id, session.SessionId, trainingClass.ProviderId, trainingClass.Jurisdiction, trainingClass.Kind,
                trainingClass.WorkType, session.Date, session.Mode, command.Hours, command.Face, command.LateEntryReason),
        ];
    }

    private static void EnsureLateEntryExplained(LocalDate date, string? reason, TrainingRulesInForce rules, LocalDate today)
    {
        if (Period.Between(date, today, PeriodUnits.Days).Days > rules.LateEntryDays && string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleViolation(rules.LateEntryRuleId,
                $"a record dated {date:uuuu-MM-dd} is more than {rules.LateEntryDays} days old; a late-entry reason is required");
    }
}
