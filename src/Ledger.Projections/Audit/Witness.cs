using System.Text;
using System.Text.Json;

namespace Ledger.Projections.Audit;

/// <summary>The tree a witnessed digest extends: enough to check the consistency proof without the earlier entry at hand.</summary>
public sealed record WitnessedTree(long LastSequence, long EventCount, string MerkleRoot);

/// <summary>
/// What the witness keeps per digest: the signed digest, the digest before it, and the RFC 6962 consistency proof that
/// the earlier tree is a prefix of this one. A chain of these shows the ledger only ever grew, however many digests a
/// reader holds.
/// </summary>
public sealed record WitnessEntry(LedgerDigest Digest, WitnessedTree? Previous, IReadOnlyList<string> Consistency);

/// <summary>Everything a witness holds, in sequence order, and what it holds but could not read.</summary>
public sealed record WitnessContents(IReadOnlyList<WitnessEntry> Entries, IReadOnlyList<string> Unreadable);

/// <summary>An entry already stands at that sequence with a different tree: the ledger was rewritten, or two writers forked it.</summary>
public sealed class WitnessConflictException(string message) : Exception(message);

/// <summary>
/// Somewhere outside the ledger's database that keeps every published digest and never lets one be changed: a
/// write-once folder today (<see cref="FolderWitness"/>); an object store with object lock, or the national database,
/// implement the same three calls.
/// </summary>
public interface IDigestWitness
{
    /// <summary>Where the witness is, for logs and reports (a path, a bucket, an endpoint).</summary>
    string Description { get; }

    Task<WitnessEntry?> LatestAsync(CancellationToken ct);

    Task<WitnessContents> ReadAllAsync(CancellationToken ct);

    /// <summary>Adds an entry; an identical tree already there is success, a different one is <see cref="WitnessConflictException"/>.</summary>
    Task WriteAsync(WitnessEntry entry, CancellationToken ct);
}

/// <summary>
/// A folder, ideally on another machine or a WORM mount the ledger's host can create files in but not change or
/// delete: one file per digest, <c>yyyy-MM-dd/&lt;last sequence, 19 digits&gt;.json</c>, created with CreateNew (never
/// overwritten) and made read-only once written. Day folders keep a directory listing short at one digest every 30 s.
/// </summary>
public sealed class FolderWitness(string path) : IDigestWitness
{
    public string Description => Path.GetFullPath(path);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private IEnumerable<string> Files() =>
        Directory.Exists(path)
            ? Directory.EnumerateDirectories(path).SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
            : [];

    public async Task<WitnessEntry?> LatestAsync(CancellationToken ct)
    {
        // Names are zero-padded sequence numbers, so the largest name is the latest digest whatever day folder it is in.
        var latest = Files().MaxBy(Path.GetFileName, StringComparer.Ordinal);
        return latest is null ? null : await ReadAsync(latest, ct);
    }

    public async Task<WitnessContents> ReadAllAsync(CancellationToken ct)
    {
        var entries = new List<WitnessEntry>();
        var unreadable = new List<string>();
        foreach (var file in Files().OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            try
            {
                entries.Add(await ReadAsync(file, ct));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                unreadable.Add($"{Path.GetRelativePath(path, file)}: {e.Message}");
            }
        }
        return new WitnessContents(entries.OrderBy(e => e.Digest.LastSequence).ToList(), unreadable);
    }

    private static async Task<WitnessEntry> ReadAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var entry = await JsonSerializer.DeserializeAsync<WitnessEntry>(stream, Json, ct);
        if (entry?.Digest?.MerkleRoot is null) throw new InvalidDataException("not a witness entry");
        return entry;
    }

    public async Task WriteAsync(WitnessEntry entry, CancellationToken ct)
    {
        var day = Path.Combine(path, entry.Digest.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(day);
        var file = Path.Combine(day, $"{entry.Digest.LastSequence:D19}.json");
        var existing = Files().FirstOrDefault(f => Path.GetFileName(f) == Path.GetFileName(file));
        if (existing is not null)
        {
            var there = await ReadAsync(existing, ct);
            if (there.Digest.EventCount == entry.Digest.EventCount && there.Digest.MerkleRoot == entry.Digest.MerkleRoot) return;
            throw new WitnessConflictException($"the witness already holds a different digest at sequence {entry.Digest.LastSequence} ({existing})");
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        try
        {
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another ledger process wrote this sequence at the same moment: fine if it wrote the same tree.
            var there = await ReadAsync(file, ct);
            if (there.Digest.EventCount == entry.Digest.EventCount && there.Digest.MerkleRoot == entry.Digest.MerkleRoot) return;
            throw new WitnessConflictException($"the witness already holds a different digest at sequence {entry.Digest.LastSequence} ({file})");
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}

/// <summary>How a digest is signed: one fixed line of its fields, so the signature does not depend on JSON formatting.</summary>
public static class DigestSignature
{
    public static byte[] SigningBytes(LedgerDigest d) => Encoding.UTF8.GetBytes(string.Join('\n',
        "ledger-digest-v1", d.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        d.EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture), d.GlobalChainHead, d.MerkleRoot,
        d.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture), d.Algorithm));

    public static LedgerDigest Sign(LedgerDigest digest, LedgerSigner signer)
    {
        var unsigned = digest with { KeyId = null, Signature = null };
        return unsigned with { KeyId = signer.CurrentKeyId, Signature = Base64Url.Encode(signer.Sign(SigningBytes(unsigned))) };
    }

    public static bool Verify(LedgerDigest digest, LedgerPublicKeys keys)
    {
        if (digest.Signature is null) return false;
        byte[] signature;
        try { signature = Base64Url.Decode(digest.Signature); }
        catch (FormatException) { return false; }
        return keys.Verify(digest.KeyId, SigningBytes(digest), signature);
    }
}
