using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Ledger.Api.Imports;

namespace Ledger.Api.Tests.Properties;

/// <summary>The import reader against RFC 4180 text written from generated records, and against byte junk.</summary>
public sealed partial class CsvReaderPropertyTests
{
    private const int Iterations = 1000;

    // Separators, quotes and line ends where a reader goes wrong, formula and markup prefixes, and Chinese text.
    private static readonly Gen<char> FieldChar = Gen.OneOf(
        Gen.Char[",\"\r\n \t=+-@<>'"],
        Gen.Char['a', 'z'],
        Gen.Char['0', '9'],
        Gen.Char['\u4e00', '\u9fa5'],
        Gen.Char["张三天津市蓟州区（）、，"]);

    private static readonly Gen<string> Field = FieldChar.Array[0, 12].Select(a => new string(a));

    private static readonly Gen<string[][]> Records = Field.Array[1, 8].Array[1, 12];

    [Fact]
    public void records_written_with_rfc_4180_quoting_read_back_identically_on_the_line_they_start() =>
        Gen.Select(Records, Gen.Bool, Gen.Bool, Gen.Int[0, int.MaxValue]).Sample((records, crlf, finalNewline, quoteSeed) =>
        {
            var newline = crlf ? "\r\n" : "\n";
            var text = new StringBuilder();
            var starts = new List<int>();
            var random = new Random(quoteSeed);
            for (var r = 0; r < records.Length; r++)
            {
                starts.Add(text.Length);
                text.Append(string.Join(',', records[r].Select(f => Quote(f, records[r].Length == 1, random))));
                if (r < records.Length - 1 || finalNewline) text.Append(newline);
            }

            var read = ReadAll(Encoding.UTF8.GetBytes(text.ToString()));

            read.Count.ShouldBe(records.Length);
            for (var r = 0; r < records.Length; r++)
            {
                read[r].Error.ShouldBeNull();
                read[r].Fields.ShouldBe(records[r]);
                read[r].Line.ShouldBe(1 + LineBreak().Count(text.ToString(0, starts[r])));
            }
        }, iter: Iterations);

    // Quoting is required for separators, quotes and line ends, and for a lone empty field (else the line is
    // empty and skipped); elsewhere it is optional, so both spellings are exercised.
    private static string Quote(string field, bool alone, Random random) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (alone && field.Length == 0) || random.Next(4) == 0
            ? "\"" + field.Replace("\"", "\"\"") + "\""
            : field;

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex LineBreak();

    // Junk is either arbitrary bytes or bytes biased towards what the reader's state machine reacts to.
    private static readonly Gen<byte[]> Junk = Gen.OneOf(
        Gen.Byte.Array[0, 4000],
        Gen.OneOf(Gen.Byte[0x80, 0xFF], Gen.Byte[(byte)'"', (byte)'"'], Gen.Byte[(byte)',', (byte)','],
            Gen.Byte[(byte)'\r', (byte)'\r'], Gen.Byte[(byte)'\n', (byte)'\n'], Gen.Byte[0, 0x7F]).Array[0, 4000]);

    [Fact]
    public void byte_junk_never_throws_and_every_record_stays_within_the_readers_limits() =>
        Junk.Sample(bytes =>
        {
            var records = ReadAll(bytes);
            long previous = 0;
            foreach (var record in records)
            {
                record.Line.ShouldBeGreaterThan(previous);
                previous = record.Line;
                record.Fields.Length.ShouldBeInRange(1, CsvReader.MaxFields);
                record.Fields.Sum(f => f.Length).ShouldBeLessThanOrEqualTo(CsvReader.MaxRecordChars);
            }
        }, iter: Iterations);

    [Fact]
    public void an_unclosed_quote_or_an_overlong_record_is_reported_on_its_record_not_thrown()
    {
        var unclosed = ReadAll(Encoding.UTF8.GetBytes("a,b\n\"never closed," + new string('x', CsvReader.MaxRecordChars + 10)));
        unclosed.Count.ShouldBe(2);
        unclosed[0].Error.ShouldBeNull();
        unclosed[1].Error.ShouldNotBeNull();
        unclosed[1].Fields.Sum(f => f.Length).ShouldBeLessThanOrEqualTo(CsvReader.MaxRecordChars);
    }

    private static List<CsvRecord> ReadAll(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = new CsvReader(stream);
        var records = new List<CsvRecord>();
        while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } record) records.Add(record);
        return records;
    }
}
