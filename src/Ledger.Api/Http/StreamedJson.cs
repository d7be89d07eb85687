using System.Text.Json;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

/// <summary>
/// A JSON array written as its items arrive, flushed every 64 kB: a register of any size is answered in the memory of a
/// page. The first page is read before anything is sent, so a database that is down still answers 503, not a cut body.
/// </summary>
public sealed class StreamedJsonArray<T>(Func<CancellationToken, IAsyncEnumerable<T>> items, JsonSerializerOptions json) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var output = new BufferedJson(http.Response.Body);
        output.Writer.WriteStartArray();
        await foreach (var item in items(http.RequestAborted))
        {
            JsonSerializer.Serialize(output.Writer, item, json);
            await output.FlushIfFullAsync(http.RequestAborted);
        }
        output.Writer.WriteEndArray();
        await output.FlushAsync(http.RequestAborted);
    }
}

/// <summary>
/// A JSON writer over a buffer that is copied to the response asynchronously: a <see cref="Utf8JsonWriter"/> on the
/// response itself flushes synchronously whenever the serializer finishes a value, which Kestrel refuses.
/// </summary>
public sealed class BufferedJson(Stream output)
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter? _writer;

    public Utf8JsonWriter Writer => _writer ??= new Utf8JsonWriter(_buffer);

    public async Task FlushIfFullAsync(CancellationToken ct)
    {
        if (_buffer.WrittenCount + Writer.BytesPending > 64 * 1024) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        Writer.Flush();
        await output.WriteAsync(_buffer.WrittenMemory, ct);
        _buffer.ResetWrittenCount();
    }
}

/// <summary>A CSV file (UTF-8 with its byte-order mark, as <see cref="Csv.Write"/>) written line by line as its rows arrive.</summary>
public sealed class StreamedCsv(Func<CancellationToken, IAsyncEnumerable<object?[]>> rows, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        // The first rows are read before anything is sent, so a database that is down still answers 503.
        await using var enumerator = rows(http.RequestAborted).GetAsyncEnumerator(http.RequestAborted);
        var more = await enumerator.MoveNextAsync();
        http.Response.ContentType = Csv.ContentType;
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true), 64 * 1024);
        for (; more; more = await enumerator.MoveNextAsync()) await writer.WriteAsync(Csv.Line(enumerator.Current));
        await writer.FlushAsync(http.RequestAborted);
    }
}
