using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Ledger.Api;

/// <summary>How the ledger writes JSON: over HTTP with kebab-case enums and every property present; in storage, NodaTime only.</summary>
public static class LedgerJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    public static void ConfigureForStorage(JsonSerializerOptions options) => options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
}
