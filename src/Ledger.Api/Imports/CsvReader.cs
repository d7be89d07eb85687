using System.Text;

namespace Ledger.Api.Imports;

/// <summary>One CSV record: the file line it starts on (quoted fields may span lines), its fields, and what is malformed about it.</summary>
public sealed record CsvRecord(long Line, string[] Fields, string? Error);

/// <summary>
/// RFC 4180 reader (comma separated, double-quote quoting with doubled quotes inside, CRLF or LF line ends)
/// that holds one record at a time, so a file of any length reads in constant memory. Empty lines are skipped
/// but still counted, so <see cref="CsvRecord.Line"/> is the line an editor shows.
/// </summary>
public sealed class CsvReader : IDisposable
{
    /// <summary>An unclosed quote would otherwise swallow the rest of the file into one field.</summary>
    public const int MaxRecordChars = 64 * 1024;

    public const int MaxFields = 64;

    private readonly StreamReader _reader;
    private readonly char[] _buffer = new char[32 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _length;
    private int _position;
    private long _line = 1;
    private bool _skipLineFeed;

    // Invalid UTF-8 decodes to U+FFFD rather than throwing, so a badly encoded row is reported on its own line
    // (see ContainsInvalidText) instead of aborting the import at some buffer boundary.
    public CsvReader(Stream stream) =>
        _reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);

    public static bool ContainsInvalidText(string value) => value.Contains('\uFFFD');

    /// <summary>The next record, or null at the end of the input.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken ct)
    {
        _fields.Clear();
        _field.Clear();
        var start = _line;
        var any = false;
        var inQuotes = false;
        var quoteInQuotes = false;
        var afterClosingQuote = false;
        var chars = 0;
        string? error = null;

        while (true)
        {
            if (_position == _length)
            {
                _length = await _reader.ReadAsync(_buffer.AsMemory(), ct);
                _position = 0;
                if (_length == 0)
                {
                    if (!any) return null;
                    if (inQuotes && !quoteInQuotes) error ??= "a quoted field is not closed before the end of the file";
                    return Complete(start, error);
                }
            }

            var c = _buffer[_position++];
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (c == '\n') continue;
            }

            if (!any)
            {
                if (c is '\r' or '\n')
                {
                    // An empty line is no record; it still moves the line count.
                    _line++;
                    start = _line;
                    _skipLineFeed = c == '\r';
                    continue;
                }
                any = true;
            }

            if (++chars > MaxRecordChars) error ??= $"the record is longer than {MaxRecordChars} characters";

            if (quoteInQuotes)
            {
                quoteInQuotes = false;
                if (c == '"')
                {
                    Append('"', chars);
                    continue;
                }
                inQuotes = false;
                afterClosingQuote = true;
            }
            else if (inQuotes)
            {
                if (c == '"') quoteInQuotes = true;
                else
                {
                    if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
                    Append(c, chars);
                }
                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    afterClosingQuote = false;
                    break;
                case '\r' or '\n':
                    _line++;
                    _skipLineFeed = c == '\r';
                    return Complete(start, error);
                case '"' when _field.Length == 0 && !afterClosingQuote:
                    inQuotes = true;
                    break;
                case '"':
                    error ??= "a quote appears inside an unquoted field; quote the whole field and double the quote";
                    Append(c, chars);
                    break;
                default:
                    if (afterClosingQuote) error ??= "characters follow a closing quote; a quoted field must end at a comma or the line end";
                    Append(c, chars);
                    break;
            }
        }
    }

    // Only used inside quotes, where a lone CR is data; a CR at the buffer's end counts as a line of its own.
    private int Peek() => _position < _length ? _buffer[_position] : -1;

    private void Append(char c, int chars)
    {
        if (chars <= MaxRecordChars) _field.Append(c);
    }

    private void EndField()
    {
        if (_fields.Count < MaxFields) _fields.Add(_field.ToString());
        _field.Clear();
    }

    private CsvRecord Complete(long start, string? error)
    {
        EndField();
        if (_fields.Count >= MaxFields) error ??= $"the record has more than {MaxFields - 1} fields";
        return new CsvRecord(start, [.. _fields], error);
    }

    public void Dispose() => _reader.Dispose();
}
