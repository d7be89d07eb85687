using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;

namespace Ledger.Api.Operations;

public sealed class HealthOptions
{
    public const string Section = "Ledger:Health";

    /// <summary>
    /// How many committed events the async daemon (registers, payout ledger, claim re-checks) may be behind and the instance
    /// still be ready; the notary is reported but not counted. 50,000 is about ten seconds of catch-up on a 2-core machine.
    /// </summary>
    public long MaxDaemonLag { get; set; } = 50_000;
}

/// <summary>
/// What the ledger knows about a database outage, so Retry-After says something: the kind of failure seen (the server
/// restarting, refusing connections, out of connections) and how long the outage has lasted. A failure more than
/// <see cref="NewOutageAfter"/> after the previous one starts a new outage; a ready probe that reaches the database ends it.
/// </summary>
public sealed class OutageTracker(TimeProvider time)
{
    public static readonly TimeSpan NewOutageAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _last;
    private OutageKind _kind;

    public enum OutageKind { Busy, Starting, Down, Overloaded }

    public (int RetryAfterSeconds, int OutageSeconds, OutageKind Kind) Failed(Exception exception)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_since is null || now - _last > NewOutageAfter) _since = now;
            _last = now;
            _kind = Classify(exception);
            var lasted = now - _since.Value;
            return (RetryAfter(_kind, lasted), (int)lasted.TotalSeconds, _kind);
        }
    }

    public void Recovered()
    {
        lock (_lock) _since = null;
    }

    /// <summary>
    /// Out of connections or a pool wait: load that clears in a moment (2 s). Starting up or in recovery (57P03): a start takes
    /// seconds (3 s). A statement cancelled by its timeout: an overloaded server (5 s). Shut down, crashed or refusing connections:
    /// nothing says when it returns, so the wait grows with the outage's age, 2 s at first up to 60 s, as a restart takes seconds,
    /// a failover tens of seconds and a lost host minutes; clients retry soon after a blip and back off from a long outage.
    /// </summary>
    public static int RetryAfter(OutageKind kind, TimeSpan lasted) => kind switch
    {
        OutageKind.Busy => 2,
        OutageKind.Starting => 3,
        OutageKind.Overloaded => 5,
        _ => (int)Math.Clamp(Math.Ceiling(lasted.TotalSeconds), 2, 60),
    };

    public static OutageKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections }:
                    return OutageKind.Busy;
                case PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow }:
                    return OutageKind.Starting;
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }:
                    return OutageKind.Overloaded;
                case NpgsqlException when e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                case TimeoutException:
                    return OutageKind.Busy;
                case PostgresException:
                case System.Net.Sockets.SocketException:
                    return OutageKind.Down;
            }
        }
        return OutageKind.Down;
    }
}

/// <summary>
/// /health/live: the process answers (restart it when this fails). /health/ready: the database answers and the async daemon
/// is within <see cref="HealthOptions.MaxDaemonLag"/> events of the last committed one (send it traffic). /health stays the
/// one-bit probe it was and touches nothing.
/// </summary>
public static class HealthEndpoints
{
    public static void MapLedgerHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/health/ready", ReadyAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, ProjectionProgressMonitor monitor, OutageTracker outages, IOptions<HealthOptions> options)
    {
        ProjectionProgress progress;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            progress = await monitor.RefreshAsync(timeout.Token);
        }
        catch (Exception e) when (LedgerExceptionHandler.DatabaseUnavailable(e) || e is OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            var (retry, lasted, kind) = outages.Failed(e);
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { status = "not-ready", database = "unreachable", outage = kind.ToString().ToLowerInvariant(), outageSeconds = lasted, retryAfterSeconds = retry },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        outages.Recovered();
        var bound = options.Value.MaxDaemonLag;
        var ready = progress.DaemonLag <= bound;
        var body = new
        {
            status = ready ? "ready" : "not-ready", database = "reachable", lastEvent = progress.LastEvent, daemonLag = progress.DaemonLag,
            notaryLag = progress.NotaryLag, maxDaemonLag = bound,
        };
        if (ready) return Results.Ok(body);
        // Catching up runs at a few thousand events a second here; the wait is what is left at that pace, within a minute.
        var seconds = (int)Math.Clamp(Math.Ceiling((progress.DaemonLag - bound) / 4000.0), 1, 60);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
