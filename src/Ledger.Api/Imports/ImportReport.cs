namespace Ledger.Api.Imports;

/// <summary>
/// One problem with one row. <see cref="Row"/> is the file line the record starts on (the header is line 1);
/// messages never repeat an ID number, since reports are mailed around and pasted into tickets.
/// </summary>
public sealed record ImportError(long Row, string Field, string Message)
{
    /// <summary>The column's name in the templates (培训班编号, 身份证号码…).</summary>
    public string Column => ImportWording.ColumnZh(Field);

    /// <summary>The refusal in Chinese, for the import report page.</summary>
    public string Reason => ImportWording.ReasonZh(Message);
}

/// <summary>
/// Rows = Accepted + Skipped + Rejected. Skipped rows were already recorded (a re-import, or a repeat within
/// the file). Errors is capped at <see cref="ImportReport.MaxErrorsListed"/> entries; Rejected counts every rejected row.
/// </summary>
public sealed record ImportReport(int Rows, int Accepted, int Skipped, int Rejected, long EventsAppended, IReadOnlyList<ImportError> Errors, TimeSpan Elapsed)
{
    public const int MaxErrorsListed = 1000;

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Math.Round(Rows / Elapsed.TotalSeconds, 1) : 0;
}

public sealed class ImportOptions
{
    public const string Section = "Ledger:Imports";

    /// <summary>Bodies above this are refused with 413; 200 MB holds well over a million attendance rows.</summary>
    public long MaxBodyBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Rows per transaction: large enough to amortise round trips, small enough that a conflict retries little.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A workbook is unzipped in memory to be read, so its limit is lower than a CSV's; 50 MB holds some 400,000 rows.</summary>
    public long MaxWorkbookBytes { get; set; } = 50L * 1024 * 1024;
}

/// <summary>The header row is missing or does not name the expected columns; nothing was read past it.</summary>
public sealed class CsvHeaderException(IReadOnlyList<string> problems) : Exception("the CSV header row is missing or wrong")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

public static class ImportColumns
{
    public static readonly string[] Attendance =
        ["class_id", "session_id", "id_number", "hours", "face_checks", "face_passed", "face_provider", "late_entry_reason"];

    public static readonly string[] Certificates =
    [
        "certificate_number", "id_number", "name", "kind", "work_type", "industry", "exam_point", "exam_date", "pass_date", "issued_on",
        "issuing_authority", "valid_from", "valid_until",
    ];
}
