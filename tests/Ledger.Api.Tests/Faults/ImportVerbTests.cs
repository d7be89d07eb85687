using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Faults;

/// <summary>
/// <c>./ledger db import</c> as an operator runs it on a long file: progress on stderr while it runs (issue 15: long verbs
/// said nothing until they ended), the report at the end, and exit code 1 when any row was rejected.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class ImportVerbTests(FaultsFixture fixture)
{
    [Fact]
    public async Task the_import_verb_reports_progress_as_it_goes_and_fails_when_rows_are_rejected()
    {
        var schema = FaultsFixture.NewSchema("importverb");
        var file = Path.Combine(Path.GetTempPath(), $"ledger-import-{Guid.NewGuid():N}.csv");
        // Nobody is registered in the fresh schema, so every row is refused as an unknown holder: read, judged, counted.
        var rows = Enumerable.Range(0, 3).Select(i =>
            $"T9{i:00000},{TestIds.NewIdNumber()},张三,special-operation,electrical.low-voltage,,蓟州区考试点,2026-01-05,2026-01-05,2026-01-07,天津市应急管理局,2026-01-07,");
        await File.WriteAllLinesAsync(file,
            ["certificate_number,id_number,name,kind,work_type,industry,exam_point,exam_date,pass_date,issued_on,issuing_authority,valid_from,valid_until", .. rows]);
        try
        {
            var applied = await ApiProcess.RunVerbAsync(fixture.Postgres.ConnectionString, schema, "db-apply");
            applied.ExitCode.ShouldBe(0, applied.Output);
            var (exitCode, output) = await ApiProcess.RunVerbAsync(fixture.Postgres.ConnectionString, schema,
                "import", "certificates", file, "--user", "clerk-wang", "--org", "tj-jizhou-emergency-bureau", "--role", "regulator", "--jurisdiction", "cn");
            exitCode.ShouldBe(1, output);
            output.ShouldContain("import: 3 rows read (0 accepted, 0 skipped, 3 rejected)");
            output.ShouldContain("rows 3, accepted 0, skipped 0, rejected 3");
            output.ShouldContain("no person is registered with this ID number");
        }
        finally
        {
            File.Delete(file);
            await fixture.Postgres.DropSchemaAsync(schema);
        }
    }
}
