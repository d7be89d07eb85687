using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Projections.Audit;

namespace Ledger.Api.Audit;

/// <summary><c>Ledger:Audit</c>: the seal and signing keys, the witness and the digest schedule.</summary>
public sealed class AuditOptions
{
    public const string Section = "Ledger:Audit";

    /// <summary>
    /// How often the ledger seals what the notary has done into a signed digest and pushes it to the witness (SQL Server
    /// Ledger uploads its digest every 30 s). A tick with nothing newly notarised writes nothing.
    /// </summary>
    public TimeSpan DigestEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>HMAC-SHA256 keys (base64, at least 32 bytes) with ids that seal each event as it is appended. The first seals; every one verifies.</summary>
    public List<EncryptionKeyOptions> SealKeys { get; set; } = [];

    /// <summary>ECDSA P-256 private keys (base64 PKCS#8) with ids that sign digests, exports, credentials and the status list. The first signs; all are published.</summary>
    public List<EncryptionKeyOptions> SigningKeys { get; set; } = [];

    public WitnessOptions Witness { get; set; } = new();

    /// <summary>The issuer a certificate credential names (iss), and the status list too.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>How long a published status list is valid for; an inspector's CLI refuses an older one.</summary>
    public TimeSpan StatusListValidFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The keys shipped in appsettings.Development.json; refused outside Development.</summary>
    public const string DevelopmentSealKey = "bGVkZ2VyLWRldmVsb3BtZW50LXNlYWwta2V5LTAwMDE=";

    public const string DevelopmentSigningKey =
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkDb9kz3d/Y+f2ONtWID3VvvJERS0Z8u2rW8hvut+73ChRANCAASSWslK5T3Q1FOmytRRIqtPgrUmmsYtyMZBjSYflJz1Kmt30KobxXMZ41tBkyAY9LKZadPV+Yfl5xuLMBp+P/t9";

    public const string DevelopmentIssuer = "ledger-development";

    public EventSealer Sealer(bool development)
    {
        var keys = Keys(SealKeys, "SealKeys", DevelopmentSealKey, development, "id and base64 key of at least 32 bytes, the first seals");
        try { return new EventSealer(keys); }
        catch (ArgumentException e) { throw new InvalidOperationException($"{Section}:SealKeys: " + e.Message, e); }
    }

    public LedgerSigner Signer(bool development)
    {
        var keys = Keys(SigningKeys, "SigningKeys", DevelopmentSigningKey, development, "id and base64 PKCS#8 P-256 private key, the first signs");
        try { return new LedgerSigner(keys); }
        catch (ArgumentException e) { throw new InvalidOperationException($"{Section}:SigningKeys: " + e.Message, e); }
    }

    public string IssuerName(bool development) =>
        Issuer.Length > 0 ? Issuer
        : development ? DevelopmentIssuer
        : throw new InvalidOperationException($"{Section}:Issuer is not configured: the name certificate credentials carry as their issuer");

    private static List<(string, byte[])> Keys(List<EncryptionKeyOptions> configured, string name, string developmentKey, bool development, string shape)
    {
        if (configured.Count == 0) throw new InvalidOperationException($"{Section}:{name} is not configured ({shape})");
        if (!development && configured.Any(k => k.Key == developmentKey))
            throw new InvalidOperationException($"{Section}:{name} holds the development key; configure secret keys outside Development");
        var keys = new List<(string, byte[])>();
        foreach (var k in configured)
        {
            try { keys.Add((k.Id, Convert.FromBase64String(k.Key))); }
            catch (FormatException) { throw new InvalidOperationException($"{Section}:{name}: key {k.Id} is not base64"); }
        }
        return keys;
    }
}

/// <summary><c>Ledger:Audit:Witness</c>: where signed digests go, outside the database.</summary>
public sealed class WitnessOptions
{
    /// <summary>A folder the ledger may create files in but that no database administrator can reach (another host, a WORM mount). Empty: no witness.</summary>
    public string Path { get; set; } = "";

    public IDigestWitness? Create(string contentRoot) =>
        Path.Length == 0 ? null : new FolderWitness(System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(contentRoot, Path));
}
