using System.Text;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Imports;

[Collection(nameof(ImportsCollection))]
public sealed class CertificateImportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Header =
        "certificate_number,id_number,name,kind,work_type,industry,exam_point,exam_date,pass_date,issued_on,issuing_authority,valid_from,valid_until";

    private static string Row(string number, string id, string name, string kind = "special-operation", string workType = "electrical.low-voltage",
        string industry = "", string examDate = "2026-02-02", string validUntil = "") =>
        $"{number},{id},{name},{kind},{workType},{industry},\"蓟州区安全生产考试点, 一号考场\",{examDate},2026-02-02,2026-02-04,天津市应急管理局,2026-02-04,{validUntil}";

    private async Task<List<string>> CertificateNumbers(Guid personId)
    {
        var file = await Host.Get($"/api/persons/{personId}");
        return file.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("number").GetString()!).Order().ToList();
    }

    [Fact]
    public async Task issuances_are_recorded_duplicates_are_skipped_and_conflicts_and_bad_rows_are_reported()
    {
        var (a, b, c) = (TestIds.NewIdNumber(), TestIds.NewIdNumber(), TestIds.NewIdNumber());
        var personA = await Host.RegisterPerson(a, "张三");
        var personB = await Host.RegisterPerson(b, "李四");
        await Host.RegisterPerson(c, "王五", education: "junior-secondary");
        var recorded = TestIds.NewCertificateNumber();
        await Host.IssueCertificate(personA, recorded);
        var (n1, n2, n3, n4, n5) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(),
            TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());

        var csv = new StringBuilder()
            .AppendLine(Header)
            .AppendLine(Row(n1, a, "张三"))                                                                     // 2 accepted
            .AppendLine(Row(n2, b, "李四", "safety-qualification", "", "hazardous-chemicals", validUntil: "2029-02-04")) // 3 accepted
            .AppendLine(Row(recorded, a, "张三"))                                                               // 4 skipped: already recorded
            .AppendLine(Row(recorded, b, "李四"))                                                               // 5 number held by another person
            .AppendLine(Row(n3, a, "张四"))                                                                     // 6 name mismatch
            .AppendLine(Row(n4, c, "王五", workType: "hazardous-chemical.chlorination"))                        // 7 JZ-EDU-01
            .AppendLine(Row(n5, a, "张三", kind: "bogus", examDate: "2026-02-31", validUntil: "2026-01-01"))   // 8 three bad fields
            .AppendLine(Row(TestIds.NewCertificateNumber(), TestIds.NewIdNumber(), "赵六"))                    // 9 not registered
            .AppendLine(Row(n1, a, "张三"))                                                                     // 10 skipped: repeated in the file
            .AppendLine(Row(n2, a, "张三"))                                                                     // 11 number taken earlier in the file
            .AppendLine(Row(TestIds.NewCertificateNumber(), TestIds.WithWrongCheckCharacter(a), "张三"))      // 12 bad check character
            .ToString();

        var before = await Fixture.EventCountAsync();
        var report = await Host.Import("certificates", csv);

        (report.Rows, report.Accepted, report.Skipped, report.Rejected, report.EventsAppended).ShouldBe((11, 2, 2, 7, 2L));
        report.Where().ShouldBe([
            (5, "certificate_number"), (6, "name"), (7, "work_type"), (8, "kind"), (8, "exam_date"), (8, "valid_until"), (9, "id_number"),
            (11, "certificate_number"), (12, "id_number"),
        ]);
        report.Errors.Single(e => e.Row == 7).Message.ShouldContain("JZ-EDU-01");
        report.Errors.Single(e => e.Row == 6).Message.ShouldNotContain("张三");
        (await Fixture.EventCountAsync()).ShouldBe(before + 2);
        (await CertificateNumbers(personA)).ShouldBe(new[] { recorded, n1 }.Order());
        (await CertificateNumbers(personB)).ShouldBe([n2]);
        var verified = await Host.Get($"/api/certificates/verify?number={n2}&name=%E6%9D%8E%E5%9B%9B");
        verified.GetProperty("status").GetString().ShouldBe("valid");

        var again = await Host.Import("certificates", csv);
        (again.Rows, again.Accepted, again.Skipped, again.Rejected, again.EventsAppended).ShouldBe((11, 0, 4, 7, 0L));
        (await Fixture.EventCountAsync()).ShouldBe(before + 2, "a re-import adds nothing");
    }

    /// <summary>Order No. 30 art. 30: "特种作业人员违反前款第四项、第五项规定的，3年内不得再次申请特种作业操作证" — an import is no way round it.</summary>
    [Fact]
    public async Task NAT_CRT_10_an_imported_certificate_for_a_holder_revoked_for_false_information_is_refused_on_its_exam_date()
    {
        var (barred, free) = (TestIds.NewIdNumber(), TestIds.NewIdNumber());
        var person = await Host.RegisterPerson(barred, "钱七");
        await Host.RegisterPerson(free, "孙八");
        var revoked = await Host.IssueCertificate(person);
        await Host.Post($"/api/certificates/{revoked}/revocations",
            new { on = "2026-02-20", ground = "false-information", reason = "证书记载虚假信息", legalBasis = "30号令第三十条", version = 1 }, 200);

        static string After(string number, string id, string name) =>
            $"{number},{id},{name},special-operation,electrical.low-voltage,,蓟州区安全生产考试点,2026-02-25,2026-02-25,2026-02-27,天津市应急管理局,2026-02-27,";
        var csv = new StringBuilder()
            .AppendLine(Header)
            .AppendLine(After(TestIds.NewCertificateNumber(), barred, "钱七"))   // 2 barred until 2029-02-20
            .AppendLine(After(TestIds.NewCertificateNumber(), free, "孙八"))     // 3 accepted
            .AppendLine(Row(TestIds.NewCertificateNumber(), barred, "钱七"))     // 4 accepted: its exam (2026-02-02) preceded the revocation
            .ToString();
        var report = await Host.Import("certificates", csv);
        (report.Accepted, report.Rejected).ShouldBe((2, 1));
        report.Where().ShouldBe([(2, "exam_date")]);
        report.Errors.Single().Message.ShouldContain("NAT-CRT-10");
        (await CertificateNumbers(person)).Count.ShouldBe(2);
    }
}
