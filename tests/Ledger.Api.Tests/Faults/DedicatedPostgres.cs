using System.Diagnostics;
using Npgsql;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the fault tests' own, started with eng/embedded-postgres.sh in a temporary folder, so a
/// test can stop and start it without touching the cluster every other collection uses. As root (CI) the script
/// makes the 'postgres' OS user own and run it, and so does every pg_ctl call here.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly string _folder;
    private string _bin = "", _owner = "", _data = "";
    private int _port;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The tests' own connections: unpooled, so a connection the restart broke is never handed out again.</summary>
    public string TestConnectionString => ConnectionString + ";Pooling=false";

    private DedicatedPostgres(string folder) => _folder = folder;

    public static async Task<DedicatedPostgres> StartAsync()
    {
        // Under /tmp, which the postgres user can reach when the checkout (/root/...) cannot.
        var cluster = new DedicatedPostgres(Path.Combine(Path.GetTempPath(), "ledger-faults-" + Guid.NewGuid().ToString("N")[..12]));
        Directory.CreateDirectory(cluster._folder);
        // Reachable by the postgres user whatever the umask, or the script would fall back to a folder shared by runs.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(cluster._folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var script = $"""
            set -e
            repo={Quote(RepositoryRoot())}
            export LEDGER_PG_DATA={Quote(Path.Combine(cluster._folder, "pgdata"))}
            unset LEDGER_PG_PORT
            source "$repo/eng/embedded-postgres.sh"
            embedded_pg_start
            echo "BIN=$EMBEDDED_PG_BIN"
            echo "OWNER=$EMBEDDED_PG_OWNER"
            echo "DATA=$EMBEDDED_PG_DATA"
            echo "PORT=$EMBEDDED_PG_PORT"
            """;
        var (code, output) = await RunAsync("bash", ["-c", script]);
        if (code != 0) throw new InvalidOperationException($"the fault tests' PostgreSQL did not start:\n{output}");
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("BIN=", StringComparison.Ordinal)) cluster._bin = line[4..];
            else if (line.StartsWith("OWNER=", StringComparison.Ordinal)) cluster._owner = line[6..];
            else if (line.StartsWith("DATA=", StringComparison.Ordinal)) cluster._data = line[5..];
            else if (line.StartsWith("PORT=", StringComparison.Ordinal)) cluster._port = int.Parse(line[5..]);
        }
        // A short connection timeout: while the cluster is down the API's answer should not wait 15 s for one.
        cluster.ConnectionString = $"Host=127.0.0.1;Port={cluster._port};Database=ledger;Username=ledger;Maximum Pool Size=50;Timeout=5";
        return cluster;
    }

    /// <summary>A fast shutdown: open sessions are terminated (57P01), new connections are refused.</summary>
    public async Task StopAsync()
    {
        // The server's own record of how it was started (the script's port, socket folder and settings), for the start again.
        var opts = (await File.ReadAllTextAsync(Path.Combine(_data, "postmaster.opts"))).Trim();
        _options = opts[(opts.IndexOf(' ') + 1)..];
        await PgCtlAsync("-D", _data, "-m", "fast", "-w", "-t", "60", "stop");
    }

    private string _options = "";

    public async Task StartAgainAsync()
    {
        await PgCtlAsync("-D", _data, "-w", "-t", "60", "-l", Path.Combine(_data, "server.log"), "-o", _options, "start");
        await using var connection = new NpgsqlConnection(TestConnectionString);
        await connection.OpenAsync();
    }

    public async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(TestConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var (code, output) = Environment.UserName == "root"
            ? await RunAsync("runuser", ["-u", _owner, "--", pgCtl, .. arguments])
            : await RunAsync(pgCtl, arguments);
        if (code != 0) throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed ({code}):\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_data.Length > 0)
        {
            try
            {
                await PgCtlAsync("-D", _data, "-m", "immediate", "-w", "-t", "60", "stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
        try
        {
            if (_data.Length > 0 && !_data.StartsWith(_folder, StringComparison.Ordinal) && Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "eng", "embedded-postgres.sh"))) return dir.FullName;
        throw new DirectoryNotFoundException("eng/embedded-postgres.sh was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
