using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;

namespace Ledger.Tools;

/// <summary>generate-province: a deterministic synthetic province loaded through the deciders, then the planted fraud scored.</summary>
public static class GenerateProvince
{
    public static async Task<int> RunAsync(IServiceProvider services, int persons, int seed, string output)
    {
        if (persons < 1000)
        {
            Console.Error.WriteLine("generate-province: --persons must be at least 1000");
            return 1;
        }
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var generator = new ProvinceGenerator(store, services.GetRequiredService<StreamIdentity>(), services.GetRequiredService<PersonalDataCipher>(), services.GetRequiredService<PolicyCatalog>(),
            services.GetRequiredService<CertificateCatalog>(), Console.Out);
        Console.WriteLine($"generating a province of {persons:N0} persons, seed {seed}");
        var (manifest, planted) = await generator.GenerateAsync(new ProvinceSpec(persons, seed, output), CancellationToken.None);
        // As after any bulk load: the planner's statistics of the log are from before most of it was written.
        await Ledger.Api.Audit.AuditFiles.AnalyzeEventsAsync(store);
        Directory.CreateDirectory(output);
        await ProvinceGenerator.WriteAsync(Path.Combine(output, "manifest.json"), manifest, CancellationToken.None);
        await ProvinceGenerator.WriteAsync(Path.Combine(output, "planted.json"), planted, CancellationToken.None);
        Console.WriteLine($"loaded {manifest.Events:N0} events in {manifest.Seconds:0.0} s ({manifest.Events / manifest.Seconds:N0} events/s, "
            + $"{manifest.Persons / manifest.Seconds:N0} persons/s); wrote {output}/manifest.json and planted.json");
        Console.WriteLine("planted fraud cases caught by the ledger's own findings (a line counts when it carries the pattern's rule id):");
        foreach (var score in await generator.ScoreAsync(planted, CancellationToken.None))
            Console.WriteLine($"  {score.Pattern}: {score.Caught} of {score.Planted} caught; {score.FlaggedElsewhere} other lines carry {score.Pattern}");
        return 0;
    }
}
