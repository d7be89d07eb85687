namespace Ledger.Projections.Audit;

/// <summary>
/// What an auditor keeps outside the database: the ledger up to <see cref="LastSequence"/> sealed by the global
/// chain's value there and by the Merkle root over every notarised event digest up to it (in sequence order;
/// sequence numbers left unused by rolled-back appends are simply not leaves).
/// </summary>
public sealed record LedgerDigest(long LastSequence, long EventCount, string GlobalChainHead, string MerkleRoot, DateTimeOffset CreatedAt, string Algorithm);

public sealed record InclusionProof(long Sequence, Guid StreamId, long Version, string EventDigest, int LeafIndex, long DigestSequence, string MerkleRoot,
    IReadOnlyList<ProofStep> Path);

/// <summary>One thing wrong, at an event where one can be named. Kind: changed, missing, inserted, reordered, notary-altered, digest-mismatch, unreadable.</summary>
public sealed record AuditFinding(long? Sequence, string Kind, string Detail);

public sealed record VerificationReport(bool Intact, long EventsChecked, long NotYetNotarised, AuditFinding? FirstProblem, IReadOnlyList<AuditFinding> Problems)
{
    public override string ToString() => Intact
        ? $"intact: {EventsChecked} events verified" + (NotYetNotarised > 0 ? $" ({NotYetNotarised} newer events not yet notarised)" : "")
        : $"NOT intact: first bad event {(FirstProblem!.Sequence is { } s ? "at sequence " + s : "(none locatable)")}: {FirstProblem.Kind}: {FirstProblem.Detail}"
          + (Problems.Count > 1 ? $" ({Problems.Count} problems found)" : "");
}
