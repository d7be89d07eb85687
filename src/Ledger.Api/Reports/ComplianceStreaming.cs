using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Marten;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using NodaTime;

namespace Ledger.Api.Reports;

/// <summary>
/// The persons behind each figure, spilled to temporary files (one per target and list, deleted on close) as the report is
/// computed, and read back in order while the answer is written: a report's memory is one page of employees, whatever
/// the size of the province.
/// </summary>
public sealed class ComplianceSpill(JsonSerializerOptions json) : IComplianceRows, IDisposable
{
    private readonly Dictionary<(int, bool), FileStream> _files = [];

    public void Add(int target, bool counted, ReportPerson person)
    {
        if (!_files.TryGetValue((target, counted), out var file))
            _files[(target, counted)] = file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        JsonSerializer.Serialize(file, person, json);
        file.WriteByte((byte)'\n');
    }

    public void Discard(int target)
    {
        foreach (var counted in new[] { true, false })
            if (_files.Remove((target, counted), out var file)) file.Dispose();
    }

    /// <summary>The rows of one list, each a JSON object, in the order they were judged.</summary>
    public IEnumerable<string> Lines(int target, bool counted)
    {
        if (!_files.TryGetValue((target, counted), out var file)) yield break;
        file.Flush();
        file.Position = 0;
        using var reader = new StreamReader(file, Encoding.UTF8, false, 64 * 1024, leaveOpen: true);
        while (reader.ReadLine() is { } line) yield return line;
    }

    public IEnumerable<ReportPerson> Persons(int target, bool counted) =>
        Lines(target, counted).Select(l => JsonSerializer.Deserialize<ReportPerson>(l, json)!);

    public void Dispose()
    {
        foreach (var file in _files.Values) file.Dispose();
        _files.Clear();
    }
}

/// <summary>Rows nobody asked for (persons=false): counted, never kept.</summary>
public sealed class NoComplianceRows : IComplianceRows
{
    public void Add(int target, bool counted, ReportPerson person) { }

    public void Discard(int target) { }
}

public static class ComplianceStreaming
{
    /// <summary>Enterprises whose employees one page reads: about 2,000 persons at the generated provinces' 100 per enterprise.</summary>
    public const int EnterprisesPerPage = 20;

    private const string EmployedBy = "where enterprise_ids && ?";

    /// <summary>
    /// One pass over the programme's jurisdiction: its enterprises (a small table), then their employees a page of enterprises at
    /// a time through the enterprise_ids index, with their certificates, folded into the report; only the page is in memory.
    /// </summary>
    public static async Task<ComplianceReport> ComputeAsync(IQuerySession session, PolicyCatalog policies, IndustryCatalog industries, ComplianceProgramme programme,
        ReportPeriod period, LocalDate today, IComplianceRows rows, CancellationToken ct)
    {
        var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, programme.Jurisdiction)).Select(j => j.Code).ToArray();
        var enterprises = (await session.Query<Enterprise>().Where(e => e.Jurisdiction.IsOneOf(codes)).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => new ReportEnterprise(e.Id, e.Name, e.Jurisdiction, e.Industry, industries.Find(e.Industry)?.HighRisk ?? false));
        var baselines = (await session.Events.FetchStreamAsync(ComplianceReportEndpoints.BaselineStream(programme), token: ct))
            .Select(e => e.Data).OfType<ComplianceBaselineRecorded>().ToList();
        var report = new ComplianceAccumulator(programme, period, codes.ToHashSet(StringComparer.Ordinal), enterprises, baselines, policies, today, rows);
        // The pages are read through a query session of their own: the session Wolverine hands the endpoint tracks what it
        // loads (an identity map), so every page's persons and certificates stayed reachable until the request ended — the
        // API peaked at 4.5 GB on a 1,000,000-person province.
        await using var pages = session.DocumentStore.QuerySession();
        foreach (var page in report.EnterpriseOrder.Chunk(EnterprisesPerPage))
        {
            var persons = await pages.QueryAsync<Person>(EmployedBy, ct, page.Select(e => e.Id).ToArray());
            if (persons.Count == 0) continue;
            var ids = persons.Select(p => p.Id).ToArray();
            var certificates = (await pages.Query<Certificate>().Where(c => c.PersonId.IsOneOf(ids)).ToListAsync(ct)).ToLookup(c => c.PersonId);
            foreach (var enterprise in page)
                foreach (var person in ComplianceAccumulator.InOrder(persons.Where(p => p.EnterpriseIds.Contains(enterprise.Id))))
                    report.Add(enterprise, person, certificates[person.Id].ToList());
        }
        return report.Finish();
    }

    /// <summary>
    /// Writes the report as the endpoint's JSON (the same shape as <see cref="ComplianceReport"/> serialised whole), each
    /// target's persons read from the spill as they are written and flushed every 64 kB.
    /// </summary>
    public static async Task WriteJsonAsync(Stream body, ComplianceReport figures, ComplianceSpill? rows, JsonSerializerOptions json, CancellationToken ct)
    {
        var output = new BufferedJson(body);
        var writer = output.Writer;
        var report = JsonSerializer.SerializeToNode(figures, json)!.AsObject();
        writer.WriteStartObject();
        foreach (var (name, value) in report)
        {
            writer.WritePropertyName(name);
            if (value is JsonArray targets && name == JsonName(json, nameof(ComplianceReport.Targets)))
            {
                writer.WriteStartArray();
                for (var i = 0; i < targets.Count; i++)
                {
                    writer.WriteStartObject();
                    foreach (var (field, content) in targets[i]!.AsObject())
                    {
                        writer.WritePropertyName(field);
                        var counted = field == JsonName(json, nameof(TargetResult.Counted));
                        if (counted || field == JsonName(json, nameof(TargetResult.Missing)))
                        {
                            writer.WriteStartArray();
                            foreach (var line in rows?.Lines(i, counted) ?? [])
                            {
                                writer.WriteRawValue(line, skipInputValidation: true);
                                await output.FlushIfFullAsync(ct);
                            }
                            writer.WriteEndArray();
                        }
                        else if (content is null) writer.WriteNullValue();
                        else content.WriteTo(writer, json);
                    }
                    writer.WriteEndObject();
                    await output.FlushAsync(ct);
                }
                writer.WriteEndArray();
            }
            else if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer, json);
        }
        writer.WriteEndObject();
        await output.FlushAsync(ct);
    }

    private static string JsonName(JsonSerializerOptions json, string property) => json.PropertyNamingPolicy?.ConvertName(property) ?? property;
}

/// <summary>The computed report, written from its spill when the answer is sent; the spill goes with the response.</summary>
public sealed class StreamedComplianceReport(ComplianceReport figures, ComplianceSpill? rows, JsonSerializerOptions json) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await ComplianceStreaming.WriteJsonAsync(http.Response.Body, figures, rows, json, http.RequestAborted);
    }
}
