using Marten.Events;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using NodaTime;

namespace Ledger.Api.Tests.Certificates;

[Collection(nameof(CertificatesCollection))]
public sealed class IssuanceDeadlineTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>A holder employed in Taizhou since 2019: where 台应急〔2020〕5号 applies, in 2020.</summary>
    private async Task<Guid> TaizhouHolder()
    {
        var person = await Host.RegisterPerson();
        var (enterprise, _) = await Host.RegisterEnterprise("zj-taizhou");
        await Host.Hire(person, enterprise, new LocalDate(2019, 6, 1));
        return person;
    }

    [Fact]
    public async Task five_working_days_TZ_CRT_04_count_across_a_weekend_and_a_holiday()
    {
        var person = await TaizhouHolder();
        // Wed 2020-06-10 pass: Thu, Fri, Mon, Tue, Wed → the 5th working day is Wed 2020-06-17.
        var onTimeAcrossWeekend = await Host.IssueCertificate(person, passDate: new LocalDate(2020, 6, 10), issuedOn: new LocalDate(2020, 6, 17));
        var lateAcrossWeekend = await Host.IssueCertificate(person, passDate: new LocalDate(2020, 6, 10), issuedOn: new LocalDate(2020, 6, 18));
        // Wed 2020-09-30 pass: Oct 1–8 is the National Day holiday; Oct 9, the make-up Saturday Oct 10, Oct 12, 13, 14.
        var onTimeAcrossHoliday = await Host.IssueCertificate(person, passDate: new LocalDate(2020, 9, 30), issuedOn: new LocalDate(2020, 10, 14));
        var lateAcrossHoliday = await Host.IssueCertificate(person, passDate: new LocalDate(2020, 9, 30), issuedOn: new LocalDate(2020, 10, 15));

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
    public async Task the_taizhou_deadline_binds_only_where_and_when_its_document_applies_TZ_CRT_04()
    {
        // The same lateness outside Taizhou, and in Taizhou after its 2020 plan, is no breach of TZ-CRT-04.
        var elsewhere = await Host.RegisterPerson();
        var (hlj, _) = await Host.RegisterEnterprise("hlj");
        await Host.Hire(elsewhere, hlj, new LocalDate(2019, 6, 1));
        var lateInHeilongjiang = await Host.IssueCertificate(elsewhere, passDate: new LocalDate(2020, 6, 10), issuedOn: new LocalDate(2020, 6, 18));
        var lateInTaizhouIn2022 = await Host.IssueCertificate(await TaizhouHolder(), passDate: new LocalDate(2022, 6, 8), issuedOn: new LocalDate(2022, 6, 20));

        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var breached = (await Host.Get("/api/reports/issuance-deadline-breaches")).EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ToHashSet();
        breached.ShouldNotContain(lateInHeilongjiang);
        breached.ShouldNotContain(lateInTaizhouIn2022);
    }

    [Fact]
    public async Task a_review_completed_after_three_working_days_is_a_TZ_CRT_05_breach()
    {
        var person = await TaizhouHolder();
        var id = await Host.IssueCertificate(person, passDate: new LocalDate(2019, 6, 3), issuedOn: new LocalDate(2019, 6, 4));
        // Fri 2020-06-19 review pass: Jun 22, 23, 24 are the three working days; the Dragon Boat holiday Jun 25–27 follows, and Sunday
        // Jun 28 is a make-up workday, the fourth.
        await Host.Post($"/api/certificates/{id}/reviews", new { reviewedOn = "2020-06-28", passed = true, reviewPassDate = "2020-06-19", version = 1 }, 200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var breach = (await Host.Get("/api/reports/issuance-deadline-breaches")).EnumerateArray()
            .Single(b => b.GetProperty("id").GetGuid() == id);
        var review = breach.GetProperty("deadlineChecks").EnumerateArray().Single(c => c.GetProperty("step").GetString() == "review");
        review.GetProperty("ruleId").GetString().ShouldBe("TZ-CRT-05");
        review.GetProperty("workingDays").GetInt32().ShouldBe(4);
    }
}
