using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Policies;

/// <summary>Reads the hand-edited reference data embedded from <c>Policies/Data</c>.</summary>
internal static class ReferenceData
{
    // Strict on purpose: a misspelt or missing property must fail loudly rather than read as false, null or empty.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A year or property given twice would otherwise let the later copy silently win.
        AllowDuplicateProperties = false,
    };

    public static Stream OpenEmbedded(string fileName)
    {
        var assembly = typeof(ReferenceData).Assembly;
        // Manifest names follow the folder layout, which MSBuild may mangle; only the file name is ours to rely on.
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        return (name is null ? null : assembly.GetManifestResourceStream(name))
            ?? throw new InvalidOperationException($"Embedded resource '{fileName}' is missing from {assembly.GetName().Name}.");
    }

    /// <summary>Deserializes <paramref name="json"/>; any malformed input surfaces as <see cref="InvalidDataException"/>.</summary>
    public static T Read<T>(Stream json, string description) where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new InvalidDataException($"{description} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{description} is malformed: {e.Message}", e);
        }
    }
}
