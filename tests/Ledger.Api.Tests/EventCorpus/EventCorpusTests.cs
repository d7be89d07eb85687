using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Audit;
using Ledger.Api.Tests.Audit;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Reports;
using Ledger.Domain.Training;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.EventCorpus;

[CollectionDefinition(nameof(EventCorpusCollection))]
public sealed class EventCorpusCollection : ICollectionFixture<AppFixture>;

/// <summary>
/// Events readable forever. tests/Ledger.Api.Tests/EventCorpus holds frozen corpora: every stream and event row a build
/// wrote (corpus-1: every event type at its version 1, written once through this build's API and appends; corpus-0: the
/// shapes written before sealing), with the read models their projections made. Every later build must load each corpus
/// into an empty ledger, read every event, and rebuild every projection to exactly those read models; an event of a
/// current type name must also read back to its stored JSON, which is what fails when a shape changes without a new
/// version and an upcaster. A new event type or version has no corpus yet: that test says how to add one (never edit one).
/// </summary>
[Collection(nameof(EventCorpusCollection))]
public sealed class EventCorpusTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string WriteVariable = "LEDGER_WRITE_EVENT_CORPUS";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Folder => Path.Combine(Repository.Root ?? throw new DirectoryNotFoundException("no checkout"), "tests", "Ledger.Api.Tests", "EventCorpus");

    private static IEnumerable<string> Corpora() => Directory.GetDirectories(Folder, "corpus-*").Order(StringComparer.Ordinal);

    [Fact]
    public async Task every_event_type_at_its_current_version_is_in_a_frozen_corpus()
    {
        var missing = Missing();
        if (missing.Count > 0 && Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var next = Corpora().Select(c => int.Parse(Path.GetFileName(c)["corpus-".Length..], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
            await WriteCorpusAsync(Path.Combine(Folder, $"corpus-{next}"));
            missing = Missing();
        }
        missing.ShouldBeEmpty($"no frozen corpus holds these event types at their current version; run this test once with {WriteVariable}=1, "
                              + "which writes a new corpus folder from this build, and commit it (never edit an existing corpus)");
    }

    [Fact]
    public void every_event_type_the_store_knows_carries_a_schema_version_and_is_stored_under_its_name()
    {
        var store = (DocumentStore)Host.Services.GetRequiredService<IDocumentStore>();
        var graph = (Marten.Events.EventGraph)store.Options.Events;
        foreach (var type in EventSchemas.All.Keys) graph.EventMappingFor(type).EventTypeName.ShouldBe(EventSchemas.TypeName(type));
        // A new event type implements its aggregate's event interface; it must say its version.
        var events = typeof(EventSchemas).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.Name.StartsWith('I') && i.Name.EndsWith("Event", StringComparison.Ordinal)));
        events.Where(t => !EventSchemas.All.ContainsKey(t)).ShouldBeEmpty("events without [EventSchema]");
    }

    private static List<string> Missing()
    {
        var stored = Corpora().SelectMany(c => Rows(c, "events.json")).Select(e => e["type"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return EventSchemas.All.Keys.Select(t => EventSchemas.TypeName(t)).Where(n => !stored.Contains(n)).Order(StringComparer.Ordinal).ToList();
    }

    public static TheoryData<string> CorpusNames() => [.. Corpora().Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public async Task a_frozen_corpus_loads_and_every_projection_rebuilds_to_its_frozen_read_models(string corpus)
    {
        var folder = Path.Combine(Folder, corpus);
        await LoadAsync(folder);

        // Every event reads as a registered type (through an upcaster where its shape is older).
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
            events.Count.ShouldBe(Rows(folder, "events.json").Count);
            events.ShouldAllBe(e => EventSchemas.All.ContainsKey(e.EventType));
        }

        var store = (DocumentStore)Host.Services.GetRequiredService<IDocumentStore>();
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in AuditFiles.ProjectionNames(store)) await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(60), CancellationToken.None);
        var actual = await ReadModelsAsync();
        var frozen = Path.Combine(folder, "read-models.json");
        // A corpus put together by hand (corpus-0) gets its read models written once, by the build that adds it.
        if (!File.Exists(frozen) && Environment.GetEnvironmentVariable(WriteVariable) == "1") await File.WriteAllTextAsync(frozen, actual.ToJsonString(Indented));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(frozen))!.AsObject();
        DropFieldsAddedSince(actual, expected);
        actual.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(expected.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (table, rows) in expected)
            JsonNode.DeepEquals(actual[table], rows).ShouldBeTrue($"{table} rebuilt from {corpus} differs from its frozen read model:\n{actual[table]!.ToJsonString()}");
    }

    [Fact]
    public void an_event_of_a_current_type_name_reads_back_to_exactly_the_json_it_was_stored_with()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var serializer = store.Options.Serializer();
        var current = EventSchemas.All.Keys.ToDictionary(t => EventSchemas.TypeName(t), StringComparer.Ordinal);
        var checkedTypes = new HashSet<string>();
        foreach (var row in Corpora().Where(c => !c.EndsWith("corpus-0", StringComparison.Ordinal)).SelectMany(c => Rows(c, "events.json")))
        {
            var type = row["type"]!.GetValue<string>();
            // An older version's name reads through its upcaster; the rebuild test proves it still loads.
            if (!current.TryGetValue(type, out var clr)) continue;
            var stored = JsonNode.Parse(row["data"]!.GetValue<string>());
            var read = serializer.FromJson(clr, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored!.ToJsonString())));
            var written = JsonNode.Parse(serializer.ToJson(read));
            JsonNode.DeepEquals(written, stored).ShouldBeTrue(
                $"{clr.Name} (stored as {type}) no longer has the shape its events were written with: a changed shape is a new [EventSchema] version "
                + $"with an upcaster from '{type}' (Ledger.Projections/Events/EventVersioning.cs).\nstored:  {stored.ToJsonString()}\nnow:     {written!.ToJsonString()}");
            checkedTypes.Add(type);
        }
        checkedTypes.Count.ShouldBe(EventSchemas.All.Count);
    }

    [Fact]
    public async Task events_written_before_sealing_load_sealed_and_masked_as_registration_does_now()
    {
        await LoadAsync(Path.Combine(Folder, "corpus-0"));
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var cipher = Host.Services.GetRequiredService<PersonalDataCipher>();
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in AuditFiles.ProjectionNames((DocumentStore)store)) await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(60), CancellationToken.None);
        await using var session = store.QuerySession();
        var legacy = Rows(Path.Combine(Folder, "corpus-0"), "events.json").Select(r => JsonNode.Parse(r["data"]!.GetValue<string>())!).ToList();
        var registered = legacy.Single(e => e["idNumber"] is JsonValue);
        var person = (await session.LoadAsync<Person>(registered["personId"]!.GetValue<Guid>()))!;
        cipher.Open(person.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id).ShouldBe(registered["idNumber"]!.GetValue<string>());
        cipher.Open(person.Mobile!, PersonalDataCipher.MobilePurpose, person.Id).ShouldBe(registered["mobile"]!.GetValue<string>());
        person.IdNumberMasked.ShouldBe(Ledger.Domain.Masking.IdNumber(registered["idNumber"]!.GetValue<string>()));
        var submitted = legacy.Single(e => e["handlerMobile"] is not null);
        var claim = (await session.LoadAsync<Claim>(submitted["claimId"]!.GetValue<Guid>()))!;
        claim.Form.HandlerMobile.ShouldBe(Ledger.Domain.Masking.Mobile(submitted["handlerMobile"]!.GetValue<string>()));
        // Nothing plain reached a read model: the snapshots hold what a registration today would.
        var documents = await Host.Scalar<string>("select string_agg(data::text, ' ') from {schema}.mt_doc_person") + await Host.Scalar<string>("select string_agg(data::text, ' ') from {schema}.mt_doc_claim");
        documents.ShouldNotContain(registered["idNumber"]!.GetValue<string>());
        documents.ShouldNotContain(submitted["handlerMobile"]!.GetValue<string>());
    }

    private static List<JsonObject> Rows(string folder, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file)))!["events"] is JsonArray events && file == "events.json"
            ? events.Select(e => e!.AsObject()).ToList()
            : [];

    /// <summary>Puts a corpus's rows into the empty schema as an old database holds them, with the daemon stopped.</summary>
    private async Task LoadAsync(string folder)
    {
        await Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().StopAllAsync();
        var corpus = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "events.json")))!;
        var schema = Host.EventSchema();
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        foreach (var (table, key) in new[] { ("mt_streams", "streams"), ("mt_events", "events") })
        {
            var rows = new JsonArray(corpus[key]!.AsArray().Select(r => (JsonNode?)Row(r!.AsObject())).ToArray());
            await using var insert = new NpgsqlCommand($"insert into {schema}.{table} select * from jsonb_populate_recordset(null::{schema}.{table}, $1::jsonb)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.ToJsonString() });
            await insert.ExecuteNonQueryAsync();
        }
        await using var sequence = new NpgsqlCommand($"select setval('{schema}.mt_events_sequence', (select max(seq_id) from {schema}.mt_events))", connection);
        await sequence.ExecuteNonQueryAsync();
    }

    /// <summary>A stored row with its data and headers back as JSON values (they are kept as text so the files diff line by line).</summary>
    private static JsonObject Row(JsonObject stored)
    {
        var row = stored.DeepClone().AsObject();
        foreach (var column in new[] { "data", "headers", "snapshot" })
            if (row[column] is JsonValue text && text.TryGetValue<string>(out var json)) row[column] = JsonNode.Parse(json);
        return row;
    }

    /// <summary>
    /// Fields a later build added to a read model, derived from what the events already carried: a frozen read model written before
    /// them lacks them, so they are left out of the comparison for the rows whose frozen copy lacks them, and every other field of
    /// those rows must still match. A field changed or removed is never listed here; it needs an upcaster or a new corpus.
    /// </summary>
    private static readonly (string Table, string Field, string Why)[] FieldsAddedSince =
    [
        ("mt_doc_certificate", "supersessionKind", "CertificateIssued.SupersessionKind kept on the certificate so a Taizhou renewal earns the review subsidy (TZ-SUB-04)"),
        ("mt_doc_certificate", "revokedFor", "CertificateRevoked v2's ground (Order No. 30 art. 30) kept on the certificate for the 3-year bar (NAT-CRT-10); null unless revoked"),
    ];

    private static void DropFieldsAddedSince(JsonObject actual, JsonObject expected)
    {
        foreach (var (table, field, _) in FieldsAddedSince)
        {
            if (actual[table] is not JsonArray rows || expected[table] is not JsonArray frozenRows) continue;
            var frozenById = frozenRows.Select(r => r!.AsObject()).ToDictionary(r => r["id"]!.GetValue<string>(), StringComparer.Ordinal);
            foreach (var row in rows.Select(r => r!.AsObject()))
                if (frozenById.TryGetValue(row["id"]!.GetValue<string>(), out var frozenRow) && frozenRow["data"] is JsonObject data && !data.ContainsKey(field))
                    row["data"]!.AsObject().Remove(field);
        }
    }

    private async Task<JsonObject> ReadModelsAsync()
    {
        var schema = Host.EventSchema();
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        // Neither the re-check marks nor the console's last visits are read models of the events.
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = $1 and table_name like 'mt_doc_%' and table_name not in ('mt_doc_claimrecheckmark', 'mt_doc_consolevisit') order by 1", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var result = new JsonObject();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select coalesce(jsonb_agg(jsonb_build_object('id', id::text, 'data', data) order by id::text), '[]') from {schema}.{table}", connection);
            result[table] = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!);
        }
        return result;
    }

    /// <summary>Writes this build's corpus: the scenario below, every stream and event row as stored, and the read models.</summary>
    private async Task WriteCorpusAsync(string folder)
    {
        await WriteEveryEventAsync();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var schema = Host.EventSchema();
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        var corpus = new JsonObject { ["written"] = "by EventCorpusTests.WriteCorpusAsync; frozen: never edit, add a new corpus instead" };
        foreach (var (table, key, order) in new[] { ("mt_streams", "streams", "id"), ("mt_events", "events", "seq_id") })
        {
            await using var command = new NpgsqlCommand($"select coalesce(jsonb_agg(to_jsonb(t) order by t.{order}), '[]') from {schema}.{table} t", connection);
            var rows = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsArray();
            foreach (var row in rows.Select(r => r!.AsObject()))
                foreach (var column in new[] { "data", "headers", "snapshot" })
                    if (row[column] is JsonObject or JsonArray) row[column] = row[column]!.ToJsonString();
            corpus[key] = rows;
        }
        // The daemon's own progress rows are not the corpus's: a rebuild writes its own.
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "events.json"), corpus.ToJsonString(Indented));
        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAllAsync();
        foreach (var name in AuditFiles.ProjectionNames((DocumentStore)Host.Services.GetRequiredService<IDocumentStore>()))
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromSeconds(60), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "read-models.json"), (await ReadModelsAsync()).ToJsonString(Indented));
        await daemon.StartAllAsync();
    }

    /// <summary>
    /// One of every event: a planted double payment through the API (enterprises, an institution filed and listed, a class with
    /// sessions and video, persons, employments, attendance, assessments, certificates, claims paid and reconciled, entitlements),
    /// then the rest appended as their endpoints and verbs append them, on the same streams.
    /// </summary>
    private async Task WriteEveryEventAsync()
    {
        var planted = await Host.PlantDoublePayment();
        await Host.Post("/api/forgery-reports", new { number = "HLJ-FORGED-1", whereFound = "site inspection", reportedOn = "2021-05-20", reason = "no hologram" }, 202);
        await Host.Scenario(s => { s.Get.Url("/api/certificates/verify?number=HLJ-UNKNOWN-1&name=%E5%BC%A0%E4%B8%89"); s.StatusCodeShouldBe(200); });
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var cipher = Host.Services.GetRequiredService<PersonalDataCipher>();
        await using var read = store.QuerySession();
        var person = (await read.LoadAsync<Person>(planted.Person.PersonId))!;
        var claim = (await read.LoadAsync<Claim>(planted.FirstClaim))!;
        var enterprise = (await read.LoadAsync<Enterprise>(planted.First))!;
        var institution = (await read.LoadAsync<Institution>(claim.Form.InstitutionId))!;
        var trainingClass = (await read.Query<TrainingClass>().ToListAsync()).First();
        var employment = person.Employments.First(e => e.EnterpriseId == planted.First);
        var line = claim.Lines[0].Line;
        var at = Instant.FromUtc(2021, 7, 1, 2, 0);
        var day = new LocalDate(2021, 7, 1);

        await using var session = store.LightweightSession();
        session.SetHeader("actor-user", "corpus-writer");
        session.SetHeader("actor-org", "ledger-tests");
        session.SetHeader("actor-role", "regulator");
        var assignment = employment.Assignment with { Post = "班组长", TeamLeader = true };
        session.Events.Append(person.Id,
            new PersonEducationRecorded(person.Id, EducationLevel.SecondaryVocational, "毕业证书 2010-123", day, "档案补录"),
            new SocialInsuranceMonthsRecorded(person.Id, "黑龙江省哈尔滨市", enterprise.CreditCode, [new YearMonth(2021, 4), new YearMonth(2021, 5), new YearMonth(2021, 6)], "社保局导出"),
            new PostChanged(person.Id, employment.EmploymentId, assignment, day.PlusDays(1), "任班组长"),
            new FourNewIntroduced(person.Id, employment.EmploymentId, FourNewKind.Process, "新工艺：自动化配电", day.PlusDays(2)),
            new LeftPost(person.Id, employment.EmploymentId, day.PlusDays(3), "病假"),
            new ReturnedToPost(person.Id, employment.EmploymentId, day.PlusDays(40)),
            new AssessmentRecorded(person.Id, Guid.CreateVersion7(), AssessmentKind.PostAssessment, enterprise.Id, null, "hlj", "班组长", ClaimScenarios.WorkType,
                88, 80, 85, 80, PracticalMode.RealEquipment, [], true, ["HLJ-EXM-04"], day.PlusDays(41), "考评员甲"),
            new EmploymentEnded(person.Id, employment.EmploymentId, day.PlusDays(60), "合同期满"),
            new PersonalDataResealed(person.Id, cipher.Seal(cipher.Open(person.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id), PersonalDataCipher.IdNumberPurpose, person.Id),
                person.Mobile is null ? null : cipher.Seal(cipher.Open(person.Mobile, PersonalDataCipher.MobilePurpose, person.Id), PersonalDataCipher.MobilePurpose, person.Id), day.PlusDays(61)));
        session.Events.Append(AccessStream("person", person.Id),
            new FullIdNumberRead(person.Id, "核对身份证", "officer-li", "hlj-hr-bureau", "hr-bureau", "hlj", at),
            new AuditorRead("person", person.Id, "补贴审计", "auditor-zhou", "national-audit-office", "cn", at.Plus(Duration.FromMinutes(5))));
        session.Events.StartStream(Guid.CreateVersion7(),
            new AuditorRouteRead("GET", "/api/reports/payout-ledger", "/api/reports/payout-ledger", "from=2021-04&to=2021-06", "补贴审计", "auditor-zhou", "national-audit-office", "cn", at));
        session.Events.StartStream(Guid.CreateVersion7(), new SessionEnded("officer-li", "hlj-hr-bureau", "hr-bureau", at.Plus(Duration.FromHours(8)), at));
        session.Events.Append(person.Id, new Ledger.Domain.Training.TraineeEnrolled(person.Id, Ledger.Domain.Training.TrainingProviderKind.Institution,
            claim.Form.InstitutionId, claim.Form.InstitutionName, null, day.PlusDays(4)));

        var certificate = planted.Person.CertificateId;
        var successor = Guid.CreateVersion7();
        session.Events.Append(certificate,
            new CertificateReviewed(certificate, day, true, day.PlusDays(-2), day.PlusYears(3), null),
            new CertificateSuspended(certificate, day.PlusDays(10), "事故调查", "SAWS Order 30 art. 39"),
            new CertificateReinstated(certificate, day.PlusDays(20), "调查结束"),
            new CertificateSuperseded(certificate, successor, "HLJ-RENEW-1", SupersessionKind.Replacement, day.PlusDays(30), "证书遗失补办"));
        session.Events.StartStream<Certificate>(successor,
            new CertificateIssued(successor, person.Id, "HLJ-RENEW-1", "special-operation", ClaimScenarios.WorkType, null, person.Name, "哈尔滨考试点", day.PlusDays(25), day.PlusDays(25),
                day.PlusDays(30), "黑龙江省应急管理厅", day.PlusDays(30), day.PlusDays(30).PlusYears(6), day.PlusDays(30).PlusYears(3), certificate, SupersessionKind.Replacement));
        var colleagueCertificate = (await read.LoadAsync<Claim>(planted.SecondClaim))!.Lines[1].Line.CertificateId!.Value;
        session.Events.Append(colleagueCertificate, new CertificateRevoked(colleagueCertificate, day.PlusDays(5), RevocationGround.Deception, "以欺骗手段取得", "SAWS Order 30 art. 40"));

        session.Events.Append(claim.Id,
            new ClaimLineFlagged(claim.Id, line.LineNo, new Finding("FR-04", Severity.High, false, "certificate revoked after payment"), day.PlusDays(5)),
            new ClawbackOrdered(claim.Id, [line.LineNo], 1000m, "重复发放", ["FR-01"], day.PlusDays(6), "cashier-zhou"),
            new ClawbackRepaid(claim.Id, 1000m, "REFUND-1", day.PlusDays(20)),
            new ClaimHandlerMobileResealed(claim.Id, cipher.Seal("13900001111", PersonalDataCipher.HandlerMobilePurpose, claim.Id), day.PlusDays(61)));
        var rejected = Guid.CreateVersion7();
        session.Events.StartStream<Claim>(rejected, (await session.Events.FetchStreamAsync(planted.SecondClaim)).Select(e => e.Data).OfType<ClaimSubmitted>().Single() with
        {
            ClaimId = rejected, Lines = [], ApplicationDate = day,
        });
        session.Events.Append(rejected,
            new VerificationOverridden(rejected, 1, "系统外核验通过", day.PlusDays(1), "inspector-qian"),
            new ClaimRejected(rejected, "材料不全", day.PlusDays(2), "officer-li"));
        session.Events.Append(line.EntitlementId, new EntitlementReleased(line.EntitlementId, claim.Id, line.LineNo, "追回后释放", day.PlusDays(21)));

        session.Events.Append(enterprise.Id,
            new EnterpriseHeadcountReported(enterprise.Id, 240, day),
            new EnterpriseTrainingCapabilityChanged(enterprise.Id, TrainingCapability.Entrusting, institution.Name, day.PlusDays(1), "自有培训室改建"));
        var roster = Guid.CreateVersion7();
        session.Events.StartStream<InternalTrainerRoster>(roster,
            new InternalTrainerAppointed(roster, enterprise.CreditCode, person.Id, [ClaimScenarios.WorkType], TrainerQualification.DemonstrationBaseCertified, day, day.PlusDays(1)));
        session.Events.Append(roster, new InternalTrainerRemoved(roster, person.Id, day.PlusDays(30), "调离"));

        session.Events.Append(institution.Id,
            new PracticalCapabilityWithdrawn(institution.Id, ClaimScenarios.WorkType, day, "实训室改造"),
            new InstitutionDelistedFromHrCatalogue(institution.Id, day.PlusDays(1), "目录调整"),
            new InstitutionSuspended(institution.Id, day.PlusDays(2), "停业整顿", "HLJ-INS-03"),
            new InstitutionReinstated(institution.Id, day.PlusDays(30), "整改完成"),
            new ExamPointDesignated(institution.Id, [ClaimScenarios.WorkType], "哈尔滨市", "黑龙江省应急管理厅", day.PlusDays(31)),
            new ExamPointDesignationWithdrawn(institution.Id, day.PlusDays(60), "考点调整"),
            new InstitutionFilingCancelled(institution.Id, day.PlusDays(90), "注销备案"));
        session.Events.Append(trainingClass.Id, new TrainingClassClosed(trainingClass.Id, day));

        session.Events.StartStream(Ledger.Api.Reports.ComplianceReportEndpoints.SubmissionStream(ComplianceCatalog.Find("hlj")!),
            new ComplianceReportSubmitted(Guid.CreateVersion7(), "hlj", "HLJ-RPT-01", "2021-H1", new LocalDate(2021, 1, 1), new LocalDate(2021, 6, 30), new LocalDate(2021, 7, 10),
                "上半年工作情况", "inspector-li", "hlj-emergency-bureau", at));
        session.Events.StartStream(Ledger.Api.Reports.ComplianceReportEndpoints.BaselineStream(ComplianceCatalog.Find("hlj")!),
            new ComplianceBaselineRecorded(Guid.CreateVersion7(), "hlj", "HLJ-TGT-05", new LocalDate(2019, 12, 31), 12, 60, "2019年班组长台账", "方案基数", "inspector-li",
                "hlj-emergency-bureau", at));
        await session.SaveChangesAsync();
    }

    private static Guid AccessStream(string subject, Guid id) => Ledger.Api.Access.AuditorReadLog.StreamOf(subject, id);
}
