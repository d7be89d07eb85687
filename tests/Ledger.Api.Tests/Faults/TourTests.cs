using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// The README's tour is a script (<c>./ledger tour</c>, eng/tour.sh) that checks every answer's status and the facts the
/// README claims (a revoked certificate verifies as revoked today and valid before, a refused step names its rule in
/// Chinese, a paid line is flagged after a revocation…). Issue 15 found about a dozen of the tour's steps failing as
/// written; run here against a real <c>./ledger run</c>, they cannot drift again.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class TourTests(FaultsFixture fixture)
{
    [Fact]
    public async Task the_readme_tour_runs_green_against_a_running_ledger_and_runs_again_on_the_same_ledger()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var ledger = await LedgerRun.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Urls"] = url,
            ["ConnectionStrings__Ledger"] = fixture.Postgres.ConnectionString,
            ["Ledger__Schema"] = FaultsFixture.NewSchema("tour"),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var files = Directory.CreateTempSubdirectory("ledger-tour-");
        try
        {
            var first = await Tour(url, files.FullName);
            first.ExitCode.ShouldBe(0, first.Output + "\n--- API ---\n" + ledger.Output);
            first.Output.ShouldContain("every answer as expected");
            // The evidence files the tour downloads are workbooks and a CSV with its BOM, not problem documents.
            File.ReadAllBytes(Path.Combine(files.FullName, "claim.xlsx"))[..2].ShouldBe("PK"u8.ToArray());
            File.ReadAllBytes(Path.Combine(files.FullName, "jz-2021-H1.xlsx"))[..2].ShouldBe("PK"u8.ToArray());
            File.ReadAllBytes(Path.Combine(files.FullName, "payouts.csv"))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

            // New numbers and codes on every run: a reader can run the tour again on the ledger the first run left.
            var second = await Tour(url, files.FullName);
            second.ExitCode.ShouldBe(0, second.Output);
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    [Fact]
    public void the_readme_shows_the_tour_as_the_script_runs_it()
    {
        var root = Repository.Root ?? throw new DirectoryNotFoundException("the tests run outside the repository");
        var script = File.ReadAllText(Path.Combine(root, "eng", "tour.sh"));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var begin = script.IndexOf("# tour:begin\n", StringComparison.Ordinal);
        var end = script.IndexOf("# tour:end\n", StringComparison.Ordinal);
        begin.ShouldBeGreaterThan(0);
        end.ShouldBeGreaterThan(begin);
        var steps = script[(begin + "# tour:begin\n".Length)..end];
        readme.ShouldContain(steps, Case.Sensitive, "README.md's tour is not eng/tour.sh's (copy the lines between '# tour:begin' and '# tour:end')");
    }

    private static async Task<(int ExitCode, string Output)> Tour(string url, string files)
    {
        var root = Repository.Root!;
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "ledger"));
        start.ArgumentList.Add("tour");
        start.Environment["LEDGER_URL"] = url;
        start.Environment["TOUR_FILES"] = files;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the tour did not finish in 3 minutes:\n" + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
