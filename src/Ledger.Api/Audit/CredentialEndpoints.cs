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
                Changes.Select(t => graph.EventMappingFor(t).EventTypeName).ToArray(), ct);
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

/// <summary>The online answer to a scanned credential: whether it is genuine and what the ledger says of the certificate today.</summary>
public sealed record CredentialVerification(
    bool Valid,
    string Status,
    string ReasonZh,
    string Reason,
    string? NumberMasked,
    string? HolderNameMasked,
    string? Kind,
    string? WorkType,
    string? IssuingAuthority,
    string? ValidUntil,
    string? NextReviewDue,
    LocalDate CheckedFor);

public static class CredentialEndpoints
{
    /// <summary>
    /// The signed status list (revocation and suspension bits by status index), for anyone: an inspector's phone or
    /// the CLI downloads it when it has network and checks credentials against it offline until it expires.
    /// </summary>
    [WolverineGet("/api/credentials/status-list")]
    [AllowAnonymous]
    public static async Task<IResult> StatusListGet(CredentialStatusList list, IClock clock, HttpContext http, CancellationToken ct)
    {
        var token = await list.CurrentAsync(CertificateCredentials.StatusListUrl(BaseUrl(http)), clock.GetCurrentInstant().ToDateTimeOffset(), ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Text(token, "application/statuslist+jwt");
    }

    /// <summary>
    /// Where the QR code points: checks the credential's signature and asks the ledger for the certificate's status
    /// today. Rate-limited like the number-and-name verification; the answer carries the credential's masked data only.
    /// </summary>
    [WolverineGet("/api/credentials/verify", Name = "VerifyCredential")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static async Task<IResult> Verify(string? c, IQuerySession session, LedgerSigner signer, CertificateCredentials credentials, IClock clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(c) || c.Length > 4000)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["c"] = ["必填，至多 4000 个字符：证书二维码中的凭证 / is required, at most 4000 characters: the credential from the certificate's QR code"],
            });
        var today = clock.Today();
        var offline = CertificateCredential.Verify(c, signer.PublicKeys, DateOnly.FromDateTime(today.ToDateTimeUnspecified()));
        if (offline.Claims is not { } claims || offline.Status == "invalid")
            return Results.Ok(new CredentialVerification(false, "invalid", offline.ReasonZh, offline.Reason, null, null, null, null, null, null, null, today));
        var id = await credentials.CertificateAtAsync(claims.StatusIndex, ct);
        var certificate = id is null ? null : await session.LoadAsync<Certificate>(id.Value, ct);
        if (certificate is null || credentials.NumberHash(certificate.Number) != claims.NumberHash)
            return Results.Ok(new CredentialVerification(false, "invalid", "凭证签名有效，但与账本中的证书不符", "the credential is signed but matches no certificate in the ledger",
                null, null, null, null, null, null, null, today));
        var status = certificate.StatusOn(today);
        var (zh, en) = status switch
        {
            CertificateStatus.Valid => ("证书有效", "the certificate is valid"),
            CertificateStatus.Revoked => ("证书已吊销", "the certificate is revoked"),
            CertificateStatus.Suspended => ("证书已暂扣", "the certificate is suspended"),
            CertificateStatus.Expired => ("证书已过期", "the certificate has expired"),
            CertificateStatus.ReviewOverdue => ("证书逾期未复审", "the certificate's review is overdue"),
            CertificateStatus.ReviewFailed => ("证书复审不合格", "the certificate failed its review"),
            CertificateStatus.Superseded => ("证书已换发，以新证为准", "the certificate was superseded by a new one"),
            _ => ("证书尚未生效", "the certificate is not valid yet"),
        };
        return Results.Ok(new CredentialVerification(status == CertificateStatus.Valid, JsonNames.Kebab(status), zh, en, claims.NumberMasked, claims.HolderMasked,
            claims.Kind, claims.WorkType, claims.IssuingAuthority, claims.ValidUntil,
            certificate.NextReviewDue is { } due ? CertificateCredentials.Date(due) : null, today));
    }

    /// <summary>The credential for a certificate's QR code, for the roles that may read the certificate.</summary>
    [WolverineGet("/api/certificates/{certificateId:guid}/credential", Name = "GetCertificateCredential")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Credential(Guid certificateId, IQuerySession session, CertificateCredentials credentials, IClock clock, HttpContext http,
        CancellationToken ct)
    {
        var certificate = await session.LoadAsync<Certificate>(certificateId, ct) ?? throw new ResourceNotFoundException("certificate");
        var baseUrl = BaseUrl(http);
        var credential = await credentials.IssueAsync(certificate, baseUrl, clock.GetCurrentInstant().ToDateTimeOffset(), ct);
        return Results.Ok(new { certificateId, credential, verifyUrl = CertificateCredentials.VerifyUrl(baseUrl, credential) });
    }

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
