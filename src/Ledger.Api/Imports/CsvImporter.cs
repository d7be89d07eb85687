using System.Diagnostics;
using System.Threading.Channels;
using JasperFx;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace Ledger.Api.Imports;

/// <summary>
/// Bulk import of attendance and certificate issuances from CSV, as provincial exam and training systems export
/// them. The file is read one record at a time and committed in batches, each batch in one transaction through
/// the normal append path, so inline person and certificate snapshots stay current and the deciders' rules apply
/// row by row. A rejected row stores nothing; an accepted row's events commit with the rest of its batch.
/// Re-importing a file adds nothing: attendance already credited and certificates already recorded are skipped.
/// </summary>
/// <param name="trainingRules">The rules in force for a jurisdiction on a session's date; policy is the caller's to supply.</param>
public sealed partial class CsvImporter(
    IDocumentStore store,
    StreamIdentity ids,
    CertificateCatalog catalog,
    PersonalDataCipher cipher,
    IClock clock,
    Func<string, LocalDate, TrainingRulesInForce> trainingRules,
    int batchSize = 1000,
    Func<string?, LocalDate, Ledger.Domain.Certificates.CertificateRulesInForce>? certificateRules = null)
{
    // A conflicting writer moves a person's stream between our read and our commit; re-deciding the batch
    // against the new state is then correct, and repeated conflicts mean something else is wrong.
    private const int MaxAttempts = 3;

    private readonly int _batchSize = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize));

    /// <summary>
    /// Reading and parsing (UTF-8 decoding, ID checksums, HMAC stream ids, the issue validator) run one batch ahead of
    /// the commits, so the CPU work of the next batch overlaps the database work of this one. <paramref name="commit"/>
    /// takes the batches in file order and adds each one's outcome to the tally once it committed. If reading fails (a
    /// body over the limit), the batches read before it still commit, as they did when reading and committing alternated.
    /// </summary>
    private async Task<ImportReport> RunAsync<TRow>(
        Stream csv,
        string[] expectedColumns,
        Action<TRow, CsvFields> parse,
        Func<ChannelReader<List<TRow>>, Tally, CancellationToken, Task> commit,
        CancellationToken ct) where TRow : ImportRow, new()
    {
        var watch = Stopwatch.StartNew();
        using var reader = new CsvReader(csv);
        var columns = ReadHeader(await reader.ReadAsync(ct), expectedColumns);
        var tally = new Tally(Progress);
        var batches = Channel.CreateBounded<List<TRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<TRow>(_batchSize);
                while (await reader.ReadAsync(stop.Token) is { } record)
                {
                    var row = new TRow { Line = record.Line };
                    if (record.Error is not null) row.Fail("row", record.Error);
                    else if (record.Fields.Length != expectedColumns.Length)
                        row.Fail("row", $"has {record.Fields.Length} fields; the header has {expectedColumns.Length}");
                    else parse(row, new CsvFields(record, columns, row));
                    batch.Add(row);
                    if (batch.Count == _batchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<TRow>(_batchSize);
                    }
                }
                if (batch.Count > 0) await batches.Writer.WriteAsync(batch, stop.Token);
            }
            finally
            {
                batches.Writer.Complete();
            }
        }, stop.Token);

        try
        {
            await commit(batches.Reader, tally, ct);
        }
        catch
        {
            await stop.CancelAsync();
            try { await producer; } catch (Exception) when (stop.IsCancellationRequested) { }
            throw;
        }
        await producer;
        return tally.Report(watch.Elapsed);
    }

    /// <summary>Commits the batches one after another, each counted once its transaction committed.</summary>
    private static Func<ChannelReader<List<TRow>>, Tally, CancellationToken, Task> OneAtATime<TRow>(Func<List<TRow>, CancellationToken, Task<BatchOutcome>> commit) =>
        async (batches, tally, ct) =>
        {
            await foreach (var batch in batches.ReadAllAsync(ct)) tally.Add(await commit(batch, ct));
        };

    private async Task<BatchOutcome> CommitAsync<TRow>(
        List<TRow> batch,
        Actor actor,
        string correlationId,
        Func<IDocumentSession, List<TRow>, CancellationToken, Task<BatchOutcome>> apply,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            ActorStamp.Stamp(session, actor);
            session.CorrelationId = correlationId;
            var outcome = await apply(session, batch, ct);
            try
            {
                if (outcome.EventsAppended > 0) await session.SaveChangesAsync(ct);
                return outcome;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is ConcurrencyException or ExistingStreamIdCollisionException)
            {
            }
        }
    }

    /// <summary>Columns may come in any order, but each expected column exactly once and no others.</summary>
    private static Dictionary<string, int> ReadHeader(CsvRecord? header, string[] expected)
    {
        var required = $"the first line must be the header row: {string.Join(",", expected)}";
        if (header is null) throw new CsvHeaderException(["the body is empty; " + required]);
        if (header.Error is not null) throw new CsvHeaderException([header.Error]);

        var problems = new List<string>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = ImportWording.ColumnCode(header.Fields[i]);
            if (!expected.Contains(name)) problems.Add(LooksLikeColumnName(name) ? $"unknown column '{name}'" : $"unknown column {i + 1}");
            else if (!columns.TryAdd(name, i)) problems.Add($"column '{name}' appears twice");
        }
        var missing = expected.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0) problems.Add($"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");
        if (problems.Count > 0) throw new CsvHeaderException([.. problems, required]);
        return columns;
    }

    // A data row taken for the header holds an ID number, which must not come back in the answer.
    private static bool LooksLikeColumnName(string name) => name.Length is > 0 and <= 40 && name.All(c => c is (>= 'a' and <= 'z') or '_');

    /// <summary>
    /// One query for the batch's persons. The inline snapshot commits with its events, so its version is the
    /// stream's; appending with that as the expected version makes a concurrent append to one of these persons
    /// fail our commit (and the batch retry) instead of crediting the same session twice.
    /// </summary>
    private static async Task<Dictionary<Guid, Person>> LoadPersonsAsync(IDocumentSession session, IEnumerable<Guid> personIds, CancellationToken ct) =>
        (await session.LoadManyAsync<Person>(ct, personIds.Distinct())).ToDictionary(p => p.Id);
}

/// <summary>A parsed row: what parsed, and every field problem found so far.</summary>
public abstract class ImportRow
{
    public long Line { get; init; }

    public List<ImportError> Errors { get; } = [];

    public void Fail(string field, string message) => Errors.Add(new ImportError(Line, field, message));
}

/// <summary>Field access by column name; text that was not valid UTF-8 is reported on its column.</summary>
public readonly struct CsvFields(CsvRecord record, IReadOnlyDictionary<string, int> columns, ImportRow row)
{
    public string this[string column]
    {
        get
        {
            var value = record.Fields[columns[column]];
            if (!CsvReader.ContainsInvalidText(value)) return value.Trim();
            row.Fail(column, "is not valid UTF-8 text; save the file as \"CSV UTF-8 (Comma delimited)\" in Excel, or upload the .xlsx workbook");
            return "";
        }
    }
}

/// <summary>What one batch decided; counted only once its transaction committed.</summary>
public sealed class BatchOutcome
{
    public int Accepted { get; set; }
    public int Skipped { get; set; }
    public long EventsAppended { get; set; }
    public List<List<ImportError>> Rejected { get; } = [];
}

/// <summary>Where an import stands after a committed batch: rows read so far and what became of them.</summary>
public sealed record ImportProgress(int Rows, int Accepted, int Skipped, int Rejected);

internal sealed class Tally(Action<ImportProgress>? progress = null)
{
    private readonly List<ImportError> _errors = [];
    private int _rows;
    private int _accepted;
    private int _skipped;
    private int _rejected;
    private long _events;

    public void Add(BatchOutcome outcome)
    {
        _accepted += outcome.Accepted;
        _skipped += outcome.Skipped;
        _events += outcome.EventsAppended;
        _rejected += outcome.Rejected.Count;
        foreach (var error in outcome.Rejected.SelectMany(e => e))
        {
            if (_errors.Count < ImportReport.MaxErrorsListed) _errors.Add(error);
        }
        _rows += outcome.Accepted + outcome.Skipped + outcome.Rejected.Count;
        progress?.Invoke(new ImportProgress(_rows, _accepted, _skipped, _rejected));
    }

    public ImportReport Report(TimeSpan elapsed) => new(_rows, _accepted, _skipped, _rejected, _events, _errors, elapsed);
}
