using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Projections.Audit;

/// <summary>What a stored event's seal says about it.</summary>
public enum SealCheck
{
    Valid,
    /// <summary>No seal row: the ledger never wrote this event, or its seal was deleted.</summary>
    Missing,
    /// <summary>Sealed with a key id this ledger does not hold (never did, or it was taken out of the configuration).</summary>
    UnknownKey,
    /// <summary>A seal that does not match the event's content, sequence or predecessor.</summary>
    Mismatch,
    /// <summary>A Marten tombstone: a placeholder for a sequence number whose append failed, carrying no fact.</summary>
    Placeholder,
}

/// <summary>
/// Seals events as the ledger appends them: HMAC-SHA256 under a key the database never holds, over the event's digest
/// (its canonical content), its sequence number and the seal of the stream's previous event. Anyone who can write to
/// the database but not read the ledger's configuration cannot make an event that passes. The first key seals; every
/// key verifies, so a new key goes first and the old one stays as long as events sealed under it must verify (always).
/// </summary>
public sealed class EventSealer
{
    public const int MinimumKeyBytes = 32;
    private static readonly byte[] Domain = "ledger-seal-v1\0"u8.ToArray();
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly byte[] _current;

    public string CurrentKeyId { get; }

    public EventSealer(IReadOnlyList<(string Id, byte[] Key)> keys)
    {
        if (keys.Count == 0) throw new ArgumentException("at least one seal key is needed", nameof(keys));
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("every seal key needs an id", nameof(keys));
            if (key.Length < MinimumKeyBytes) throw new ArgumentException($"seal key {id} is shorter than {MinimumKeyBytes} bytes", nameof(keys));
            if (!_keys.TryAdd(id, key)) throw new ArgumentException($"seal key id {id} appears twice", nameof(keys));
        }
        CurrentKeyId = keys[0].Id;
        _current = keys[0].Key;
    }

    public byte[] Seal(long sequence, byte[] eventDigest, byte[]? previousSeal) => Compute(_current, sequence, eventDigest, previousSeal);

    /// <summary>Checks the event's stored seal against its content, sequence and the stored seal of its predecessor.</summary>
    public SealCheck Check(StoredEvent e) => Check(e, e.PredecessorSealHex);

    public SealCheck Check(StoredEvent e, string? previousSealHex)
    {
        if (e.SealHex is null) return IsPlaceholder(e) ? SealCheck.Placeholder : SealCheck.Missing;
        if (e.SealKeyId is null || !_keys.TryGetValue(e.SealKeyId, out var key)) return SealCheck.UnknownKey;
        byte[] stored, previous;
        try
        {
            stored = AuditHash.FromHex(e.SealHex);
            previous = previousSealHex is null ? AuditHash.Genesis : AuditHash.FromHex(previousSealHex);
        }
        catch (FormatException) { return SealCheck.Mismatch; }
        return CryptographicOperations.FixedTimeEquals(stored, Compute(key, e.Sequence, e.Digest(), previous)) ? SealCheck.Valid : SealCheck.Mismatch;
    }

    /// <summary>
    /// Marten writes a tombstone (type "tombstone", in its own tombstone stream, with an empty body) to fill a sequence
    /// number whose append failed after it was drawn; it goes around every session listener, so it is never sealed.
    /// It states no fact; anything else in that stream, or with a body, is not a tombstone.
    /// </summary>
    public static bool IsPlaceholder(StoredEvent e) =>
        e.Type == "tombstone" && e.StreamId == JasperFx.Events.Tombstone.StreamId && CanonicalJson.Canonicalise(e.DataJson) == "{}";

    private static byte[] Compute(byte[] key, long sequence, byte[] eventDigest, byte[]? previousSeal)
    {
        var message = new byte[Domain.Length + 8 + 32 + 32];
        Domain.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Domain.Length), sequence);
        eventDigest.CopyTo(message, Domain.Length + 8);
        (previousSeal ?? AuditHash.Genesis).CopyTo(message, Domain.Length + 40);
        return HMACSHA256.HashData(key, message);
    }
}

/// <summary>
/// The ledger's signing keys (ECDSA P-256, ES256): digests pushed to the witness, export headers, certificate
/// credentials and the status list are signed with the first; the public halves of all are published, so an auditor or
/// an inspector verifies with no network and no secret.
/// </summary>
public sealed class LedgerSigner
{
    private readonly ECDsa _current;
    private readonly Lock _gate = new();

    public string CurrentKeyId { get; }
    public LedgerPublicKeys PublicKeys { get; }

    public LedgerSigner(IReadOnlyList<(string Id, byte[] Pkcs8)> keys)
    {
        if (keys.Count == 0) throw new ArgumentException("at least one signing key is needed", nameof(keys));
        var published = new List<(string, ECParameters)>();
        ECDsa? first = null;
        foreach (var (id, pkcs8) in keys)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("every signing key needs an id", nameof(keys));
            var key = ECDsa.Create();
            try { key.ImportPkcs8PrivateKey(pkcs8, out _); }
            catch (CryptographicException) { throw new ArgumentException($"signing key {id} is not a PKCS#8 EC private key", nameof(keys)); }
            var parameters = key.ExportParameters(false);
            if (parameters.Curve.Oid.Value != LedgerPublicKeys.P256Oid) throw new ArgumentException($"signing key {id} is not on the P-256 curve", nameof(keys));
            published.Add((id, parameters));
            first ??= key;
        }
        _current = first!;
        CurrentKeyId = keys[0].Id;
        PublicKeys = new LedgerPublicKeys(published);
    }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // ECDsa instances are not documented as safe for concurrent use.
        lock (_gate) return _current.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>A fresh P-256 key as base64 PKCS#8, the shape Ledger:Audit:SigningKeys takes.</summary>
    public static string NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }
}

/// <summary>The public halves of the ledger's signing keys, as published (a JWKS, RFC 7517); verification only.</summary>
public sealed class LedgerPublicKeys
{
    public const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);
    private readonly List<(string Id, ECParameters Parameters)> _parameters;
    private readonly Lock _gate = new();

    public LedgerPublicKeys(IReadOnlyList<(string Id, ECParameters Parameters)> keys)
    {
        _parameters = keys.ToList();
        foreach (var (id, parameters) in keys)
        {
            var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = parameters.Q });
            if (!_keys.TryAdd(id, key)) throw new ArgumentException($"key id {id} appears twice", nameof(keys));
        }
    }

    public IEnumerable<string> KeyIds => _keys.Keys;

    public bool Knows(string? keyId) => keyId is not null && _keys.ContainsKey(keyId);

    public bool Verify(string? keyId, ReadOnlySpan<byte> data, byte[] signature)
    {
        if (keyId is null || !_keys.TryGetValue(keyId, out var key) || signature.Length != 64) return false;
        lock (_gate) return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public string ToJwks()
    {
        var keys = new JsonArray();
        foreach (var (id, p) in _parameters)
            keys.Add(new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["alg"] = "ES256", ["use"] = "sig", ["kid"] = id,
                ["x"] = Base64Url.Encode(p.Q.X!), ["y"] = Base64Url.Encode(p.Q.Y!),
            });
        return new JsonObject { ["keys"] = keys }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a JWKS as <see cref="ToJwks"/> writes it (or GET /api/audit/keys answers); throws FormatException on anything else.</summary>
    public static LedgerPublicKeys FromJwks(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var keys = new List<(string, ECParameters)>();
            foreach (var k in document.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (k.GetProperty("kty").GetString() != "EC" || k.GetProperty("crv").GetString() != "P-256") continue;
                keys.Add((k.GetProperty("kid").GetString()!, new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = Base64Url.Decode(k.GetProperty("x").GetString()!), Y = Base64Url.Decode(k.GetProperty("y").GetString()!) },
                }));
            }
            if (keys.Count == 0) throw new FormatException("the key set holds no P-256 key");
            return new LedgerPublicKeys(keys);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException or ArgumentException)
        {
            throw new FormatException("not a key set (JWKS) of the ledger's P-256 keys: " + e.Message, e);
        }
    }
}

public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Throws FormatException on anything that is not unpadded base64url.</summary>
    public static byte[] Decode(string text)
    {
        try { return System.Buffers.Text.Base64Url.DecodeFromChars(text); }
        catch (Exception e) when (e is not FormatException) { throw new FormatException("not base64url", e); }
    }
}

/// <summary>
/// JWS compact serialisation (RFC 7515) with ES256: header.payload.signature, each base64url. Used for the certificate
/// credential and the status list, so any JOSE library can check them as well as the ledger's own CLI.
/// </summary>
public static class Jws
{
    public static string Sign(LedgerSigner signer, string type, byte[] payload)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["kid"] = signer.CurrentKeyId, ["typ"] = type });
        var signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(payload);
        return signingInput + "." + Base64Url.Encode(signer.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The payload when the signature verifies under one of <paramref name="keys"/> and the type matches; why not, otherwise.</summary>
    public static (byte[]? Payload, string? KeyId, string? Failure) Verify(LedgerPublicKeys keys, string token, string type)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3) return (null, null, "not a signed token (three base64url parts)");
        try
        {
            using var header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            var alg = header.RootElement.TryGetProperty("alg", out var a) ? a.GetString() : null;
            var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
            var typ = header.RootElement.TryGetProperty("typ", out var t) ? t.GetString() : null;
            if (alg != "ES256") return (null, kid, $"algorithm {alg ?? "(none)"} is not ES256");
            if (typ != type) return (null, kid, $"type {typ ?? "(none)"} is not {type}");
            if (!keys.Knows(kid)) return (null, kid, $"signed with key {kid ?? "(none)"}, which is not among the ledger's published keys");
            if (!keys.Verify(kid, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2])))
                return (null, kid, "the signature does not match: the token was altered or signed by someone else");
            return (Base64Url.Decode(parts[1]), kid, null);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, null, "the token is malformed: " + e.Message);
        }
    }
}
