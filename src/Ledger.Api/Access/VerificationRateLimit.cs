using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

public sealed class VerificationOptions
{
    public const string Section = "Ledger:Verification";

    /// <summary>Public verifications one client address may make per minute; enough for an employer or inspector, too few to harvest.</summary>
    public int PermitsPerMinute { get; set; } = 60;
}

/// <summary>
/// The public certificate check is the one anonymous endpoint, so it is the one an enumeration would go through:
/// a fixed window per client address caps it, and the refusal says when to try again.
/// </summary>
public static class VerificationRateLimit
{
    public const string Policy = "public-verification";

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section);
        services.AddSingleton<VerificationBudget>();
        return services.AddRateLimiter(o =>
        {
            o.OnRejected = async (context, ct) =>
            {
                LedgerTelemetry.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", Policy));
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)Math.Ceiling(after.TotalSeconds)).ToString()
                    : "60";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many verification requests",
                    detail: "this address has used its certificate checks for the minute; try again after the time in Retry-After").ExecuteAsync(context.HttpContext);
            };
            // The partition hands the middleware a view of the shared budget, so a batch check (VerificationBudget.TryTake)
            // and single checks draw on one allowance per client address.
            o.AddPolicy(Policy, http =>
            {
                var budget = http.RequestServices.GetRequiredService<VerificationBudget>();
                var client = VerificationBudget.Client(http);
                return RateLimitPartition.Get(client, key => new BudgetView(budget, key));
            });
        });
    }

    /// <summary>
    /// A limiter the middleware may dispose when the partition idles: it owns nothing, the windows live in the budget.
    /// </summary>
    private sealed class BudgetView(VerificationBudget budget, string client) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => budget.Take(client, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(budget.Take(client, permitCount));
    }
}

/// <summary>The public checks one client address may make per minute, shared by the single checks and the batch upload.</summary>
public sealed class VerificationBudget(IOptions<VerificationOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _windows = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public int PermitsPerMinute => options.Value.PermitsPerMinute;

    public static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal RateLimitLease Take(string client, int permits) => _windows.AttemptAcquire(client, Math.Min(permits, PermitsPerMinute));

    /// <summary>Takes <paramref name="checks"/> permits at once, or none: a batch is checked whole or refused whole.</summary>
    public bool TryTake(HttpContext http, int checks, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.FromMinutes(1);
        if (checks > PermitsPerMinute) return false;
        using var lease = _windows.AttemptAcquire(Client(http), checks);
        if (lease.IsAcquired) return true;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var after)) retryAfter = after;
        return false;
    }

    public void Dispose() => _windows.Dispose();
}
