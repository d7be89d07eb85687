using System.Text;
using System.Text.Json;
using Ledger.Api.Imports;
using Ledger.Tools;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Ledger.Api.Tests.Imports;

[Collection(nameof(ImportsCollection))]
public sealed class AttendanceImportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Header = "class_id,session_id,id_number,hours,face_checks,face_passed,face_provider,late_entry_reason";
    private static readonly LocalDate Today = new(2026, 3, 2);

    private async Task<List<string>> TrainingSummaries(Guid personId)
    {
        var file = await Host.Get($"/api/persons/{personId}");
        return file.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "training_attended")
            .Select(e => e.GetProperty("summary").GetString()!)
            .ToList();
    }

    [Fact]
    public async Task good_rows_are_credited_bad_rows_store_nothing_and_a_reimport_adds_nothing()
    {
        var a = TestIds.NewIdNumber();
        var b = TestIds.NewIdNumber(male: false);
        var personA = await Host.RegisterPerson(a);
        var personB = await Host.RegisterPerson(b, name: "李四");
        var c = await Host.OpenClass(
            (Today.PlusDays(-3), SessionMode.Classroom, 2),
            (Today.PlusDays(-2), SessionMode.Practical, 3),
            (Today.PlusDays(-1), SessionMode.Online, 2),
            (Today.PlusDays(-40), SessionMode.Classroom, 2));
        var (classroom, practical, online, old) = (c.Sessions[0].SessionId, c.Sessions[1].SessionId, c.Sessions[2].SessionId, c.Sessions[3].SessionId);
        var csv = new StringBuilder()
            .AppendLine(Header)
            .AppendLine($"{c.Id},{classroom},{a},2,,,,")                                       // 2 accepted
            .AppendLine($"{c.Id},{practical},{a},3,,,,")                                       // 3 accepted: same person, same batch
            .AppendLine($"{c.Id},{online},{b},1.5,4,3,face-id-cn,")                             // 4 accepted
            .AppendLine($"{c.Id},{classroom},{a},2,,,,")                                       // 5 skipped: repeated in the file
            .AppendLine($"{c.Id},{classroom},{TestIds.WithWrongCheckCharacter(b)},2,,,,")      // 6 id_number
            .AppendLine($"{c.Id},{Guid.NewGuid()},{b},2,,,,")                                  // 7 session_id
            .AppendLine($"{c.Id},{classroom},{b},2.5,,,,")                                     // 8 hours over the session
            .AppendLine($"not-a-class,{classroom},{b},many,,,,")                              // 9 class_id and hours
            .AppendLine($"{c.Id},{classroom},{TestIds.NewIdNumber()},2,,,,")                  // 10 not registered
            .AppendLine($"{c.Id},{practical},{b},3,4,4,face-id-cn,")                           // 11 face checks on an offline session
            .AppendLine($"{c.Id},{old},{b},2,,,,")                                             // 12 late entry without a reason
            .AppendLine($"{c.Id},{old},{b},2,,,,\"系统故障, 迟报\"")                          // 13 accepted, quoted reason
            .AppendLine()                                                                      // 14 empty line: no row
            .AppendLine($"{c.Id},{classroom},{b},2")                                           // 15 too few fields
            .ToString();

        var before = await Fixture.EventCountAsync();
        var report = await Host.Import("attendance", csv);

        (report.Rows, report.Accepted, report.Skipped, report.Rejected, report.EventsAppended).ShouldBe((13, 4, 1, 8, 4L));
        report.Where().ShouldBe([
            (6, "id_number"), (7, "session_id"), (8, "hours"), (9, "class_id"), (9, "hours"), (10, "id_number"), (11, "face_checks"),
            (12, "late_entry_reason"), (15, "row"),
        ]);
        report.Errors.Single(e => e.Row == 12).Message.ShouldContain("NAT-ARC-01");
        foreach (var error in report.Errors) error.Message.ShouldNotContain(b[..14]);
        (await Fixture.EventCountAsync()).ShouldBe(before + 4, "only the accepted rows' events are stored");

        // Summaries name codes through the catalogue (issue 15), so an official reads the work type, not its code.
        (await TrainingSummaries(personA)).ShouldBe(["2 hours: Special-operation initial training (Classroom, Low-voltage electrician work)",
            "3 hours: Special-operation initial training (Practical, Low-voltage electrician work)"]);
        (await TrainingSummaries(personB)).ShouldBe(["1.5 hours: Special-operation initial training (Online, Low-voltage electrician work)",
            "2 hours: Special-operation initial training (Classroom, Low-voltage electrician work)"]);
        await using var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var person = await query.LoadAsync<Domain.Persons.Person>(personB);
        person!.Attendance.Select(x => x.LateEntryReason).ShouldBe([null, "系统故障, 迟报"]);
        person.Attendance[0].Face.ShouldBe(new FaceVerification(4, 3, "face-id-cn"));

        var again = await Host.Import("attendance", csv);
        // Line 12 now finds its session credited (by line 13) and adds nothing, so it is skipped rather than refused.
        (again.Rows, again.Accepted, again.Skipped, again.Rejected, again.EventsAppended).ShouldBe((13, 0, 6, 7, 0L));
        (await Fixture.EventCountAsync()).ShouldBe(before + 4, "a re-import adds nothing");
    }

    [Fact]
    public async Task an_institution_imports_attendance_only_into_its_own_classes()
    {
        var id = TestIds.NewIdNumber();
        await Host.RegisterPerson(id);
        var c = await Host.OpenClass((Today.PlusDays(-1), SessionMode.Classroom, 2));
        var csv = Encoding.UTF8.GetBytes($"{Header}\n{c.Id},{c.Sessions[0].SessionId},{id},2,,,,\n");
        async Task<ImportReport> As(Guid institution)
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Url("/api/imports/attendance");
                s.ConfigureHttpContext(h =>
                {
                    h.Request.Body = new MemoryStream(csv);
                    h.Request.ContentLength = csv.Length;
                    h.Request.ContentType = "text/csv";
                });
                s.WithRequestHeader("X-Ledger-User", "registrar-sun");
                s.WithRequestHeader("X-Ledger-Org", "some-school");
                s.WithRequestHeader("X-Ledger-Role", "training-institution");
                s.WithRequestHeader("X-Ledger-Institution", institution.ToString());
                s.StatusCodeShouldBe(200);
            });
            return (await result.ReadAsJsonAsync<ImportReport>())!;
        }

        var before = await Fixture.EventCountAsync();
        var other = await As(Guid.NewGuid());
        (other.Accepted, other.Rejected).ShouldBe((0, 1));
        other.Where().ShouldBe([(2L, "class_id")]);
        (await Fixture.EventCountAsync()).ShouldBe(before);
        // Its own class, but a person it never enrolled: refused as an unknown number would be (finding 3 of issue 13).
        var stranger = await As(c.ProviderId);
        (stranger.Accepted, stranger.Rejected).ShouldBe((0, 1));
        stranger.Where().ShouldBe([(2L, "id_number")]);
        (await Fixture.EventCountAsync()).ShouldBe(before);
        await Host.Post($"/api/training-classes/{c.Id}/enrollments", new { idNumber = id, name = "张三", enrolledOn = Today.PlusDays(-1).ToString("uuuu-MM-dd", null) }, 200);
        var own = await As(c.ProviderId);
        own.Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task a_missing_or_wrong_header_is_400_and_stores_nothing()
    {
        var id = TestIds.NewIdNumber();
        await Host.RegisterPerson(id);
        var c = await Host.OpenClass((Today.PlusDays(-1), SessionMode.Classroom, 2));
        var row = $"{c.Id},{c.Sessions[0].SessionId},{id},2,,,,";

        var headerless = await RefusedAsync(() => Host.ImportRefused("attendance", row + "\n", 400));
        var problems = headerless.GetProperty("errors").GetProperty("header").EnumerateArray().Select(e => e.GetString()!).ToList();
        problems.ShouldContain(p => p.StartsWith("unknown column"));
        problems.ShouldAllBe(p => !p.Contains(id), "a data row taken for a header must not be echoed whole");

        var wrong = await RefusedAsync(() => Host.ImportRefused("attendance", Header.Replace("hours", "minutes") + "\n" + row + "\n", 400));
        wrong.GetProperty("errors").GetProperty("header").EnumerateArray().Select(e => e.GetString()).ShouldContain("missing column hours");

        await RefusedAsync(() => Host.ImportRefused("attendance", "", 400));
        await RefusedAsync(() => Host.ImportRefused("certificates", Header + "\n", 400));
    }

    [Fact]
    public async Task imports_need_an_actor_a_csv_body_and_a_body_within_the_limit()
    {
        var c = await Host.OpenClass((Today.PlusDays(-1), SessionMode.Classroom, 2));
        var csv = $"{Header}\n{c.Id},{c.Sessions[0].SessionId},{TestIds.NewIdNumber()},2,,,,\n";
        await RefusedAsync(() => Host.ImportRefused("attendance", csv, 401, asActor: false));
        await RefusedAsync(() => Host.ImportRefused("attendance", csv, 415, contentType: "application/json"));
        await RefusedAsync(() => Host.ImportRefused("attendance", csv, 415, contentType: "text/csv; charset=iso-8859-1"));

        var options = Host.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        var limit = options.MaxBodyBytes;
        try
        {
            options.MaxBodyBytes = 100;
            var problem = await RefusedAsync(() => Host.ImportRefused("attendance", csv, 413));
            problem.GetProperty("detail").GetString()!.ShouldContain("at most 100 bytes");
        }
        finally
        {
            options.MaxBodyBytes = limit;
        }
    }

    [Fact]
    public async Task a_generated_file_of_20000_rows_imports_in_one_request_and_again_adds_nothing()
    {
        var services = Host.Services;
        using var file = new MemoryStream();
        var generated = await AttendanceFileGenerator.GenerateAsync(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<StreamIdentity>(),
            services.GetRequiredService<PersonalDataCipher>(),
            Fixture.Clock, ImportScenarios.Clerk, file, new AttendanceFileSpec(20_000, Sessions: 20, BadEvery: 100, Seed: 7), TestContext.Current.CancellationToken);
        generated.PersonsRegistered.ShouldBe(1000);
        generated.BadRows.ShouldBeInRange(150, 250);

        var before = await Fixture.EventCountAsync();
        var report = (await (await Host.PostCsv("attendance", file.ToArray(), 200)).ReadAsJsonAsync<ImportReport>())!;
        TestContext.Current.SendDiagnosticMessage($"20,000 rows: {report.Elapsed.TotalSeconds:0.0} s, {report.RowsPerSecond} rows/s");
        (report.Rows, report.Accepted, report.Skipped, report.Rejected).ShouldBe((20_000, 20_000 - generated.BadRows, 0, generated.BadRows));
        report.Errors.Select(e => e.Field).Distinct().Order().ShouldBe(["hours", "id_number", "session_id"]);
        (await Fixture.EventCountAsync()).ShouldBe(before + report.EventsAppended);
        report.EventsAppended.ShouldBe(report.Accepted);

        var again = (await (await Host.PostCsv("attendance", file.ToArray(), 200)).ReadAsJsonAsync<ImportReport>())!;
        (again.Accepted, again.Skipped, again.Rejected, again.EventsAppended).ShouldBe((0, report.Accepted, generated.BadRows, 0L));
        (await Fixture.EventCountAsync()).ShouldBe(before + report.EventsAppended);
    }
}
