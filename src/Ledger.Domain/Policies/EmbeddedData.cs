using System.Reflection;

namespace Ledger.Domain.Policies;

/// <summary>Opens the reference data files embedded from <c>Policies/Data</c>.</summary>
internal static class EmbeddedData
{
    public static Stream Open(string fileName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        // Manifest names follow the folder layout, which MSBuild may mangle; only the file name is ours to rely on.
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        return (name is null ? null : assembly.GetManifestResourceStream(name))
            ?? throw new InvalidOperationException($"Embedded resource '{fileName}' is missing from {assembly.GetName().Name}.");
    }
}
