using System.Reflection;
using System.Text;

namespace Ledger.Domain;

/// <summary>
/// The schema version of an event's shape. Events are kept for ever (archives outlive the certificates they back, person
/// files are lifelong), so a shape, once written, is never changed in place: a new shape is a new version with its own
/// stored type name (<see cref="EventSchemas.TypeName"/>) and an upcaster from the previous one, and the frozen corpus
/// of every version (tests/Ledger.Api.Tests/EventCorpus) must still load and project in every later build.
/// Version 1 is the shape written since personal data was sealed (2026-11-23); the one earlier shape, version 0, shares its
/// version-1 type name and is recognised by its shape (LegacyEventUpcasters).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventSchemaAttribute(int version) : Attribute
{
    public int Version { get; } = version >= 1 ? version : throw new ArgumentOutOfRangeException(nameof(version), "event schema versions start at 1");
}

public static class EventSchemas
{
    /// <summary>Every event type of the ledger with its current version.</summary>
    public static IReadOnlyDictionary<Type, int> All { get; } = typeof(EventSchemas).Assembly.GetTypes()
        .Select(t => (Type: t, Schema: t.GetCustomAttribute<EventSchemaAttribute>()))
        .Where(t => t.Schema is not null)
        .ToDictionary(t => t.Type, t => t.Schema!.Version);

    /// <summary>
    /// The type name events of this shape are stored under: Marten's own name (the type's name in snake case) for version 1,
    /// so everything written before versions existed stays version 1, and that name with _v2, _v3… after it.
    /// </summary>
    public static string TypeName(Type eventType, int? version = null)
    {
        var v = version ?? (All.TryGetValue(eventType, out var current) ? current : throw new ArgumentException($"{eventType.Name} has no [EventSchema]"));
        var name = Snake(eventType.Name);
        return v == 1 ? name : $"{name}_v{v}";
    }

    /// <summary>
    /// The kind of record a stored type name holds, whatever its version (certificate_revoked_v2 → certificate_revoked): what histories
    /// and timelines show, so a new shape does not rename a record for the people and clients reading them.
    /// </summary>
    public static string Kind(string storedName)
    {
        var at = storedName.LastIndexOf("_v", StringComparison.Ordinal);
        return at > 0 && at + 2 < storedName.Length && storedName.AsSpan(at + 2).ContainsAnyExceptInRange('0', '9') is false ? storedName[..at] : storedName;
    }

    /// <summary>Every name events of this type were ever stored under, version 1 first: a query of the log by type reads them all.</summary>
    public static IEnumerable<string> StoredNames(Type eventType) =>
        Enumerable.Range(1, All.TryGetValue(eventType, out var current) ? current : 1).Select(v => TypeName(eventType, v));

    private static string Snake(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
