using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Exports;

public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// RFC 4180 with CRLF, in UTF-8 with a byte-order mark because Excel otherwise reads Chinese as the local code page.
    /// </summary>
    public static byte[] Write(Table table)
    {
        var text = new StringBuilder();
        foreach (var row in table.Rows) text.Append(Line(row));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One record with its CRLF, for a file written row by row.</summary>
    public static string Line(object?[] row) => string.Join(",", row.Select(Quoted)) + "\r\n";

    private static string Quoted(object? value)
    {
        var text = Text(value);
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static string Text(object? value) => value switch
        {
            null => "",
            Cell c => Text(c.Value),
            NodaTime.LocalDate d => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Spreadsheet.Neutralise(value.ToString() ?? ""),
        };
}
