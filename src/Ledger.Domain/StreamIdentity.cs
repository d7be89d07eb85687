using System.Security.Cryptography;
using System.Text;

using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;

namespace Ledger.Domain;

/// <summary>
/// Stream ids derived from natural keys with a keyed hash: stable (the same ID number always maps to the
/// same person stream, which is what makes duplicate registration collide even under a race) and
/// pseudonymous (without the key the id reveals nothing about the number).
/// </summary>
public sealed class StreamIdentity
{
    private readonly byte[] _key;

    public StreamIdentity(byte[] key)
    {
        if (key.Length < 16) throw new ArgumentException("the pseudonym key must be at least 16 bytes", nameof(key));
        _key = key;
    }

    public Guid ForPerson(ResidentIdNumber idNumber) => Derive("person", idNumber.Value);

    public Guid ForCertificate(string certificateNumber) => Derive("certificate", NormaliseCertificateNumber(certificateNumber));

    public Guid ForForgeryWatch(string certificateNumber) => Derive("forgery-watch", NormaliseCertificateNumber(certificateNumber));

    public Guid ForEnterprise(CreditCode creditCode) => Derive("enterprise", creditCode.Value);
    public Guid ForInstitution(string creditCode) => Derive("institution", NormaliseCreditCode(creditCode));

    /// <summary>One entitlement per person, certificate, subsidy kind and cycle, whichever enterprise or jurisdiction claims it.</summary>
    public Guid ForEntitlement(Guid personId, Guid certificateId, string kind, string cycle) => Derive("entitlement", $"{personId:N}:{certificateId:N}:{kind}:{cycle}");

    /// <summary>The internal-trainer roster of the enterprise with this unified social credit code.</summary>
    public Guid ForEnterpriseRoster(string creditCode) => Derive("trainer-roster", NormaliseCreditCode(creditCode));

    /// <summary>
    /// Streams named by what they are about rather than by a natural key that is personal data: one access record per
    /// subject, one submission and one baseline stream per compliance programme, one ended-session stream per token. Their
    /// ids need no key, because what they hash is already an id or a public code (or, for a token, is never stored).
    /// </summary>
    public static Guid ForAccessRecord(string subject, Guid subjectId) => Unkeyed($"access:{subject}:{subjectId:N}");

    public static Guid ForComplianceSubmissions(string jurisdiction) => Unkeyed($"compliance-submissions:{jurisdiction}");

    public static Guid ForComplianceBaselines(string jurisdiction) => Unkeyed($"compliance-baselines:{jurisdiction}");

    public static Guid ForEndedSession(string token) => Unkeyed("session-ended:" + token);

    private static Guid Unkeyed(string value) => new(SHA256.HashData(Encoding.UTF8.GetBytes(value))[..16]);

    public static string NormaliseCertificateNumber(string number) => number.Trim().ToUpperInvariant();

    public static string NormaliseCreditCode(string creditCode) => creditCode.Trim().ToUpperInvariant();

    private Guid Derive(string purpose, string value)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + ":" + value));
        var bytes = mac.AsSpan(0, 16).ToArray();
        // RFC 9562 version 8 (custom) with the RFC variant, so the id reads as a well-formed UUID.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
