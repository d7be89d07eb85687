using Marten.Events;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using NodaTime;

namespace Ledger.Api.Tests.Certificates;

[Collection(nameof(CertificatesCollection))]
public sealed class IssuanceDeadlineTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task five_working_days_TZ_CRT_04_count_across_a_weekend_and_a_holiday()
    {
        var person = await Host.RegisterPerson();
        // Wed 2026-01-14 pass: Thu, Fri, Mon, Tue, Wed → the 5th working day is Wed 2026-01-21.
        var onTimeAcrossWeekend = await Host.IssueCertificate(person, passDate: new LocalDate(2026, 1, 14), issuedOn: new LocalDate(2026, 1, 21));
        var lateAcrossWeekend = await Host.IssueCertificate(person, passDate: new LocalDate(2026, 1, 14), issuedOn: new LocalDate(2026, 1, 22));
        // Tue 2025-09-30 pass: Oct 1–8 is the National Day holiday; Oct 9, 10, the make-up Saturday Oct 11, Oct 13, Oct 14.
        var onTimeAcrossHoliday = await Host.IssueCertificate(person, passDate: new LocalDate(2025, 9, 30), issuedOn: new LocalDate(2025, 10, 14));
        var lateAcrossHoliday = await Host.IssueCertificate(person, passDate: new LocalDate(2025, 9, 30), issuedOn: new LocalDate(2025, 10, 15));

        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var breaches = (await Host.Get("/api/reports/issuance-deadline-breaches")).EnumerateArray().ToList();
        var breached = breaches.Select(b => b.GetProperty("id").GetGuid()).ToHashSet();

        breached.ShouldContain(lateAcrossWeekend);
        breached.ShouldContain(lateAcrossHoliday);
        breached.ShouldNotContain(onTimeAcrossWeekend);
        breached.ShouldNotContain(onTimeAcrossHoliday);
        var check = breaches.Single(b => b.GetProperty("id").GetGuid() == lateAcrossHoliday).GetProperty("deadlineChecks")[0];
        check.GetProperty("ruleId").GetString().ShouldBe("TZ-CRT-04");
        check.GetProperty("workingDays").GetInt32().ShouldBe(6);
        check.GetProperty("limit").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task a_review_completed_after_three_working_days_is_a_TZ_CRT_05_breach()
    {
        var person = await Host.RegisterPerson();
        var id = await Host.IssueCertificate(person, passDate: new LocalDate(2022, 6, 1), issuedOn: new LocalDate(2022, 6, 2));
        // Fri 2025-05-30 review pass; Dragon Boat holiday May 31–Jun 2; Jun 3, 4, 5 are the three working days.
        await Host.Post($"/api/certificates/{id}/reviews", new { reviewedOn = "2025-06-06", passed = true, reviewPassDate = "2025-05-30", version = 1 }, 200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var breach = (await Host.Get("/api/reports/issuance-deadline-breaches")).EnumerateArray()
            .Single(b => b.GetProperty("id").GetGuid() == id);
        var review = breach.GetProperty("deadlineChecks").EnumerateArray().Single(c => c.GetProperty("step").GetString() == "review");
        review.GetProperty("ruleId").GetString().ShouldBe("TZ-CRT-05");
        review.GetProperty("workingDays").GetInt32().ShouldBe(4);
    }
}
