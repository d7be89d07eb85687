using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Alba;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Claims;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Ledger.Api.Tests.Claims;

[Collection(nameof(ClaimReportsCollection))]
public sealed class ClaimReportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly LocalDate April = new(2021, 4, 10);
    private static readonly LocalDate May = new(2021, 5, 12);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
    }

    private Task Settled() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task the_payout_ledger_totals_equal_the_sums_over_the_claim_events()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var (other, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var a1 = await Host.Trainee(training, enterprise, "张三");
        var a2 = await Host.Trainee(training, enterprise, "李四");
        var b1 = await Host.Trainee(training, enterprise, "王五");
        var c1 = await Host.Trainee(training, other, "赵六");

        // Two claims in April for one enterprise and institution: one reconciled, then partly clawed back and repaid; one paid only.
        var a = await Host.PaidClaim(enterprise, training, [a1, a2], April, "HLJ-PAY-0001");
        await Host.At(new LocalDate(2021, 6, 1)).Act($"/api/claims/{a}/clawbacks", new { lineNos = new[] { 2 }, reason = "employment not proven", ruleIds = new[] { "FR-08" }, on = "2021-06-01", version = 6 },
            ClaimActors.Reconciler);
        await Host.At(new LocalDate(2021, 6, 20)).Act($"/api/claims/{a}/clawback-repayments", new { amount = 400m, reference = "REPAY-1", on = "2021-06-20", version = 7 }, ClaimActors.Reconciler);
        await Host.PaidClaim(enterprise, training, [b1], April.PlusDays(3), "HLJ-PAY-0002", reconcile: false);
        // A May claim of another enterprise, asking more than it is entitled to and still waiting.
        await Host.SubmitClaim(other, training, [c1], May, requestedAmount: 1500m);
        await Settled();

        var ledger = await Host.Get("/api/reports/payout-ledger?from=2021-04&to=2021-05&jurisdiction=hlj");
        var rows = ledger.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(2);
        rows[0].GetProperty("month").GetString().ShouldBe("2021-04");
        rows[0].GetProperty("claims").GetInt32().ShouldBe(2);
        rows[0].GetProperty("lines").GetInt32().ShouldBe(3);
        rows[1].GetProperty("month").GetString().ShouldBe("2021-05");

        // The same figures straight from the event store.
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var submitted = await session.Events.QueryRawEventDataOnly<ClaimSubmitted>().ToListAsync();
        var approved = await session.Events.QueryRawEventDataOnly<ClaimApproved>().ToListAsync();
        var disbursed = await session.Events.QueryRawEventDataOnly<SubsidyDisbursed>().ToListAsync();
        var reconciled = await session.Events.QueryRawEventDataOnly<DisbursementReconciled>().ToListAsync();
        var clawbacks = await session.Events.QueryRawEventDataOnly<ClawbackOrdered>().ToListAsync();
        var repaid = await session.Events.QueryRawEventDataOnly<ClawbackRepaid>().ToListAsync();
        var totals = ledger.GetProperty("totals");
        totals.GetProperty("claims").GetInt32().ShouldBe(submitted.Count);
        totals.GetProperty("lines").GetInt32().ShouldBe(submitted.Sum(s => s.Lines.Count));
        totals.GetProperty("requested").GetDecimal().ShouldBe(submitted.Sum(s => s.RequestedAmount));
        totals.GetProperty("entitled").GetDecimal().ShouldBe(submitted.Sum(s => s.Lines.Sum(l => l.EntitledAmount)));
        totals.GetProperty("approved").GetDecimal().ShouldBe(approved.Sum(e => e.ApprovedAmount));
        totals.GetProperty("approvedLines").GetInt32().ShouldBe(approved.Sum(e => e.Lines.Count(l => l.Approved)));
        totals.GetProperty("disbursed").GetDecimal().ShouldBe(disbursed.Sum(e => e.Amount));
        totals.GetProperty("reconciled").GetDecimal().ShouldBe(disbursed.Where(d => reconciled.Any(r => r.ClaimId == d.ClaimId)).Sum(d => d.Amount));
        totals.GetProperty("clawedBack").GetDecimal().ShouldBe(clawbacks.Sum(e => e.Amount));
        totals.GetProperty("repaid").GetDecimal().ShouldBe(repaid.Sum(e => e.Amount));
        // And the figures themselves, so a wrong scenario cannot make both sides agree on nothing.
        totals.GetProperty("requested").GetDecimal().ShouldBe(4500m);
        totals.GetProperty("entitled").GetDecimal().ShouldBe(4000m);
        totals.GetProperty("approved").GetDecimal().ShouldBe(3000m);
        totals.GetProperty("disbursed").GetDecimal().ShouldBe(3000m);
        totals.GetProperty("reconciled").GetDecimal().ShouldBe(2000m);
        totals.GetProperty("clawedBack").GetDecimal().ShouldBe(1000m);
        totals.GetProperty("repaid").GetDecimal().ShouldBe(400m);

        // Each row against its own claims' events.
        foreach (var row in rows)
        {
            var ids = submitted.Where(s => $"{s.ApplicationDate:uuuu-MM}" == row.GetProperty("month").GetString()).Select(s => s.ClaimId).ToHashSet();
            row.GetProperty("disbursed").GetDecimal().ShouldBe(disbursed.Where(d => ids.Contains(d.ClaimId)).Sum(d => d.Amount));
            row.GetProperty("approved").GetDecimal().ShouldBe(approved.Where(d => ids.Contains(d.ClaimId)).Sum(d => d.ApprovedAmount));
        }

        // A province includes the bureaus under it; another province sees nothing; a month range can exclude rows.
        (await Host.Get("/api/reports/payout-ledger?from=2021-04&to=2021-05&jurisdiction=cn")).GetProperty("rows").GetArrayLength().ShouldBe(2);
        (await Host.Get("/api/reports/payout-ledger?from=2021-04&to=2021-05&jurisdiction=zj-taizhou")).GetProperty("rows").GetArrayLength().ShouldBe(0);
        (await Host.Get("/api/reports/payout-ledger?from=2021-05&to=2021-05")).GetProperty("totals").GetProperty("claims").GetInt32().ShouldBe(1);
        await Host.Get("/api/reports/payout-ledger?from=2021-13&to=2021-05", 400);
        await Host.Get("/api/reports/payout-ledger?from=2021-04&to=2021-05&jurisdiction=atlantis", 400);

        // The same ledger as CSV and XLSX.
        var csv = await Text("/api/reports/payout-ledger.csv?from=2021-04&to=2021-05&jurisdiction=hlj");
        var csvRows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csvRows.Length.ShouldBe(4);
        csvRows[1].ShouldStartWith("2021-04,hlj,");
        csvRows[1].ShouldEndWith(",3000.00,3000.00,3000.00,3000.00,2000.00,1000.00,400.00");
        var sheet = await Sheet("/api/reports/payout-ledger.xlsx?from=2021-04&to=2021-05&jurisdiction=hlj");
        DateTime.FromOADate(double.Parse(sheet["A2"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(new DateTime(2021, 4, 1)); // the month, a date cell
        decimal.Parse(sheet["N2"]).ShouldBe(3000m);
        decimal.Parse(sheet["N4"]).ShouldBe(3000m);
        decimal.Parse(sheet["K4"]).ShouldBe(4500m);
    }

    [Fact]
    public async Task the_review_queue_lists_open_claims_with_their_flags_high_first()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var clean = await Host.Trainee(training, enterprise, "张三");
        var paid = await Host.Trainee(training, enterprise, "李四");
        var flagged = await Host.Trainee(training, enterprise, "王五");

        await Host.PaidClaim(enterprise, training, [paid], April, "HLJ-PAY-0003");
        var quiet = await Host.SubmitClaim(enterprise, training, [clean], April);
        await Host.Attest(quiet, April.PlusDays(1));
        // An unknown certificate number blocks its line (FR-03, high); the amount asked then exceeds the entitlement (FR-12, medium).
        var noisy = await Host.SubmitClaim(enterprise, training, [flagged], May, extraLines: [("钱七", TestIds.NewIdNumber(), "T9999999")]);

        var queue = (await Host.Get("/api/claims/review-queue?jurisdiction=hlj")).EnumerateArray().ToList();
        queue.Select(c => c.GetProperty("claimId").GetGuid()).ShouldBe([noisy, quiet]);
        var first = queue[0];
        first.GetProperty("stage").GetString().ShouldBe("submitted");
        first.GetProperty("blockingFindings").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        first.GetProperty("nonBlockingFindings").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var severities = first.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("severity").GetString()).ToList();
        severities[0].ShouldBe("high");
        severities.ShouldContain("medium");
        severities.SkipWhile(s => s == "high").ShouldNotContain("high");
        var fr03 = first.GetProperty("flags").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == "FR-03");
        fr03.GetProperty("lineNo").GetInt32().ShouldBe(2);
        fr03.GetProperty("blocking").GetBoolean().ShouldBeTrue();
        queue[1].GetProperty("stage").GetString().ShouldBe("attested");

        (await Host.Get("/api/claims/review-queue?stage=attested")).EnumerateArray().Select(c => c.GetProperty("claimId").GetGuid()).ShouldBe([quiet]);
        (await Host.Get("/api/claims/review-queue?jurisdiction=zj")).GetArrayLength().ShouldBe(0);
        await Host.Get("/api/claims/review-queue?stage=disbursed", 400);
    }

    [Fact]
    public async Task revoking_a_paid_certificate_flags_the_claim_line_once_and_queues_a_clawback()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var revoked = await Host.Trainee(training, enterprise, "张三");
        var suspended = await Host.Trainee(training, enterprise, "李四");
        var claimId = await Host.PaidClaim(enterprise, training, [revoked, suspended], April, "HLJ-PAY-0004");
        // An open claim naming the suspended certificate's holder is flagged too, without talk of clawback.
        var open = await Host.Trainee(training, enterprise, "王五");
        var openClaim = await Host.SubmitClaim(enterprise, training, [open], May);

        Host.On(new LocalDate(2021, 7, 3));
        await Host.Post($"/api/certificates/{revoked.CertificateId}/revocations",
            new { on = "2021-07-01", ground = "deception", reason = "obtained by deception", legalBasis = "Order 30 art. 40", version = 1 }, 200);
        await Host.Post($"/api/certificates/{suspended.CertificateId}/suspensions",
            new { from = "2021-07-02", reason = "accident investigation", legalBasis = "Order 30 art. 39", version = 1 }, 200);
        await Host.Post($"/api/certificates/{open.CertificateId}/suspensions", new { from = "2021-07-03", reason = "investigation", version = 1 }, 200);
        await Settled();

        var claim = await Host.Get($"/api/claims/{claimId}");
        var line1 = claim.GetProperty("lines")[0].GetProperty("laterFindings").EnumerateArray().Single();
        line1.GetProperty("ruleId").GetString().ShouldBe("FR-04");
        line1.GetProperty("severity").GetString().ShouldBe("high");
        line1.GetProperty("blocking").GetBoolean().ShouldBeFalse();
        line1.GetProperty("evidence").GetString()!.ShouldContain("2021-07-01");
        line1.GetProperty("evidence").GetString()!.ShouldContain("obtained by deception");
        line1.GetProperty("evidence").GetString()!.ShouldContain("clawback is due");
        var line2 = claim.GetProperty("lines")[1].GetProperty("laterFindings").EnumerateArray().Single();
        line2.GetProperty("ruleId").GetString().ShouldBe("FR-03");
        line2.GetProperty("evidence").GetString()!.ShouldContain("suspended from 2021-07-02");
        var history = (await Host.Get($"/api/claims/{claimId}/history")).GetProperty("events").EnumerateArray().ToList();
        var flagged = history.Last();
        flagged.GetProperty("type").GetString().ShouldBe("claim_line_flagged");
        flagged.GetProperty("businessDate").GetString().ShouldBe("2021-07-02");

        var openLine = (await Host.Get($"/api/claims/{openClaim}")).GetProperty("lines")[0].GetProperty("laterFindings").EnumerateArray().Single();
        openLine.GetProperty("ruleId").GetString().ShouldBe("FR-03");
        openLine.GetProperty("evidence").GetString()!.ShouldNotContain("clawback");
        var queued = (await Host.Get("/api/claims/review-queue")).EnumerateArray().Single();
        queued.GetProperty("flags").EnumerateArray().ShouldContain(f => f.GetProperty("ruleId").GetString() == "FR-03" && f.GetProperty("lineNo").GetInt32() == 1);

        var clawbacks = (await Host.Get("/api/claims/clawback-queue?jurisdiction=hlj")).EnumerateArray().ToList();
        clawbacks.Select(c => (c.GetProperty("claimId").GetGuid(), c.GetProperty("lineNo").GetInt32())).ShouldBe([(claimId, 1), (claimId, 2)]);
        clawbacks[0].GetProperty("paidAmount").GetDecimal().ShouldBe(1000m);

        // Replaying the certificate events from the start flags nothing twice.
        var daemon = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAllAsync();
        await using (var connection = new NpgsqlConnection(AppFixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"delete from {Fixture.Schema}.mt_event_progression where name like 'ClaimRecheck%'", connection);
            (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
        }
        await daemon.StartAllAsync();
        await Settled();
        var again = await Host.Get($"/api/claims/{claimId}");
        again.GetProperty("version").GetInt64().ShouldBe(claim.GetProperty("version").GetInt64());
        again.GetProperty("lines")[0].GetProperty("laterFindings").GetArrayLength().ShouldBe(1);

        // Once a clawback covers a line, it leaves the recovery list.
        await Host.At(new LocalDate(2021, 7, 10)).Act($"/api/claims/{claimId}/clawbacks", new
        {
            lineNos = new[] { 1 }, reason = "certificate revoked", ruleIds = new[] { "FR-04" }, on = "2021-07-10", version = claim.GetProperty("version").GetInt64(),
        }, ClaimActors.Reconciler);
        (await Host.Get("/api/claims/clawback-queue")).EnumerateArray().Select(c => c.GetProperty("lineNo").GetInt32()).ShouldBe([2]);
    }

    [Fact]
    public async Task a_certificate_entered_twice_under_two_numbers_is_stopped_before_payment_FR_01()
    {
        // FR-01's fuzzy key: the same person, work type and issue date under another certificate record is the same subsidy event.
        var (first, _) = await Host.RegisterEnterprise("hlj");
        var (second, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var person = await Host.Trainee(training, first, "张三");
        var twinNumber = TestIds.NewCertificateNumber();
        var issued = training.Until.PlusDays(20);
        var twin = await Host.IssueCertificate(person.PersonId, twinNumber, ClaimScenarios.WorkType, issued.PlusDays(-2), issued);
        await Host.Hire(person.PersonId, second, new LocalDate(2021, 3, 10), await Host.Version(person.PersonId), ClaimScenarios.WorkType);
        var one = await Host.PaidClaim(first, training, [person], new LocalDate(2021, 4, 10), "HLJ-PAY-0301");

        var two = await Host.SubmitClaim(second, training, [person with { CertificateId = twin, CertificateNumber = twinNumber }], new LocalDate(2021, 5, 12));
        var line = (await Host.Get($"/api/claims/{two}")).GetProperty("lines")[0].GetProperty("line");
        line.GetProperty("status").GetString().ShouldBe("duplicate");
        line.GetProperty("entitledAmount").GetDecimal().ShouldBe(0m);
        line.GetProperty("heldByClaim").GetGuid().ShouldBe(one);
        line.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "FR-01").GetProperty("evidence").GetString()!
            .ShouldContain(person.CertificateNumber);
    }

    [Fact]
    public async Task double_payments_are_reported_with_their_evidence_across_enterprises()
    {
        // The same person certified twice for the same work type on the same day, under two numbers, paid by two enterprises.
        var (first, second, _, _, one, two) = await Host.PlantDoublePayment();

        var report = await Host.Get("/api/reports/double-payments?from=2021-04-01&to=2021-06-30&maxPersons=1");
        report.GetProperty("paidLines").GetInt32().ShouldBe(3);
        var group = report.GetProperty("groups").EnumerateArray().Single();
        group.GetProperty("ruleId").GetString().ShouldBe("FR-01");
        group.GetProperty("totalPaid").GetDecimal().ShouldBe(2000m);
        var lines = group.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("claimId").GetGuid()).ShouldBe([one, two]);
        lines.Select(l => l.GetProperty("lineNo").GetInt32()).ShouldBe([1, 1]);
        lines.Select(l => l.GetProperty("enterpriseId").GetGuid()).ShouldBe([first, second]);
        lines.Select(l => l.GetProperty("paymentReference").GetString()).ShouldBe(["HLJ-PAY-0101", "HLJ-PAY-0102"]);
        lines.Select(l => l.GetProperty("paidOn").GetString()).ShouldBe(["2021-04-25", "2021-05-27"]);
        lines.ShouldAllBe(l => l.GetProperty("jurisdiction").GetString() == "hlj" && l.GetProperty("amount").GetDecimal() == 1000m);
        lines[0].GetProperty("idNumberMasked").GetString()!.ShouldContain("*");

        var account = report.GetProperty("sharedAccounts").EnumerateArray().Single();
        account.GetProperty("payeeAccountMasked").GetString().ShouldBe("************2222");
        account.GetProperty("persons").GetInt32().ShouldBe(2);
        account.GetProperty("enterprises").GetInt32().ShouldBe(2);
        // With the default threshold of 20 persons, two are not suspicious; a period that holds one payment has no pair.
        (await Host.Get("/api/reports/double-payments?from=2021-04-01&to=2021-06-30")).GetProperty("sharedAccounts").GetArrayLength().ShouldBe(0);
        (await Host.Get("/api/reports/double-payments?from=2021-04-01&to=2021-04-30")).GetProperty("groups").GetArrayLength().ShouldBe(0);
        await Host.Get("/api/reports/double-payments?from=2021-04-31&to=2021-06-30", 400);
    }

    [Fact]
    public async Task the_person_file_lists_the_persons_claim_lines_as_of_an_instant()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var person = await Host.Trainee(training, enterprise, "张三");
        var claimId = await Host.SubmitClaim(enterprise, training, [person], April);
        await Task.Delay(50);
        var beforeDecision = SystemClock.Instance.GetCurrentInstant();
        await Task.Delay(50);
        await Host.Attest(claimId, April.PlusDays(2));
        await Host.Verify(claimId, April.PlusDays(5));
        await Host.Approve(claimId, April.PlusDays(10), 1);
        await Host.Disburse(claimId, 1000m, April.PlusDays(15), "HLJ-PAY-0201");

        var file = await Host.Get($"/api/persons/{person.PersonId}");
        var line = file.GetProperty("subsidyClaims").EnumerateArray().Single();
        line.GetProperty("claimId").GetGuid().ShouldBe(claimId);
        line.GetProperty("jurisdiction").GetString().ShouldBe("hlj");
        line.GetProperty("enterpriseId").GetGuid().ShouldBe(enterprise);
        line.GetProperty("kind").GetString().ShouldBe("special-operation-initial");
        line.GetProperty("cycle").GetString().ShouldBe("initial");
        line.GetProperty("status").GetString().ShouldBe("eligible");
        line.GetProperty("stage").GetString().ShouldBe("disbursed");
        line.GetProperty("entitledAmount").GetDecimal().ShouldBe(1000m);
        line.GetProperty("approvedAmount").GetDecimal().ShouldBe(1000m);
        line.GetProperty("paidAmount").GetDecimal().ShouldBe(1000m);

        var then = await Host.Get($"/api/persons/{person.PersonId}?asOf={InstantPattern.ExtendedIso.Format(beforeDecision)}");
        var thenLine = then.GetProperty("subsidyClaims").EnumerateArray().Single();
        thenLine.GetProperty("stage").GetString().ShouldBe("submitted");
        thenLine.GetProperty("paidAmount").GetDecimal().ShouldBe(0m);
        thenLine.GetProperty("approvedAmount").ValueKind.ShouldBe(JsonValueKind.Null);

        var beforeClaim = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).Minus(Duration.FromDays(1));
        var earlier = await Host.Get($"/api/persons/{person.PersonId}?asOf={InstantPattern.ExtendedIso.Format(beforeClaim)}", 404);
        earlier.ValueKind.ShouldBe(JsonValueKind.Object);

        // Another person's file does not show this claim.
        var stranger = await Host.RegisterPerson();
        (await Host.Get($"/api/persons/{stranger}")).GetProperty("subsidyClaims").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task the_audit_form_exports_as_csv_and_xlsx_with_masked_ids_and_no_formulas()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var person = await Host.Trainee(training, enterprise, "张三");
        var claimId = await Host.SubmitClaim(enterprise, training, [person], April, handlerName: "=HYPERLINK(\"http://x\",\"赵\")");
        await Host.Attest(claimId, April.PlusDays(2));
        await Host.Verify(claimId, April.PlusDays(5));
        await Host.Approve(claimId, April.PlusDays(10), 1);

        var bytes = await Bytes($"/api/claims/{claimId}/export.csv");
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        csv.ShouldContain("1 申请企业名称,企业");
        csv.ShouldContain("5 经办人姓名,\"'=HYPERLINK(\"\"http://x\"\",\"\"赵\"\")\"\r\n");
        csv.ShouldContain("6 经办人手机,139****1111");
        csv.ShouldNotContain(person.IdNumber);
        var roster = csv.Split("\r\n").Single(l => l.StartsWith("1,张三,", StringComparison.Ordinal));
        roster.ShouldContain(person.IdNumber[..3] + "***********" + person.IdNumber[^4..]);
        roster.ShouldContain(person.CertificateNumber);
        // Names, not codes (issue 15): the work type as the national catalogue names it, the status and decision in Chinese.
        roster.ShouldContain(",低压电工作业,");
        roster.ShouldContain(",1000.00,1000.00,符合,");
        roster.ShouldContain("核准");
        roster.ShouldNotContain("electrical.low-voltage");
        roster.ShouldContain(ClaimActors.HrBureau.Item1);
        roster.ShouldContain(ClaimActors.Verifier.Item1);
        // HLJ-SUB-03 "由同级人力资源社会保障部门…拨付": the payment column does not name the finance bureau as the payer.
        csv.ShouldContain(",发放人"); // who paid, whichever authority the pack names (not 财政发放)
        csv.ShouldNotContain("财政发放");

        // Sheet 1 is the form as HLJ's annex lays it out; sheet 2 the roster with what the ledger added.
        var form = await Sheet($"/api/claims/{claimId}/export.xlsx");
        form["A1"].ShouldBe("申请安全技能提升补贴特种作业人员信息审核表");
        form["A2"].ShouldBe("申请企业名称");
        form["B4"].ShouldBe("'=HYPERLINK(\"http://x\",\"赵\")");
        form["E4"].ShouldBe("139****1111");
        form.Values.ShouldNotContain(person.IdNumber);
        var sheet = await Sheet($"/api/claims/{claimId}/export.xlsx", 2);
        sheet["A1"].ShouldBe("13 序号");
        const int rosterRow = 2;
        sheet[$"B{rosterRow}"].ShouldBe("张三");
        sheet[$"D{rosterRow}"].ShouldNotBe(person.IdNumber);
        sheet[$"D{rosterRow}"].ShouldEndWith(person.IdNumber[^4..]);
        decimal.Parse(sheet[$"I{rosterRow}"]).ShouldBe(1000m);
        sheet[$"R{rosterRow}"].ShouldBe(ClaimActors.HrBureau.Item1);
        sheet.Values.ShouldNotContain(person.IdNumber);

        await Host.Get($"/api/claims/{Guid.NewGuid()}/export.csv", 404);
    }

    [Fact]
    public async Task the_audit_form_and_payout_ledger_workbooks_hold_dates_as_dates_a_frozen_header_a_print_area_and_seal_cells()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var person = await Host.Trainee(training, enterprise, "张三");
        var claimId = await Host.PaidClaim(enterprise, training, [person], April, "HLJ-PAY-0101");
        await Settled();

        using var form = SpreadsheetDocument.Open(new MemoryStream(await Bytes($"/api/claims/{claimId}/export.xlsx")), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(form).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var book = form.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["审核表", "名单明细", "审批与发放"]);
        var areas = book.Workbook.DefinedNames!.Elements<DefinedName>().Where(n => n.Name == "_xlnm.Print_Area").ToList();
        areas.Select(a => a.LocalSheetId!.Value).ShouldBe([0u, 1u, 2u]);
        areas[0].Text.ShouldStartWith("'审核表'!$A$1:$F$");

        var formSheet = Part(book, sheets[0]);
        // 申请时间 (E2) and 培训时间 (B7) are dates Excel can sort and subtract, shown yyyy-mm-dd; the amount (E8) an amount.
        var applied = At(formSheet, "E2");
        applied.DataType.ShouldBeNull();
        DateTime.FromOADate(double.Parse(applied.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(new DateTime(2021, 4, 10));
        FormatOf(book, applied).ShouldBe("yyyy-mm-dd");
        FormatOf(book, At(formSheet, "B7")).ShouldBe("yyyy-mm-dd");
        FormatOf(book, At(formSheet, "E8")).ShouldBe("#,##0.00");
        // The commitment's signature and seal, and each opinion's seal box, are cells of their own, merged across the form.
        var text = formSheet.Worksheet.Descendants<InlineString>().Select(t => t.InnerText).ToList();
        text.ShouldContain(t => t.StartsWith("负责人签字：", StringComparison.Ordinal) && t.Contains("（盖章）", StringComparison.Ordinal));
        text.Count(t => t.StartsWith("（加盖印章）", StringComparison.Ordinal)).ShouldBe(2);
        text.ShouldContain("培训机构意见");
        text.ShouldContain("应急管理部门（煤矿安全培训主管部门）意见");
        formSheet.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ShouldContain("A1:F1");
        formSheet.Worksheet.Descendants<PageSetup>().Single().PaperSize!.Value.ShouldBe(9u); // A4

        var roster = Part(book, sheets[1]);
        var pane = roster.Worksheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(1d);
        pane.TopLeftCell!.Value.ShouldBe("A2");
        roster.Worksheet.Descendants<AutoFilter>().ShouldHaveSingleItem();
        FormatOf(book, At(roster, "I2")).ShouldBe("#,##0.00");
        var workflow = Part(book, sheets[2]);
        workflow.Worksheet.Descendants<Cell>().Where(c => c.CellReference!.Value!.StartsWith('D') && c.CellValue is not null && c.DataType is null)
            .Select(c => DateTime.FromOADate(double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).Year).ShouldContain(2021);

        using var ledger = SpreadsheetDocument.Open(new MemoryStream(await Bytes("/api/reports/payout-ledger.xlsx?from=2021-04&to=2021-05&jurisdiction=hlj")), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(ledger).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var ledgerBook = ledger.WorkbookPart!;
        var ledgerSheet = Part(ledgerBook, ledgerBook.Workbook.Sheets!.Elements<Sheet>().Single());
        ledgerSheet.Worksheet.Descendants<Pane>().Single().State!.Value.ShouldBe(PaneStateValues.Frozen);
        ledgerBook.Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == "_xlnm.Print_Area").Text.ShouldBe("'补贴发放台账'!$A:$Q");
        string.Concat(At(ledgerSheet, "A1").Descendants<Text>().Select(t => t.Text)).ShouldBe("月份");
        FormatOf(ledgerBook, At(ledgerSheet, "A2")).ShouldBe("yyyy-mm");
        string.Concat(At(ledgerSheet, "B2").Descendants<Text>().Select(t => t.Text)).ShouldBe(Ledger.Domain.Catalogue.DisplayNames.Jurisdiction("hlj").Zh);
        FormatOf(ledgerBook, At(ledgerSheet, "N2")).ShouldBe("#,##0.00");
    }

    [Fact]
    public async Task the_registers_filter_and_page_after_the_scope_and_refuse_bad_paging_or_filters_with_400()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var (other, otherCode) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var a = await Host.Trainee(training, enterprise, "张三");
        var b = await Host.Trainee(training, enterprise, "李四");
        var c = await Host.Trainee(training, other, "王五");
        var first = await Host.PaidClaim(enterprise, training, [a, b], April, "HLJ-PAY-0201");
        var second = await Host.PaidClaim(other, training, [c], April, "HLJ-PAY-0202");
        Host.On(new LocalDate(2021, 7, 3));
        foreach (var t in new[] { a, b, c })
            await Host.Post($"/api/certificates/{t.CertificateId}/revocations", new { on = "2021-07-01", ground = "deception", reason = "obtained by deception", legalBasis = "Order 30 art. 40", version = 1 }, 200);
        await Settled();

        static List<(Guid, int)> Lines(JsonElement queue) => [.. queue.EnumerateArray().Select(q => (q.GetProperty("claimId").GetGuid(), q.GetProperty("lineNo").GetInt32()))];
        var all = Lines(await Host.Get("/api/claims/clawback-queue?jurisdiction=hlj"));
        all.Count.ShouldBeGreaterThanOrEqualTo(3);
        Lines(await Host.Get("/api/claims/clawback-queue?jurisdiction=hlj&page=1&pageSize=2")).ShouldBe(all.Take(2).ToList());
        Lines(await Host.Get("/api/claims/clawback-queue?jurisdiction=hlj&page=2&pageSize=2")).ShouldBe(all.Skip(2).Take(2).ToList());
        // The enterprise filter (name or credit code) cuts the queue before it is paged.
        Lines(await Host.Get($"/api/claims/clawback-queue?enterprise={otherCode}")).ShouldBe([(second, 1)]);
        Lines(await Host.Get($"/api/claims/clawback-queue?enterprise={otherCode}&page=2&pageSize=1")).ShouldBeEmpty();
        Lines(await Host.Get("/api/claims/clawback-queue?jurisdiction=hlj")).ShouldContain((first, 2));
        // Another jurisdiction's queue holds none of these lines.
        Lines(await Host.Get("/api/claims/clawback-queue?jurisdiction=tj")).ShouldNotContain((first, 1));

        var problem = await Host.Get("/api/claims/clawback-queue?pageSize=0", 400);
        problem.GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
        (await Host.Get("/api/reports/possible-forgeries?lead=rumour", 400)).GetProperty("errors").TryGetProperty("lead", out _).ShouldBeTrue();
        (await Host.Get("/api/reports/possible-forgeries?page=0", 400)).GetProperty("errors").TryGetProperty("page", out _).ShouldBeTrue();
        (await Host.Get("/api/reports/issuance-deadline-breaches?rule=FR-04", 400)).GetProperty("errors").TryGetProperty("rule", out _).ShouldBeTrue();
        (await Host.Get("/api/reports/institution-anomalies?from=2021-01-01&to=2021-12-31&rule=FR-99", 400)).GetProperty("errors").TryGetProperty("rule", out _).ShouldBeTrue();
        (await Host.Get("/api/reports/possible-forgeries?lead=reported&page=1&pageSize=5")).ValueKind.ShouldBe(JsonValueKind.Array);
        (await Host.Get("/api/reports/issuance-deadline-breaches?rule=TZ-CRT-04&workType=electrical.low-voltage&page=1&pageSize=5")).ValueKind.ShouldBe(JsonValueKind.Array);
        (await Host.Get("/api/reports/institution-anomalies?from=2021-01-01&to=2021-12-31&rule=FR-06&page=1&pageSize=1")).GetProperty("anomalies").GetArrayLength()
            .ShouldBeLessThanOrEqualTo(1);
    }

    private static WorksheetPart Part(WorkbookPart book, Sheet sheet) => (WorksheetPart)book.GetPartById(sheet.Id!.Value!);

    private static DocumentFormat.OpenXml.Spreadsheet.Cell At(WorksheetPart sheet, string reference) =>
        sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == reference);

    /// <summary>The number format a cell shows with: its own code, or Excel's built-in 4 (#,##0.00) and 9 (0%).</summary>
    private static string FormatOf(WorkbookPart book, DocumentFormat.OpenXml.Spreadsheet.Cell cell)
    {
        var styles = book.WorkbookStylesPart!.Stylesheet;
        var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = xf.NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id)?.FormatCode?.Value
               ?? id switch { 4 => "#,##0.00", 9 => "0%", _ => id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private async Task<byte[]> Bytes(string url)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.AsActor();
            s.StatusCodeShouldBe(200);
        });
        await using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private async Task<string> Text(string url)
    {
        var bytes = await Bytes(url);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    /// <summary>Opens the workbook as Excel would and reads every cell of the first sheet by its reference.</summary>
    private async Task<Dictionary<string, string>> Sheet(string url, int number = 1)
    {
        using var zip = new ZipArchive(new MemoryStream(await Bytes(url)), ZipArchiveMode.Read);
        zip.GetEntry("[Content_Types].xml").ShouldNotBeNull();
        zip.GetEntry("xl/workbook.xml").ShouldNotBeNull();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        await using var stream = zip.GetEntry($"xl/worksheets/sheet{number}.xml")!.Open();
        var xml = XDocument.Load(stream);
        return xml.Descendants(ns + "c").ToDictionary(
            c => (string)c.Attribute("r")!,
            c => (string?)c.Attribute("t") == "inlineStr" ? string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) : (string)c.Element(ns + "v")!);
    }
}
