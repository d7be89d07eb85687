using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Projections.Audit;

/// <summary>
/// What a certificate's QR code carries: a compact credential signed with the ledger's key (a JWS, typ
/// <see cref="CertificateCredential.Type"/>). Least personal data: the number masked as an ID number is, plus a keyed
/// hash of the whole number that only the ledger can compare (a certificate number may be an ID number, and an
/// unkeyed hash of one is found by trying every birth date); the holder's surname only. What an inspector compares
/// with the card in hand: the masked number's visible characters, the surname, kind, work type and dates. The review
/// date is left out: a card printed before a passed review would read as overdue forever; a failed review is on the
/// status list instead.
/// </summary>
public sealed record CredentialClaims(
    [property: JsonPropertyName("iss")] string Issuer,
    [property: JsonPropertyName("ia")] string IssuingAuthority,
    [property: JsonPropertyName("no")] string NumberMasked,
    [property: JsonPropertyName("nh")] string NumberHash,
    [property: JsonPropertyName("nm")] string HolderMasked,
    [property: JsonPropertyName("kd")] string Kind,
    [property: JsonPropertyName("wt")] string? WorkType,
    [property: JsonPropertyName("vf")] string ValidFrom,
    [property: JsonPropertyName("vu")] string? ValidUntil,
    [property: JsonPropertyName("si")] long StatusIndex,
    [property: JsonPropertyName("su")] string StatusListUrl,
    [property: JsonPropertyName("iat")] long IssuedAt);

/// <summary>The outcome of checking a credential: Status is valid, revoked, suspended, expired, not-yet-valid or invalid.</summary>
public sealed record CredentialCheck(string Status, CredentialClaims? Claims, string ReasonZh, string Reason, bool StatusListChecked)
{
    public bool Valid => Status == "valid";

    public override string ToString() =>
        $"{(Valid ? "有效" : "无效")}：{ReasonZh}\n{(Valid ? "valid" : "NOT valid")}: {Reason}"
        + (Claims is { } c ? $"\n  {c.NumberMasked} {c.HolderMasked} {c.Kind}{(c.WorkType is null ? "" : " " + c.WorkType)} {c.ValidFrom}—{c.ValidUntil ?? "长期 / no expiry"}，发证机关 {c.IssuingAuthority}" : "");
}

public static class CertificateCredential
{
    public const string Type = "ledger-certificate+jwt";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Issue(CredentialClaims claims, LedgerSigner signer) => Jws.Sign(signer, Type, JsonSerializer.SerializeToUtf8Bytes(claims, Json));

    /// <summary>Keeps the first three and last four characters, as the ledger masks ID numbers (110***********002X).</summary>
    public static string MaskNumber(string number) => number.Length <= 7
        ? number[..1] + new string('*', Math.Max(0, number.Length - 1))
        : number[..3] + new string('*', number.Length - 7) + number[^4..];

    /// <summary>HMAC-SHA256 of the normalised number under a key derived from the ledger's pseudonym key; 16 bytes, base64url.</summary>
    public static string NumberHash(byte[] numberKey, string normalisedNumber) =>
        Base64Url.Encode(HMACSHA256.HashData(numberKey, Encoding.UTF8.GetBytes(normalisedNumber)).AsSpan(0, 16));

    public static byte[] NumberKey(byte[] pseudonymKey) => HMACSHA256.HashData(pseudonymKey, "ledger-credential-number-v1"u8);

    /// <summary>The credential from a QR code's text: the token itself, or a verification URL carrying it as ?c=.</summary>
    public static string Extract(string qrText)
    {
        var text = qrText.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Query.Length > 1)
            foreach (var part in uri.Query[1..].Split('&'))
                if (part.StartsWith("c=", StringComparison.Ordinal)) return Uri.UnescapeDataString(part[2..]);
        return text;
    }

    /// <summary>
    /// Verifies with no network: the signature against the ledger's published keys, the dates against
    /// <paramref name="on"/>, and, given a status list (refreshed from the ledger's anonymous endpoint), revocation and
    /// suspension. <paramref name="typedNumber"/> (read off the card) must fit the masked number.
    /// </summary>
    public static CredentialCheck Verify(string token, LedgerPublicKeys keys, DateOnly on, string? statusListToken = null, DateTimeOffset? now = null,
        string? typedNumber = null)
    {
        var (payload, _, failure) = Jws.Verify(keys, Extract(token), Type);
        if (payload is null) return Invalid(null, "签名无法通过账本公钥验证：凭证被改动或并非本账本签发", failure!);
        CredentialClaims? claims;
        try { claims = JsonSerializer.Deserialize<CredentialClaims>(payload, Json); }
        catch (JsonException e) { return Invalid(null, "凭证内容无法读取", "the credential's content is malformed: " + e.Message); }
        if (claims is null || !TryDate(claims.ValidFrom, out var from)) return Invalid(claims, "凭证内容不完整", "the credential's content is incomplete");

        if (typedNumber is not null && !NumberFits(typedNumber, claims.NumberMasked))
            return Invalid(claims, $"证书编号与凭证不符（凭证为 {claims.NumberMasked}）", $"the number on the card does not fit the credential's {claims.NumberMasked}");

        var listChecked = false;
        if (statusListToken is not null)
        {
            var list = StatusList.Read(statusListToken, keys, now ?? DateTimeOffset.UtcNow);
            if (list.Failure is not null) return Invalid(claims, "状态列表无效：" + list.FailureZh, "the status list is not usable: " + list.Failure);
            if (list.Issuer != claims.Issuer) return Invalid(claims, "状态列表与凭证的签发方不同", "the status list is not the credential issuer's");
            if (claims.StatusIndex < 0 || claims.StatusIndex >= list.Size) return Invalid(claims, "凭证的状态序号超出状态列表范围", "the credential's status index lies outside the status list");
            if (list.Revoked(claims.StatusIndex)) return new("revoked", claims, "证书已吊销或已被换发取代", "the certificate is revoked or superseded", true);
            if (list.Suspended(claims.StatusIndex)) return new("suspended", claims, "证书已暂扣或复审不合格", "the certificate is suspended or failed its review", true);
            listChecked = true;
        }
        if (on < from) return new("not-yet-valid", claims, $"证书自 {claims.ValidFrom} 起有效", $"the certificate is valid from {claims.ValidFrom}", listChecked);
        if (claims.ValidUntil is { } u && TryDate(u, out var until) && on > until)
            return new("expired", claims, $"证书已于 {u} 过期", $"the certificate expired on {u}", listChecked);
        return new("valid", claims,
            listChecked ? "签名有效，状态列表未见吊销或暂扣" : "签名有效；未提供状态列表，无法确认是否已吊销或暂扣",
            listChecked ? "the signature holds and the status list shows no revocation or suspension" : "the signature holds; without a status list revocation and suspension are not checked",
            listChecked);
    }

    private static CredentialCheck Invalid(CredentialClaims? claims, string zh, string en) => new("invalid", claims, zh, en, false);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    private static bool NumberFits(string typed, string masked)
    {
        var number = typed.Trim().ToUpperInvariant();
        return number.Length == masked.Length && number.Zip(masked).All(p => p.Second == '*' || p.First == p.Second);
    }
}

/// <summary>
/// The W3C Bitstring Status List idea, signed as a JWS (typ statuslist+jwt): one bit per status index in each of two
/// lists, revocation (revoked, superseded) and suspension (suspended, review failed), GZIP-compressed and base64url
/// encoded with the multibase "u" prefix. A certificate's index is the sequence number of its issuing event: stable,
/// unique, known without a counter. At least 131,072 entries, as the W3C recommendation asks, so a list does not tell
/// how many certificates there are and fetching it does not tell which one is being checked.
/// </summary>
public static class StatusList
{
    public const string Type = "statuslist+jwt";
    public const int MinimumSize = 131_072;

    public sealed record Payload(
        [property: JsonPropertyName("iss")] string Issuer,
        [property: JsonPropertyName("sub")] string Url,
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long Expires,
        [property: JsonPropertyName("size")] long Size,
        [property: JsonPropertyName("asOfSequence")] long AsOfSequence,
        [property: JsonPropertyName("revocation")] string Revocation,
        [property: JsonPropertyName("suspension")] string Suspension);

    public sealed record Contents(string? Issuer, long Size, byte[] RevocationBits, byte[] SuspensionBits, string? Failure, string? FailureZh)
    {
        public bool Revoked(long index) => Bit(RevocationBits, index);
        public bool Suspended(long index) => Bit(SuspensionBits, index);
    }

    public static long SizeFor(long highestIndex) => Math.Max(MinimumSize, (highestIndex / MinimumSize + 1) * MinimumSize);

    public static string Sign(LedgerSigner signer, string issuer, string url, DateTimeOffset now, TimeSpan validFor, long size, long asOfSequence,
        IEnumerable<long> revoked, IEnumerable<long> suspended)
    {
        var payload = new Payload(issuer, url, now.ToUnixTimeSeconds(), (now + validFor).ToUnixTimeSeconds(), size, asOfSequence, Encode(size, revoked), Encode(size, suspended));
        return Jws.Sign(signer, Type, JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    public static Contents Read(string token, LedgerPublicKeys keys, DateTimeOffset now)
    {
        var (bytes, _, failure) = Jws.Verify(keys, token, Type);
        if (bytes is null) return Fail(failure!, "签名无法通过账本公钥验证");
        try
        {
            var p = JsonSerializer.Deserialize<Payload>(bytes) ?? throw new JsonException("empty");
            if (DateTimeOffset.FromUnixTimeSeconds(p.Expires) < now)
                return Fail($"it expired at {DateTimeOffset.FromUnixTimeSeconds(p.Expires):u}; fetch a fresh one", $"已于 {DateTimeOffset.FromUnixTimeSeconds(p.Expires):u} 过期，请重新下载");
            var revocation = Decode(p.Revocation, p.Size);
            var suspension = Decode(p.Suspension, p.Size);
            return new Contents(p.Issuer, p.Size, revocation, suspension, null, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
        {
            return Fail("it is malformed: " + e.Message, "内容无法读取");
        }
    }

    private static Contents Fail(string en, string zh) => new(null, 0, [], [], en, zh);

    private static string Encode(long size, IEnumerable<long> indices)
    {
        var bits = new byte[(size + 7) / 8];
        foreach (var i in indices)
            if (i >= 0 && i < size) bits[i / 8] |= (byte)(0x80 >> (int)(i % 8));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize)) gzip.Write(bits);
        return "u" + Base64Url.Encode(buffer.ToArray());
    }

    private static byte[] Decode(string encoded, long size)
    {
        if (!encoded.StartsWith('u')) throw new FormatException("the bitstring is not multibase base64url");
        using var gzip = new GZipStream(new MemoryStream(Base64Url.Decode(encoded[1..])), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        if (bits.Length != (size + 7) / 8) throw new InvalidDataException("the bitstring's length does not match the list's size");
        return bits.ToArray();
    }

    private static bool Bit(byte[] bits, long index) => index >= 0 && index / 8 < bits.Length && (bits[index / 8] & (0x80 >> (int)(index % 8))) != 0;
}
