using System.Collections.Frozen;
using Ledger.Domain.Policies;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Domain.Calendar;

/// <summary>
/// The mainland China working-day calendar (rules.md 6.11): Monday to Friday, minus statutory holidays,
/// plus the weekend make-up workdays (调休) the State Council General Office announces each year.
/// Outside <see cref="FirstYear"/>..<see cref="LastYear"/> no announcement is known, so every Monday to Friday
/// counts as a working day there; that overstates working days in any real year, so a caller that must be
/// exact (an SLA breach, a penalty) checks <see cref="Covers"/> first.
/// </summary>
public sealed class WorkingDayCalendar
{
    private const string ResourceFileName = "cn-working-calendar.json";

    private static readonly Lazy<WorkingDayCalendar> LazyDefault = new(() =>
    {
        using var json = ReferenceData.OpenEmbedded(ResourceFileName);
        return Load(json);
    });

    private readonly FrozenSet<LocalDate> _holidays;
    private readonly FrozenSet<LocalDate> _makeUpWorkdays;

    /// <param name="holidays">Announced days off; weekend days inside a holiday period may be listed or not.</param>
    /// <param name="makeUpWorkdays">Announced weekend days that are worked.</param>
    /// <param name="firstYear">First year whose announcement is included.</param>
    /// <param name="lastYear">Last year whose announcement is included.</param>
    public WorkingDayCalendar(
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate> makeUpWorkdays,
        int firstYear,
        int lastYear)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);
        if (firstYear > lastYear)
        {
            throw new ArgumentException($"Covered years {firstYear}..{lastYear} are empty.", nameof(lastYear));
        }

        FirstYear = firstYear;
        LastYear = lastYear;
        _holidays = holidays.ToFrozenSet();
        _makeUpWorkdays = makeUpWorkdays.ToFrozenSet();

        // A date outside the covered years would make Covers lie about that year.
        var outside = _holidays.Concat(_makeUpWorkdays).Where(d => !Covers(d)).Order().ToList();
        if (outside.Count > 0)
        {
            throw new ArgumentException(
                $"Dates outside the covered years {firstYear}..{lastYear}: {string.Join(", ", outside)}.");
        }

        var both = _holidays.Intersect(_makeUpWorkdays).Order().ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException($"Dates both holiday and make-up workday: {string.Join(", ", both)}.");
        }

        // A make-up workday on a weekday changes nothing, so it can only be a typo in the data.
        var weekdays = _makeUpWorkdays.Where(d => !IsWeekend(d)).Order().ToList();
        if (weekdays.Count > 0)
        {
            throw new ArgumentException($"Make-up workdays that are not weekend days: {string.Join(", ", weekdays)}.");
        }
    }

    /// <summary>The calendar embedded in this assembly, read once on first use.</summary>
    public static WorkingDayCalendar Default => LazyDefault.Value;

    public int FirstYear { get; }

    public int LastYear { get; }

    public bool Covers(LocalDate date) => date.Year >= FirstYear && date.Year <= LastYear;

    public bool IsWorkingDay(LocalDate date) =>
        _makeUpWorkdays.Contains(date) || (!_holidays.Contains(date) && !IsWeekend(date));

    /// <summary>
    /// The number of working days d with <paramref name="start"/> &lt; d &lt;= <paramref name="end"/>: the start day
    /// is not counted (Civil Code art. 201, rules.md 6.10). Zero when <paramref name="end"/> is not after <paramref name="start"/>.
    /// </summary>
    public int WorkingDaysBetween(LocalDate start, LocalDate end)
    {
        var count = 0;
        for (var day = start.PlusDays(1); day <= end; day = day.PlusDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>, so that
    /// <c>WorkingDaysBetween(start, result) == workingDays</c>. Zero returns <paramref name="start"/> itself.
    /// </summary>
    public LocalDate AddWorkingDays(LocalDate start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.PlusDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// Reads a calendar in the shape of the embedded <c>cn-working-calendar.json</c>: dates listed under their own
    /// calendar year, the year keys contiguous. Throws <see cref="InvalidDataException"/> on malformed data.
    /// </summary>
    public static WorkingDayCalendar Load(Stream json)
    {
        var file = ReferenceData.Read<CalendarFile>(json, "Working calendar");
        if (file.Years.Count == 0)
        {
            throw new InvalidDataException("Working calendar file lists no years.");
        }

        var holidays = new List<LocalDate>();
        var makeUpWorkdays = new List<LocalDate>();
        var years = new List<int>();
        foreach (var (key, entry) in file.Years)
        {
            if (!int.TryParse(key, out var year))
            {
                throw new InvalidDataException($"Working calendar year key '{key}' is not a year.");
            }

            if (entry is null)
            {
                throw new InvalidDataException($"Working calendar year {key} has no entry.");
            }

            years.Add(year);
            holidays.AddRange(ParseDates(entry.Holidays, year));
            makeUpWorkdays.AddRange(ParseDates(entry.MakeUpWorkdays, year));
        }

        years.Sort();
        // A gap would count as covered while holding no holidays at all.
        if (years[^1] - years[0] + 1 != years.Count)
        {
            throw new InvalidDataException($"Working calendar years must be contiguous: {string.Join(", ", years)}.");
        }

        try
        {
            return new WorkingDayCalendar(holidays, makeUpWorkdays, years[0], years[^1]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Working calendar data is inconsistent: {e.Message}", e);
        }
    }

    private static IEnumerable<LocalDate> ParseDates(IReadOnlyList<string> dates, int year)
    {
        foreach (var text in dates)
        {
            var result = LocalDatePattern.Iso.Parse(text);
            if (!result.Success)
            {
                throw new InvalidDataException($"Working calendar date '{text}' is not an ISO date (yyyy-MM-dd).");
            }

            if (result.Value.Year != year)
            {
                throw new InvalidDataException($"Working calendar date {text} is listed under year {year}.");
            }

            yield return result.Value;
        }
    }

    private static bool IsWeekend(LocalDate date) => date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    private sealed record CalendarFile(string Source, Dictionary<string, YearEntry?> Years);

    private sealed record YearEntry(IReadOnlyList<string> Holidays, IReadOnlyList<string> MakeUpWorkdays);
}
