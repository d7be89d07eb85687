using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// The API as a real OS process (the build output of src/Ledger.Api run with <c>dotnet Ledger.Api.dll</c>), in the
/// Development environment with its own schema, so a test can kill it with SIGKILL as a crash or an OOM killer would.
/// It runs the production wiring: HotCold async daemon, Wolverine durability, no test overrides, the system clock.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public string Name { get; }
    public string ApplicationName { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    /// <summary>The OS process id, to read what the kernel says about it (/proc/&lt;pid&gt;/maps, status).</summary>
    public int ProcessId => _process.Id;

    private ApiProcess(Process process, string name, string applicationName, Uri baseAddress)
    {
        _process = process;
        Name = name;
        ApplicationName = applicationName;
        BaseAddress = baseAddress;
        // Short enough that a hung request fails the test instead of the run; the database-down path answers at once.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Starts the API on a free port and waits for /health. <paramref name="applicationName"/> names its PostgreSQL
    /// sessions, which is how a test sees from pg_locks which process holds which daemon lock.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, string schema, string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var applicationName = $"ledger-fault-{schema}-{name}";
        var port = FreePort();
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["Urls"] = $"http://127.0.0.1:{port}" };
        // No arguments, as ./ledger run and a service unit start it: the address comes from configuration.
        var process = Launch(connectionString, schema, applicationName, [], settings);
        var api = new ApiProcess(process, name, applicationName, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => api.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitHealthyAsync();
        return api;
    }

    /// <summary>Runs a command-line verb of the API (replay, digest, verify...) against the schema and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunVerbAsync(string connectionString, string schema, params string[] verb) =>
        RunVerbAsync(connectionString, schema, new Dictionary<string, string>(), verb);

    /// <summary>As <see cref="RunVerbAsync(string,string,string[])"/>, with extra environment variables (configuration).</summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(string connectionString, string schema, IReadOnlyDictionary<string, string> environment, params string[] verb)
    {
        using var process = Launch(connectionString, schema, $"ledger-fault-{schema}-verb", verb, environment);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', verb)}' did not finish:\n{string.Join('\n', output)}");
        }
        process.WaitForExit();
        return (process.ExitCode, string.Join('\n', output));
    }

    private static Process Launch(string connectionString, string schema, string applicationName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = ApiAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Ledger"] = $"{connectionString};Application Name={applicationName}";
        start.Environment["Ledger__Schema"] = schema;
        // Only warnings and errors: the output is kept to explain a failure, and request logs would drown it.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
    }

    /// <summary>src/Ledger.Api's own build output for the configuration the tests were built in, else the copy beside the tests.</summary>
    private static string ApiAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name.Length > 0 ? here.Name : here.Parent!.Name;
        var testDir = here.Name.Length > 0 ? here : here.Parent!;
        var configuration = testDir.Parent!.Name;
        if (Infrastructure.Repository.Root is { } root
            && Path.Combine(root, "src", "Ledger.Api", "bin", configuration, framework, "Ledger.Api.dll") is var own && File.Exists(own))
            return own;
        var beside = Path.Combine(testDir.FullName, "Ledger.Api.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("Ledger.Api.dll was not built", beside);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 300) _output.TryDequeue(out _);
    }

    /// <summary>The last lines the process wrote, to explain a failure.</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"API process {Name} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"API process {Name} did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no graceful release of locks or connections.</summary>
    public void Kill()
    {
        // A worker may kill the process while the test itself calls Kill as well: the second call finds it gone.
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) when (_process.HasExited)
        {
        }
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public Task<Reply> Post(string url, object body, Actor actor, string? idempotencyKey = null) => Send(HttpMethod.Post, url, body, actor, idempotencyKey);

    public Task<Reply> Get(string url, Actor? actor = null) => Send(HttpMethod.Get, url, null, actor ?? Actor.Regulator);

    public async Task<Reply> Send(HttpMethod method, string url, object? body, Actor actor, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        actor.Apply(request);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", $"\"{idempotencyKey}\"");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false))
            json = JsonDocument.Parse(text).RootElement.Clone();
        return new Reply((int)response.StatusCode, json, text, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>One HTTP answer, read in full.</summary>
public sealed record Reply(int Status, JsonElement? Json, string Text, TimeSpan? RetryAfter, string? MediaType)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    public JsonElement Body => Json ?? throw new InvalidOperationException($"no JSON body (status {Status}): {Text}");

    public Reply ShouldBe(int status)
    {
        Status.ShouldBe(status, Text);
        return this;
    }
}

/// <summary>The Development identity headers an actor sends (X-Ledger-*), as the in-process tests' actors do.</summary>
public sealed record Actor(string User, string Org, string Role, string? Jurisdiction = null, Guid? EnterpriseId = null, Guid? InstitutionId = null)
{
    public static readonly Actor Regulator = new("inspector-li", "tj-jizhou-emergency-bureau", "regulator", "cn");
    public static readonly Actor Enterprise = new("handler-zhao", "hlj-enterprise", "enterprise");
    public static readonly Actor Institution = new("registrar-sun", "hlj-training-school", "training-institution");
    public static readonly Actor Verifier = new("inspector-qian", "harbin-emergency-bureau", "regulator", "cn");
    public static readonly Actor HrBureau = new("officer-li", "hlj-hr-bureau", "hr-bureau", "hlj");
    // HR of the same level pays in Heilongjiang (HLJ-SUB-03); the finance bureau audits and reconciles.
    public static readonly Actor Payer = new("cashier-zhou", "hlj-hr-bureau", "hr-bureau", "hlj");
    public static readonly Actor Reconciler = new("accountant-wu", "hlj-finance-bureau", "finance-bureau", "cn");
    public static readonly Actor Administrator = new("admin-ma", "ledger-operations", "system-administrator");

    public Actor For(Guid enterpriseId) => this with { EnterpriseId = enterpriseId };

    /// <summary>An institution acts only on its own claims and classes (scope), so it names which one it is.</summary>
    public Actor OfInstitution(Guid institutionId) => this with { InstitutionId = institutionId };

    public void Apply(HttpRequestMessage request)
    {
        request.Headers.Add("X-Ledger-User", User);
        request.Headers.Add("X-Ledger-Org", Org);
        request.Headers.Add("X-Ledger-Role", Role);
        if (Jurisdiction is not null) request.Headers.Add("X-Ledger-Jurisdiction", Jurisdiction);
        if (EnterpriseId is not null) request.Headers.Add("X-Ledger-Enterprise", EnterpriseId.Value.ToString());
        if (InstitutionId is not null) request.Headers.Add("X-Ledger-Institution", InstitutionId.Value.ToString());
    }
}
