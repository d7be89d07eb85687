using System.Text;
using System.Text.Json;
using Ledger.Api.Imports;
using Ledger.Api.Tests.Audit;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections.Certificates;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.Imports;

/// <summary>
/// The certificate import writes each batch with binary COPY (StagedCertificateWriter) instead of Marten's per-stream
/// statements. These tests hold it to what Marten's own append would have stored, and to all-or-nothing batches.
/// </summary>
[Collection(nameof(ImportsCollection))]
public sealed class StagedCertificateImportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Header =
        "certificate_number,id_number,name,kind,work_type,industry,exam_point,exam_date,pass_date,issued_on,issuing_authority,valid_from,valid_until";

    // The same issuance LedgerScenarios.CertificateBody posts, in the import's columns.
    private static string Row(string number, string id, string name) =>
        $"{number},{id},{name},special-operation,electrical.low-voltage,,蓟州区安全生产考试点,2026-02-02,2026-02-02,2026-02-04,天津市应急管理局,2026-02-04,";

    private static string Csv(params string[] rows) => new StringBuilder().AppendLine(Header).AppendJoin('\n', rows).AppendLine().ToString();

    private IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private CsvImporter Importer(int batchSize = 1000) => new(Store, Host.Services.GetRequiredService<StreamIdentity>(),
        Host.Services.GetRequiredService<CertificateCatalog>(), Host.Services.GetRequiredService<Ledger.Domain.Persons.PersonalDataCipher>(),
        Host.Services.GetRequiredService<IClock>(),
        (jurisdiction, date) => Ledger.Domain.Training.TrainingRulesInForce.For(PolicyCatalog.Default, jurisdiction, date), batchSize);

    private static Task<ImportReport> Import(CsvImporter importer, string csv, string correlationId = "import-run") =>
        importer.ImportCertificatesAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportScenarios.Clerk, correlationId, CancellationToken.None);

    private Guid CertificateId(string number) => Host.Services.GetRequiredService<StreamIdentity>().ForCertificate(number);

    /// <summary>Every stored column of a certificate's stream row, event row and snapshot row, with its own id and number blanked.</summary>
    private async Task<string> StoredRows(Guid certificateId, string number)
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select row_to_json(x)::text from (
              select s.type, s.version, s.tenant_id, s.compacted_version, s.is_archived, s.timestamp = s.created as stamped_once,
                     e.version as event_version, e.type as event_type, e.tenant_id as event_tenant, e.mt_dotnet_type, e.correlation_id, e.causation_id,
                     e.headers, e.user_name, e.is_archived as event_archived, e.bdata is null as no_bdata,
                     e.data - 'certificateId' - 'number' as event_data,
                     d.data - 'id' - 'number' as snapshot, d.mt_version, d.mt_dotnet_type as snapshot_type,
                     d.mt_last_modified = s.created as snapshot_written_with_stream
              from {Host.EventSchema()}.mt_streams s
              join {Host.EventSchema()}.mt_events e on e.stream_id = s.id
              join {Host.EventSchema()}.mt_doc_certificate d on d.id = s.id
              where s.id = $1) x
            """, connection) { Parameters = { new() { Value = certificateId } } };
        var json = (string?)await command.ExecuteScalarAsync();
        json.ShouldNotBeNull($"certificate {number} has no stream, event and snapshot rows");
        return json;
    }

    private Task<long> Count(string table) => Host.Scalar<long>($"select count(*) from {{schema}}.{table}");

    private Task<long> SequenceValue() => Host.Scalar<long>("select last_value from {schema}.mt_events_sequence");

    [Fact]
    public async Task an_imported_certificate_is_stored_exactly_as_one_issued_through_the_api()
    {
        var idNumber = TestIds.NewIdNumber();
        var person = await Host.RegisterPerson(idNumber, "张三");
        var (posted, imported) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());
        await Host.Post($"/api/persons/{person}/certificates", LedgerScenarios.CertificateBody(posted), 201, correlationId: "same-run");
        var report = await Host.Scenario(s =>
        {
            s.Post.Url("/api/imports/certificates");
            var body = Encoding.UTF8.GetBytes(Csv(Row(imported, idNumber, "张三")));
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = "text/csv";
            });
            s.AsActor();
            s.WithRequestHeader("X-Correlation-Id", "same-run");
            s.StatusCodeShouldBe(200);
        });
        (await report.ReadAsJsonAsync<ImportReport>())!.Accepted.ShouldBe(1);
        var (postedId, importedId) = (CertificateId(posted), CertificateId(imported));

        (await StoredRows(importedId, imported)).ShouldBe(await StoredRows(postedId, posted));

        await using (var session = Store.QuerySession())
        {
            var (a, b) = ((await session.Events.FetchStreamAsync(postedId)).Single(), (await session.Events.FetchStreamAsync(importedId)).Single());
            (b.Version, b.EventTypeName, b.DotNetTypeName, b.UserName, b.CorrelationId, b.CausationId, b.TenantId, b.IsArchived)
                .ShouldBe((a.Version, a.EventTypeName, a.DotNetTypeName, a.UserName, a.CorrelationId, a.CausationId, a.TenantId, a.IsArchived));
            b.Headers.ShouldNotBeNull();
            b.Headers.ToDictionary(h => h.Key, h => h.Value?.ToString()).ShouldBe(a.Headers!.ToDictionary(h => h.Key, h => h.Value?.ToString()));
            ((CertificateIssued)b.Data with { CertificateId = postedId, Number = posted }).ShouldBe((CertificateIssued)a.Data);
            b.Sequence.ShouldBeGreaterThan(a.Sequence);

            var (snapshotA, snapshotB) = (await session.LoadAsync<Certificate>(postedId), await session.LoadAsync<Certificate>(importedId));
            snapshotB.ShouldNotBeNull();
            snapshotB.Version.ShouldBe(1);
            Store.Options.Serializer().ToJson(snapshotB with { Id = postedId, Number = posted }).ShouldBe(Store.Options.Serializer().ToJson(snapshotA));
        }

        JsonElement History(JsonElement history) => JsonSerializer.SerializeToElement(history.GetProperty("events").EnumerateArray()
            .Select(e => new { type = e.GetProperty("type").GetString(), version = e.GetProperty("version").GetInt64(), actor = e.GetProperty("actorUser").GetString(),
                org = e.GetProperty("actorOrganisation").GetString(), correlation = e.GetProperty("correlationId").GetString(),
                date = e.GetProperty("businessDate").GetString() }));
        History(await Host.Get($"/api/certificates/{importedId}/history")).ToString()
            .ShouldBe(History(await Host.Get($"/api/certificates/{postedId}/history")).ToString());
        foreach (var number in new[] { posted, imported })
        {
            var verified = await Host.Get($"/api/certificates/verify?number={number}&name={Uri.EscapeDataString("张三")}");
            verified.GetProperty("status").GetString().ShouldBe("valid");
        }
        var file = await Host.Get($"/api/persons/{person}");
        file.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("number").GetString()).Order().ShouldBe(new[] { posted, imported }.Order());

        // The async register, forgery watch and notary read the copied event like any other.
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using (var session = Store.QuerySession())
        {
            var entry = await session.LoadAsync<CertificateRegisterEntry>(importedId);
            entry.ShouldNotBeNull();
            (entry.Number, entry.PersonId, entry.Standing).ShouldBe((imported, person, CertificateStanding.Active));
        }
        (await Host.Scalar<long>($"select count(*) from {{schema}}.mt_notary n join {{schema}}.mt_events e using (seq_id) where e.stream_id = '{importedId}'"))
            .ShouldBe(1);
        var digest = await Host.Digest();
        var audit = await Host.Audit().VerifyAsync(digest, null, CancellationToken.None);
        audit.Intact.ShouldBeTrue(audit.ToString());
        audit.EventsChecked.ShouldBe(digest.EventCount);
        (await Host.Audit().VerifyAsync(digest, importedId, CancellationToken.None)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task a_re_import_skips_every_row_and_stores_nothing_not_even_a_sequence_number()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber());
        await Host.RegisterPerson(a, "张三");
        await Host.RegisterPerson(b, "李四");
        var csv = Csv(Row(TestIds.NewCertificateNumber(), a, "张三"), Row(TestIds.NewCertificateNumber(), b, "李四"), Row(TestIds.NewCertificateNumber(), a, "张三"));
        var first = await Import(Importer(batchSize: 2), csv);
        (first.Accepted, first.Skipped, first.EventsAppended).ShouldBe((3, 0, 3L));

        var (events, streams, documents, sequence) = (await Fixture.EventCountAsync(), await Count("mt_streams"), await Count("mt_doc_certificate"), await SequenceValue());
        var again = await Import(Importer(batchSize: 2), csv);

        (again.Rows, again.Accepted, again.Skipped, again.Rejected, again.EventsAppended).ShouldBe((3, 0, 3, 0, 0L));
        (await Fixture.EventCountAsync(), await Count("mt_streams"), await Count("mt_doc_certificate"), await SequenceValue())
            .ShouldBe((events, streams, documents, sequence), "a re-import adds nothing");
    }

    [Fact]
    public async Task numbers_recorded_by_a_racing_writer_end_with_one_holder_and_the_batch_is_decided_again()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber());
        var personA = await Host.RegisterPerson(a, "张三");
        var personB = await Host.RegisterPerson(b, "李四");
        var (n1, takenByB, n3, takenByA) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());
        var importer = Importer();
        var raced = 0;
        // Between the batch's check and its COPY, another writer records two of its numbers: one for someone else, one
        // for the same person the file names.
        importer.BeforeStagedWrite = async _ =>
        {
            if (Interlocked.Increment(ref raced) > 1) return;
            await Host.IssueCertificate(personB, takenByB);
            await Host.IssueCertificate(personA, takenByA);
        };
        var before = await Fixture.EventCountAsync();

        var report = await Import(importer, Csv(Row(n1, a, "张三"), Row(takenByB, a, "张三"), Row(n3, b, "李四"), Row(takenByA, a, "张三")));

        raced.ShouldBe(1, "the fallback decides the batch through the normal append path, which has no staged write");
        (report.Rows, report.Accepted, report.Skipped, report.Rejected, report.EventsAppended).ShouldBe((4, 2, 1, 1, 2L));
        report.Where().ShouldBe([(3, "certificate_number")]);
        report.Errors.Single().Message.ShouldBe("is already recorded for another person");
        (await Fixture.EventCountAsync()).ShouldBe(before + 4, "two racing issuances and two imported");
        await using var session = Store.QuerySession();
        (await session.LoadAsync<Certificate>(CertificateId(takenByB)))!.PersonId.ShouldBe(personB);
        (await session.LoadAsync<Certificate>(CertificateId(takenByA)))!.PersonId.ShouldBe(personA);
        (await session.Events.FetchStreamAsync(CertificateId(takenByB))).Count.ShouldBe(1);
        (await session.Events.FetchStreamAsync(CertificateId(takenByA))).Count.ShouldBe(1);
        (await session.LoadAsync<Certificate>(CertificateId(n1)))!.PersonId.ShouldBe(personA);
        (await session.LoadAsync<Certificate>(CertificateId(n3)))!.PersonId.ShouldBe(personB);
    }

    [Fact]
    public async Task a_number_repeated_in_a_later_batch_is_judged_against_the_batch_still_being_written()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber());
        var personA = await Host.RegisterPerson(a, "张三");
        await Host.RegisterPerson(b, "李四");
        var (n1, n2, n3) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());

        var report = await Import(Importer(batchSize: 2), Csv(Row(n1, a, "张三"), Row(n2, b, "李四"), Row(n1, a, "张三"), Row(n2, a, "张三"), Row(n3, a, "张三")));

        (report.Rows, report.Accepted, report.Skipped, report.Rejected, report.EventsAppended).ShouldBe((5, 3, 1, 1, 3L));
        report.Where().ShouldBe([(5, "certificate_number")]);
        await using var session = Store.QuerySession();
        (await session.LoadAsync<Certificate>(CertificateId(n1)))!.PersonId.ShouldBe(personA);
        (await session.Events.FetchStreamAsync(CertificateId(n1))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_batch_sent_down_the_normal_path_by_a_race_has_the_next_batch_decided_again()
    {
        var (a, b) = (TestIds.NewIdNumber(), TestIds.NewIdNumber());
        await Host.RegisterPerson(a, "张三");
        var personB = await Host.RegisterPerson(b, "李四");
        var (n1, taken, n3) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());
        var importer = Importer(batchSize: 2);
        var raced = 0;
        importer.BeforeStagedWrite = async _ =>
        {
            if (Interlocked.Increment(ref raced) == 1) await Host.IssueCertificate(personB, taken);
        };

        // The second batch is decided while the first is written, counting the first's numbers as recorded for 张三;
        // the race sends the first batch down the normal path, so the second must be decided again.
        var report = await Import(importer, Csv(Row(n1, a, "张三"), Row(taken, a, "张三"), Row(taken, a, "张三"), Row(n3, a, "张三")));

        (report.Rows, report.Accepted, report.Skipped, report.Rejected, report.EventsAppended).ShouldBe((4, 2, 0, 2, 2L));
        report.Where().ShouldBe([(3, "certificate_number"), (4, "certificate_number")]);
        await using var session = Store.QuerySession();
        (await session.LoadAsync<Certificate>(CertificateId(taken)))!.PersonId.ShouldBe(personB);
        (await session.Events.FetchStreamAsync(CertificateId(taken))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_batch_that_fails_part_way_through_its_copy_stores_nothing_of_that_batch()
    {
        var a = TestIds.NewIdNumber();
        await Host.RegisterPerson(a, "张三");
        var (n1, n2, n3, n4, poisoned) = (TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber(),
            TestIds.NewCertificateNumber(), TestIds.NewCertificateNumber());
        // The snapshot COPY is the last of the three: failing there proves the streams and events of the batch roll back with it.
        await Host.Sql($$"""
            create function {schema}.refuse_poisoned() returns trigger language plpgsql as $$
            begin
              if new.data->>'number' = '{{poisoned}}' then raise exception 'poisoned row'; end if;
              return new;
            end $$;
            create trigger refuse_poisoned before insert on {schema}.mt_doc_certificate for each row execute function {schema}.refuse_poisoned();
            """);
        try
        {
            var (events, streams, documents) = (await Fixture.EventCountAsync(), await Count("mt_streams"), await Count("mt_doc_certificate"));

            var failure = await Should.ThrowAsync<PostgresException>(() =>
                Import(Importer(batchSize: 3), Csv(Row(n1, a, "张三"), Row(n2, a, "张三"), Row(n3, a, "张三"), Row(n4, a, "张三"), Row(poisoned, a, "张三"))));

            failure.MessageText.ShouldBe("poisoned row");
            (await Fixture.EventCountAsync()).ShouldBe(events + 3, "the first batch committed before the second failed");
            (await Count("mt_streams"), await Count("mt_doc_certificate")).ShouldBe((streams + 3, documents + 3));
            await using var session = Store.QuerySession();
            foreach (var number in new[] { n4, poisoned })
            {
                (await session.Events.FetchStreamStateAsync(CertificateId(number))).ShouldBeNull();
                (await session.LoadAsync<Certificate>(CertificateId(number))).ShouldBeNull();
            }
        }
        finally
        {
            await Host.Sql("drop trigger refuse_poisoned on {schema}.mt_doc_certificate; drop function {schema}.refuse_poisoned()");
        }

        // The sequence numbers the failed batch drew are a gap the daemon's high-water detection must get past.
        var retry = await Import(Importer(), Csv(Row(n4, a, "张三"), Row(poisoned, a, "张三")));
        (retry.Accepted, retry.Skipped).ShouldBe((2, 0));
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using (var session = Store.QuerySession())
            (await session.LoadAsync<CertificateRegisterEntry>(CertificateId(poisoned))).ShouldNotBeNull();
    }
}
