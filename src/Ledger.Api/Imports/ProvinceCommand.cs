using JasperFx.CommandLine;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Marten;

namespace Ledger.Api.Imports;

public sealed class GenerateProvinceInput : NetCoreInput
{
    [Description("Persons to register, train, assess and certify (at least 1000)")]
    public int PersonsFlag { get; set; } = 10_000;

    [Description("The same seed gives the same province")]
    public int SeedFlag { get; set; } = 1;

    [Description("Folder for manifest.json (sample ids and the benchmark's claim pool) and planted.json (the planted fraud cases)")]
    public string OutFlag { get; set; } = "province";
}

[Description("Load a deterministic synthetic province through the deciders, then score the ledger's findings against the planted fraud cases",
    Name = "generate-province")]
public sealed class GenerateProvinceCommand : JasperFxAsyncCommand<GenerateProvinceInput>
{
    public override async Task<bool> Execute(GenerateProvinceInput input)
    {
        if (input.PersonsFlag < 1000)
        {
            Console.Error.WriteLine("generate-province: --persons must be at least 1000");
            return false;
        }
        using var host = input.BuildHost();
        var services = host.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var generator = new ProvinceGenerator(store, services.GetRequiredService<StreamIdentity>(), services.GetRequiredService<PersonalDataCipher>(), services.GetRequiredService<PolicyCatalog>(),
            services.GetRequiredService<CertificateCatalog>(), Console.Out);
        Console.WriteLine($"generating a province of {input.PersonsFlag:N0} persons, seed {input.SeedFlag}");
        var (manifest, planted) = await generator.GenerateAsync(new ProvinceSpec(input.PersonsFlag, input.SeedFlag, input.OutFlag), CancellationToken.None);
        // As after any bulk load: the planner's statistics of the log are from before most of it was written.
        await Ledger.Api.Audit.AuditFiles.AnalyzeEventsAsync(store);
        Directory.CreateDirectory(input.OutFlag);
        await ProvinceGenerator.WriteAsync(Path.Combine(input.OutFlag, "manifest.json"), manifest, CancellationToken.None);
        await ProvinceGenerator.WriteAsync(Path.Combine(input.OutFlag, "planted.json"), planted, CancellationToken.None);
        Console.WriteLine($"loaded {manifest.Events:N0} events in {manifest.Seconds:0.0} s ({manifest.Events / manifest.Seconds:N0} events/s, "
            + $"{manifest.Persons / manifest.Seconds:N0} persons/s); wrote {input.OutFlag}/manifest.json and planted.json");
        Console.WriteLine("planted fraud cases caught by the ledger's own findings (a line counts when it carries the pattern's rule id):");
        foreach (var score in await generator.ScoreAsync(planted, CancellationToken.None))
            Console.WriteLine($"  {score.Pattern}: {score.Caught} of {score.Planted} caught; {score.FlaggedElsewhere} other lines carry {score.Pattern}");
        return true;
    }
}
