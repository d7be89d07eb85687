using System.Collections;
using System.Reflection;
using System.Text.Json;
using CsCheck;
using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Api.Tests.Properties;

/// <summary>
/// Every domain event and every request record survives the API's JSON options (<see cref="LedgerJson"/>) with
/// generated values: what is written reads back into a value that writes the same JSON again, so no property is
/// dropped, renamed one way only, or rounded.
/// </summary>
public sealed class JsonContractPropertyTests
{
    private const int Iterations = 200;

    private static readonly JsonSerializerOptions Api = ApiOptions();

    private static JsonSerializerOptions ApiOptions()
    {
        // The same starting point as ASP.NET Core's JSON options, which Program.cs hands to LedgerJson.Configure.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        LedgerJson.Configure(options);
        return options;
    }

    public static TheoryData<string> Events() =>
    [
        .. typeof(ResidentIdNumber).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                        && t.GetInterfaces().Any(i => i.Namespace?.StartsWith("Ledger.Domain") == true && i.Name.StartsWith('I') && i.Name.EndsWith("Event")))
            .Select(t => t.FullName!)
            .Order(),
    ];

    public static TheoryData<string> Requests() =>
    [
        .. typeof(LedgerJson).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Name.EndsWith("Request") && t.Namespace?.StartsWith("Ledger.Api") == true)
            .Select(t => t.FullName!)
            .Order(),
    ];

    [Fact]
    public void the_contract_lists_are_not_empty()
    {
        Events().Count.ShouldBeGreaterThan(30);
        Requests().Count.ShouldBeGreaterThan(20);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void a_domain_event_round_trips(string type) => RoundTrips(typeof(ResidentIdNumber).Assembly.GetType(type)!);

    [Theory]
    [MemberData(nameof(Requests))]
    public void a_request_round_trips(string type) => RoundTrips(typeof(LedgerJson).Assembly.GetType(type)!);

    private static void RoundTrips(Type type) =>
        Values.For(type, depth: 0).Sample(value =>
        {
            var json = JsonSerializer.Serialize(value, type, Api);
            var back = JsonSerializer.Deserialize(json, type, Api);
            JsonSerializer.Serialize(back, type, Api).ShouldBe(json);
        }, iter: Iterations, print: value => JsonSerializer.Serialize(value, type, Api));
}

/// <summary>Generators built from a record's constructor, so a new event or request is covered without a line here.</summary>
internal static class Values
{
    private const int MaxDepth = 3;

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[0, 20],
        Gen.Char["张三李四天津市蓟州区应急管理局,\"'<>\\/\u200b\u202e\0 \r\n"].Array[0, 20].Select(a => new string(a)));

    private static readonly Gen<LocalDate> Date = Gen.Int[1, 9999].SelectMany(y => Gen.Int[1, 12].SelectMany(m =>
        Gen.Int[1, CalendarSystem.Iso.GetDaysInMonth(y, m)].Select(d => new LocalDate(y, m, d))));

    public static Gen<object?> For(Type type, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return OrNull(For(inner, depth));
        if (type == typeof(string)) return Box(Text);
        if (type == typeof(Guid)) return Box(Gen.Guid);
        if (type == typeof(bool)) return Box(Gen.Bool);
        if (type == typeof(int)) return Box(Gen.Int);
        if (type == typeof(long)) return Box(Gen.Long);
        if (type == typeof(decimal)) return Box(Gen.Decimal);
        if (type == typeof(LocalDate)) return Box(Date);
        if (type == typeof(LocalTime)) return Box(Gen.Long[0, NodaConstants.NanosecondsPerDay - 1].Select(LocalTime.FromNanosecondsSinceMidnight));
        if (type == typeof(YearMonth)) return Box(Gen.Int[1, 9999].SelectMany(y => Gen.Int[1, 12].Select(m => new YearMonth(y, m))));
        if (type == typeof(Instant)) return Box(Gen.Long[Instant.FromUtc(1, 1, 1, 0, 0).ToUnixTimeTicks(), Instant.FromUtc(9999, 12, 31, 0, 0).ToUnixTimeTicks()]
            .Select(Instant.FromUnixTimeTicks));
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type).Cast<object>().ToArray();
            return Gen.Int[0, values.Length - 1].Select(i => (object?)values[i]);
        }
        if (ElementOf(type) is { } element)
        {
            var list = depth >= MaxDepth ? Gen.Const(Array.Empty<object?>()) : For(element, depth + 1).Array[0, 3];
            return list.Select(items =>
            {
                var typed = Array.CreateInstance(element, items.Length);
                for (var i = 0; i < items.Length; i++) typed.SetValue(items[i], i);
                return (object?)(type.IsArray || type.IsInterface ? typed : Activator.CreateInstance(type, typed));
            });
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
        {
            var value = type.GetGenericArguments()[1];
            var entries = depth >= MaxDepth ? Gen.Const(Array.Empty<(string, object?)>()) : Gen.Select(Text, For(value, depth + 1)).Array[0, 3];
            return entries.Select(pairs =>
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), value))!;
                foreach (var (k, v) in pairs) dictionary[k] = v;
                return (object?)dictionary;
            });
        }
        return Record(type, depth);
    }

    private static Gen<object?> Record(Type type, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)
                          ?? throw new InvalidOperationException($"{type} has no public constructor to generate values with");
        var arguments = constructor.GetParameters()
            .Select(p => IsNullableReference(p) ? OrNull(For(p.ParameterType, depth + 1)) : For(p.ParameterType, depth + 1))
            .Aggregate(Gen.Const(Array.Empty<object?>()), (all, next) => Gen.Select(all, next, (a, v) => (object?[])[.. a, v]));
        return arguments.Select(a => (object?)constructor.Invoke(a));
    }

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyCollection<>)
               || definition == typeof(IEnumerable<>) || definition == typeof(IList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static readonly NullabilityInfoContext Nullability = new();

    private static bool IsNullableReference(ParameterInfo parameter) =>
        !parameter.ParameterType.IsValueType && Nullability.Create(parameter).WriteState == NullabilityState.Nullable;

    private static Gen<object?> OrNull(Gen<object?> gen) => Gen.Frequency((4, gen), (1, Gen.Const((object?)null)));

    private static Gen<object?> Box<T>(Gen<T> gen) => gen.Select(v => (object?)v);
}
