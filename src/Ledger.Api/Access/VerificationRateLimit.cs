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
            o.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<VerificationOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }
}
