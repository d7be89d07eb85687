using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Imports;

/// <summary>
/// What an office's computer actually produces, made into the UTF-8 CSV the importer reads: a CSV in UTF-8, or in GBK /
/// GB18030 (what Excel on Chinese Windows saves as "CSV (逗号分隔)"), detected from the bytes when the upload names no
/// charset; or an Excel workbook (.xlsx), whose first sheet is read as the file's rows.
/// </summary>
public static class ImportFiles
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The bytes looked at to tell UTF-8 from GBK before the import starts; a later non-UTF-8 row is reported on its line.</summary>
    private const int Sniff = 64 * 1024;

    public const string EncodingFixZh = "请在 Excel 中选择“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”后重新上传，或直接上传 .xlsx 工作簿。";
    public const string EncodingFixEn = "In Excel choose File → Save As and the type \"CSV UTF-8 (Comma delimited) (*.csv)\", then upload again, or upload the .xlsx workbook itself.";

    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030 is a superset of GBK and GB2312, so one decoder reads all three.</summary>
    public static Encoding Gb18030 { get; } = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public enum Kind { Csv, Xlsx, Unsupported }

    public static Kind Of(string? contentType, out string? charset)
    {
        charset = null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)) return Kind.Unsupported;
        if (type.MediaType.Equals(XlsxContentType, StringComparison.OrdinalIgnoreCase)) return Kind.Xlsx;
        if (!type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) return Kind.Unsupported;
        var given = type.Charset.ToString().Trim().ToLowerInvariant();
        if (given is "" or "utf-8" or "utf8") return Kind.Csv;
        if (given is "gbk" or "gb2312" or "gb18030" or "cp936") { charset = "gb18030"; return Kind.Csv; }
        return Kind.Unsupported;
    }

    /// <summary>The CSV body as UTF-8: as sent, or decoded from GB18030 when named or when its first bytes are not UTF-8 but are GB18030.</summary>
    public static async Task<(Stream Body, string Encoding)> CsvAsync(Stream body, string? charset, CancellationToken ct)
    {
        if (charset == "gb18030") return (System.Text.Encoding.CreateTranscodingStream(body, Gb18030, System.Text.Encoding.UTF8, leaveOpen: true), "GB18030");
        var head = new byte[Sniff];
        var length = 0;
        while (length < head.Length && await body.ReadAsync(head.AsMemory(length), ct) is var read and > 0) length += read;
        var prefix = head.AsMemory(0, length);
        var whole = new ConcatenatedStream(prefix, body);
        if (IsUtf8(prefix.Span, complete: length < head.Length)) return (whole, "UTF-8");
        if (IsGb18030(prefix.Span, complete: length < head.Length))
            return (System.Text.Encoding.CreateTranscodingStream(whole, Gb18030, System.Text.Encoding.UTF8, leaveOpen: true), "GB18030");
        throw new ImportEncodingException();
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        if (!complete)
        {
            // The sniffed block may end inside a character: back off to the last lead or ASCII byte.
            var end = bytes.Length;
            for (var i = 1; i <= 3 && end - i >= 0; i++)
                if ((bytes[end - i] & 0xC0) != 0x80) { end -= i; break; }
            bytes = bytes[..end];
        }
        return Utf8.IsValid(bytes);
    }

    private static bool IsGb18030(ReadOnlySpan<byte> bytes, bool complete)
    {
        try
        {
            // A GB18030 character is at most four bytes; the block may end inside one.
            var decoder = Gb18030.GetDecoder();
            decoder.GetCharCount(bytes, flush: complete);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The workbook's first sheet as CSV text, row numbers kept (an empty sheet row is an empty line), dates as yyyy-MM-dd.</summary>
    public static async Task<Stream> XlsxAsCsvAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await new LimitedReadStream(body, maxBytes).CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var csv = new StringBuilder();
        try
        {
            using var document = SpreadsheetDocument.Open(buffer, false);
            var workbook = document.WorkbookPart ?? throw new ImportXlsxException();
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new ImportXlsxException();
            var sheet = (WorksheetPart)workbook.GetPartById(first.Id!);
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            var dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
            long line = 0;
            var headerWidth = 0;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var number = (long?)row.RowIndex?.Value ?? line + 1;
                while (line + 1 < number) { csv.Append("\r\n"); line++; }
                var cells = new SortedDictionary<int, string>();
                foreach (var cell in row.Elements<Cell>())
                    cells[ColumnIndex(cell.CellReference?.Value, cells.Count)] = Value(cell, strings, dateStyles);
                // Excel writes no cell for an empty one, so a row whose last columns are empty is as wide as the header.
                var width = cells.Count == 0 ? 0 : Math.Max(cells.Keys.Max() + 1, headerWidth);
                if (headerWidth == 0) headerWidth = width;
                csv.AppendJoin(',', Enumerable.Range(0, width).Select(i => Quote(cells.GetValueOrDefault(i, ""))));
                csv.Append("\r\n");
                line = number;
            }
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FormatException)
        {
            throw new ImportXlsxException();
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var dateFormats = new HashSet<uint>([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 57, 58]);
        foreach (var format in styles?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            if (format.FormatCode?.Value is { } code && format.NumberFormatId?.Value is { } id
                && code.Replace("\"", "").IndexOfAny(['y', 'd', '年', '日']) >= 0)
                dateFormats.Add(id);
        var result = new HashSet<uint>();
        var index = 0u;
        foreach (var xf in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            if (xf.NumberFormatId?.Value is { } id && dateFormats.Contains(id)) result.Add(index);
            index++;
        }
        return result;
    }

    private static string Value(Cell cell, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? strings[i] : "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.Boolean) return raw == "1" ? "true" : "false";
        if (cell.DataType is null || cell.DataType.Value == CellValues.Number)
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // Whole numbers as typed (hours "2", not "2.0"); Excel stores them so already.
            return raw;
        }
        return raw;
    }

    private static int ColumnIndex(string? reference, int fallback)
    {
        if (string.IsNullOrEmpty(reference)) return fallback;
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>The sniffed block followed by the rest of the body.</summary>
    private sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.Length == 0) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_head.Length == 0) return await rest.ReadAsync(buffer, cancellationToken);
            var n = Math.Min(buffer.Length, _head.Length);
            _head[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The file is neither UTF-8 nor GBK/GB18030 text.</summary>
public sealed class ImportEncodingException() : Exception("the file is neither UTF-8 nor GBK/GB18030 text");

/// <summary>The body is not a readable .xlsx workbook.</summary>
public sealed class ImportXlsxException() : Exception("the body is not a readable .xlsx workbook");
