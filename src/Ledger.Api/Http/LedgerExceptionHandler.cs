using JasperFx;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary>One place that maps every failure to RFC 9457 problem details; nothing has been saved when any of these is thrown.</summary>
public sealed class LedgerExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, OutageTracker outages, ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var details = Map(exception);
        if (details is null && exception is RetiredKeyException retired)
        {
            // An operator's mistake, not the caller's: a key was taken out of the configuration before every value sealed
            // under it was resealed. The answer says how to recover and names the key id only, never the ciphertext.
            logger.LogError("Personal data sealed under encryption key {KeyId}, which is no longer configured; re-add it to Ledger:Identity:EncryptionKeys and run rotate-identity-key",
                retired.KeyId);
            details = RetiredKey(retired.KeyId);
        }
        if (details is null && DatabaseUnavailable(exception))
        {
            // The database is down, restarting or out of connections: the request's writes were not committed (unless
            // the connection died between commit and its confirmation, which no server can tell), and the same request
            // is expected to succeed once it is back, so the client is told when to retry rather than that it failed.
            var (retryAfter, lasted, kind) = outages.Failed(exception);
            logger.LogWarning("Database unavailable ({ExceptionType}, {Kind} for {Seconds} s); answered 503, retry after {RetryAfter} s",
                exception.GetType().FullName, kind, lasted, retryAfter);
            LedgerTelemetry.DatabaseUnavailable.Add(1, new KeyValuePair<string, object?>("outage", kind.ToString().ToLowerInvariant()));
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            details = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The ledger's database is unavailable; retry later",
                Extensions =
                {
                    ["code"] = "database-unavailable", ["retryAfterSeconds"] = retryAfter, ["outage"] = kind.ToString().ToLowerInvariant(),
                    ["outageSeconds"] = lasted,
                },
            };
        }
        if (details is null)
        {
            // Exception messages can quote request data, so only the type goes to the log outside Development.
            if (environment.IsDevelopment()) logger.LogError(exception, "Unhandled error");
            else logger.LogError("Unhandled {ExceptionType}", exception.GetType().FullName);
            details = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The ledger could not complete the request",
                Detail = environment.IsDevelopment() ? exception.Message : null,
            };
        }
        // The exception handler clears the endpoint before handlers run, which would leave the error out of its route's
        // request metrics (http.server.request.duration); the route goes back on as a tag.
        if (context.GetEndpoint() is null && context.Features.Get<IExceptionHandlerFeature>()?.Endpoint is Microsoft.AspNetCore.Routing.RouteEndpoint endpoint
            && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMetricsTagsFeature>() is { } tags)
            tags.Tags.Add(new KeyValuePair<string, object?>("http.route", endpoint.RoutePattern.RawText));
        details.Instance ??= context.Request.Path;
        details.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.StatusCode = details.Status ?? 500;
        // A person's browser on a console page gets a page saying what happened, in the console's language.
        if (Ledger.Api.WebConsole.ConsoleCookie.WantsPage(context))
        {
            await Ledger.Api.WebConsole.ConsoleErrors.ProblemPageAsync(context, details);
            return true;
        }
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception })) return true;
        // The problem details service writes only what the Accept header allows, and would leave an empty body for
        // text/csv or application/xml: the refusal is still problem details, which every client can read.
        await Results.Problem(details).ExecuteAsync(context);
        return true;
    }

    public static ProblemDetails RetiredKey(string keyId) => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "Personal data is sealed under an encryption key this ledger no longer holds",
        Detail = $"A value needed for this request was sealed with identity key '{keyId}', which is not in Ledger:Identity:EncryptionKeys. "
            + "An operator must add that key back (as a retired key, after the current one), restart, and run the rotate-identity-key verb, "
            + "which reseals every current value under the current key; only then can the old key be removed.",
        Extensions = { ["code"] = "retired-identity-key", ["keyId"] = keyId },
    };

    /// <summary>
    /// Whether the failure is the database being unreachable rather than the request being wrong: a refused or broken
    /// connection, the server shutting down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
    /// connect now), too many connections (53300), a connection failure class (08), an exhausted pool or a timeout.
    /// Marten and Wolverine wrap Npgsql's exceptions, so the whole chain of inner exceptions is searched.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Any other server error (a constraint, a syntax error) is a fault of the request or the code.
                    return pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled;
                case NpgsqlException:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(DatabaseUnavailable):
                    return true;
            }
        }
        return false;
    }

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        RequestValidationException e => new ValidationProblemDetails(e.Errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
        },
        DomainRuleViolation e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "A business rule refused the request",
            Detail = e.Message,
            Type = $"urn:ledger:rule:{e.RuleId}",
            Extensions = { ["ruleId"] = e.RuleId },
        },
        ForbiddenException e => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Outside the actor's scope",
            Detail = e.Message,
            Extensions = { ["code"] = "out-of-scope" },
        },
        ResourceNotFoundException e => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found",
            Detail = e.Message,
        },
        DuplicateException e => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Already recorded",
            Detail = e.Message,
            Extensions = { [e.ExistingKind + "Id"] = e.ExistingId, ["location"] = e.Location },
        },
        ConflictException e => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflicts with what is recorded",
            Detail = e.Message,
            Extensions = { ["code"] = e.Code, ["field"] = e.Field },
        },
        ExistingStreamIdCollisionException e => new ProblemDetails
        {
            // Two racing creates for one natural key: the loser lands here after the winner committed.
            Status = StatusCodes.Status409Conflict,
            Title = "Already recorded",
            Detail = "a record with the same natural key was registered concurrently",
            Extensions = { ["existingId"] = e.Id },
        },
        StaleVersionException e => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Stale version",
            Detail = e.Message,
            Extensions = { ["currentVersion"] = e.CurrentVersion },
        },
        ConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Stale version",
            Detail = "the record changed since the version this request was based on; read it again and retry",
        },
        IdempotencyKeyReusedException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The Idempotency-Key was already used for a different request",
            Detail = e.Message + "; send a new key for a new request",
            Type = "urn:ledger:idempotency-key-reused",
            Extensions = { ["code"] = "idempotency-key-reused", ["idempotencyKey"] = e.Key },
        },
        IdempotencyKeyInUseException e => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "A request with this Idempotency-Key is still being processed",
            Detail = e.Message,
            Extensions = { ["code"] = "idempotency-key-in-use", ["idempotencyKey"] = e.Key },
        },
        BadHttpRequestException e => new ProblemDetails
        {
            Status = e.StatusCode,
            Title = "Bad request",
        },
        _ => null,
    };
}

/// <summary>Outside the actor's scope (403): an organisation's record, which is public, so its existence may be confirmed.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

public sealed class ResourceNotFoundException(string what) : Exception($"{what} was not found");

/// <summary>A conflict that names no record (409): what the caller sent clashes with what the ledger holds.</summary>
public sealed class ConflictException(string code, string field, string message) : Exception(message)
{
    public string Code { get; } = code;
    public string Field { get; } = field;
}

public sealed class DuplicateException(string existingKind, Guid existingId, string location, string message) : Exception(message)
{
    public string ExistingKind { get; } = existingKind;
    public Guid ExistingId { get; } = existingId;
    public string Location { get; } = location;
}

public sealed class StaleVersionException(string what, long currentVersion, long expectedVersion)
    : Exception($"the {what} is at version {currentVersion}, but the request was based on version {expectedVersion}; read it again and retry")
{
    public long CurrentVersion { get; } = currentVersion;
}
