using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Tests.Faults;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Audit;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// Signed digests pushed to a write-once folder outside the database, each proving the one before is its prefix:
/// the ledger verifies from the witness alone, and a truncation or rewrite before a witnessed digest is named.
/// </summary>
[Collection(nameof(AuditCollection))]
public sealed class WitnessTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Three witnessed digests with new events between them; the folder and the sequence of the last event before the latest batch.</summary>
    private async Task<(string Folder, DigestPublisher Publisher, long BeforeLast)> WitnessedLedger()
    {
        var folder = AuditScenarios.ScratchFolder("witness");
        var publisher = Host.Publisher(folder);
        await Host.WriteSomeLedger();
        await publisher.Witness();
        await Host.WriteMore("王五");
        await publisher.Witness();
        var beforeLast = await Host.Scalar<long>("select max(seq_id) from {schema}.mt_events");
        await Host.WriteMore("赵六");
        await Host.WriteMore("孙七");
        await publisher.Witness();
        return (folder, publisher, beforeLast);
    }

    [Fact]
    public async Task an_untampered_ledger_verifies_intact_from_the_witness_alone()
    {
        var (folder, publisher, _) = await WitnessedLedger();
        var again = await publisher.Witness();
        var contents = await new FolderWitness(folder).ReadAllAsync(None);
        contents.Entries.Count.ShouldBe(3, "nothing newly notarised writes no new digest");
        contents.Entries[^1].Digest.ShouldBe(again);
        contents.Entries.Skip(1).ShouldAllBe(e => e.Previous != null && e.Consistency.Count > 0);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).First()).HasFlag(UnixFileMode.UserWrite).ShouldBeFalse("written once, then read-only");

        var report = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        report.Intact.ShouldBeTrue(report.ToString());
        report.EventsChecked.ShouldBe(again.EventCount);

        var (exit, output) = await ApiProcess.RunVerbAsync(AppFixture.ConnectionString, Fixture.Schema, "verify", "--witness", folder);
        exit.ShouldBe(0, output);
        output.ShouldContain($"完好：已核验 {again.EventCount} 个事件");
        output.ShouldContain("witness: 3 signed digests");
    }

    [Fact]
    public async Task truncating_the_tail_with_its_seals_and_notary_rows_names_the_first_removed_event()
    {
        var (folder, publisher, beforeLast) = await WitnessedLedger();
        await Host.Tamper($$"""
            delete from {schema}.mt_events where seq_id > {{beforeLast}};
            delete from {schema}.{{AuditSchema.NotaryTable}} where seq_id > {{beforeLast}};
            alter table {schema}.{{AuditSchema.SealTable}} disable trigger {{AuditSchema.SealTriggerName}};
            delete from {schema}.{{AuditSchema.SealTable}} where seq_id > {{beforeLast}};
            alter table {schema}.{{AuditSchema.SealTable}} enable trigger {{AuditSchema.SealTriggerName}}
            """);

        var report = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        report.Intact.ShouldBeFalse();
        report.FirstProblem!.Sequence.ShouldBe(beforeLast + 1);
        report.FirstProblem.Kind.ShouldBe("missing");
        report.FirstProblem.Detail.ShouldContain("gone");
        // The publisher will not sign a tree that forks from what it witnessed.
        await Should.ThrowAsync<WitnessConflictException>(() => Host.Publisher(folder).PublishAsync(DateTimeOffset.UtcNow, None));

        var (exit, output) = await ApiProcess.RunVerbAsync(AppFixture.ConnectionString, Fixture.Schema, "verify", "--witness", folder);
        exit.ShouldNotBe(0, output);
        output.ShouldContain($"NOT intact: first bad event at sequence {beforeLast + 1}: missing");
    }

    [Fact]
    public async Task a_rewrite_before_a_witnessed_digest_with_the_notary_rechained_names_the_rewritten_event()
    {
        var (folder, _, _) = await WitnessedLedger();
        var issued = await Host.SequenceOf("certificate_issued", 1);
        await Host.Tamper($"update {{schema}}.mt_events set data = jsonb_set(data, '{{issuingAuthority}}', '\"伪造的机关\"') where seq_id = {issued}");
        await Host.ForgetNotary();
        await Host.RestartDaemon();

        var report = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        report.FirstProblem!.Sequence.ShouldBe(issued);
        report.Problems.Where(p => p.Sequence == issued).Select(p => p.Kind).ShouldBe(["forged", "missing"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_stream_s_last_event_deleted_with_its_seal_and_notary_rechained_is_named_only_the_witness_can()
    {
        var (folder, _, _) = await WitnessedLedger();
        // A certificate's review is the last event of its stream: nothing later in the stream depends on its seal.
        var review = await Host.SequenceOf("certificate_reviewed");
        await Host.Tamper($$"""
            delete from {schema}.mt_events where seq_id = {{review}};
            alter table {schema}.{{AuditSchema.SealTable}} disable trigger {{AuditSchema.SealTriggerName}};
            delete from {schema}.{{AuditSchema.SealTable}} where seq_id = {{review}};
            alter table {schema}.{{AuditSchema.SealTable}} enable trigger {{AuditSchema.SealTriggerName}}
            """);
        await Host.ForgetNotary();
        await Host.RestartDaemon();

        var latest = (await new FolderWitness(folder).LatestAsync(None))!.Digest;
        var fromDigest = await Host.Audit().VerifyAsync(latest, null, None);
        fromDigest.FirstProblem!.Sequence.ShouldBeNull("against one digest the deletion shows only as a different root");

        var report = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        report.FirstProblem!.Sequence.ShouldBe(review);
        report.FirstProblem.Kind.ShouldBe("missing");
    }

    [Fact]
    public async Task an_altered_or_removed_witness_entry_is_caught()
    {
        var (folder, _, _) = await WitnessedLedger();
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order().ToList();
        var middle = files[1];
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(middle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var entry = JsonNode.Parse(await File.ReadAllTextAsync(middle))!;
        var sequence = entry["digest"]!["lastSequence"]!.GetValue<long>();
        entry["digest"]!["eventCount"] = entry["digest"]!["eventCount"]!.GetValue<long>() - 1;
        await File.WriteAllTextAsync(middle, entry.ToJsonString());

        var altered = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        altered.FirstProblem!.Sequence.ShouldBe(sequence);
        altered.FirstProblem.Kind.ShouldBe("witness-invalid");

        File.Delete(middle);
        var removed = await Host.Audit().VerifyWitnessAsync(new FolderWitness(folder), Host.PublicKeys(), None);
        removed.FirstProblem!.Kind.ShouldBe("witness-inconsistent");
        removed.FirstProblem.Sequence.ShouldBe(JsonDocument.Parse(await File.ReadAllTextAsync(files[2])).RootElement.GetProperty("digest").GetProperty("lastSequence").GetInt64());
    }
}
