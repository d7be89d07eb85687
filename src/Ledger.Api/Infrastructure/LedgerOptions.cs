namespace Ledger.Api.Infrastructure;

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
}
