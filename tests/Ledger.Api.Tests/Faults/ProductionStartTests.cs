using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// The ledger started the way the README says (<c>ASPNETCORE_ENVIRONMENT=Production ./ledger run</c>) with production
/// settings: it must run in Production, so nothing of Development works (header identities, the demo sign-in, development
/// keys), and what a deployment behind a TLS proxy needs works (Secure cookie, the client's own rate-limit budget).
/// Issue 13 found this command started in Development, because dotnet run applied the launch profile over the shell.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class ProductionStartTests(FaultsFixture fixture)
{
    private const string Issuer = "https://idp.province.example";
    private const string Audience = "ledger-api";
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string> ProductionSettings(string connectionString, string schema, int port) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__Ledger"] = connectionString,
        ["Ledger__Schema"] = schema,
        ["Ledger__PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Ledger__Identity__EncryptionKeys__0__Id"] = "production-1",
        ["Ledger__Identity__EncryptionKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Ledger__Auth__Issuer"] = Issuer,
        ["Ledger__Auth__Audience"] = Audience,
        ["Ledger__Auth__SigningKeys__0"] = SigningKey,
        ["Ledger__Audit__SealKeys__0__Id"] = "production-seal-1",
        ["Ledger__Audit__SealKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Ledger__Audit__SigningKeys__0__Id"] = "production-sign-1",
        ["Ledger__Audit__SigningKeys__0__Key"] = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKey()),
        ["Ledger__Audit__Issuer"] = "黑龙江省应急管理厅",
        ["Ledger__Http__TrustedProxies__0"] = "127.0.0.1",
        ["Ledger__Verification__PermitsPerMinute"] = "2",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static string Token(string key, string role = "regulator") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = new Dictionary<string, object> { ["sub"] = "inspector-qian", ["org"] = "hlj-emergency-bureau", ["role"] = role, ["jurisdiction"] = "cn" },
        IssuedAt = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task started_as_the_readme_says_in_production_nothing_of_development_works()
    {
        var port = FreePort();
        await using var ledger = await LedgerRun.StartAsync(ProductionSettings(fixture.Postgres.ConnectionString, FaultsFixture.NewSchema("production"), port));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Header identities exist only in Development.
        using (var headers = new HttpRequestMessage(HttpMethod.Get, "/api/claims/review-queue"))
        {
            headers.Headers.Add("X-Ledger-User", "anyone");
            headers.Headers.Add("X-Ledger-Org", "anywhere");
            headers.Headers.Add("X-Ledger-Role", "regulator");
            headers.Headers.Add("X-Ledger-Jurisdiction", "cn");
            (await http.SendAsync(headers)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, ledger.Output);
        }

        // The demo sign-in signs nobody in.
        var demo = await http.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["demo"] = "0" }));
        demo.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        demo.Headers.Location!.ToString().ShouldContain("error=token");
        demo.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await http.GetStringAsync("/console/sign-in")).ShouldNotContain("演示身份");

        // A token signed with the development key is not a token here; one from the configured key is.
        async Task<HttpStatusCode> Read(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/claims/review-queue");
            request.Headers.Authorization = new("Bearer", token);
            return (await http.SendAsync(request)).StatusCode;
        }
        (await Read(Token("bGVkZ2VyLWRldmVsb3BtZW50LXNpZ25pbmcta2V5LTA="))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Read(Token(SigningKey))).ShouldBe(HttpStatusCode.OK);

        // Behind the trusted TLS proxy the console cookie is Secure.
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in"))
        {
            signIn.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = Token(SigningKey) });
            signIn.Headers.Add("X-Forwarded-Proto", "https");
            signIn.Headers.Add("X-Forwarded-For", "198.51.100.7");
            var signedIn = await http.SendAsync(signIn);
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ledger_console=", StringComparison.Ordinal));
            cookie.ShouldContain("secure", Case.Insensitive);
            cookie.ShouldContain("httponly", Case.Insensitive);
        }

        // Each client behind the proxy has its own verification budget (2 a minute here), not one shared by all.
        async Task<HttpStatusCode> Verify(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/certificates/verifications");
            request.Content = new StringContent("{\"number\":\"T-1\",\"name\":\"张三\"}", Encoding.UTF8, "application/json");
            request.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(request)).StatusCode;
        }
        (await Verify("203.0.113.1")).ShouldBe(HttpStatusCode.OK);
        (await Verify("203.0.113.1")).ShouldBe(HttpStatusCode.OK);
        (await Verify("203.0.113.1")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await Verify("203.0.113.2")).ShouldBe(HttpStatusCode.OK);

        // A malformed body is the caller's mistake: a 400, and nothing at error level with a stack trace in the log.
        using (var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/persons"))
        {
            malformed.Headers.Authorization = new("Bearer", Token(SigningKey));
            malformed.Content = new StringContent("{\"idNumber\": ", Encoding.UTF8, "application/json");
            (await http.SendAsync(malformed)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        await Task.Delay(500);
        ledger.Output.ShouldNotContain("fail:", Case.Sensitive, "an error was logged:\n" + ledger.Output);
        ledger.Output.ShouldNotContain("   at ", Case.Sensitive, "a stack trace was logged");
        ledger.Output.ShouldContain("Hosting environment: Production");
    }

    [Fact]
    public async Task a_production_start_with_the_development_key_stops_and_says_why()
    {
        var settings = ProductionSettings(fixture.Postgres.ConnectionString, FaultsFixture.NewSchema("devkey"), FreePort());
        settings["Ledger__Auth__SigningKeys__0"] = "bGVkZ2VyLWRldmVsb3BtZW50LWtleS1ub3Qtc2VjcmV0LXNpZ25pbmc=";
        settings["Ledger__Auth__SigningKeys__1"] = "bGVkZ2VyLWRldmVsb3BtZW50LXNpZ25pbmcta2V5LTA=";
        var (exitCode, output) = await LedgerRun.RunToExitAsync(settings);
        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("development key");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary><c>./ledger run</c> from the repository root, as a user types it, with the given environment.</summary>
public sealed class LedgerRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LedgerRun(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    private static Process Launch(IReadOnlyDictionary<string, string> environment)
    {
        var root = Repository.Root ?? throw new DirectoryNotFoundException("the tests run outside the repository");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "ledger"));
        start.ArgumentList.Add("run");
        // What the test process itself was started with (a Development test host) must not leak into the user's shell.
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
    }

    public static async Task<LedgerRun> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var run = new LedgerRun(Launch(environment));
        run._process.OutputDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        run._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri(environment["Urls"]), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (run._process.HasExited) throw new InvalidOperationException($"./ledger run exited with {run._process.ExitCode}:\n{run.Output}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return run;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        await run.DisposeAsync();
        throw new TimeoutException($"./ledger run did not become healthy:\n{run.Output}");
    }

    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var run = new LedgerRun(Launch(environment));
        run._process.OutputDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        run._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await run._process.WaitForExitAsync(timeout.Token);
        run._process.WaitForExit();
        return (run._process.ExitCode, run.Output);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
