using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Imports;

public static class ImportPolicy
{
    /// <summary>Each row is judged by the training rules of its class's jurisdiction in force on the session date.</summary>
    public static CsvImporter Importer(IServiceProvider services, ImportOptions options) =>
        new(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<StreamIdentity>(), services.GetRequiredService<CertificateCatalog>(),
            services.GetRequiredService<Ledger.Domain.Persons.PersonalDataCipher>(), services.GetRequiredService<IClock>(), (jurisdiction, date) => Ledger.Domain.Training.TrainingRulesInForce.For(services.GetRequiredService<PolicyCatalog>(), jurisdiction, date), options.BatchSize,
            (jurisdiction, examDate) => Ledger.Domain.Certificates.CertificateRulesInForce.For(services.GetRequiredService<PolicyCatalog>(), jurisdiction, examDate));
}

/// <summary>
/// The body is the CSV file itself (text/csv), read as a stream: no parameter binds a body, so Wolverine never
/// tries to read it as JSON, and a file of any size up to the limit is imported in constant memory. The global
/// JSON body limit does not apply ([DisableRequestSizeLimit]); <see cref="ImportOptions.MaxBodyBytes"/> does.
/// </summary>
public static partial class ImportEndpoints
{
    private static async Task<IResult> ImportAsync(HttpContext context, ImportOptions options, Func<Stream, Actor, string, Task<ImportReport>> import)
    {
        var request = context.Request;
        var kind = ImportFiles.Of(request.ContentType, out var charset);
        if (kind == ImportFiles.Kind.Unsupported)
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "send the file as the request body with Content-Type: text/csv (UTF-8, or charset=gbk / gb18030) or " + ImportFiles.XlsxContentType);
        var limit = kind == ImportFiles.Kind.Xlsx ? Math.Min(options.MaxBodyBytes, options.MaxWorkbookBytes) : options.MaxBodyBytes;
        if (request.ContentLength > limit) return TooLarge(limit, partly: false);

        // Kestrel's own limit (30 MB by default) would cut a legitimate file short; ours replaces it.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        var actor = ActorMiddleware.Current(context) ?? throw new InvalidOperationException("the actor middleware lets no write through without an actor");

        try
        {
            var body = kind == ImportFiles.Kind.Xlsx
                ? await ImportFiles.XlsxAsCsvAsync(request.Body, limit, context.RequestAborted)
                : (await ImportFiles.CsvAsync(new LimitedReadStream(request.Body, limit), charset, context.RequestAborted)).Body;
            var report = await import(body, actor, ActorStamp.CorrelationId(context));
            return Results.Ok(report);
        }
        catch (CsvHeaderException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["header"] = [.. e.Problems] });
        }
        catch (ImportEncodingException)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The file is not UTF-8 or GBK text",
                detail: $"文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本。{ImportFiles.EncodingFixZh} {ImportFiles.EncodingFixEn}",
                extensions: new Dictionary<string, object?> { ["code"] = "import-encoding" });
        }
        catch (ImportXlsxException)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The workbook cannot be read",
                detail: "文件不是可读取的 .xlsx 工作簿（旧版 .xls 请在 Excel 中另存为 .xlsx）。The file is not a readable .xlsx workbook (save an old .xls as .xlsx in Excel).",
                extensions: new Dictionary<string, object?> { ["code"] = "import-workbook" });
        }
        catch (BodyTooLargeException)
        {
            return TooLarge(limit, partly: kind == ImportFiles.Kind.Csv);
        }
    }

    private static IResult TooLarge(long limit, bool partly) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large",
        detail: $"an import body may hold at most {limit} bytes; split the file"
                + (partly
                    ? ". The body gave no length, so batches read before the limit was reached were committed; re-importing them adds nothing"
                    : ""));
}

public sealed class BodyTooLargeException() : Exception("the request body exceeds the import limit");

/// <summary>Counts what is read, for bodies sent without a Content-Length.</summary>
public sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new BodyTooLargeException() : read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
