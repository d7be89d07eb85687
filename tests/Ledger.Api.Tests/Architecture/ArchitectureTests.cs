using System.Reflection;
using System.Reflection.Emit;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Projections;
using Shouldly;

namespace Ledger.Api.Tests.Architecture;

/// <summary>
/// The layering the README's Architecture section draws, kept by the compiled code rather than by review: the Domain does
/// no I/O, only the Domain makes events, and only the step helper writes a step. Read from the assemblies' IL, so a
/// target-typed <c>new(…)</c> or a lambda is caught as surely as a spelled-out constructor.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(DomainRuleViolation).Assembly;
    private static readonly Assembly Api = typeof(Steps).Assembly;
    private static readonly Assembly Projections = typeof(LedgerProjections).Assembly;

    [Fact]
    public void the_domain_references_no_database_web_or_messaging_runtime()
    {
        // JasperFx.Events is the event abstractions (no I/O) that Marten's source-generated aggregate evolvers use.
        string[] refused = ["Npgsql", "Marten", "Wolverine", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Http", "System.Net.Http",
            "JasperFx.CommandLine", "Weasel"];
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.Where(r => refused.Any(p => r == p || r.StartsWith(p + ".", StringComparison.Ordinal))).ShouldBeEmpty();
        references.ShouldContain("NodaTime");
    }

    [Fact]
    public void no_event_is_constructed_outside_the_domain()
    {
        var events = EventTypes();
        events.Count.ShouldBeGreaterThan(50, "the event types are found by their [EventSchema] attribute");
        var made = Constructions(Api).Concat(Constructions(Projections))
            .Where(c => events.Contains(c.Constructed))
            .Select(c => $"{c.Method} constructs {c.Constructed.Name}")
            .Distinct().ToList();
        made.ShouldBeEmpty("the Api and the projections append what a Domain decider returns; they do not make events themselves");
    }

    [Fact]
    public void only_the_step_helper_loads_a_stream_for_writing_or_appends_to_it()
    {
        string[] writes = ["FetchForWriting", "FetchLatest", "AppendOne", "AppendMany"];
        var callers = Calls(Api)
            .Where(c => writes.Contains(c.Called.Name) && c.Called.DeclaringType?.Namespace?.StartsWith("Marten", StringComparison.Ordinal) == true)
            .Where(c => !IsWithin(c.Caller, typeof(Steps)))
            .Select(c => $"{c.Method} calls {c.Called.DeclaringType!.Name}.{c.Called.Name}")
            .Distinct().ToList();
        callers.ShouldBeEmpty("every step is written by Steps (DecideAsync/DecideManyAsync/DecideLatestAsync/ReadForWritingAsync)");
    }

    [Fact]
    public void the_product_assembly_holds_no_generator_or_benchmark()
    {
        // Compiler-generated types (the regex source generator's, closures) are named in angle brackets and are not ours.
        var names = Api.GetTypes().Select(t => t.Name).Where(n => !n.StartsWith('<')).ToList();
        names.Where(n => n.Contains("Generator", StringComparison.Ordinal) || n.Contains("Bench", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void the_scanner_sees_constructions_and_calls_it_is_meant_to_find()
    {
        // Guards the guard: a scanner that read nothing would pass every test above.
        Constructions(typeof(ArchitectureTests).Assembly).ShouldContain(c => c.Constructed == typeof(Domain.Certificates.ForgedCertificateReported));
        Calls(Api).ShouldContain(c => c.Called.Name == "AppendMany" && IsWithin(c.Caller, typeof(Steps)));
    }

    // Referenced by the scanner's self-test only.
    private static object Sample() => new Domain.Certificates.ForgedCertificateReported(Guid.Empty, "", null, null, default, "", Guid.Empty);

    private static HashSet<Type> EventTypes() =>
        Domain.GetTypes().Where(t => t.GetCustomAttribute<EventSchemaAttribute>() is not null).ToHashSet();

    private sealed record Construction(Type Caller, string Method, Type Constructed);

    private sealed record Call(Type Caller, string Method, MethodBase Called);

    private static IEnumerable<Construction> Constructions(Assembly assembly) =>
        Instructions(assembly).Where(i => i.OpCode == OpCodes.Newobj && i.Member is ConstructorInfo { DeclaringType: not null })
            .Select(i => new Construction(i.Caller, i.Method, i.Member!.DeclaringType!));

    private static IEnumerable<Call> Calls(Assembly assembly) =>
        Instructions(assembly).Where(i => (i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt) && i.Member is MethodBase)
            .Select(i => new Call(i.Caller, i.Method, (MethodBase)i.Member!));

    /// <summary>A type, or a lambda closure or async state machine the compiler nested inside it.</summary>
    private static bool IsWithin(Type type, Type outer)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
            if (t == outer) return true;
        return false;
    }

    private sealed record Instruction(Type Caller, string Method, OpCode OpCode, MemberInfo? Member);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<Instruction> Instructions(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
            foreach (var method in methods)
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is not { } il) continue;
                foreach (var (opCode, token) in Decode(il))
                {
                    if (token is not { } t) continue;
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(t, type.IsGenericType ? type.GetGenericArguments() : null,
                            method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (ArgumentException)
                    {
                        member = null;
                    }
                    yield return new Instruction(type, $"{type.FullName}.{method.Name}", opCode, member);
                }
            }
        }
    }

    /// <summary>Walks the IL: each opcode with its metadata token when its operand is one, stepping over every other operand.</summary>
    private static IEnumerable<(OpCode OpCode, int? Token)> Decode(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return (opCode, BitConverter.ToInt32(il, i));
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                default:
                    i += opCode.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }
}
