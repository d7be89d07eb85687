using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// The endpoints' adapter code is generated ahead of time (src/Ledger.Api/Internal/Generated, `./ledger codegen`) so a
/// process never loads Roslyn. Wolverine loads a committed type by name and would keep using it after an endpoint's
/// signature or middleware changed, so the committed code must be exactly what the endpoints generate now.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class GeneratedCodeTests(FaultsFixture fixture)
{
    [Fact]
    public async Task committed_endpoint_code_is_what_the_endpoints_generate_now()
    {
        var root = Repository.Root ?? throw new DirectoryNotFoundException("the tests run outside the repository (no Ledger.sln above " + AppContext.BaseDirectory + ")");
        var committed = Path.Combine(root, "src", "Ledger.Api", "Internal", "Generated");
        var fresh = Directory.CreateTempSubdirectory("ledger-codegen-").FullName;
        try
        {
            var (exitCode, output) = await ApiProcess.RunVerbAsync(fixture.Postgres.ConnectionString, FaultsFixture.NewSchema("codegen"),
                new Dictionary<string, string> { ["Ledger__GeneratedCodePath"] = fresh }, "codegen", "write");
            exitCode.ShouldBe(0, output);

            var expected = Files(fresh);
            var actual = Files(committed);
            expected.Count.ShouldBeGreaterThan(50, "every HTTP endpoint has a generated adapter");
            var stale = expected.Keys.Union(actual.Keys)
                .Where(name => !actual.TryGetValue(name, out var a) || !expected.TryGetValue(name, out var e) || a != e)
                .Order().ToList();
            stale.ShouldBeEmpty("src/Ledger.Api/Internal/Generated is out of date for these files; run ./ledger codegen and commit the result");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    [Fact]
    public async Task the_api_serves_writes_reads_and_verification_without_loading_the_compiler()
    {
        var schema = FaultsFixture.NewSchema("nocompile");
        ApiProcess? api = null;
        try
        {
            api = await ApiProcess.StartAsync(fixture.Postgres.ConnectionString, schema, "nocompile");
            var enterprise = await api.Enterprise();
            var training = await api.HljClass();
            var trainee = await api.Trainee(training, enterprise);
            (await api.SubmitClaim(enterprise, training, [trainee])).ShouldBe(201);
            (await api.Get($"/api/persons/{trainee.PersonId}")).ShouldBe(200);
            (await api.Get($"/api/certificates/verify?number={trainee.CertificateNumber}&name=张三")).ShouldBe(200);

            var maps = await File.ReadAllTextAsync($"/proc/{api.ProcessId}/maps");
            maps.ShouldContain("Ledger.Api.dll", customMessage: "the maps belong to the API process");
            maps.ShouldNotContain("Microsoft.CodeAnalysis", customMessage: "an endpoint was compiled at run time: its generated code is missing (./ledger codegen)");
        }
        finally
        {
            if (api is not null) await api.DisposeAsync();
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(directory, f), f => File.ReadAllText(f).ReplaceLineEndings("\n"))
            : [];
}
