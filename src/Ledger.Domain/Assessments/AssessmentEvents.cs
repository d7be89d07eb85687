using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Assessments;

public enum AssessmentKind
{
    /// <summary>分岗位考核 by the enterprise (JZ-EXM-01, HLJ-EXM-01).</summary>
    PostAssessment,
    /// <summary>An inspector's spot check during an inspection (逢查必考: TZ-ENF-03, QF-ENF-02).</summary>
    SpotCheck,
    /// <summary>The assessment that closes a training class (induction, retraining).</summary>
    TrainingAssessment,
}

public enum PracticalMode
{
    RealEquipment,
    Simulation,
    OnPost,
    /// <summary>Questions and answers in place of hands-on practice: refused where JZ-EXM-03 or HLJ-INS-01 apply.</summary>
    QuestionAndAnswer,
}

[EventSchema(1)]
public sealed record AssessmentRecorded(
    Guid PersonId,
    Guid AssessmentId,
    AssessmentKind Kind,
    Guid? EnterpriseId,
    Guid? ClassId,
    string Jurisdiction,
    string? Post,
    string? WorkType,
    decimal TheoryScore,
    decimal TheoryPassMark,
    decimal? PracticalScore,
    decimal? PracticalPassMark,
    PracticalMode? PracticalMode,
    IReadOnlyList<string> KeySkillsFailed,
    bool Passed,
    IReadOnlyList<string> DecidedBy,
    LocalDate AssessedOn,
    string Assessor) : IPersonEvent;
