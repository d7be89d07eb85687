using System.Text;
using Ledger.Domain.Calendar;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Calendar;

// Rules: rules.md 6.11 (working days), 6.10 (the start day is not counted).
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Default;

    [Fact]
    public void default_calendar_covers_2020_to_2026()
    {
        Calendar.FirstYear.ShouldBe(2020);
        Calendar.LastYear.ShouldBe(2026);
        Calendar.Covers(new LocalDate(2020, 1, 1)).ShouldBeTrue();
        Calendar.Covers(new LocalDate(2026, 12, 31)).ShouldBeTrue();
        Calendar.Covers(new LocalDate(2019, 12, 31)).ShouldBeFalse();
        Calendar.Covers(new LocalDate(2027, 1, 1)).ShouldBeFalse();
    }

    [Fact]
    public void a_deadline_across_a_plain_weekend_skips_saturday_and_sunday()
    {
        var friday = new LocalDate(2025, 3, 14);

        Calendar.AddWorkingDays(friday, 1).ShouldBe(new LocalDate(2025, 3, 17));
        Calendar.AddWorkingDays(friday, 3).ShouldBe(new LocalDate(2025, 3, 19));
        Calendar.WorkingDaysBetween(friday, new LocalDate(2025, 3, 17)).ShouldBe(1);
    }

    [Fact]
    public void a_deadline_across_national_day_2025_skips_the_holiday_and_counts_the_make_up_saturday()
    {
        var passed = new LocalDate(2025, 9, 30);

        // Oct 1-8 off; Oct 9 (Thu), 10 (Fri), 11 (make-up Sat), 13 (Mon), 14 (Tue).
        Calendar.AddWorkingDays(passed, 5).ShouldBe(new LocalDate(2025, 10, 14));
        Calendar.WorkingDaysBetween(passed, new LocalDate(2025, 10, 14)).ShouldBe(5);
    }

    [Theory]
    [InlineData("2024-02-04")]   // Sunday before Spring Festival 2024
    [InlineData("2024-02-18")]   // Sunday after it
    [InlineData("2025-01-26")]
    [InlineData("2025-02-08")]
    [InlineData("2025-09-28")]
    [InlineData("2025-10-11")]
    [InlineData("2026-01-04")]
    [InlineData("2026-02-14")]
    [InlineData("2026-02-28")]
    [InlineData("2026-05-09")]
    [InlineData("2026-09-20")]
    [InlineData("2026-10-10")]
    public void make_up_weekend_days_are_working_days(string date) =>
        Calendar.IsWorkingDay(Date(date)).ShouldBeTrue();

    [Theory]
    [InlineData("2020-01-31")]   // Friday added by the 2020 Spring Festival extension
    [InlineData("2020-02-01")]   // Saturday: announced as a make-up day, then cancelled by the extension
    [InlineData("2024-02-12")]
    [InlineData("2025-01-28")]
    [InlineData("2025-02-04")]
    [InlineData("2025-05-05")]
    [InlineData("2025-10-08")]
    [InlineData("2026-01-02")]
    [InlineData("2026-02-23")]
    [InlineData("2026-06-19")]
    [InlineData("2026-09-25")]
    [InlineData("2026-10-07")]
    public void statutory_holidays_on_weekdays_are_not_working_days(string date) =>
        Calendar.IsWorkingDay(Date(date)).ShouldBeFalse();

    [Theory]
    [InlineData("2024-02-09")]   // New Year's Eve 2024 was not part of the holiday
    [InlineData("2020-02-03")]   // first day back after the extended 2020 Spring Festival
    [InlineData("2025-03-14")]
    public void ordinary_weekdays_are_working_days(string date) =>
        Calendar.IsWorkingDay(Date(date)).ShouldBeTrue();

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    public void yearly_working_day_totals_match_the_published_counts(int year, int expected) =>
        Calendar.WorkingDaysBetween(new LocalDate(year - 1, 12, 31), new LocalDate(year, 12, 31)).ShouldBe(expected);

    [Fact]
    public void the_start_day_is_not_counted()
    {
        var monday = new LocalDate(2025, 3, 10);

        Calendar.WorkingDaysBetween(monday, monday).ShouldBe(0);
        Calendar.WorkingDaysBetween(monday, monday.PlusDays(1)).ShouldBe(1);
        Calendar.WorkingDaysBetween(monday.PlusDays(-1), monday).ShouldBe(1);
    }

    [Fact]
    public void an_end_before_the_start_counts_nothing() =>
        Calendar.WorkingDaysBetween(new LocalDate(2025, 3, 10), new LocalDate(2025, 3, 1)).ShouldBe(0);

    [Fact]
    public void adding_zero_working_days_returns_the_start_even_on_a_holiday()
    {
        var holiday = new LocalDate(2025, 10, 1);

        Calendar.AddWorkingDays(holiday, 0).ShouldBe(holiday);
    }

    [Fact]
    public void adding_negative_working_days_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(new LocalDate(2025, 3, 10), -1));

    [Fact]
    public void add_working_days_is_the_first_day_reaching_the_count()
    {
        for (var start = new LocalDate(2020, 1, 1); start.Year <= 2026; start = start.PlusDays(17))
        {
            foreach (var n in new[] { 1, 3, 5, 20 })
            {
                var due = Calendar.AddWorkingDays(start, n);

                Calendar.WorkingDaysBetween(start, due).ShouldBe(n, $"start {start}, n {n}");
                Calendar.IsWorkingDay(due).ShouldBeTrue($"start {start}, n {n}");
            }
        }
    }

    [Fact]
    public void outside_the_covered_years_only_weekends_are_days_off()
    {
        // New Year's Day 2027 is a holiday in reality; the fallback knows no announcement for it.
        Calendar.IsWorkingDay(new LocalDate(2027, 1, 1)).ShouldBeTrue();
        Calendar.IsWorkingDay(new LocalDate(2027, 1, 2)).ShouldBeFalse();
        Calendar.IsWorkingDay(new LocalDate(2019, 10, 1)).ShouldBeTrue();
        Calendar.AddWorkingDays(new LocalDate(2026, 12, 31), 1).ShouldBe(new LocalDate(2027, 1, 1));
    }

    [Fact]
    public void a_custom_calendar_applies_its_own_holidays_and_make_up_days()
    {
        var calendar = new WorkingDayCalendar(
            holidays: [new LocalDate(2030, 5, 1)],
            makeUpWorkdays: [new LocalDate(2030, 5, 4)],
            firstYear: 2030,
            lastYear: 2030);

        calendar.IsWorkingDay(new LocalDate(2030, 5, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(new LocalDate(2030, 5, 4)).ShouldBeTrue();
        calendar.Covers(new LocalDate(2030, 6, 1)).ShouldBeTrue();
        calendar.Covers(new LocalDate(2031, 1, 1)).ShouldBeFalse();
    }

    [Fact]
    public void constructor_refuses_a_date_that_is_both_holiday_and_make_up_day() =>
        Should.Throw<ArgumentException>(() => new WorkingDayCalendar(
            [new LocalDate(2030, 5, 4)], [new LocalDate(2030, 5, 4)], 2030, 2030));

    [Fact]
    public void constructor_refuses_a_make_up_day_on_a_weekday() =>
        Should.Throw<ArgumentException>(() => new WorkingDayCalendar(
            [], [new LocalDate(2030, 5, 6)], 2030, 2030));

    [Fact]
    public void constructor_refuses_dates_outside_the_covered_years() =>
        Should.Throw<ArgumentException>(() => new WorkingDayCalendar(
            [new LocalDate(2031, 1, 1)], [], 2030, 2030));

    [Fact]
    public void constructor_refuses_an_empty_year_range() =>
        Should.Throw<ArgumentException>(() => new WorkingDayCalendar([], [], 2031, 2030));

    [Fact]
    public void load_reads_the_embedded_shape()
    {
        var calendar = Load("""
            { "source": "test", "years": {
              "2030": { "holidays": ["2030-05-01"], "makeUpWorkdays": ["2030-05-04"] },
              "2031": { "holidays": [], "makeUpWorkdays": [] } } }
            """);

        calendar.FirstYear.ShouldBe(2030);
        calendar.LastYear.ShouldBe(2031);
        calendar.IsWorkingDay(new LocalDate(2030, 5, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(new LocalDate(2030, 5, 4)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": [], "makeUpWorkdays": [] }, "2032": { "holidays": [], "makeUpWorkdays": [] } } }""", "contiguous")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": ["2031-01-01"], "makeUpWorkdays": [] } } }""", "listed under year 2030")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": ["2030-02-30"], "makeUpWorkdays": [] } } }""", "not an ISO date")]
    [InlineData("""{ "source": "t", "years": { "203x": { "holidays": [], "makeUpWorkdays": [] } } }""", "not a year")]
    [InlineData("""{ "source": "t", "years": { "2030": null } }""", "no entry")]
    [InlineData("""{ "source": "t", "years": { } }""", "no years")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": [], "makeUpWorkdays": ["2030-05-06"] } } }""", "not weekend days")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": [] } } }""", "malformed")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": [], "makeUpWorkday": [] } } }""", "malformed")]
    [InlineData("""{ "years": { "2030": { "holidays": [], "makeUpWorkdays": [] } } }""", "malformed")]
    [InlineData("""{ "source": "t", "years": """, "malformed")]
    [InlineData("""{ "source": "t", "years": { "2030": { "holidays": [], "makeUpWorkdays": [] }, "2030": { "holidays": [], "makeUpWorkdays": [] } } }""", "malformed")]
    public void load_refuses_malformed_data(string json, string expected) =>
        Should.Throw<InvalidDataException>(() => Load(json)).Message.ShouldContain(expected);

    private static WorkingDayCalendar Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return WorkingDayCalendar.Load(stream);
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();
}
