namespace Ledger.Domain.Policies;

// Temporary home: the jurisdiction policy parameters (PolicyParameters.cs, written on another branch) declare
// this enum in the same namespace; delete this file when the two branches meet.

/// <summary>What a jurisdiction says about an exam point that also wants to run training (考培分离).</summary>
public enum ExamPointTraining
{
    /// <summary>Qufu: exam points must not run safety-training business (QF-EXM-03).</summary>
    Forbidden,
    /// <summary>Allowed but a fraud risk worth a regulator's look (FR-16), as in Taizhou and Heilongjiang.</summary>
    Flag,
    Allowed,
}
