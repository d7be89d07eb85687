using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Exports;

/// <summary>The smallest workbook Excel and LibreOffice open: one sheet, inline strings, no styles.</summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A spreadsheet evaluates text starting with = + - @ (or a tab or CR) as a formula; a leading apostrophe keeps it text.</summary>
    public static string Neutralise(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static byte[] Write(string sheetName, Table table)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFrame(zip, sheetName);
            Part(zip, "xl/worksheets/sheet1.xml", Declaration + Sheet(table));
        }
        return buffer.ToArray();
    }

    /// <summary>Every part of the workbook but the sheets themselves (xl/worksheets/sheet1.xml, sheet2.xml…).</summary>
    private static void WriteFrame(ZipArchive zip, params string[] sheetNames)
    {
        var sheets = sheetNames.Select((name, i) => (Name: name, Number: i + 1)).ToList();
        Part(zip, "[Content_Types].xml", Declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + string.Concat(sheets.Select(s => $"<Override PartName=\"/xl/worksheets/sheet{s.Number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
            + "</Types>");
        Part(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels", Declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + string.Concat(sheets.Select(s => $"<Relationship Id=\"rId{s.Number}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{s.Number}.xml\"/>"))
            + "</Relationships>");
        var workbook = new StringBuilder();
        using (var w = XmlWriter.Create(workbook, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Relationships);
            w.WriteStartElement("sheets", Main);
            foreach (var (name, number) in sheets)
            {
                w.WriteStartElement("sheet", Main);
                w.WriteAttributeString("name", SheetName(name));
                w.WriteAttributeString("sheetId", number.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", Relationships, "rId" + number.ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        Part(zip, "xl/workbook.xml", Declaration + workbook);
    }

    /// <summary>
    /// The same workbook written to a temporary file (deleted when the stream closes) as its rows arrive: a sheet of any
    /// length in the memory of one row.
    /// </summary>
    public static async Task<Stream> WriteToTempFileAsync(string sheetName, IAsyncEnumerable<object?[]> rows)
    {
        var file = TempFile();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFrame(zip, sheetName);
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var w = StartSheet(sheet);
            var r = 0;
            await foreach (var row in rows) WriteRow(w, r++, row, emptyCells: false);
            EndSheet(w);
        }
        file.Position = 0;
        return file;
    }

    /// <summary>
    /// Several sheets written to a temporary file as their rows are enumerated, each row compressed into the file as it is
    /// written (the OpenXml SDK's package keeps every part in memory until it closes). Empty cells are written as cells,
    /// so each row keeps its columns for a reader that walks the cells.
    /// </summary>
    public static Stream WriteToTempFile(params (string Name, IEnumerable<object?[]> Rows)[] sheets)
    {
        var file = TempFile();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFrame(zip, [.. sheets.Select(s => s.Name)]);
            for (var i = 0; i < sheets.Length; i++)
            {
                using var sheet = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open();
                using var w = StartSheet(sheet);
                var r = 0;
                foreach (var row in sheets[i].Rows) WriteRow(w, r++, row, emptyCells: true);
                EndSheet(w);
            }
        }
        file.Position = 0;
        return file;
    }

    private static FileStream TempFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    private static XmlWriter StartSheet(Stream sheet)
    {
        var w = XmlWriter.Create(sheet, new XmlWriterSettings { CheckCharacters = false, Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(true);
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetData", Main);
        return w;
    }

    private static void EndSheet(XmlWriter w)
    {
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static string Sheet(Table table)
    {
        var xml = new StringBuilder();
        using (var w = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = false }))
        {
            w.WriteStartElement("worksheet", Main);
            w.WriteStartElement("sheetData", Main);
            for (var r = 0; r < table.Rows.Count; r++) WriteRow(w, r, table.Rows[r], emptyCells: false);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return xml.ToString();
    }

    private static void WriteRow(XmlWriter w, int r, object?[] cells, bool emptyCells)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", (r + 1).ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Length; c++)
        {
            var value = cells[c];
            if (value is null && !emptyCells) continue;
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture));
            if (value is null)
            {
                w.WriteEndElement();
                continue;
            }
            if (value is decimal or int or long)
            {
                w.WriteElementString("v", Main, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(XmlSafe(Neutralise(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "")));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Sheet names are at most 31 characters and exclude : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => ":\\/?*[]".Contains(ch) ? '_' : ch).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>XML 1.0 cannot carry most control characters, which a pasted form field may hold.</summary>
    private static string XmlSafe(string text) => new(text.Where(ch => ch is '\t' or '\n' or '\r' or >= ' ').ToArray());

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(content.Trim());
        stream.Write(bytes);
    }
}
