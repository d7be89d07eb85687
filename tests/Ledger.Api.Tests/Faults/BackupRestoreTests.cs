using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// A backup is only a backup once it has been restored: the ledger is backed up online with PostgreSQL's own tools
/// (./ledger backup: pg_basebackup, and pg_dump for small installations), restored into a fresh cluster, and the restored
/// ledger is proved to be the same ledger: `verify` against the digest sealed before the backup finds it intact, and every
/// projection rebuilt there from its events equals the original's read models row for row.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class BackupRestoreTests(FaultsFixture fixture)
{
    [Fact]
    public async Task a_base_backup_and_a_dump_restored_into_a_fresh_cluster_verify_against_the_digest_and_rebuild_to_the_same_read_models()
    {
        var schema = FaultsFixture.NewSchema("backup");
        var database = fixture.Postgres.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "ledger-backup-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        // The restored cluster's owner (postgres, when the tests run as root) must reach it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var restoredData = Path.Combine(folder, "restored");
        ApiProcess? api = null;
        try
        {
            api = await ApiProcess.StartAsync(database, schema, "api");
            var enterprise = await api.Enterprise();
            var training = await api.HljClass();
            var trainees = new List<HttpTrainee> { await api.Trainee(training, enterprise), await api.Trainee(training, enterprise) };
            var claimId = Guid.CreateVersion7();
            (await api.SubmitClaim(enterprise, training, trainees, claimId)).ShouldBe(201);
            for (var step = 1; step <= 5; step++) (await api.ClaimStep(training, claimId, step, lines: 2)).ShouldBe(200);
            (await api.Post("/api/forgery-reports", new { number = "HLJ-FORGED-3", whereFound = "site", reportedOn = "2026-11-20", reason = "no hologram" }, Actor.Regulator))
                .ShouldBe(202);
            await fixture.WaitForProjectionsAsync(schema, () => api.Output);
            var digest = Path.Combine(folder, "digest.json");
            var (sealedCode, sealedOutput) = await ApiProcess.RunVerbAsync(database, schema, "digest", "--out", digest);
            sealedCode.ShouldBe(0, sealedOutput);
            var original = await ReadModels.HashesAsync(fixture.Postgres.TestConnectionString, schema);
            original.Keys.ShouldContain("mt_doc_person");
            original.Keys.ShouldContain("mt_doc_payoutledgerrow");

            // Online: the API keeps running while the cluster is copied.
            var environment = new Dictionary<string, string> { ["ConnectionStrings__Ledger"] = database, ["Ledger__Schema"] = schema };
            await Backup(environment, "base", "--out", Path.Combine(folder, "base"));
            await Backup(environment, "dump", "--out", Path.Combine(folder, "ledger.dump"));
            await api.DisposeAsync();
            api = null;

            var port = FreePort();
            await Backup(environment, "restore", "--from", Path.Combine(folder, "base"), "--data", restoredData, "--port", port.ToString());
            var restored = $"Host=127.0.0.1;Port={port};Database=ledger;Username=ledger;Pooling=false";
            await ProvesTheSameLedger(restored, schema, digest, original);

            // The small installation's path: the schema's dump, restored into an empty database of the fresh cluster.
            await Execute(restored, "create database ledger_from_dump");
            var fromDump = $"Host=127.0.0.1;Port={port};Database=ledger_from_dump;Username=ledger;Pooling=false";
            await Backup(new Dictionary<string, string> { ["ConnectionStrings__Ledger"] = fromDump }, "restore-dump", "--file", Path.Combine(folder, "ledger.dump"));
            await ProvesTheSameLedger(fromDump, schema, digest, original);
        }
        finally
        {
            if (api is not null) await api.DisposeAsync();
            if (File.Exists(Path.Combine(restoredData, "PG_VERSION")))
                await Run("bash", ["-c", $"source '{Repository()}/eng/embedded-postgres.sh'; bin=$(embedded_pg_find_bin); "
                                         + $"if [ $(id -u) -eq 0 ]; then runuser -u postgres -- $bin/pg_ctl -D '{restoredData}' -m immediate -w stop; else $bin/pg_ctl -D '{restoredData}' -m immediate -w stop; fi"]);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }

    /// <summary>Intact against the digest taken before the backup, and every projection rebuilt from the restored events equal to the original.</summary>
    private static async Task ProvesTheSameLedger(string connection, string schema, string digest, Dictionary<string, string> original)
    {
        var (verifyCode, verifyOutput) = await ApiProcess.RunVerbAsync(connection, schema, "verify", "--digest", digest);
        verifyCode.ShouldBe(0, verifyOutput);
        verifyOutput.ShouldContain("intact: ");
        (await ReadModels.HashesAsync(connection, schema)).ShouldBe(original);

        var tables = original.Keys.Where(t => t != "mt_doc_claimrecheckmark").Select(t => $"{schema}.{t}");
        await Execute(connection, $"truncate {string.Join(", ", tables)}");
        var (replayCode, replayOutput) = await ApiProcess.RunVerbAsync(connection, schema, "replay", "--all");
        replayCode.ShouldBe(0, replayOutput);
        (await ReadModels.HashesAsync(connection, schema)).ShouldBe(original, "every projection rebuilt from the restored events equals the original read model");
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Backup(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (code, output) = await Run("bash", [Path.Combine(Repository(), "eng", "backup.sh"), .. arguments], environment);
        code.ShouldBe(0, output);
    }

    private static string Repository() => Infrastructure.Repository.Root ?? throw new DirectoryNotFoundException("the checkout was not found");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
