namespace Ledger.Domain.Policies;

/// <summary>Whether an exam point may also train: QF-EXM-03 forbids it; elsewhere it is flagged as FR-16.</summary>
public enum ExamPointTraining
{
    Forbidden,
    Flag,
    Allowed,
}
