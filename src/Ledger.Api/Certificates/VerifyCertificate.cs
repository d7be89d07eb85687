using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Certificates;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record VerificationResult(
    string Number,
    string Status,
    string? HolderNameMasked,
    string? Kind,
    string? WorkType,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    LocalDate CheckedFor);

public sealed record VerifyCertificateRequest(string? Number, string? Name, string? On);

public static class VerifyCertificateEndpoint
{
    /// <summary>
    /// What an employer or inspector calls: number plus holder name, optionally on a date. The answer carries
    /// the least personal data (surname only, no ID number), and an unknown number or a name that does not
    /// match gives the same "unknown" answer and is recorded for regulators as a possible forgery (FR-03).
    /// </summary>
    [WolverineGet("/api/certificates/verify", Name = "VerifyCertificate")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static Task<IResult> Get(string? number, string? name, string? on, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock,
        CancellationToken ct)
    {
        // A number that may be an ID number is personal data and never travels in a URL (proxies and servers log URLs):
        // refused before anything is looked up or recorded, with the way to ask instead.
        if (number is not null && CertificateNumber.MayBeIdNumber(number))
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["number"] = ["may be an ID number, which must not be put in a URL: send number and name in the body of POST /api/certificates/verifications"],
            });
        return VerifyAsync(number, name, on, session, store, ids, clock, ct);
    }

    /// <summary>
    /// The same check with number and name in the body, so they stay out of URLs, proxies' access logs and browser
    /// history; same answer, same rate limit (one budget per client across both forms).
    /// </summary>
    [WolverinePost("/api/certificates/verifications", Name = "VerifyCertificateByPost")]
    [AllowAnonymous, EnableRateLimiting(VerificationRateLimit.Policy)]
    public static Task<IResult> Post(VerifyCertificateRequest? request, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock,
        CancellationToken ct) =>
        VerifyAsync(request?.Number, request?.Name, request?.On, session, store, ids, clock, ct);

    private static async Task<IResult> VerifyAsync(string? number, string? name, string? on, IQuerySession session, IDocumentStore store, StreamIdentity ids,
        IClock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40 || !RequestValidation.StorableText(number))
            errors["number"] = ["is required, at most 40 characters of text"];
        if (string.IsNullOrWhiteSpace(name) || name.Length > 50 || !RequestValidation.StorableText(name))
            errors["name"] = ["is required, at most 50 characters: the holder's full name"];
        if (!string.IsNullOrWhiteSpace(on) && !RequestValidation.IsDate(on)) errors["on"] = [RequestValidation.DateMessage];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var date = string.IsNullOrWhiteSpace(on) ? clock.Today() : RequestValidation.Date(on);
        var normalised = StreamIdentity.NormaliseCertificateNumber(number!);
        var key = ids.ForCertificate(normalised);
        var outcome = PublicVerification.Decide(
            new VerifyCertificate(CertificateNumber.Display(normalised), name!, date, key, ids.ForForgeryWatch(normalised), clock.GetCurrentInstant()),
            await session.LoadAsync<Certificate>(key, ct));
        if (outcome.Lead is { } lead)
        {
            // Only the rare unknown check writes; the common read stays outside any write transaction.
            await using var writer = RequestTransaction.OpenSession(store);
            writer.Events.Append(lead.WatchId, lead);
            await writer.SaveChangesAsync(ct);
            return Results.Ok(new VerificationResult(lead.Number, outcome.Status, null, null, null, null, null, date));
        }
        var certificate = outcome.Certificate!;
        return Results.Ok(new VerificationResult(certificate.Number, outcome.Status, Masking.Name(certificate.HolderName), certificate.Kind, certificate.WorkType,
            certificate.ValidUntil, certificate.NextReviewDue, date));
    }
}
