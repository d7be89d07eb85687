using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Audit;

/// <summary>An export handed to an auditor proves it is whole: a removed, reordered or hidden line is named offline.</summary>
[Collection(nameof(AuditCollection))]
public sealed class ExportCompletenessTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<List<string>> Export(LedgerDigest digest, ExportSelection selection)
    {
        using var buffer = new MemoryStream();
        await Host.Audit().ExportAsync(digest, selection, buffer, None);
        return Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private VerificationReport Verify(IEnumerable<string> lines, bool keys = true) =>
        LedgerAudit.VerifyOffline(new StringReader(string.Join('\n', lines)), keys ? Host.PublicKeys() : null);

    private static long Sequence(string line) => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64();

    private static int IndexOf(List<string> lines, string type) => lines.FindIndex(l => l.Contains($"\"type\":\"{type}\""));

    [Fact]
    public async Task a_person_export_verifies_whole_and_says_when_its_signatures_were_not_checked()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var lines = await Export(await Host.Digest(), new ExportSelection([person, certificate]));
        lines.Count.ShouldBe(4); // header, registration, issue, review
        var header = JsonNode.Parse(lines[0])!;
        header["format"]!.GetValue<string>().ShouldBe(LedgerAudit.ExportFormat);
        header["digest"]!["signature"].ShouldNotBeNull();
        header["streamHeads"]!.AsArray().Count.ShouldBe(2);

        var report = Verify(lines);
        report.Intact.ShouldBeTrue(report.ToString());
        report.Notes.ShouldBeNull();
        var unchecked_ = Verify(lines, keys: false);
        unchecked_.Intact.ShouldBeTrue();
        unchecked_.Notes!.ShouldContain(n => n.Contains("signatures not checked"));
    }

    [Fact]
    public async Task a_removed_line_is_named_missing_wherever_it_was()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var lines = await Export(await Host.Digest(), new ExportSelection([person, certificate]));

        foreach (var type in new[] { "certificate_issued", "certificate_reviewed", "person_registered" })
        {
            var removed = IndexOf(lines, type);
            var report = Verify(lines.Where((_, i) => i != removed));
            report.Intact.ShouldBeFalse(type);
            report.FirstProblem!.Sequence.ShouldBe(Sequence(lines[removed]), type);
            report.FirstProblem.Kind.ShouldBe("missing", type);
        }
    }

    [Fact]
    public async Task two_swapped_lines_are_named_reordered()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var lines = await Export(await Host.Digest(), new ExportSelection([person, certificate]));
        var (issue, review) = (IndexOf(lines, "certificate_issued"), IndexOf(lines, "certificate_reviewed"));
        var swapped = lines.ToList();
        (swapped[issue], swapped[review]) = (swapped[review], swapped[issue]);

        var report = Verify(swapped);
        report.FirstProblem!.Kind.ShouldBe("reordered");
        report.FirstProblem.Sequence.ShouldBe(Sequence(lines[issue]));
    }

    [Fact]
    public async Task a_header_rewritten_to_hide_a_removed_line_fails_its_signature()
    {
        var (person, certificate) = await Host.WriteSomeLedger();
        var lines = await Export(await Host.Digest(), new ExportSelection([person, certificate]));
        var review = IndexOf(lines, "certificate_reviewed");
        var reviewSequence = Sequence(lines[review]);
        // Drop the review and make the header agree: the certificate "ends" at its issue.
        var header = JsonNode.Parse(lines[0])!.AsObject();
        header["sequences"] = JsonSerializer.SerializeToNode(header["sequences"]!.Deserialize<List<long[]>>()!
            .SelectMany(r => Enumerable.Range((int)r[0], (int)(r[1] - r[0] + 1)).Select(s => (long)s)).Where(s => s != reviewSequence).Select(s => new[] { s, s }));
        var issued = JsonNode.Parse(lines[IndexOf(lines, "certificate_issued")])!;
        foreach (var head in header["streamHeads"]!.AsArray().Where(h => h!["streamId"]!.GetValue<string>() == certificate.ToString()))
        {
            head!["version"] = 1;
            head["sequence"] = issued["sequence"]!.GetValue<long>();
            head["streamChain"] = issued["streamChain"]!.GetValue<string>();
        }
        var forged = lines.Where((_, i) => i != review).Select((l, i) => i == 0 ? header.ToJsonString() : l).ToList();

        var report = Verify(forged);
        report.Intact.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.Kind == "signature-invalid" && p.Detail.Contains("header"));
    }

    [Fact]
    public async Task a_range_export_carries_boundary_proofs_and_names_a_line_removed_inside_or_at_its_edge()
    {
        await Host.WriteSomeLedger();
        await Host.WriteMore("王五");
        var digest = await Host.Digest();
        var lines = await Export(digest, new ExportSelection(FromSequence: 3, ToSequence: digest.LastSequence - 1));
        var header = JsonNode.Parse(lines[0])!;
        header["before"]!["sequence"]!.GetValue<long>().ShouldBeLessThan(3);
        header["after"]!["sequence"]!.GetValue<long>().ShouldBe(digest.LastSequence);
        Verify(lines).Intact.ShouldBeTrue(Verify(lines).ToString());

        foreach (var removed in new[] { 1, 3, lines.Count - 1 })
        {
            var report = Verify(lines.Where((_, i) => i != removed));
            report.FirstProblem!.Kind.ShouldBe("missing", $"line {removed}");
            report.FirstProblem.Sequence.ShouldBe(Sequence(lines[removed]), $"line {removed}");
        }
        // Without the keys the header's list could be rewritten too; the run of leaves between the boundaries still shows the hole.
        var inner = Verify(lines.Where((_, i) => i != 3), keys: false);
        inner.Problems.ShouldContain(p => p.Kind == "missing" && p.Detail.Contains("the range is incomplete"));
    }

    [Fact]
    public async Task a_whole_ledger_export_names_the_first_missing_event()
    {
        await Host.WriteSomeLedger();
        var lines = await Export(await Host.Digest(), new ExportSelection());
        var removed = lines.Count / 2;
        var report = Verify(lines.Where((_, i) => i != removed));
        report.FirstProblem!.Sequence.ShouldBe(Sequence(lines[removed]));
        report.FirstProblem.Kind.ShouldBe("missing");
        report.ToString().ShouldContain($"未通过核验：第一个问题事件序号 {Sequence(lines[removed])}：事件缺失");
    }

    [Fact]
    public async Task the_ledger_signs_export_headers_only_for_digests_of_its_own_log()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        using var buffer = new MemoryStream();
        (await Should.ThrowAsync<InvalidOperationException>(() => Host.Audit().ExportAsync(digest with { MerkleRoot = new string('0', 64) }, new ExportSelection(), buffer, None)))
            .Message.ShouldContain("does not match the notarised ledger");
        var signed = DigestSignature.Sign(digest, Host.Services.GetRequiredService<LedgerSigner>());
        await Should.ThrowAsync<InvalidOperationException>(() => Host.Audit().ExportAsync(signed with { CreatedAt = signed.CreatedAt.AddDays(-1) }, new ExportSelection(), buffer, None));
        buffer.Length.ShouldBe(0);
    }
}
