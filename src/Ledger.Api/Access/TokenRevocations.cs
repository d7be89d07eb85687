using Ledger.Domain;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Actors;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// The checks a bearer token passes beyond its signature, issuer, audience and expiry, whichever way it arrives (header,
/// console cookie, the sign-in form): a lifetime no longer than the configured maximum, and a session not ended.
/// </summary>
public sealed class TokenRevocations(IDocumentStore store, IMemoryCache cache)
{
    /// <summary>
    /// How long another node may keep answering from its cache that a token's session is still open. A sign-out is
    /// effective at once on the node that took it and everywhere within this time.
    /// </summary>
    public static readonly TimeSpan OpenSessionCacheTime = TimeSpan.FromSeconds(10);

    public static Guid StreamOf(string token) => StreamIdentity.ForEndedSession(token);

    /// <summary>A problem with the token's lifetime, or null: a token without an expiry, or valid for longer than the maximum, is refused.</summary>
    public static string? LifetimeProblem(JsonWebToken token, TimeSpan maximum, DateTime now)
    {
        if (token.ValidTo == DateTime.MinValue) return "the bearer token has no expiry (exp)";
        var from = token.IssuedAt == DateTime.MinValue ? now : token.IssuedAt;
        var lifetime = token.ValidTo - from;
        return lifetime > maximum + TimeSpan.FromMinutes(1)
            ? $"the bearer token is valid for {lifetime.TotalHours:0.#} hours; the ledger accepts tokens valid for at most {maximum.TotalHours:0.#} hours (Ledger:Auth:MaxTokenLifetime)"
            : null;
    }

    public async Task<bool> IsEndedAsync(string token, CancellationToken ct)
    {
        var id = StreamOf(token);
        if (cache.TryGetValue(id, out bool ended)) return ended;
        await using var session = store.QuerySession();
        ended = await session.Events.FetchStreamStateAsync(id, ct) is not null;
        cache.Set(id, ended, ended ? TimeSpan.FromDays(1) : OpenSessionCacheTime);
        return ended;
    }

    public async Task EndAsync(string token, Actor actor, Instant expires, Instant now, string correlationId, CancellationToken ct)
    {
        var id = StreamOf(token);
        await using var session = store.LightweightSession();
        ActorStamp.Stamp(session, actor);
        session.CorrelationId = correlationId;
        if (await session.Events.FetchStreamStateAsync(id, ct) is null)
        {
            session.Events.StartStream(id, AccessRecord.SessionEnd(actor, expires, now));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                // Signed out twice at once: the session is ended either way.
            }
        }
        cache.Set(id, true, TimeSpan.FromDays(1));
    }
}
