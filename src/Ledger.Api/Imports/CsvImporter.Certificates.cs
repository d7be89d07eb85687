using System.Text.Json;
using Ledger.Api.Certificates;
using Ledger.Api.Infrastructure;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;

namespace Ledger.Api.Imports;

public sealed class CertificateRow : ImportRow
{
    public IssueCertificateRequest? Request { get; set; }
    public Guid? CertificateId { get; set; }
    public Guid? PersonId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The single issue endpoint's validator decides what a valid issuance is; only the column names differ.</summary>
    public static void Parse(CertificateRow row, CsvFields f, LocalDate today, StreamIdentity ids, IssueCertificateRequest.Validator validator)
    {
        if (ResidentIdNumber.TryParse(f["id_number"], today, out var id, out var idError)) row.PersonId = ids.ForPerson(id);
        else row.Fail("id_number", idError);

        row.Name = f["name"];
        if (row.Name.Length is 0 or > 50) row.Fail("name", "is required and at most 50 characters");

        var request = new IssueCertificateRequest(f["certificate_number"], f["kind"], Optional(f["work_type"]), Optional(f["industry"]),
            f["exam_point"], f["exam_date"], f["pass_date"], f["issued_on"], f["issuing_authority"], f["valid_from"], Optional(f["valid_until"]), null);
        var result = validator.Validate(request);
        foreach (var failure in result.Errors) row.Fail(Column(failure.PropertyName), failure.ErrorMessage);
        if (result.IsValid)
        {
            row.Request = request;
            row.CertificateId = ids.ForCertificate(request.Number!);
        }
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static string Column(string property) => property == nameof(IssueCertificateRequest.Number)
        ? "certificate_number"
        : JsonNamingPolicy.SnakeCaseLower.ConvertName(property);
}

public sealed partial class CsvImporter
{
    /// <summary>Runs between a batch's decisions and its staged write; tests use it to record a number concurrently.</summary>
    internal Func<CancellationToken, Task>? BeforeStagedWrite { get; set; }

    public Task<ImportReport> ImportCertificatesAsync(Stream csv, Actor actor, string correlationId, CancellationToken ct)
    {
        var today = clock.Today();
        var validator = new IssueCertificateRequest.Validator(today, catalog);
        var writer = new StagedCertificateWriter(store, actor, correlationId);
        return RunAsync<CertificateRow>(csv, ImportColumns.Certificates,
            (row, fields) => CertificateRow.Parse(row, fields, today, ids, validator),
            (batch, token) => CommitCertificatesAsync(batch, writer, actor, correlationId, token), ct);
    }

    /// <summary>
    /// A batch is decided against the recorded holders and written with binary COPY in one transaction (see
    /// <see cref="StagedCertificateWriter"/>). A number recorded by someone else between the check and the COPY fails
    /// the COPY on the stream key and rolls the whole batch back; the batch then goes through the normal append path,
    /// which decides it again against the new state (skip if the same person now holds it, reject if another does).
    /// </summary>
    private async Task<BatchOutcome> CommitCertificatesAsync(List<CertificateRow> rows, StagedCertificateWriter writer, Actor actor, string correlationId,
        CancellationToken ct)
    {
        await using (var connection = await writer.OpenAsync(ct))
        {
            var (persons, holders) = await writer.LoadAsync(connection, rows, ct);
            var issued = new List<CertificateIssued>();
            var outcome = DecideCertificates(rows, persons, holders, issued);
            if (issued.Count == 0) return outcome;
            if (BeforeStagedWrite is { } hook) await hook(ct);
            if (await writer.TryWriteAsync(connection, issued, ct)) return outcome;
        }
        return await CommitAsync(rows, actor, correlationId, (session, batch, token) => ApplyCertificatesAsync(session, batch, writer, token), ct);
    }

    private async Task<BatchOutcome> ApplyCertificatesAsync(IDocumentSession session, List<CertificateRow> rows, StagedCertificateWriter writer, CancellationToken ct)
    {
        await using var connection = await writer.OpenAsync(ct);
        var (persons, holders) = await writer.LoadAsync(connection, rows, ct);
        var issued = new List<CertificateIssued>();
        var outcome = DecideCertificates(rows, persons, holders, issued);
        foreach (var e in issued) session.Events.StartStream<Certificate>(e.CertificateId, e);
        return outcome;
    }

    /// <param name="holders">Holder of each number recorded before this batch; numbers issued earlier in the batch are added.</param>
    private BatchOutcome DecideCertificates(List<CertificateRow> rows, Dictionary<Guid, CertificateHolder> persons, Dictionary<Guid, Guid> holders,
        List<CertificateIssued> issuedRows)
    {
        var outcome = new BatchOutcome();
        foreach (var row in rows)
        {
            var errors = new List<ImportError>(row.Errors);
            CertificateHolder? person = null;
            if (row.PersonId is { } personId)
            {
                person = persons.GetValueOrDefault(personId);
                if (person is null) errors.Add(new(row.Line, "id_number", "no person is registered with this ID number"));
                else if (row.Name.Length > 0 && !string.Equals(person.Name, row.Name, StringComparison.Ordinal))
                    errors.Add(new(row.Line, "name", "does not match the name registered for this ID number"));
            }
            if (row.CertificateId is { } number && holders.TryGetValue(number, out var holder))
            {
                if (errors.Count == 0 && holder == row.PersonId)
                {
                    outcome.Skipped++;
                    continue;
                }
                if (row.PersonId is not null && holder != row.PersonId) errors.Add(new(row.Line, "certificate_number", "is already recorded for another person"));
            }
            if (errors.Count > 0 || person is null || row.Request is null || row.CertificateId is not { } certificateId)
            {
                outcome.Rejected.Add(errors);
                continue;
            }

            CertificateIssued issued;
            try
            {
                issued = CertificateDecider.Decide(row.Request.ToCommand(certificateId), person, catalog);
            }
            catch (DomainRuleViolation e)
            {
                var field = e.RuleId == CertificateRules.AgeGate ? "pass_date" : "work_type";
                outcome.Rejected.Add([new(row.Line, field, $"{e.Message} ({e.RuleId})")]);
                continue;
            }
            issuedRows.Add(issued);
            holders[certificateId] = person.Id;
            outcome.Accepted++;
            outcome.EventsAppended++;
        }
        return outcome;
    }
}
