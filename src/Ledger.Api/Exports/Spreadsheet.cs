using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Exports;

/// <summary>How a cell looks; the values are the indexes of the workbook's cellXfs.</summary>
public enum CellLook { Plain = 0, Header = 1, Title = 2, Date = 3, Money = 4, Percent = 5, Boxed = 6, Label = 7, Seal = 8, Month = 9, BoxedDate = 10, BoxedMoney = 11 }

/// <summary>A value with a look of its own (a form's boxes, a month, a ratio).</summary>
public sealed record Cell(object? Value, CellLook Look);

/// <summary>
/// A sheet's layout: column widths (characters), rows frozen at the top, the autofilter and print area ranges (A1 style,
/// absolute), merged ranges, row heights by 0-based row, and which 0-based row is the header (bold, shaded, boxed).
/// </summary>
public sealed record SheetLayout(IReadOnlyList<double>? Widths = null, int FrozenRows = 0, string? AutoFilter = null, string? PrintArea = null,
    bool Landscape = false, IReadOnlyList<string>? Merges = null, IReadOnlyDictionary<int, double>? RowHeights = null, int HeaderRow = -1);

/// <summary>
/// Workbooks Excel and LibreOffice open, written without a package library: inline strings, real date and amount cells, and,
/// for the files officials print, a layout (frozen header, print area, boxes).
/// </summary>
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
    private static void WriteFrame(ZipArchive zip, params string[] sheetNames) => WriteFrame(zip, sheetNames, new SheetLayout?[sheetNames.Length]);

    private static void WriteFrame(ZipArchive zip, string[] sheetNames, SheetLayout?[] layouts)
    {
        var sheets = sheetNames.Select((name, i) => (Name: name, Number: i + 1)).ToList();
        Part(zip, "[Content_Types].xml", Declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + string.Concat(sheets.Select(s => $"<Override PartName=\"/xl/worksheets/sheet{s.Number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "</Types>");
        Part(zip, "xl/styles.xml", Declaration + Styles);
        Part(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels", Declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + string.Concat(sheets.Select(s => $"<Relationship Id=\"rId{s.Number}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{s.Number}.xml\"/>"))
            + $"<Relationship Id=\"rId{sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
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
            // The print area is a workbook-level defined name bound to its sheet (Excel's _xlnm.Print_Area).
            var areas = layouts.Select((l, i) => (Area: l?.PrintArea, Index: i)).Where(a => a.Area is not null).ToList();
            if (areas.Count > 0)
            {
                w.WriteStartElement("definedNames", Main);
                foreach (var (area, index) in areas)
                {
                    w.WriteStartElement("definedName", Main);
                    w.WriteAttributeString("name", "_xlnm.Print_Area");
                    w.WriteAttributeString("localSheetId", index.ToString(CultureInfo.InvariantCulture));
                    w.WriteString($"'{SheetName(sheetNames[index]).Replace("'", "''", StringComparison.Ordinal)}'!{area}");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
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

    private static XmlWriter StartSheet(Stream sheet, SheetLayout? layout = null)
    {
        var w = XmlWriter.Create(sheet, new XmlWriterSettings { CheckCharacters = false, Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(true);
        w.WriteStartElement("worksheet", Main);
        WriteLayoutHead(w, layout);
        w.WriteStartElement("sheetData", Main);
        return w;
    }

    private static void EndSheet(XmlWriter w, SheetLayout? layout = null)
    {
        w.WriteEndElement();
        WriteLayoutTail(w, layout);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>
    /// A sheet laid out for reading and printing: the look of each cell, the frozen header, the print area (A4) and the
    /// merged boxes a form needs. Rows hold plain values (a <see cref="NodaTime.LocalDate"/> becomes a date cell, a decimal an
    /// amount) or <see cref="Cell"/>s with a look of their own.
    /// </summary>
    public static byte[] Write(params (string Name, SheetLayout Layout, IEnumerable<object?[]> Rows)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFrame(zip, [.. sheets.Select(s => s.Name)], [.. sheets.Select(s => (SheetLayout?)s.Layout)]);
            for (var i = 0; i < sheets.Length; i++)
            {
                using var sheet = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open();
                using var w = StartSheet(sheet, sheets[i].Layout);
                var r = 0;
                foreach (var row in sheets[i].Rows) WriteRow(w, r++, row, emptyCells: false, sheets[i].Layout);
                EndSheet(w, sheets[i].Layout);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The streamed workbook of <see cref="WriteToTempFileAsync(string, IAsyncEnumerable{object?[]})"/>, laid out.</summary>
    public static async Task<Stream> WriteToTempFileAsync(string sheetName, SheetLayout layout, IAsyncEnumerable<object?[]> rows)
    {
        var file = TempFile();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteFrame(zip, [sheetName], [layout]);
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var w = StartSheet(sheet, layout);
            var r = 0;
            await foreach (var row in rows) WriteRow(w, r++, row, emptyCells: false, layout);
            EndSheet(w, layout);
        }
        file.Position = 0;
        return file;
    }

    private static void WriteLayoutHead(XmlWriter w, SheetLayout? layout)
    {
        if (layout is null) return;
        if (layout.PrintArea is not null)
        {
            // Fit the print area to the page's width; as many pages down as it takes.
            w.WriteStartElement("sheetPr", Main);
            w.WriteStartElement("pageSetUpPr", Main);
            w.WriteAttributeString("fitToPage", "1");
            w.WriteEndElement();
            w.WriteEndElement();
        }
        if (layout.FrozenRows > 0)
        {
            var top = "A" + (layout.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
            w.WriteStartElement("sheetViews", Main);
            w.WriteStartElement("sheetView", Main);
            w.WriteAttributeString("workbookViewId", "0");
            w.WriteStartElement("pane", Main);
            w.WriteAttributeString("ySplit", layout.FrozenRows.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("topLeftCell", top);
            w.WriteAttributeString("activePane", "bottomLeft");
            w.WriteAttributeString("state", "frozen");
            w.WriteEndElement();
            w.WriteStartElement("selection", Main);
            w.WriteAttributeString("pane", "bottomLeft");
            w.WriteAttributeString("activeCell", top);
            w.WriteAttributeString("sqref", top);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        if (layout.Widths is { Count: > 0 } widths)
        {
            w.WriteStartElement("cols", Main);
            for (var i = 0; i < widths.Count; i++)
            {
                w.WriteStartElement("col", Main);
                w.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    private static void WriteLayoutTail(XmlWriter w, SheetLayout? layout)
    {
        if (layout is null) return;
        if (layout.AutoFilter is not null)
        {
            w.WriteStartElement("autoFilter", Main);
            w.WriteAttributeString("ref", layout.AutoFilter);
            w.WriteEndElement();
        }
        if (layout.Merges is { Count: > 0 } merges)
        {
            w.WriteStartElement("mergeCells", Main);
            w.WriteAttributeString("count", merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var merge in merges)
            {
                w.WriteStartElement("mergeCell", Main);
                w.WriteAttributeString("ref", merge);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("pageMargins", Main);
        foreach (var (name, value) in new[] { ("left", "0.5"), ("right", "0.5"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.3"), ("footer", "0.3") })
            w.WriteAttributeString(name, value);
        w.WriteEndElement();
        w.WriteStartElement("pageSetup", Main);
        w.WriteAttributeString("paperSize", "9"); // A4
        w.WriteAttributeString("orientation", layout.Landscape ? "landscape" : "portrait");
        w.WriteAttributeString("fitToWidth", "1");
        w.WriteAttributeString("fitToHeight", "0");
        w.WriteEndElement();
    }

    /// <summary>Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).</summary>
    public static int Serial(NodaTime.LocalDate date) => NodaTime.Period.DaysBetween(new NodaTime.LocalDate(1899, 12, 30), date);

    // The cellXfs of Styles, in CellLook's order.
    private const string Styles = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm"/></numFmts>
        <fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font></fonts>
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="12">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="bottom" wrapText="1"/></xf>
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>
        <xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;

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

    private static void WriteRow(XmlWriter w, int r, object?[] cells, bool emptyCells, SheetLayout? layout = null)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", (r + 1).ToString(CultureInfo.InvariantCulture));
        if (layout?.RowHeights is { } heights && heights.TryGetValue(r, out var height))
        {
            w.WriteAttributeString("ht", height.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("customHeight", "1");
        }
        for (var c = 0; c < cells.Length; c++)
        {
            var value = cells[c];
            CellLook? look = null;
            if (value is Cell cell) (value, look) = (cell.Value, cell.Look);
            if (layout is not null && look is null)
                look = r == layout.HeaderRow ? CellLook.Header : value switch
                {
                    NodaTime.LocalDate => CellLook.Date,
                    decimal => CellLook.Money,
                    _ => null,
                };
            if (value is null && !emptyCells && look is null) continue;
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture));
            if (look is { } l && l != CellLook.Plain) w.WriteAttributeString("s", ((int)l).ToString(CultureInfo.InvariantCulture));
            if (value is null)
            {
                w.WriteEndElement();
                continue;
            }
            if (value is NodaTime.LocalDate date)
            {
                w.WriteElementString("v", Main, Serial(date).ToString(CultureInfo.InvariantCulture));
            }
            else if (value is decimal or int or long)
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
