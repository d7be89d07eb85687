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
    public Task<ImportReport> ImportCertificatesAsync(Stream csv, Actor actor, string correlationId, CancellationToken ct)
    {
        var today = clock.Today();
        var validator = new IssueCertificateRequest.Validator(today, catalog);
        return RunAsync<CertificateRow>(csv, ImportColumns.Certificates, actor, correlationId,
            (row, fields) => CertificateRow.Parse(row, fields, today, ids, validator),
            ApplyCertificatesAsync, ct);
    }

    private async Task<BatchOutcome> ApplyCertificatesAsync(IDocumentSession session, List<CertificateRow> rows, CancellationToken ct)
    {
        var query = session.CreateBatchQuery();
        var personsTask = query.LoadMany<Person>().ByIdList(rows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct());
        var certificatesTask = query.LoadMany<Certificate>().ByIdList(rows.Where(r => r.CertificateId is not null).Select(r => r.CertificateId!.Value).Distinct());
        await query.Execute(ct);
        var persons = (await personsTask).ToDictionary(p => p.Id);
        // Holder of each number: recorded before this batch, or started earlier in it.
        var holders = (await certificatesTask).ToDictionary(c => c.Id, c => c.PersonId);
        var outcome = new BatchOutcome();

        foreach (var row in rows)
        {
            var errors = new List<ImportError>(row.Errors);
            Person? person = null;
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
            session.Events.StartStream<Certificate>(certificateId, issued);
            holders[certificateId] = person.Id;
            outcome.Accepted++;
            outcome.EventsAppended++;
        }
        return outcome;
    }
}
