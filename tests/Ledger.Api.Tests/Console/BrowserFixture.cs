using System.Net;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Console;

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// The API host of <see cref="AppFixture"/> (own schema, fake clock, the scenario helpers) reachable on a real loopback
/// port, and one headless Debian Chromium for the whole collection, driven by Playwright.
/// </summary>
public class BrowserFixture : AppFixture, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _port;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>TestResults/screenshots at the repository root: the run's artifacts, and the source of docs/screenshots.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var path = Path.Combine(Infrastructure.Repository.Root ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./ledger test does so when run as root)");
        _port = await ListenAsync(Host.GetTestServer());
        BaseUrl = _port.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// Kestrel on 127.0.0.1 with a free port, handing every request to the API host as it is: the browser speaks real HTTP
    /// (cookies, redirects, downloads) while the tests keep the host's fake clock and Alba helpers for seeding.
    /// </summary>
    private static async Task<WebApplication> ListenAsync(TestServer api)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var client = new HttpMessageInvoker(api.CreateHandler());
        app.Run(async context =>
        {
            var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                new Uri($"http://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}"));
            if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
                request.Content = new StreamContent(context.Request.Body);
            request.Headers.Host = context.Request.Host.Value;
            foreach (var (name, values) in context.Request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
                if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
            using var response = await client.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) context.Response.Headers[name] = values.ToArray();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_port is not null) await _port.DisposeAsync();
        await base.DisposeAsync();
    }
}
