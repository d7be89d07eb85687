using JasperFx.CommandLine;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Persons;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;

using Ledger.Domain.Policies;

namespace Ledger.Api.Imports;

public class ActorInput : NetCoreInput
{
    [Description("Acting user id, as in the X-Ledger-User header")]
    public string UserFlag { get; set; } = "";

    [Description("Acting organisation id, as in the X-Ledger-Org header")]
    public string OrgFlag { get; set; } = "";

    [Description("Acting role, as in the X-Ledger-Role header (regulator, exam-point, training-institution, …)")]
    public string RoleFlag { get; set; } = "";

    [Description("Jurisdiction code the organisation answers for (government roles), as in the X-Ledger-Jurisdiction header")]
    public string? JurisdictionFlag { get; set; }

    [Description("Enterprise id (UUID) the organisation is, for the enterprise role")]
    public string? EnterpriseFlag { get; set; }

    [Description("Institution id (UUID) the organisation is, for training institutions and exam points")]
    public string? InstitutionFlag { get; set; }

    /// <summary>The same rules as a token's claims and the actor headers: a bulk write is a write like any other.</summary>
    public Actor? Actor(out string problem)
    {
        var actor = ActorClaims.From(claim => claim switch
        {
            ActorClaims.User => UserFlag,
            ActorClaims.Organisation => OrgFlag,
            ActorClaims.Role => RoleFlag,
            ActorClaims.Jurisdiction => JurisdictionFlag,
            ActorClaims.Enterprise => EnterpriseFlag,
            ActorClaims.Institution => InstitutionFlag,
            _ => null,
        }, out var problems);
        problem = string.Join("; ", problems.Select(p => p.Replace("(sub)", "(--user)").Replace("(org)", "(--org)")));
        return actor;
    }
}

public sealed class ImportInput : ActorInput
{
    [Description("attendance or certificates")]
    public string Kind { get; set; } = "";

    [Description("Path of the file, header row first: CSV (UTF-8 or GBK/GB18030) or an .xlsx workbook (its first sheet)")]
    public string File { get; set; } = "";

    [Description("How many errors to print (all are counted)")]
    public int ShowErrorsFlag { get; set; } = 20;
}

[Description("Import attendance or certificate issuances from a CSV file, as POST /api/imports/{kind} does")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    public ImportCommand() => Usage("Import a CSV file").Arguments(x => x.Kind, x => x.File);

    public override async Task<bool> Execute(ImportInput input)
    {
        var actor = input.Actor(out var problem);
        if (actor is null) return Fail(problem);
        if (input.Kind is not ("attendance" or "certificates")) return Fail("the kind is attendance or certificates");
        if (!System.IO.File.Exists(input.File)) return Fail($"no file at {input.File}");

        using var host = input.BuildHost();
        var services = host.Services;
        var importer = ImportPolicy.Importer(services, services.GetRequiredService<IOptions<ImportOptions>>().Value);
        var correlationId = $"import-{Guid.CreateVersion7()}";
        // Progress on stderr at most every two seconds, so a long import shows it is moving and stdout stays the report.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var shown = TimeSpan.FromSeconds(-2);
        importer.Progress = p =>
        {
            if (watch.Elapsed - shown < TimeSpan.FromSeconds(2)) return;
            shown = watch.Elapsed;
            Console.Error.WriteLine($"import: {p.Rows:N0} rows read ({p.Accepted:N0} accepted, {p.Skipped:N0} skipped, {p.Rejected:N0} rejected), {watch.Elapsed.TotalSeconds:0} s");
        };
        await using var raw = System.IO.File.OpenRead(input.File);
        ImportReport report;
        try
        {
            var file = input.File.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? await ImportFiles.XlsxAsCsvAsync(raw, services.GetRequiredService<IOptions<ImportOptions>>().Value.MaxWorkbookBytes, CancellationToken.None)
                : (await ImportFiles.CsvAsync(raw, null, CancellationToken.None)).Body;
            report = input.Kind == "attendance"
                ? await importer.ImportAttendanceAsync(file, actor, correlationId, CancellationToken.None)
                : await importer.ImportCertificatesAsync(file, actor, correlationId, CancellationToken.None);
        }
        catch (CsvHeaderException e)
        {
            return Fail(string.Join("; ", e.Problems));
        }
        catch (ImportEncodingException)
        {
            return Fail("the file is neither UTF-8 nor GBK/GB18030 text. " + ImportFiles.EncodingFixEn);
        }
        catch (Exception e) when (e is ImportXlsxException or BodyTooLargeException)
        {
            return Fail(e.Message);
        }

        Console.WriteLine($"{input.Kind} import of {input.File} (correlation id {correlationId})");
        Console.WriteLine($"  rows {report.Rows}, accepted {report.Accepted}, skipped {report.Skipped}, rejected {report.Rejected}, events appended {report.EventsAppended}");
        Console.WriteLine($"  elapsed {report.Elapsed.TotalSeconds:0.00} s, {report.RowsPerSecond:0} rows/s");
        foreach (var error in report.Errors.Take(input.ShowErrorsFlag)) Console.WriteLine($"  line {error.Row}, {error.Field}: {error.Message}");
        if (report.Rejected > 0 && report.Errors.Count > input.ShowErrorsFlag) Console.WriteLine($"  … {report.Errors.Count - input.ShowErrorsFlag} more listed errors");
        // A script (or an operator's shell) must be able to tell a partial import from a clean one: rejected rows are a failure
        // exit, though the accepted rows stay imported (a corrected file re-imports only what is missing).
        if (report.Rejected > 0)
        {
            Console.Error.WriteLine($"import: {report.Rejected} of {report.Rows} rows rejected; correct them and import the file again (accepted rows are not imported twice)");
            return false;
        }
        return true;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine("import: " + message);
        return false;
    }
}
