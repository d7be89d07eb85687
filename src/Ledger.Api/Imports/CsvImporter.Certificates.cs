using System.Text.Json;
using System.Threading.Channels;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
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
    /// <summary>Told after each committed batch (the import verb prints it), so a long import shows it is moving.</summary>
    public Action<ImportProgress>? Progress { get; set; }

    /// <summary>Runs between a batch's decisions and its staged write; tests use it to record a number concurrently.</summary>
    internal Func<CancellationToken, Task>? BeforeStagedWrite { get; set; }

    public async Task<ImportReport> ImportCertificatesAsync(Stream csv, Actor actor, string correlationId, CancellationToken ct)
    {
        var today = clock.Today();
        var validator = new IssueCertificateRequest.Validator(today, catalog);
        var writer = new StagedCertificateWriter(store, actor, correlationId);
        _issuer = actor;
        await using (var session = store.QuerySession()) _issuingJurisdiction = await IssuingJurisdiction.OfAsync(session, actor, ct);
        return await RunAsync<CertificateRow>(csv, ImportColumns.Certificates,
            (row, fields) => CertificateRow.Parse(row, fields, today, ids, validator),
            (batches, tally, token) => CommitCertificatesAsync(batches, tally, writer, actor, correlationId, token), ct);
    }

    /// <summary>The actor of the running certificate import: an exam point is recorded as the issuer of what it imports.</summary>
    private Actor _issuer = null!;

    /// <summary>Where the importing authority answers, whose rules the certificates are issued under (HLJ-EDU-01).</summary>
    private string? _issuingJurisdiction;

    private sealed record InFlight(List<CertificateRow> Rows, StagedCertificates Staged, BatchOutcome Outcome, Task<bool> Written);

    /// <summary>
    /// Each batch is decided against the recorded holders and written with binary COPY in one transaction (see
    /// <see cref="StagedCertificateWriter"/>). While one batch is being written, the next is loaded, decided and
    /// serialised, counting the numbers of the batch in flight as recorded: that batch either commits exactly what it
    /// decided, or it fails and the next is decided again once it is settled. A number recorded by someone else between
    /// the check and the COPY fails the COPY on the stream key and rolls that batch back; it then goes through the normal
    /// append path, which decides it again against the new state (skip if the same person now holds it, reject if
    /// another does). Batches still commit one at a time and in file order.
    /// </summary>
    private async Task CommitCertificatesAsync(ChannelReader<List<CertificateRow>> batches, Tally tally, StagedCertificateWriter writer, Actor actor,
        string correlationId, CancellationToken ct)
    {
        InFlight? writing = null;
        try
        {
            await foreach (var rows in batches.ReadAllAsync(ct))
            {
                var (staged, outcome) = await StageAsync(rows, writer, writing?.Staged, ct);
                if (writing is not null && !await SettleAsync(writing, tally, writer, actor, correlationId, ct))
                    (staged, outcome) = await StageAsync(rows, writer, null, ct);
                writing = new InFlight(rows, staged, outcome, staged.Issued.Count == 0 ? Task.FromResult(true) : WriteAsync(writer, staged, ct));
            }
            if (writing is not null) await SettleAsync(writing, tally, writer, actor, correlationId, ct);
            writing = null;
        }
        finally
        {
            // Deciding the next batch failed: the batch in flight still commits or rolls back on its own, but the import
            // answers with the first failure.
            if (writing is not null)
            {
                try { await writing.Written; }
                catch (Exception) { }
            }
        }
    }

    private async Task<(StagedCertificates Staged, BatchOutcome Outcome)> StageAsync(List<CertificateRow> rows, StagedCertificateWriter writer,
        StagedCertificates? inFlight, CancellationToken ct)
    {
        var (issued, outcome) = await DecideAsync(rows, writer, inFlight, ct);
        return (writer.Stage(issued), outcome);
    }

    /// <summary>Loads the batch's holders and recorded numbers (those of the batch in flight counting as recorded) and decides every row.</summary>
    private async Task<(List<CertificateIssued> Issued, BatchOutcome Outcome)> DecideAsync(List<CertificateRow> rows, StagedCertificateWriter writer,
        StagedCertificates? inFlight, CancellationToken ct)
    {
        var (persons, holders) = await writer.LoadAsync(rows, ct);
        foreach (var e in inFlight?.Issued ?? []) holders[e.CertificateId] = e.PersonId;
        var issued = new List<CertificateIssued>();
        return (issued, DecideCertificates(rows, persons, holders, issued));
    }

    private async Task<bool> WriteAsync(StagedCertificateWriter writer, StagedCertificates staged, CancellationToken ct)
    {
        if (BeforeStagedWrite is { } hook) await hook(ct);
        return await writer.TryWriteAsync(staged, ct);
    }

    /// <summary>Counts the batch in flight once it committed, or sends it down the normal append path; false if it had to.</summary>
    private async Task<bool> SettleAsync(InFlight batch, Tally tally, StagedCertificateWriter writer, Actor actor, string correlationId, CancellationToken ct)
    {
        if (await batch.Written)
        {
            tally.Add(batch.Outcome);
            return true;
        }
        tally.Add(await CommitAsync(batch.Rows, actor, correlationId, (session, rows, token) => ApplyCertificatesAsync(session, rows, writer, token), ct));
        return false;
    }

    private async Task<BatchOutcome> ApplyCertificatesAsync(IDocumentSession session, List<CertificateRow> rows, StagedCertificateWriter writer, CancellationToken ct)
    {
        var (issued, outcome) = await DecideAsync(rows, writer, inFlight: null, ct);
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
                var command = row.Request.ToCommand(certificateId, cipher, _issuer);
                issued = CertificateDecider.Decide(command, person, catalog, certificateRules?.Invoke(_issuingJurisdiction, command.ExamDate));
            }
            catch (DomainRuleViolation e)
            {
                var field = e.RuleId == CertificateRules.AgeGate ? "pass_date" : e.RuleId == CertificateRules.BarAfterRevocation ? "exam_date" : "work_type";
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
