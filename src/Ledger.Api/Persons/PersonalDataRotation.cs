using JasperFx.CommandLine;
using Ledger.Api.Imports;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;

namespace Ledger.Api.Persons;

/// <param name="Remaining">Values still sealed under another key after the run: 0 means every key but the current one can be retired.</param>
public sealed record RotationReport(string KeyId, int PersonsResealed, int ClaimsResealed, int Remaining);

/// <summary>
/// Moves every current sealed value onto the current key. Events are never edited: each person (and each claim with a
/// sealed handler mobile) sealed under an older key gets one new event carrying the value sealed again, and the
/// snapshots readers open follow it. Values only ever read from the latest event, so once this reports nothing
/// remaining the old key can be removed from configuration; the old ciphertexts in earlier events then stay unreadable.
/// </summary>
public static class PersonalDataRotation
{
    public static async Task<RotationReport> RunAsync(IDocumentStore store, PersonalDataCipher cipher, Actor actor, LocalDate today, int batchSize,
        CancellationToken ct)
    {
        var current = cipher.CurrentKeyId;
        var persons = 0;
        var claims = 0;
        await using (var query = store.QuerySession())
        {
            var personIds = await query.Query<Person>().Where(p => p.IdNumber.KeyId != current).Select(p => p.Id).ToListAsync(ct);
            foreach (var chunk in personIds.Chunk(batchSize))
            {
                await using var session = store.LightweightSession();
                ActorStamp.Stamp(session, actor);
                session.CorrelationId = $"rotate-identity-key-{Guid.CreateVersion7()}";
                foreach (var person in await session.LoadManyAsync<Person>(ct, chunk))
                {
                    if (KeyRotation.Reseal(person, cipher, today) is not { } resealed) continue;
                    session.Events.Append(person.Id, resealed);
                    persons++;
                }
                await session.SaveChangesAsync(ct);
            }

            var claimIds = await ClaimsToReseal(query, current, ct);
            foreach (var chunk in claimIds.Chunk(batchSize))
            {
                await using var session = store.LightweightSession();
                ActorStamp.Stamp(session, actor);
                session.CorrelationId = $"rotate-identity-key-{Guid.CreateVersion7()}";
                foreach (var claim in await session.LoadManyAsync<Claim>(ct, chunk))
                {
                    if (KeyRotation.Reseal(claim, cipher, today) is not { } resealed) continue;
                    session.Events.Append(claim.Id, resealed);
                    claims++;
                }
                await session.SaveChangesAsync(ct);
            }
        }

        await using var check = store.QuerySession();
        var remaining = await check.Query<Person>().CountAsync(p => p.IdNumber.KeyId != current, ct) + (await ClaimsToReseal(check, current, ct)).Count;
        return new RotationReport(current, persons, claims, remaining);
    }

    private static async Task<IReadOnlyList<Guid>> ClaimsToReseal(IQuerySession session, string current, CancellationToken ct) =>
        await session.Query<Claim>().Where(c => c.Form.HandlerMobileSealed != null && c.Form.HandlerMobileSealed.KeyId != current).Select(c => c.Id).ToListAsync(ct);
}

public sealed class RotateIdentityKeyInput : ActorInput
{
    [Description("Persons or claims resealed per transaction")]
    public int BatchFlag { get; set; } = 500;
}

[Description("Seal every person's ID number and mobile (and claims' handler mobiles) again under the first key of Ledger:Identity:EncryptionKeys, by appending events",
    Name = "rotate-identity-key")]
public sealed class RotateIdentityKeyCommand : JasperFxAsyncCommand<RotateIdentityKeyInput>
{
    public override async Task<bool> Execute(RotateIdentityKeyInput input)
    {
        var actor = input.Actor(out var problem);
        if (actor is null) return Fail(problem);
        if (actor.Role != ActorRole.SystemAdministrator) return Fail("key rotation is a system administrator's act (--role system-administrator)");
        if (input.BatchFlag is < 1 or > 10_000) return Fail("--batch must be between 1 and 10000");
        using var host = input.BuildHost();
        var services = host.Services;
        var report = await PersonalDataRotation.RunAsync(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<PersonalDataCipher>(), actor,
            services.GetRequiredService<IClock>().Today(), input.BatchFlag, CancellationToken.None);
        Console.WriteLine($"resealed under key {report.KeyId}: {report.PersonsResealed} persons, {report.ClaimsResealed} claims");
        Console.WriteLine(report.Remaining == 0
            ? "nothing is sealed under another key any more: older keys can be removed from Ledger:Identity:EncryptionKeys"
            : $"{report.Remaining} values are still sealed under another key (written during the run?): run the verb again before retiring a key");
        return true;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine("rotate-identity-key: " + message);
        return false;
    }
}
