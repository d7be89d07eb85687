using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary>
/// The body limit for every endpoint that does not declare its own (the CSV imports declare none and enforce
/// theirs while streaming). A JSON request is a form, never a file, so 1 MB is generous and keeps a hostile body
/// from being buffered whole by the JSON reader.
/// </summary>
public sealed class RequestLimits(RequestDelegate next)
{
    public const int MaxJsonBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared
            ? declared.MaxRequestBodySize
            : MaxJsonBodyBytes;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 413, Title = "The request body is too large", Detail = $"a request body may hold at most {limit} bytes" },
            });
            return;
        }

        // A body sent without a length is cut off by the server at the same limit while it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        await next(context);
    }
}
