using System.Globalization;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;
using NodaTime;

namespace Ledger.Api.Imports;

public sealed class AttendanceRow : ImportRow
{
    public Guid? ClassId { get; set; }
    public Guid? SessionId { get; set; }
    public Guid? PersonId { get; set; }
    public decimal? Hours { get; set; }
    public FaceVerification? Face { get; set; }
    public string? LateEntryReason { get; set; }

    public static void Parse(AttendanceRow row, CsvFields f, LocalDate today, StreamIdentity ids)
    {
        row.ClassId = ParseGuid(row, f, "class_id");
        row.SessionId = ParseGuid(row, f, "session_id");

        // The parser's own message never repeats the number.
        if (ResidentIdNumber.TryParse(f["id_number"], today, out var id, out var idError)) row.PersonId = ids.ForPerson(id);
        else row.Fail("id_number", idError);

        var hours = f["hours"];
        if (!decimal.TryParse(hours, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var h))
            row.Fail("hours", "must be a number of hours such as 2 or 1.5");
        else if (h is <= 0 or > 24) row.Fail("hours", "must be more than 0 and at most 24");
        else row.Hours = h;

        row.Face = ParseFace(row, f["face_checks"], f["face_passed"], f["face_provider"]);

        var reason = f["late_entry_reason"];
        if (reason.Length > 500) row.Fail("late_entry_reason", "must be at most 500 characters");
        row.LateEntryReason = reason.Length == 0 ? null : reason;
    }

    private static Guid? ParseGuid(AttendanceRow row, CsvFields f, string column)
    {
        if (Guid.TryParse(f[column], out var id)) return id;
        row.Fail(column, "must be a UUID such as 0198c4f2-7a1e-7b3c-9d2e-4f5a6b7c8d9e");
        return null;
    }

    /// <summary>Offline sessions leave all three face columns empty; online ones give all three.</summary>
    private static FaceVerification? ParseFace(AttendanceRow row, string checksText, string passedText, string provider)
    {
        if (checksText.Length == 0 && passedText.Length == 0 && provider.Length == 0) return null;
        var ok = true;
        if (!int.TryParse(checksText, NumberStyles.None, CultureInfo.InvariantCulture, out var checks) || checks > 10_000)
        {
            row.Fail("face_checks", "must be a whole number of face checks (0 to 10000) when any face column is given");
            ok = false;
        }
        if (!int.TryParse(passedText, NumberStyles.None, CultureInfo.InvariantCulture, out var passed))
        {
            row.Fail("face_passed", "must be a whole number of passed face checks when any face column is given");
            ok = false;
        }
        else if (ok && passed > checks)
        {
            row.Fail("face_passed", "cannot exceed face_checks");
            ok = false;
        }
        if (provider.Length is 0 or > 100)
        {
            row.Fail("face_provider", "names the face verification provider (at most 100 characters) when any face column is given");
            ok = false;
        }
        return ok ? new FaceVerification(checks, passed, provider) : null;
    }
}

public sealed partial class CsvImporter
{
    /// <param name="inScope">Whether the actor may credit attendance in a class (its own, or one of its jurisdiction); rows of other classes are rejected.</param>
    /// <param name="mayCredit">Whether the actor may credit this person in this class (an institution only its enrolled trainees).</param>
    public Task<ImportReport> ImportAttendanceAsync(Stream csv, Actor actor, string correlationId, CancellationToken ct, Func<TrainingClass, bool>? inScope = null,
        Func<Person, TrainingClass, bool>? mayCredit = null)
    {
        var today = clock.Today();
        var classes = new TrainingClassCache(store);
        return RunAsync<AttendanceRow>(csv, ImportColumns.Attendance,
            (row, fields) => AttendanceRow.Parse(row, fields, today, ids),
            OneAtATime<AttendanceRow>((batch, token) => CommitAsync(batch, actor, correlationId,
                (session, rows, t) => ApplyAttendanceAsync(session, rows, classes, inScope ?? (_ => true), mayCredit ?? ((_, _) => true), today, t), token)), ct);
    }

    private async Task<BatchOutcome> ApplyAttendanceAsync(
        IDocumentSession session, List<AttendanceRow> rows, TrainingClassCache classes, Func<TrainingClass, bool> inScope, Func<Person, TrainingClass, bool> mayCredit,
        LocalDate today, CancellationToken ct)
    {
        await classes.LoadAsync(rows.Where(r => r.ClassId is not null).Select(r => r.ClassId!.Value), ct);
        var persons = await LoadPersonsAsync(session, rows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value), ct);

        // Persons as this batch has left them, so two rows for one person both count, and a session
        // repeated in the file finds the first credit and is skipped.
        var current = new Dictionary<Guid, Person>();
        var appended = new Dictionary<Guid, List<object>>();
        var outcome = new BatchOutcome();

        foreach (var row in rows)
        {
            var errors = new List<ImportError>(row.Errors);
            var trainingClass = row.ClassId is { } classId ? classes.Find(classId) : null;
            if (row.ClassId is not null && trainingClass is null)
                errors.Add(new(row.Line, "class_id", "no training class has this id"));
            else if (trainingClass is not null && !inScope(trainingClass))
            {
                errors.Add(new(row.Line, "class_id", "is a class of another provider or jurisdiction than the importing actor's"));
                trainingClass = null;
            }
            var trainingSession = row.SessionId is { } sessionId ? trainingClass?.Session(sessionId) : null;
            if (trainingClass is not null && row.SessionId is not null && trainingSession is null)
                errors.Add(new(row.Line, "session_id", "is not a session of this class"));
            Person? person = null;
            if (row.PersonId is { } personId)
            {
                person = current.GetValueOrDefault(personId) ?? persons.GetValueOrDefault(personId);
                // One answer for a number nobody registered and a person the importer may not credit: which it is would
                // tell an institution whether a stranger is registered.
                if (person is null || (trainingClass is not null && !mayCredit(person, trainingClass)))
                {
                    errors.Add(new(row.Line, "id_number", "no trainee of this class has this ID number: register and enrol the person in the class first"));
                    person = null;
                }
            }
            if (trainingSession is { Mode: not SessionMode.Online } && row.Face is not null)
                errors.Add(new(row.Line, "face_checks", "face checks belong to online sessions; leave the face columns empty for this session"));

            if (errors.Count > 0 || trainingClass is null || trainingSession is null || person is null || row.Hours is not { } hours)
            {
                outcome.Rejected.Add(errors);
                continue;
            }

            var rules = trainingRules(trainingClass.Jurisdiction, trainingSession.Date);
            TrainingAttended[] events;
            try
            {
                events = TrainingDecider.Decide(new CreditAttendance(trainingSession.SessionId, hours, row.Face, row.LateEntryReason),
                    trainingClass, person, rules, today);
            }
            catch (DomainRuleViolation e)
            {
                outcome.Rejected.Add([new(row.Line, AttendanceField(e.RuleId, rules), $"{e.Message} ({e.RuleId})")]);
                continue;
            }
            if (events.Length == 0)
            {
                outcome.Skipped++;
                continue;
            }

            foreach (var e in events) person = person.Apply(e);
            current[person.Id] = person;
            if (!appended.TryGetValue(person.Id, out var list)) appended[person.Id] = list = [];
            list.AddRange(events);
            outcome.Accepted++;
            outcome.EventsAppended += events.Length;
        }

        foreach (var (personId, events) in appended) session.Events.Append(personId, persons[personId].Version + events.Count, [.. events]);
        return outcome;
    }

    private static string AttendanceField(string ruleId, TrainingRulesInForce rules) =>
        ruleId == rules.LateEntryRuleId ? "late_entry_reason"
        : ruleId == TrainingRules.AttendanceWithinSession ? "hours"
        : "face_checks";
}

/// <summary>Classes an import refers to, read once per import: a file names a handful of classes across a million rows.</summary>
public sealed class TrainingClassCache(IDocumentStore store)
{
    private readonly Dictionary<Guid, TrainingClass?> _classes = [];

    public TrainingClass? Find(Guid classId) => _classes.GetValueOrDefault(classId);

    public async Task LoadAsync(IEnumerable<Guid> classIds, CancellationToken ct)
    {
        var missing = classIds.Where(id => !_classes.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length == 0) return;
        await using var session = store.QuerySession();
        var found = await session.LoadManyAsync<TrainingClass>(ct, missing);
        foreach (var id in missing) _classes[id] = found.FirstOrDefault(c => c.Id == id);
    }
}
