using System.Security.Cryptography;
using System.Text;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Imports;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;
using NodaTime;

using Ledger.Domain.Policies;

namespace Ledger.Tools;

/// <param name="Rows">Data rows to write.</param>
/// <param name="Sessions">Sessions in the class; the file credits each person with each session, so persons = rows / sessions.</param>
/// <param name="BadEvery">About one row in n is bad (0: none), cycling through a wrong ID check character, an unknown session and too many hours.</param>
/// <param name="Seed">The same seed gives the same persons, class, sessions and file.</param>
public sealed record AttendanceFileSpec(int Rows, int Sessions = 20, int BadEvery = 100, int Seed = 1);

public sealed record GeneratedAttendance(Guid ClassId, IReadOnlyList<Guid> SessionIds, int Persons, int PersonsRegistered, int Rows, int BadRows);

/// <summary>
/// Test and benchmark data: registers persons and opens one class with its sessions through the domain
/// (deciders, normal appends), then writes an attendance CSV for them. Running it again with the same seed
/// registers nothing new and writes the same file, so a benchmark can be repeated on one database.
/// </summary>
public static class AttendanceFileGenerator
{
    public const string Jurisdiction = "tj-jizhou";

    /// <summary>GB/T 2260 code of 蓟州区, the address part of the generated ID numbers.</summary>
    private const string AddressCode = "120225";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "海燕"];

    public static async Task<GeneratedAttendance> GenerateAsync(
        IDocumentStore store, StreamIdentity ids, PersonalDataCipher cipher, IClock clock, Actor actor, Stream output, AttendanceFileSpec spec, CancellationToken ct)
    {
        if (spec.Rows < 1 || spec.Sessions is < 1 or > 80) throw new ArgumentException("rows must be positive and sessions between 1 and 80", nameof(spec));
        var today = clock.Today();
        var persons = (spec.Rows + spec.Sessions - 1) / spec.Sessions;
        var idNumbers = Enumerable.Range(0, persons).Select(i => IdNumber(spec.Seed, i)).ToList();
        var registered = await RegisterPersonsAsync(store, ids, cipher, actor, idNumbers, spec.Seed, today, ct);
        var trainingClass = await OpenClassAsync(store, actor, spec, today, ct);

        var bad = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", ImportColumns.Attendance));
        for (var row = 0; row < spec.Rows; row++)
        {
            var session = trainingClass.Sessions[row / persons];
            var idNumber = idNumbers[row % persons].Value;
            var sessionId = session.SessionId;
            var hours = session.Hours;
            // Scattered rather than periodic, so the bad rows do not all fall on the same person or session.
            if (spec.BadEvery > 0 && (uint)(row + spec.Seed) * 2654435761u % (uint)spec.BadEvery == 0)
            {
                switch (bad++ % 3)
                {
                    case 0: idNumber = WithWrongCheckCharacter(idNumber); break;
                    case 1: sessionId = DeterministicGuid($"unknown-session:{spec.Seed}:{row}"); break;
                    default: hours += 1; break;
                }
            }
            var face = session.Mode == SessionMode.Online ? $"4,{(row % 7 == 0 ? 3 : 4)},face-id-cn" : ",,";
            // Some reasons carry a comma and quotes, so every generated file exercises RFC 4180 quoting.
            var reason = row % 97 == 0 ? "\"补录, 原因: \"\"系统维护\"\"\"" : "";
            await writer.WriteLineAsync($"{trainingClass.Id},{sessionId},{idNumber},{hours:0.##},{face},{reason}");
        }
        await writer.FlushAsync(ct);
        return new GeneratedAttendance(trainingClass.Id, trainingClass.Sessions.Select(s => s.SessionId).ToList(), persons, registered, spec.Rows, bad);
    }

    /// <summary>A valid GB 11643 number per (seed, index): 1000 sequence numbers per birth day, a different birth range per seed.</summary>
    public static ResidentIdNumber IdNumber(int seed, int index)
    {
        var birth = new LocalDate(1960, 1, 1).PlusDays(Math.Abs(seed) % 8 * 1500 + index / 1000);
        var first17 = $"{AddressCode}{birth.Year:0000}{birth.Month:00}{birth.Day:00}{index % 1000:000}";
        ResidentIdNumber.TryParse(first17 + ResidentIdNumber.ComputeCheckCharacter(first17), new LocalDate(2100, 1, 1), out var id, out _);
        return id!;
    }

    public static string WithWrongCheckCharacter(string id) => id[..17] + (id[17] == '1' ? '2' : '1');

    public static string Name(int seed, int index) =>
        Surnames[(index + seed) % Surnames.Length] + GivenNames[(index / Surnames.Length + seed) % GivenNames.Length];

    private static async Task<int> RegisterPersonsAsync(
        IDocumentStore store, StreamIdentity ids, PersonalDataCipher cipher, Actor actor, List<ResidentIdNumber> idNumbers, int seed, LocalDate today, CancellationToken ct)
    {
        var registered = 0;
        for (var start = 0; start < idNumbers.Count; start += 500)
        {
            var chunk = idNumbers.Skip(start).Take(500).Select((id, i) => (Id: id, Index: start + i, PersonId: ids.ForPerson(id))).ToList();
            await using var session = store.LightweightSession();
            ActorStamp.Stamp(session, actor);
            var existing = (await session.LoadManyAsync<Person>(ct, chunk.Select(c => c.PersonId))).Select(p => p.Id).ToHashSet();
            foreach (var (id, index, personId) in chunk.Where(c => !existing.Contains(c.PersonId)))
            {
                session.Events.StartStream<Person>(personId, PersonRegistered.Of(cipher, personId, id, Name(seed, index),
                    EducationLevel.SeniorSecondary, "天津市蓟州区", null, today));
                registered++;
            }
            await session.SaveChangesAsync(ct);
        }
        return registered;
    }

    private static async Task<TrainingClass> OpenClassAsync(IDocumentStore store, Actor actor, AttendanceFileSpec spec, LocalDate today, CancellationToken ct)
    {
        var classId = DeterministicGuid($"class:{spec.Seed}:{spec.Sessions}");
        var cache = new TrainingClassCache(store);
        await cache.LoadAsync([classId], ct);
        if (cache.Find(classId) is { } existing) return existing;

        var rules = Ledger.Domain.Training.TrainingRulesInForce.For(PolicyCatalog.Default, Jurisdiction, today);
        var days = Math.Min(spec.Sessions, 20);
        var opened = TrainingDecider.Decide(
            new OpenTrainingClass(classId, TrainingProviderKind.Institution, DeterministicGuid($"provider:{spec.Seed}"), "蓟州区安全技能培训中心",
                Jurisdiction, "低压电工作业初训", "2026-01", spec.Sessions * 2m, "electrical.low-voltage", TrainingKind.SpecialOperationInitial,
                today.PlusDays(-days)),
            new ProviderStanding(true, null, null, false), rules);
        var trainingClass = TrainingClass.Create(opened);
        var events = new List<object> { opened };
        for (var i = 0; i < spec.Sessions; i++)
        {
            // Within the last 20 days, so the file imports without late-entry reasons; up to four two-hour slots a day.
            var start = new LocalTime(8 + i / days * 2, 0);
            var mode = (i % 5) switch { 4 => SessionMode.Online, 3 => SessionMode.Practical, _ => SessionMode.Classroom };
            var held = TrainingDecider.Decide(
                new HoldSession(DeterministicGuid($"session:{spec.Seed}:{spec.Sessions}:{i}"), today.PlusDays(-days + i % days), start, start.PlusHours(2), mode,
                    "刘老师", mode == SessionMode.Online ? "线上平台" : "蓟州区培训中心", $"第{i + 1}讲", null),
                trainingClass, new ProviderStanding(true, null, null, false), rules, today);
            trainingClass = trainingClass.Apply(held);
            events.Add(held);
        }

        await using var session = store.LightweightSession();
        ActorStamp.Stamp(session, actor);
        session.Events.StartStream<TrainingClass>(classId, [.. events]);
        await session.SaveChangesAsync(ct);
        return trainingClass;
    }

    private static Guid DeterministicGuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("ledger-generator:" + name)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
