using System.Security.Cryptography;
using System.Text;

namespace Ledger.Domain.Persons;

/// <summary>
/// A personal value encrypted with AES-256-GCM: the id of the key that sealed it beside the ciphertext, so a reader
/// picks the right key and a rotation can tell what still needs resealing. <paramref name="Ciphertext"/> is base64 of
/// nonce (12 bytes), tag (16 bytes) and encrypted bytes.
/// </summary>
public sealed record SealedValue(string KeyId, string Ciphertext)
{
    // Records print every property; the ciphertext is no use in a log line.
    public override string ToString() => $"sealed({KeyId})";
}

/// <summary>
/// Seals ID numbers and mobiles before they enter an event, so a database dump alone does not reveal them. The first
/// key seals, every key opens: adding a key in front rotates without downtime, and once <c>rotate-identity-key</c> has
/// resealed every current value the old key can be removed. Each value is bound to its purpose and subject (associated
/// data), so a ciphertext copied onto another person does not open there.
/// </summary>
public sealed class PersonalDataCipher
{
    public const string IdNumberPurpose = "id-number";
    public const string MobilePurpose = "mobile";
    public const string HandlerMobilePurpose = "handler-mobile";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;

    public PersonalDataCipher(IReadOnlyList<(string Id, byte[] Key)> keys)
    {
        if (keys.Count == 0) throw new ArgumentException("at least one encryption key is needed", nameof(keys));
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 64) throw new ArgumentException("every encryption key needs an id of 1 to 64 characters", nameof(keys));
            if (key.Length != 32) throw new ArgumentException($"encryption key {id} must be 32 bytes (AES-256)", nameof(keys));
        }
        if (keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != keys.Count) throw new ArgumentException("encryption key ids must differ", nameof(keys));
        _keys = keys.ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal);
        CurrentKeyId = keys[0].Id;
    }

    /// <summary>The key new values are sealed with.</summary>
    public string CurrentKeyId { get; }

    public bool Holds(string keyId) => _keys.ContainsKey(keyId);

    public SealedValue Seal(string plaintext, string purpose, Guid subject)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Associated(purpose, subject));
        return new SealedValue(CurrentKeyId, Convert.ToBase64String(output));
    }

    /// <summary>
    /// Seals with a nonce derived from what is sealed (a keyed hash of purpose, subject and value) instead of a random one,
    /// so the same value seals to the same ciphertext under the same key. For values sealed while reading, not writing: the
    /// upcaster of events written before sealing seals their plain numbers each time they are read, and the snapshots
    /// rebuilt from them must come out the same every time. A nonce is never reused for a different value, which is what
    /// AES-GCM needs; equal ciphertexts reveal only that the same person's same value was sealed twice.
    /// </summary>
    public SealedValue SealDeterministic(string plaintext, string purpose, Guid subject)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var associated = Associated(purpose, subject);
        var key = _keys[CurrentKeyId];
        var nonceKey = HMACSHA256.HashData(key, "ledger:deterministic-nonce"u8);
        var output = new byte[NonceSize + TagSize + data.Length];
        HMACSHA256.HashData(nonceKey, (byte[])[.. associated, 0, .. data]).AsSpan(0, NonceSize).CopyTo(output);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associated);
        return new SealedValue(CurrentKeyId, Convert.ToBase64String(output));
    }

    /// <exception cref="RetiredKeyException">the value was sealed with a key this ledger no longer holds</exception>
    /// <exception cref="CryptographicException">the ciphertext was altered, or belongs to another purpose or subject</exception>
    public string Open(SealedValue value, string purpose, Guid subject)
    {
        if (!_keys.TryGetValue(value.KeyId, out var key)) throw new RetiredKeyException(value.KeyId);
        var input = Convert.FromBase64String(value.Ciphertext);
        if (input.Length < NonceSize + TagSize) throw new CryptographicException("the sealed value is too short");
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain, Associated(purpose, subject));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Opens with whatever key sealed it and seals again with the current key.</summary>
    public SealedValue Reseal(SealedValue value, string purpose, Guid subject) =>
        value.KeyId == CurrentKeyId ? value : Seal(Open(value, purpose, subject), purpose, subject);

    private static byte[] Associated(string purpose, Guid subject) => Encoding.UTF8.GetBytes($"ledger:{purpose}:{subject:N}");
}

public sealed class RetiredKeyException(string keyId)
    : Exception($"the value was sealed with encryption key {keyId}, which is no longer configured; run rotate-identity-key before retiring a key")
{
    /// <summary>The id of the missing key: an operator's label, not key material.</summary>
    public string KeyId { get; } = keyId;
}
