using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>Both Marten's and Wolverine's tables live here; tests give each collection its own schema.</summary>
    public string Schema { get; set; } = "ledger";

    /// <summary>
    /// Key for the keyed hash that turns ID numbers and certificate numbers into stream ids. Changing it
    /// re-maps every id, so it is set once per deployment and kept secret (base64, at least 16 bytes).
    /// </summary>
    public string PseudonymKey { get; set; } = "";

    /// <summary>
    /// Extra policy pack files (the shape of the embedded policy-packs.json), added to the embedded packs at startup:
    /// how an operator publishes a rule change or a new jurisdiction without a release. Relative paths start at the content root.
    /// </summary>
    public string[] PolicyPackFiles { get; set; } = [];

    /// <summary>The key shipped in appsettings.Development.json; refused outside Development.</summary>
    public const string DevelopmentPseudonymKey = "bGVkZ2VyLWRldmVsb3BtZW50LWtleS1ub3Qtc2VjcmV0";

    public IdentityOptions Identity { get; set; } = new();
}

/// <summary><c>Ledger:Identity</c>: how ID numbers and mobiles are sealed inside events.</summary>
public sealed class IdentityOptions
{
    /// <summary>AES-256 keys (base64, 32 bytes) with ids. The first seals; every one opens, so a new key goes first and the old one stays until rotate-identity-key has run.</summary>
    public List<EncryptionKeyOptions> EncryptionKeys { get; set; } = [];

    /// <summary>The key shipped in appsettings.Development.json; refused outside Development.</summary>
    public const string DevelopmentKey = "bGVkZ2VyLWRldmVsb3BtZW50LWlkZW50aXR5LWtleSE=";

    public Domain.Persons.PersonalDataCipher Cipher(bool development)
    {
        if (EncryptionKeys.Count == 0)
            throw new InvalidOperationException("Ledger:Identity:EncryptionKeys is not configured (id and base64 32-byte key, the first seals)");
        if (!development && EncryptionKeys.Any(k => k.Key == DevelopmentKey))
            throw new InvalidOperationException("Ledger:Identity:EncryptionKeys holds the development key; configure secret keys outside Development");
        var keys = new List<(string, byte[])>();
        foreach (var k in EncryptionKeys)
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(k.Key); }
            catch (FormatException) { throw new InvalidOperationException($"Ledger:Identity:EncryptionKeys: key {k.Id} is not base64"); }
            keys.Add((k.Id, bytes));
        }
        try { return new Domain.Persons.PersonalDataCipher(keys); }
        catch (ArgumentException e) { throw new InvalidOperationException("Ledger:Identity:EncryptionKeys: " + e.Message, e); }
    }
}

public sealed class EncryptionKeyOptions
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
}
