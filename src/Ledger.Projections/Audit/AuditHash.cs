using Ledger.Domain.Actors;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ledger.Projections.Audit;

/// <summary>One row of mt_events as stored: the immutable part an event digest covers, plus its place in the sequence.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    string DataJson,
    DateTimeOffset Timestamp,
    string? HeadersJson,
    string? CorrelationId)
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>
    /// The canonical content an event digest covers. The business date lives inside data; the sequence number is
    /// deliberately left out because the global chain binds it, so a renumbered event shows up as reordered, not changed.
    /// </summary>
    public string CanonicalContent()
    {
        var headers = Headers(HeadersJson);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            // Properties in ordinal order, as CanonicalJson would sort them.
            writer.WriteStartObject();
            writer.WriteString("actorOrg", headers.GetValueOrDefault(EventHeaders.Organisation));
            writer.WriteString("actorRole", headers.GetValueOrDefault(EventHeaders.Role));
            writer.WriteString("actorUser", headers.GetValueOrDefault(EventHeaders.User));
            writer.WriteString("correlationId", CorrelationId);
            writer.WritePropertyName("data");
            using (var data = JsonDocument.Parse(DataJson)) CanonicalJson.Write(writer, data.RootElement);
            writer.WriteString("streamId", StreamId.ToString("D"));
            writer.WriteString("timestamp", Timestamp.UtcDateTime.ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("type", Type);
            writer.WriteNumber("version", Version);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public byte[] Digest() => _digest ??= AuditHash.EventDigest(CanonicalContent());

    private byte[]? _digest;

    /// <summary>The seal the ledger wrote with the event (mt_event_seals), and the key id it was sealed under; null when there is none.</summary>
    public string? SealKeyId { get; init; }
    public string? SealHex { get; init; }

    /// <summary>The stream's previous event (version − 1) as stored now, and its seal: a seal covers its predecessor's.</summary>
    public long? PredecessorSequence { get; init; }
    public string? PredecessorSealHex { get; init; }

    private static Dictionary<string, string?> Headers(string? json)
    {
        var result = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(json)) return result;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in document.RootElement.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
        return result;
    }
}

/// <summary>
/// The hashes of the audit trail, all SHA-256. Chains start from 32 zero bytes. Merkle leaves and inner nodes
/// carry different prefixes (0x00, 0x01, as RFC 6962) so an inner node can never pass for an event.
/// </summary>
public static class AuditHash
{
    public const string Algorithm = "ledger-audit-v1 (SHA-256; canonical event JSON; RFC 6962 node prefixes; odd node promoted)";
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] EventDigest(string canonicalContent) => SHA256.HashData(Encoding.UTF8.GetBytes(canonicalContent));

    public static byte[] StreamLink(byte[] previous, byte[] eventDigest) => SHA256.HashData([.. previous, .. eventDigest]);

    /// <summary>The sequence number is inside the global link, so moving an event to another number breaks the chain there.</summary>
    public static byte[] GlobalLink(byte[] previous, long sequence, byte[] eventDigest)
    {
        var number = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        return SHA256.HashData([.. previous, .. number, .. eventDigest]);
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex);
}
