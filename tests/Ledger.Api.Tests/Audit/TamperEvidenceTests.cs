using Marten.Events;
using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Audit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Audit;

[Collection(nameof(AuditCollection))]
public sealed class TamperEvidenceTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task an_untouched_ledger_verifies_whole_and_stream_by_stream()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var digest = await Host.Digest();

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.Intact.ShouldBeTrue(report.ToString());
        report.EventsChecked.ShouldBe(digest.EventCount);
        (await Host.Audit().VerifyAsync(digest, person, None)).Intact.ShouldBeTrue();
        (await Host.Audit().VerifyAsync(digest, certificate, None)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task the_digest_endpoint_seals_what_the_notary_did_and_proofs_reach_its_root()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Post("/api/audit/digests", new { }, 201, LedgerScenarios.Administrator);
        var last = digest.GetProperty("lastSequence").GetInt64();
        var root = digest.GetProperty("merkleRoot").GetString()!;
        last.ShouldBe(await Host.Scalar<long>("select max(seq_id) from {schema}.mt_events"));

        for (var sequence = 1L; sequence <= last; sequence++)
        {
            var proof = await Host.Get($"/api/audit/proofs?sequence={sequence}&digestSequence={last}", actor: LedgerScenarios.Administrator);
            proof.GetProperty("merkleRoot").GetString().ShouldBe(root);
            var path = proof.GetProperty("path").EnumerateArray().Select(s => new ProofStep(s.GetProperty("hash").GetString()!, s.GetProperty("side").GetString()!));
            AuditHash.Hex(MerkleTree.RootFromProof(AuditHash.FromHex(proof.GetProperty("eventDigest").GetString()!), path)).ShouldBe(root);
        }
        await Host.Get($"/api/audit/proofs?sequence={last + 1}&digestSequence={last}", 404, LedgerScenarios.Administrator);
    }

    [Fact]
    public async Task a_changed_field_inside_an_event_is_named()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var issued = await Host.SequenceOf("certificate_issued", 1);

        await Host.Tamper($"update {{schema}}.mt_events set data = jsonb_set(data, '{{issuingAuthority}}', '\"伪造的机关\"') where seq_id = {issued}");

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.Intact.ShouldBeFalse();
        report.FirstProblem!.Sequence.ShouldBe(issued);
        report.FirstProblem.Kind.ShouldBe("changed");
        report.FirstProblem.Detail.ShouldContain("certificate_issued");
    }

    [Fact]
    public async Task a_changed_actor_in_the_headers_is_named()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var review = await Host.SequenceOf("certificate_reviewed");

        await Host.Tamper($"update {{schema}}.mt_events set headers = jsonb_set(headers, '{{actor-user}}', '\"someone-else\"') where seq_id = {review}");

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.FirstProblem!.Sequence.ShouldBe(review);
        report.FirstProblem.Kind.ShouldBe("changed");
    }

    [Fact]
    public async Task a_deleted_event_is_named_missing()
    {
        var (person, _) = await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var review = await Host.SequenceOf("certificate_reviewed");

        await Host.Tamper($"delete from {{schema}}.mt_events where seq_id = {review}");

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.FirstProblem!.Sequence.ShouldBe(review);
        report.FirstProblem.Kind.ShouldBe("missing");
        (await Host.Audit().VerifyAsync(digest, person, None)).Intact.ShouldBeTrue("the person's own stream was not touched");
    }

    [Fact]
    public async Task two_swapped_events_are_named_reordered()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var first = await Host.SequenceOf("certificate_issued", 0);
        var second = await Host.SequenceOf("certificate_issued", 2);

        await Host.Tamper($$"""
            update {schema}.mt_events set seq_id = -1 where seq_id = {{first}};
            update {schema}.mt_events set seq_id = {{first}} where seq_id = {{second}};
            update {schema}.mt_events set seq_id = {{second}} where seq_id = -1
            """);

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.FirstProblem!.Sequence.ShouldBe(first);
        report.FirstProblem.Kind.ShouldBe("reordered");
        report.FirstProblem.Detail.ShouldContain($"notarised at sequence {second}");
    }

    [Fact]
    public async Task a_forged_event_slipped_into_an_unused_sequence_number_is_named_forged()
    {
        await Host.WriteSomeLedger();
        // A rolled-back append leaves a sequence number unused; the daemon skips it once it is stale.
        var gap = await Host.Scalar<long>("select nextval('{schema}.mt_events_sequence')");
        await Host.RegisterPerson(name: "王五");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var digest = await Host.Digest();
        digest.LastSequence.ShouldBeGreaterThan(gap);

        await Host.Tamper($$"""
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id)
            select {{gap}}, gen_random_uuid(), stream_id, 99, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id
            from {schema}.mt_events where type = 'certificate_reviewed'
            """);

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.FirstProblem!.Sequence.ShouldBe(gap);
        // It carries no seal, so it is named for what it is: an event the ledger never wrote.
        report.FirstProblem.Kind.ShouldBe("forged");
        report.FirstProblem.Detail.ShouldContain("carries no seal");
    }

    [Fact]
    public async Task events_and_notary_rewritten_together_name_the_edited_event_and_fail_against_the_digest_kept_outside()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var issued = await Host.SequenceOf("certificate_issued");
        await Host.Tamper($"update {{schema}}.mt_events set data = jsonb_set(data, '{{examPoint}}', '\"x\"') where seq_id = {issued}");
        await Host.Sql($"truncate {{schema}}.{AuditSchema.NotaryTable}; delete from {{schema}}.mt_event_progression where name like 'Notary%'");
        // The notary re-chains the ledger, but refuses the edited event: its seal no longer holds.
        var daemon = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAllAsync();
        await daemon.StartAllAsync();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        (await Host.Scalar<long>($"select count(*) from {{schema}}.{AuditSchema.NotaryTable} where seq_id = {issued}")).ShouldBe(0L);

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.Intact.ShouldBeFalse();
        report.FirstProblem!.Sequence.ShouldBe(issued);
        report.FirstProblem.Kind.ShouldBe("forged");
        report.Problems.ShouldContain(p => p.Kind == "digest-mismatch");
    }

    [Fact]
    public async Task the_trigger_refuses_updates_and_deletes_but_lets_archiving_through()
    {
        await Host.WriteSomeLedger();
        var update = await Should.ThrowAsync<PostgresException>(() => Host.Sql("update {schema}.mt_events set data = '{}' where seq_id = 1"));
        update.Message.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<PostgresException>(() => Host.Sql("delete from {schema}.mt_events where seq_id = 1"));
        delete.Message.ShouldContain("append-only");
        var renumber = await Should.ThrowAsync<PostgresException>(() => Host.Sql("update {schema}.mt_events set seq_id = 10000 where seq_id = 1"));
        renumber.Message.ShouldContain("append-only");

        await Host.Sql("update {schema}.mt_events set is_archived = true where seq_id = 1");
        (await Host.Scalar<bool>("select is_archived from {schema}.mt_events where seq_id = 1")).ShouldBeTrue();
    }

    [Fact]
    public async Task an_export_verifies_offline_and_an_edited_line_does_not()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        using var buffer = new MemoryStream();
        var written = await Host.Audit().ExportAsync(digest, new ExportSelection([person, certificate]), buffer, None);
        written.ShouldBe(3); // registration, issue, review
        var text = Encoding.UTF8.GetString(buffer.ToArray());

        LedgerAudit.VerifyOffline(new StringReader(text), Host.PublicKeys()).Intact.ShouldBeTrue();

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var review = lines.Single(l => l.Contains("\"certificate_reviewed\""));
        var reviewSequence = System.Text.Json.JsonDocument.Parse(review).RootElement.GetProperty("sequence").GetInt64();
        var edited = text.Replace(review, review.Replace("\"passed\":true", "\"passed\":false"));
        edited.ShouldNotBe(text);

        var report = LedgerAudit.VerifyOffline(new StringReader(edited), Host.PublicKeys());
        report.Intact.ShouldBeFalse();
        report.FirstProblem!.Sequence.ShouldBe(reviewSequence);
        report.FirstProblem.Kind.ShouldBe("changed");
    }
}
