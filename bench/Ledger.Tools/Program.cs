using Ledger.Api;
using Ledger.Api.Access;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;

namespace Ledger.Tools;

// The bench tools build the API's own application (its store, keys, catalogues and projections) without serving it, and
// run one verb against the database it is configured for (ConnectionStrings__Ledger, Ledger__Schema), like `./ledger db`.
// (A named entry point: the tests reference this assembly and the API's, and both cannot have a global Program.)
public static class ToolsProgram
{
    private const string Usage = """
        usage: ./ledger bench <verb> [options]

          generate-province --persons N [--seed S] [--out DIR]
              load a deterministic synthetic province (N ≥ 1000 persons) through the deciders, then score the ledger's
              findings against the planted fraud cases; writes DIR/manifest.json and DIR/planted.json
          generate-attendance FILE [--rows N] [--sessions N] [--bad-every N] [--seed S] --user U --org O --role R [--jurisdiction J]
              register persons and open a class through the domain, then write an attendance CSV for them
          bench-append [--events N] [--writers N]
              appends per second bare, sealed, and sealed with the notary running, each in a throwaway schema
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var verb = args[0];
        var options = Options.Parse(args.Skip(1).ToArray());
        if (options.Problem is { } problem)
        {
            Console.Error.WriteLine($"{verb}: {problem}\n\n{Usage}");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.AddLedger();
        await using var app = builder.Build();
        var services = app.Services;

        switch (verb)
        {
            case "generate-province":
                return await GenerateProvince.RunAsync(services, options.Int("persons", 10_000), options.Int("seed", 1), options.Text("out", "province"));
            case "generate-attendance":
            {
                var actor = ActorClaims.From(type => type switch
                {
                    ActorClaims.User => options.Text("user", ""),
                    ActorClaims.Organisation => options.Text("org", ""),
                    ActorClaims.Role => options.Text("role", ""),
                    ActorClaims.Jurisdiction => options.Text("jurisdiction", ""),
                    _ => null,
                }, out var problems);
                if (actor is null || options.Positional is not [var path])
                {
                    Console.Error.WriteLine($"generate-attendance: {(actor is null ? string.Join("; ", problems) : "name the CSV file to write")}");
                    return 2;
                }
                await using var file = File.Create(path);
                var generated = await AttendanceFileGenerator.GenerateAsync(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<StreamIdentity>(),
                    services.GetRequiredService<PersonalDataCipher>(), services.GetRequiredService<IClock>(), actor, file,
                    new AttendanceFileSpec(options.Int("rows", 100_000), options.Int("sessions", 20), options.Int("bad-every", 100), options.Int("seed", 1)), CancellationToken.None);
                Console.WriteLine($"wrote {generated.Rows} rows ({generated.BadRows} planted bad) to {path}");
                Console.WriteLine($"  class {generated.ClassId} with {generated.SessionIds.Count} sessions; {generated.Persons} persons, {generated.PersonsRegistered} newly registered");
                return 0;
            }
            case "bench-append":
                return await BenchAppend.RunAsync(services.GetRequiredService<IConfiguration>(), options.Int("events", 5000), options.Int("writers", 4));
            default:
                Console.Error.WriteLine($"unknown verb '{verb}'\n\n{Usage}");
                return 2;
        }
    }
}

/// <summary>--name value pairs and positional arguments; a value that should be a number and is not is a problem, not a default.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = [];
    public List<string> Positional { get; } = [];
    public string? Problem { get; private set; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) options.Positional.Add(args[i]);
            else if (i + 1 >= args.Length) options.Problem = $"{args[i]} needs a value";
            else options._values[args[i][2..]] = args[++i];
        }
        return options;
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        throw new ArgumentException($"--{name} must be a whole number, not '{text}'");
    }
}
