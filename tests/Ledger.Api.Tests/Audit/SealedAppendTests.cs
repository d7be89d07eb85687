using System.Security.Cryptography;
using Ledger.Api.Audit;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Faults;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Audit;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// Seals against a database superuser: an event appended with SQL, at the tail after the last digest, with no seal or
/// with one it could get its hands on, is named as forged and never notarised.
/// </summary>
[Collection(nameof(AuditCollection))]
public sealed class SealedAppendTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task every_event_is_sealed_by_the_transaction_that_appends_it()
    {
        await Host.WriteSomeLedger();
        // One session saving twice: Marten keeps the first save's participant, which must not seal again or miss the second.
        var stream = Guid.CreateVersion7();
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream(stream, new SealProbeRecorded(stream, 1));
            await session.SaveChangesAsync();
            session.Events.Append(stream, new SealProbeRecorded(stream, 2), new SealProbeRecorded(stream, 3));
            await session.SaveChangesAsync();
        }
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        (await Host.Scalar<long>($"select count(*) from {{schema}}.{AuditSchema.SealTable}")).ShouldBe(await Host.Scalar<long>("select count(*) from {schema}.mt_events"));
        (await Host.Scalar<long>($"select count(*) from {{schema}}.mt_events e left join {{schema}}.{AuditSchema.SealTable} s using (seq_id) where s.key_id is distinct from 'development-seal-1'"))
            .ShouldBe(0L);
        var report = await Host.Audit().VerifyAsync(await Host.Digest(), null, None);
        report.Intact.ShouldBeTrue(report.ToString());
        report.NotYetNotarised.ShouldBe(0);
    }

    [Fact]
    public async Task a_forged_event_appended_after_the_last_digest_is_named_the_notary_refuses_it_and_verify_exits_non_zero()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var forged = await AppendAtTheTail(seal: null);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await Host.WriteMore("王五"); // genuine events after it: the forgery is no longer at the tail

        (await Host.Scalar<long>($"select count(*) from {{schema}}.{AuditSchema.NotaryTable} where seq_id = {forged}")).ShouldBe(0L, "the notary must refuse it");
        (await Host.Scalar<long>($"select count(*) from {{schema}}.{AuditSchema.NotaryTable} where seq_id > {forged}")).ShouldBeGreaterThan(0L);
        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.Intact.ShouldBeFalse();
        report.FirstProblem!.Sequence.ShouldBe(forged);
        report.FirstProblem.Kind.ShouldBe("forged");

        var file = Path.Combine(AuditScenarios.ScratchFolder("digest"), "digest.json");
        await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(digest, LedgerAudit.ExportJson));
        var (exit, output) = await ApiProcess.RunVerbAsync(AppFixture.ConnectionString, Fixture.Schema, "verify", "--digest", file);
        exit.ShouldNotBe(0, output);
        output.ShouldContain($"未通过核验：第一个问题事件序号 {forged}：伪造事件");
        output.ShouldContain($"NOT intact: first bad event at sequence {forged}: forged");
    }

    [Fact]
    public async Task a_forged_event_carrying_a_seal_copied_from_a_genuine_one_is_named_forged()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        var genuine = await Host.SequenceOf("certificate_reviewed");
        var forged = await AppendAtTheTail(seal: $"select key_id, seal from {{schema}}.{AuditSchema.SealTable} where seq_id = {genuine}");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        (await Host.Scalar<long>($"select count(*) from {{schema}}.{AuditSchema.NotaryTable} where seq_id = {forged}")).ShouldBe(0L);
        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.FirstProblem!.Sequence.ShouldBe(forged);
        report.FirstProblem.Kind.ShouldBe("forged");
        report.FirstProblem.Detail.ShouldContain("does not match");
    }

    [Fact]
    public async Task a_seal_made_under_a_key_the_ledger_does_not_hold_is_named_forged()
    {
        await Host.WriteSomeLedger();
        var digest = await Host.Digest();
        // The attacker's own key, under the ledger's key id and under one of its own.
        var ownKey = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var sameId = await AppendAtTheTail(seal: $"select 'development-seal-1', '{ownKey}'");
        var ownId = await AppendAtTheTail(seal: $"select 'attacker-1', '{ownKey}'");
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var report = await Host.Audit().VerifyAsync(digest, null, None);
        report.Problems.Select(p => (p.Sequence, p.Kind)).ShouldBe([(sameId, "forged"), (ownId, "forged")]);
        report.Problems[1].Detail.ShouldContain("key attacker-1");
    }

    [Fact]
    public async Task the_seal_table_refuses_updates_and_deletes()
    {
        await Host.WriteSomeLedger();
        var update = await Should.ThrowAsync<PostgresException>(() => Host.Sql($"update {{schema}}.{AuditSchema.SealTable} set seal = 'x' where seq_id = 1"));
        update.Message.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<PostgresException>(() => Host.Sql($"delete from {{schema}}.{AuditSchema.SealTable} where seq_id = 1"));
        delete.Message.ShouldContain("append-only");
    }

    /// <summary>
    /// What a superuser does: a certificate's next event (a copy of its review, version + 1) under a fresh sequence
    /// number, with the trigger off, and optionally a seal row taken from <paramref name="seal"/> (a select of key id, seal).
    /// </summary>
    private async Task<long> AppendAtTheTail(string? seal)
    {
        var sequence = await Host.Scalar<long>("select nextval('{schema}.mt_events_sequence')");
        await Host.Tamper($$"""
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, correlation_id)
            select {{sequence}}, gen_random_uuid(), stream_id, (select max(version) + 1 from {schema}.mt_events m where m.stream_id = e.stream_id), data, type, now(),
                   tenant_id, mt_dotnet_type, headers, correlation_id
            from {schema}.mt_events e where type = 'certificate_reviewed' limit 1
            """);
        if (seal is not null) await Host.Sql($"insert into {{schema}}.{AuditSchema.SealTable} (seq_id, key_id, seal) select {sequence}, * from ({seal}) s");
        return sequence;
    }
}

/// <summary>A throwaway event: the test is about the append path, not a domain rule.</summary>
public sealed record SealProbeRecorded(Guid Id, int Number);

/// <summary>The seal keys' configuration: rotation, and the development key refused outside Development like the other keys.</summary>
public sealed class SealKeyTests
{
    private static StoredEvent Event(long sequence) =>
        new(sequence, Guid.CreateVersion7(), 1, "person_registered", """{"name":"张三"}""", DateTimeOffset.UnixEpoch, """{"actor-user":"u"}""", "c");

    [Fact]
    public void the_first_key_seals_and_every_configured_key_verifies()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var old = new EventSealer([("old", oldKey)]);
        var sealedBefore = Event(7);
        sealedBefore = sealedBefore with { SealKeyId = "old", SealHex = AuditHash.Hex(old.Seal(7, sealedBefore.Digest(), null)) };

        // Rotation: the new key goes first and seals; the old one stays so what it sealed still verifies.
        var rotated = new EventSealer([("new", RandomNumberGenerator.GetBytes(32)), ("old", oldKey)]);
        rotated.CurrentKeyId.ShouldBe("new");
        rotated.Check(sealedBefore).ShouldBe(SealCheck.Valid);
        var sealedAfter = Event(8);
        sealedAfter = sealedAfter with { SealKeyId = rotated.CurrentKeyId, SealHex = AuditHash.Hex(rotated.Seal(8, sealedAfter.Digest(), null)) };
        rotated.Check(sealedAfter).ShouldBe(SealCheck.Valid);
        old.Check(sealedAfter).ShouldBe(SealCheck.UnknownKey);
        // A seal is bound to its sequence number and to its predecessor's seal.
        rotated.Check(sealedAfter with { Sequence = 9 }).ShouldBe(SealCheck.Mismatch);
        rotated.Check(sealedAfter, AuditHash.Hex(new byte[32].Select(_ => (byte)1).ToArray())).ShouldBe(SealCheck.Mismatch);
    }

    [Fact]
    public void missing_short_or_development_keys_are_refused_outside_development()
    {
        var development = new AuditOptions { SealKeys = [new EncryptionKeyOptions { Id = "d", Key = AuditOptions.DevelopmentSealKey }] };
        development.Sealer(development: true).CurrentKeyId.ShouldBe("d");
        Should.Throw<InvalidOperationException>(() => development.Sealer(development: false)).Message.ShouldContain("development key");
        Should.Throw<InvalidOperationException>(() => new AuditOptions().Sealer(development: true)).Message.ShouldContain("SealKeys is not configured");
        var shortKey = new AuditOptions { SealKeys = [new EncryptionKeyOptions { Id = "s", Key = Convert.ToBase64String(new byte[16]) }] };
        Should.Throw<InvalidOperationException>(() => shortKey.Sealer(development: false)).Message.ShouldContain("shorter than 32 bytes");

        var signing = new AuditOptions { SigningKeys = [new EncryptionKeyOptions { Id = "d", Key = AuditOptions.DevelopmentSigningKey }] };
        signing.Signer(development: true).CurrentKeyId.ShouldBe("d");
        Should.Throw<InvalidOperationException>(() => signing.Signer(development: false)).Message.ShouldContain("development key");
        var notEc = new AuditOptions { SigningKeys = [new EncryptionKeyOptions { Id = "r", Key = Convert.ToBase64String(RSA.Create(2048).ExportPkcs8PrivateKey()) }] };
        Should.Throw<InvalidOperationException>(() => notEc.Signer(development: false)).Message.ShouldContain("not a PKCS#8 EC private key");
        Should.Throw<InvalidOperationException>(() => new AuditOptions().IssuerName(development: false)).Message.ShouldContain("Issuer is not configured");
    }
}
