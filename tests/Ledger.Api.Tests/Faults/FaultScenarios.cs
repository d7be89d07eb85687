using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Npgsql;

namespace Ledger.Api.Tests.Faults;

[CollectionDefinition(nameof(FaultsCollection))]
public sealed class FaultsCollection : ICollectionFixture<FaultsFixture>;

/// <summary>The fault tests' own PostgreSQL cluster; each test writes to a schema of its own on it and drops it after.</summary>
public sealed class FaultsFixture : IAsyncLifetime
{
    public DedicatedPostgres Postgres { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Postgres = await DedicatedPostgres.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    public static string NewSchema(string test) => $"f_{test}_{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<T> Scalar<T>(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.TestConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", schema), connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task Execute(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.TestConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", schema), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The async shards Program.cs registers: three projections and two subscriptions.</summary>
    public static readonly string[] AsyncShards =
        ["CertificateRegisterEntry:All", "ClaimRecheck:All", "ForgeryWatchEntry:All", "Notary:All", "PayoutLedgerRow:All"];

    /// <summary>
    /// Waits until the daemon has processed every committed event: the high-water mark has reached the last
    /// committed sequence (gaps left by transactions a kill rolled back are skipped by then) and every shard has
    /// reached it. Polls; never judges by elapsed time.
    /// </summary>
    public async Task WaitForProjectionsAsync(string schema, Func<string>? explain = null, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        string state = "";
        while (DateTime.UtcNow < deadline)
        {
            var rows = await Rows(schema, "select name, last_seq_id from {schema}.mt_event_progression");
            var last = await Scalar<long>(schema, "select coalesce(max(seq_id), 0) from {schema}.mt_events");
            var progress = rows.ToDictionary(r => (string)r[0], r => (long)r[1]);
            state = $"last event {last}; " + string.Join(", ", progress.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
            if (progress.TryGetValue("HighWaterMark", out var mark) && mark >= last
                && AsyncShards.All(s => progress.TryGetValue(s, out var seq) && seq >= last))
                return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"async projections did not catch up: {state}\n{explain?.Invoke()}");
    }

    public async Task<List<object[]>> Rows(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres.TestConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", schema), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A content hash per async read-model table (ids and JSON bodies in id order, not Marten's modification times).</summary>
    public async Task<Dictionary<string, string>> AsyncReadModelsAsync(string schema)
    {
        var result = new Dictionary<string, string>();
        foreach (var table in new[] { "mt_doc_certificateregisterentry", "mt_doc_forgerywatchentry", "mt_doc_payoutledgerrow" })
        {
            var rows = await Rows(schema, $"select count(*), coalesce(md5(string_agg(id::text || '=' || data::text, '|' order by id::text)), '') from {{schema}}.{table}");
            result[table] = $"{rows[0][0]} rows, {rows[0][1]}";
        }
        return result;
    }

    /// <summary>Daemon (shard) advisory locks held per process, seen from PostgreSQL by each process's application name.</summary>
    public async Task<Dictionary<string, List<long>>> ShardLocksAsync(params ApiProcess[] processes)
    {
        var names = processes.Select(p => p.ApplicationName).ToArray();
        await using var connection = new NpgsqlConnection(Postgres.TestConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select a.application_name, l.objid::bigint from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
            "where l.locktype = 'advisory' and l.granted and a.application_name = any($1) order by 2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        await using var reader = await command.ExecuteReaderAsync();
        var locks = processes.ToDictionary(p => p.Name, _ => new List<long>());
        while (await reader.ReadAsync())
            locks[processes.Single(p => p.ApplicationName == reader.GetString(0)).Name].Add(reader.GetInt64(1));
        return locks;
    }
}

/// <summary>An HLJ training institution with one finished special-operation class, as a claim needs it (ClaimScenarios over HTTP).</summary>
public sealed record HttpClass(Guid InstitutionId, Guid ClassId, IReadOnlyList<Guid> Sessions);

public sealed record HttpTrainee(Guid PersonId, string IdNumber, string CertificateNumber, Guid CertificateId);

/// <summary>
/// ClaimScenarios for an API in another process. That process runs on the system clock, so the 2021 training is
/// entered late with a reason (NAT-ARC-01); everything else keeps the dates of the in-process claim tests.
/// </summary>
public static class HttpScenarios
{
    public const string WorkType = "electrical.low-voltage";
    private const string LateEntry = "entered from the 2021 paper register";

    public static async Task<Guid> Enterprise(this ApiProcess api)
    {
        var creditCode = TrainingScenarios.NewCreditCode();
        var created = await api.Post("/api/enterprises", new
        {
            creditCode, name = $"企业{creditCode[^6..]}", legalRepresentative = "刘经理", industry = "hazardous-chemicals", jurisdiction = "hlj",
            aboveDesignatedSize = true, headcount = 200, trainingCapability = "self-training",
        }, Actor.Regulator);
        return created.ShouldBe(201).Body.GetProperty("enterpriseId").GetGuid();
    }

    public static async Task<HttpClass> HljClass(this ApiProcess api)
    {
        var registered = (await api.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "哈尔滨安全培训学校", kind = "training-institution", jurisdiction = "hlj", registeredOn = "2021-01-05",
        }, Actor.Regulator)).ShouldBe(201);
        var institutionId = registered.Body.GetProperty("institutionId").GetGuid();
        (await api.Post($"/api/institutions/{institutionId}/filings", new
        {
            filingAuthority = "黑龙江省应急管理厅", scope = new[] { WorkType }, filedOn = "2021-01-05", reason = "备案", version = 1,
        }, Actor.Regulator)).ShouldBe(200);
        (await api.Post($"/api/institutions/{institutionId}/practical-capabilities", new
        {
            workType = WorkType, facilities = "低压电工实训室", recordedOn = "2021-01-05", version = 2,
        }, Actor.Regulator)).ShouldBe(200);
        (await api.Post($"/api/institutions/{institutionId}/hr-catalogue-listings", new
        {
            catalogue = "黑龙江省职业技能培训机构目录", listedOn = "2021-01-05", version = 3,
        }, Actor.Regulator)).ShouldBe(200);
        var opened = (await api.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institutionId, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 16,
            workType = WorkType, kind = "special-operation-initial", openedOn = "2021-03-01",
        }, Actor.Regulator)).ShouldBe(201);
        var classId = opened.Body.GetProperty("classId").GetGuid();
        var sessions = new List<Guid>();
        var version = 1;
        foreach (var (mode, date) in new[] { ("classroom", "2021-03-01"), ("practical", "2021-03-02") })
        {
            var held = (await api.Post($"/api/training-classes/{classId}/sessions", new
            {
                date, start = "08:00", end = "16:00", mode, instructor = "王老师", place = "实训楼", content = mode, lateEntryReason = LateEntry, version = version++,
            }, Actor.Regulator)).ShouldBe(200);
            sessions.Add(held.Body.GetProperty("sessionId").GetGuid());
        }
        foreach (var session in sessions)
            (await api.Post($"/api/training-classes/{classId}/sessions/{session}/video", new
            {
                contentHash = "sha256:" + new string('a', 64), storedAt = "nas://hlj/videos/" + session, retainUntil = "2028-12-31", version = version++,
            }, Actor.Regulator)).ShouldBe(200);
        return new HttpClass(institutionId, classId, sessions);
    }

    /// <summary>Registered, hired before the training, at both sessions, then certified 20 days after it.</summary>
    public static async Task<HttpTrainee> Trainee(this ApiProcess api, HttpClass training, Guid enterpriseId)
    {
        var idNumber = TestIds.NewIdNumber();
        var personId = (await api.Post("/api/persons", LedgerScenarios.PersonBody(idNumber, "张三"), Actor.Regulator)).ShouldBe(201)
            .Body.GetProperty("personId").GetGuid();
        (await api.Post($"/api/persons/{personId}/employments", new
        {
            enterpriseId, post = "电工", keyPost = true, teamLeader = false, specialOperationWorkType = WorkType, relation = "labour-contract", hiredOn = "2021-02-01",
            version = 1,
        }, Actor.Regulator)).ShouldBe(201);
        foreach (var session in training.Sessions)
            (await api.Post($"/api/training-classes/{training.ClassId}/attendance", new { sessionId = session, personId, hours = 8m, lateEntryReason = LateEntry },
                Actor.Regulator)).ShouldBe(200);
        var number = TestIds.NewCertificateNumber();
        var issued = (await api.Post($"/api/persons/{personId}/certificates",
            LedgerScenarios.CertificateBody(number, WorkType, new NodaTime.LocalDate(2021, 3, 20), new NodaTime.LocalDate(2021, 3, 22)), Actor.Regulator)).ShouldBe(201);
        return new HttpTrainee(personId, idNumber, number, issued.Body.GetProperty("certificateId").GetGuid());
    }

    public static object ClaimForm(Guid enterpriseId, HttpClass training, IReadOnlyList<HttpTrainee> roster, Guid? claimId = null) => new
    {
        claimId, enterpriseId, handlerName = "赵经办", handlerMobile = "13900001111", institutionId = training.InstitutionId,
        workTypes = new[] { new { workType = WorkType, count = roster.Count } }, trainingFrom = "2021-03-01", trainingUntil = "2021-03-02",
        certifiedCount = roster.Count, requestedAmount = 1000m * roster.Count,
        commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "刘经理", signedOn = "2021-04-01" },
        applicationDate = "2021-04-01",
        roster = roster.Select((t, i) => new
        {
            lineNo = i + 1, name = "张三", workType = WorkType, idNumber = t.IdNumber, certificateNumber = t.CertificateNumber, kind = "special-operation-initial",
            requestedAmount = (decimal?)1000m,
        }).ToArray(),
    };

    public static Task<Reply> SubmitClaim(this ApiProcess api, Guid enterpriseId, HttpClass training, IReadOnlyList<HttpTrainee> roster, Guid? claimId = null) =>
        api.Post("/api/claims", ClaimForm(enterpriseId, training, roster, claimId), Actor.Enterprise.For(enterpriseId));

    /// <summary>The workflow after submission, step by step with the version each step expects (attest 1 … reconcile 5).</summary>
    public static Task<Reply> ClaimStep(this ApiProcess api, HttpClass training, Guid claimId, int step, int lines = 1) => step switch
    {
        1 => api.Post($"/api/claims/{claimId}/attestation", new { statement = Claims.AttestRequestText, attestedOn = "2021-04-03", version = 1 }, Actor.Institution.OfInstitution(training.InstitutionId)),
        2 => api.Post($"/api/claims/{claimId}/verification", new { systemReference = "黑龙江省安全生产培训考核系统", verifiedOn = "2021-04-06", version = 2 }, Actor.Verifier),
        3 => api.Post($"/api/claims/{claimId}/approval", new
        {
            lines = Enumerable.Range(1, lines).Select(n => new { lineNo = n, approved = true }).ToArray(), on = "2021-04-11", version = 3,
        }, Actor.HrBureau),
        4 => api.Post($"/api/claims/{claimId}/disbursement", new
        {
            paymentReference = "PAY-" + claimId.ToString("N")[..10], payee = "申请企业", payeeAccount = "6222020200001234567", amount = 1000m * lines, paidOn = "2021-04-16",
            version = 4,
        }, Actor.Payer),
        5 => api.Post($"/api/claims/{claimId}/reconciliation", new { bankReference = "BOC-2021-04-19", on = "2021-04-19", version = 5 }, Actor.Reconciler),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public static JsonElement[] Array(this Reply reply) => [.. reply.ShouldBe(200).Body.EnumerateArray()];

    private static class Claims
    {
        public static readonly string AttestRequestText = Ledger.Api.Claims.AttestRequest.FormText;
    }
}

/// <summary>ID numbers unique across a whole run however many a load loop registers (TestIds repeats after 500).</summary>
public static class FaultIds
{
    private static int _next;

    public static string NewIdNumber()
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new NodaTime.LocalDate(1975, 1, 1).PlusDays(n / 400);
        var first17 = $"230102{birth.Year:0000}{birth.Month:00}{birth.Day:00}{n % 400 * 2 + 1:000}";
        return first17 + Ledger.Domain.Persons.ResidentIdNumber.ComputeCheckCharacter(first17);
    }
}
