using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Projections;
using Ledger.Projections.Audit;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Api.Audit;

/// <summary>Issues the signed credential a certificate's QR code carries (see <see cref="CertificateCredential"/>).</summary>
public sealed class CertificateCredentials(IDocumentStore store, LedgerSigner signer, IOptions<AuditOptions> audit, IOptions<LedgerOptions> ledger,
    IHostEnvironment environment, CertificateCatalog catalog)
{
    private readonly byte[] _numberKey = CertificateCredential.NumberKey(Convert.FromBase64String(ledger.Value.PseudonymKey));

    public string Issuer => audit.Value.IssuerName(environment.IsDevelopment());

    public static string StatusListUrl(string baseUrl) => baseUrl + "/api/credentials/status-list";

    /// <summary>What the QR code encodes: the online check of the credential, which the CLI also reads offline.</summary>
    public static string VerifyUrl(string baseUrl, string credential) => $"{baseUrl}/api/credentials/verify?c={credential}";

    public async Task<string> IssueAsync(Certificate certificate, string baseUrl, DateTimeOffset now, CancellationToken ct)
    {
        var index = await StatusIndexAsync(certificate.Id, ct);
        var kind = catalog.FindKind(certificate.Kind)?.NameZh ?? certificate.Kind;
        var workType = certificate.WorkType is { } w ? catalog.FindWorkType(w)?.NameZh ?? w : null;
        var claims = new CredentialClaims(Issuer, certificate.IssuingAuthority, CertificateCredential.MaskNumber(certificate.Number), NumberHash(certificate.Number),
            Masking.Name(certificate.HolderName), kind, workType, Date(certificate.ValidFrom), certificate.ValidUntil is { } u ? Date(u) : null,
            index, StatusListUrl(baseUrl), now.ToUnixTimeSeconds());
        return CertificateCredential.Issue(claims, signer);
    }

    public string NumberHash(string number) => CertificateCredential.NumberHash(_numberKey, StreamIdentity.NormaliseCertificateNumber(number));

    /// <summary>A certificate's status index: the sequence number of the event that issued it (its stream's version 1).</summary>
    public async Task<long> StatusIndexAsync(Guid certificateId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select seq_id from {store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = $1 and version = 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = certificateId });
        return (long)(await command.ExecuteScalarAsync(ct) ?? throw new ResourceNotFoundException("certificate"));
    }

    /// <summary>The certificate whose issuing event sits at <paramref name="index"/>, if any.</summary>
    public async Task<Guid?> CertificateAtAsync(long index, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select stream_id from {store.Options.Events.DatabaseSchemaName}.mt_events where seq_id = $1 and version = 1 and type = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = index });
        command.Parameters.Add(new NpgsqlParameter { Value = ((EventGraph)((StoreOptions)store.Options).Events).EventMappingFor(typeof(CertificateIssued)).EventTypeName });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The signed status list, rebuilt when a certificate event has been appended since the last one (a look at the tail
/// of the event-type index) or when half its validity has passed, so an inspector who refreshes it sees a revocation
/// as soon as it is recorded.
/// </summary>
public sealed class CredentialStatusList(IDocumentStore store, LedgerSigner signer, IOptions<AuditOptions> audit, CertificateCredentials credentials)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Watermark, string Url, DateTimeOffset At, string Token)? _cached;

    private static readonly Type[] Changes =
        [typeof(CertificateIssued), typeof(CertificateReviewed), typeof(CertificateSuspended), typeof(CertificateReinstated), typeof(CertificateRevoked), typeof(CertificateSuperseded)];

    public async Task<string> CurrentAsync(string url, DateTimeOffset now, CancellationToken ct)
    {
        var graph = ((EventGraph)((StoreOptions)store.Options).Events);
        var schema = store.Options.Events.DatabaseSchemaName;
        await _gate.WaitAsync(ct);
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            var watermark = await ScalarAsync(connection, $"select coalesce(max(seq_id), 0) from {schema}.mt_events where type = any($1)",
                Changes.SelectMany(EventSchemas.StoredNames).ToArray(), ct);
            var validFor = audit.Value.StatusListValidFor;
            if (_cached is { } c && c.Watermark == watermark && c.Url == url && now - c.At < validFor / 2) return c.Token;

            var highest = await ScalarAsync(connection, $"select coalesce(max(seq_id), 0) from {schema}.mt_events where type = $1",
                graph.EventMappingFor(typeof(CertificateIssued)).EventTypeName, ct);
            await using var session = store.QuerySession();
            var flagged = await session.Query<Certificate>().Where(x => x.Standing != CertificateStanding.Active).Select(x => new { x.Id, x.Standing }).ToListAsync(ct);
            var indices = new Dictionary<Guid, long>();
            if (flagged.Count > 0)
            {
                await using var command = new NpgsqlCommand($"select stream_id, seq_id from {schema}.mt_events where stream_id = any($1) and version = 1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = flagged.Select(f => f.Id).ToArray() });
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) indices[reader.GetGuid(0)] = reader.GetInt64(1);
            }
            long IndexOf(Guid id) => indices.GetValueOrDefault(id, -1);
            var revoked = flagged.Where(f => f.Standing is CertificateStanding.Revoked or CertificateStanding.Superseded).Select(f => IndexOf(f.Id));
            var suspended = flagged.Where(f => f.Standing is CertificateStanding.Suspended or CertificateStanding.ReviewFailed).Select(f => IndexOf(f.Id));
            var token = StatusList.Sign(signer, credentials.Issuer, url, now, validFor, StatusList.SizeFor(highest), watermark, revoked, suspended);
            _cached = (watermark, url, now, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, object parameter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

public static partial class CredentialEndpoints
{
    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
