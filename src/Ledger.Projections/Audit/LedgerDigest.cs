namespace Ledger.Projections.Audit;

/// <summary>
/// What an auditor keeps outside the database: the ledger up to <see cref="LastSequence"/> sealed by the global
/// chain's value there and by the Merkle root over every notarised event digest up to it (in sequence order;
/// sequence numbers left unused by rolled-back appends are simply not leaves). <see cref="KeyId"/> and
/// <see cref="Signature"/> (ES256 over <see cref="DigestSignature.SigningBytes"/>) are there once the ledger signed it.
/// </summary>
public sealed record LedgerDigest(long LastSequence, long EventCount, string GlobalChainHead, string MerkleRoot, DateTimeOffset CreatedAt, string Algorithm,
    string? KeyId = null, string? Signature = null);

public sealed record InclusionProof(long Sequence, Guid StreamId, long Version, string EventDigest, int LeafIndex, long DigestSequence, string MerkleRoot,
    IReadOnlyList<ProofStep> Path);

/// <summary>
/// One thing wrong, at an event where one can be named. Kind: changed, missing, inserted, reordered, forged (no valid
/// seal: the ledger did not write it), notary-altered, digest-mismatch, signature-invalid, witness-invalid,
/// witness-inconsistent, unreadable.
/// </summary>
public sealed record AuditFinding(long? Sequence, string Kind, string Detail)
{
    /// <summary>The kind as an official reads it (the console and the CLI speak Chinese first).</summary>
    public string KindZh => Kind switch
    {
        "changed" => "内容被篡改",
        "missing" => "事件缺失",
        "inserted" => "事件被插入",
        "reordered" => "顺序被调换",
        "forged" => "伪造事件（无有效封印）",
        "notary-altered" => "公证记录被改",
        "digest-mismatch" => "与摘要不符",
        "signature-invalid" => "签名无效",
        "witness-invalid" => "见证记录无效",
        "witness-inconsistent" => "见证记录前后不一致",
        "unreadable" => "无法读取",
        _ => Kind,
    };
}

public sealed record VerificationReport(bool Intact, long EventsChecked, long NotYetNotarised, AuditFinding? FirstProblem, IReadOnlyList<AuditFinding> Problems,
    IReadOnlyList<string>? Notes = null)
{
    /// <summary>Chinese first, then English, on two lines: what the CLI prints and an auditor files.</summary>
    public override string ToString()
    {
        var notes = Notes is { Count: > 0 } ? "\n" + string.Join("\n", Notes.Select(n => "  注 / note: " + n)) : "";
        if (Intact)
            return $"完好：已核验 {EventsChecked} 个事件" + (NotYetNotarised > 0 ? $"（另有 {NotYetNotarised} 个较新事件封印有效、尚未公证）" : "") + "\n"
                   + $"intact: {EventsChecked} events verified" + (NotYetNotarised > 0 ? $" ({NotYetNotarised} newer events not yet notarised, their seals valid)" : "") + notes;
        var where = FirstProblem!.Sequence is { } s ? $"序号 {s}" : "（无法定位到事件）";
        var whereEn = FirstProblem.Sequence is { } t ? "at sequence " + t : "(none locatable)";
        return $"未通过核验：第一个问题事件{where}：{FirstProblem.KindZh}" + (Problems.Count > 1 ? $"（共发现 {Problems.Count} 个问题）" : "") + "\n"
               + $"NOT intact: first bad event {whereEn}: {FirstProblem.Kind}: {FirstProblem.Detail}"
               + (Problems.Count > 1 ? $" ({Problems.Count} problems found)" : "") + notes;
    }
}
