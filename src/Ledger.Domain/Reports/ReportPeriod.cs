using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Ledger.Domain.Reports;

public enum PeriodKind
{
    Year,
    HalfYear,
    Quarter,
    Month,
    /// <summary>Any from/to range, for a report; calendars use the named kinds only.</summary>
    Range,
}

/// <summary>A reporting period, both ends inclusive, with the label bureaus write: 2026, 2026-H1, 2026-Q3, 2026-03.</summary>
public sealed partial record ReportPeriod(PeriodKind Kind, string Label, LocalDate From, LocalDate To)
{
    public static ReportPeriod Year(int year) => new(PeriodKind.Year, year.ToString("0000", CultureInfo.InvariantCulture), new(year, 1, 1), new(year, 12, 31));

    public static ReportPeriod Half(int year, int half) => new(PeriodKind.HalfYear, $"{year:0000}-H{half}",
        new(year, half == 1 ? 1 : 7, 1), half == 1 ? new(year, 6, 30) : new(year, 12, 31));

    public static ReportPeriod Quarter(int year, int quarter)
    {
        var from = new LocalDate(year, (quarter - 1) * 3 + 1, 1);
        return new(PeriodKind.Quarter, $"{year:0000}-Q{quarter}", from, from.PlusMonths(3).PlusDays(-1));
    }

    public static ReportPeriod Month(int year, int month)
    {
        var from = new LocalDate(year, month, 1);
        return new(PeriodKind.Month, $"{year:0000}-{month:00}", from, from.PlusMonths(1).PlusDays(-1));
    }

    public static ReportPeriod Range(LocalDate from, LocalDate to) => new(PeriodKind.Range, $"{from:uuuu-MM-dd}..{to:uuuu-MM-dd}", from, to);

    /// <summary>Years 2000–2099 only: the programmes start in 2020, and a typo such as 20226 should be refused, not read.</summary>
    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = null!;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2099) return false;
        if (m.Groups["half"].Success) period = Half(year, m.Groups["half"].Value[0] - '0');
        else if (m.Groups["quarter"].Success) period = Quarter(year, m.Groups["quarter"].Value[0] - '0');
        else if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return false;
            period = Month(year, month);
        }
        else period = Year(year);
        return true;
    }

    public const string Formats = "yyyy, yyyy-H1, yyyy-H2, yyyy-Q1…yyyy-Q4 or yyyy-MM";

    [GeneratedRegex(@"^(?<year>\d{4})(-(H(?<half>[12])|Q(?<quarter>[1-4])|(?<month>\d{2})))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
