using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record IssueCertificateRequest(
    string? Number,
    string? Kind,
    string? WorkType,
    string? Industry,
    string? ExamPoint,
    string? ExamDate,
    string? PassDate,
    string? IssuedOn,
    string? IssuingAuthority,
    string? ValidFrom,
    string? ValidUntil,
    string? NextReviewDue)
{
    public sealed class Validator : AbstractValidator<IssueCertificateRequest>
    {
        /// <param name="successor">A renewal or replacement takes kind, work type and industry from the certificate it supersedes.</param>
        public Validator(LocalDate today, CertificateCatalog catalog, bool successor = false)
        {
            RuleFor(r => r.Number).Text(40).Matches("^[0-9A-Za-z-]+$").WithMessage("may hold only letters, digits and hyphens");
            if (!successor) KindRules(catalog);
            RuleFor(r => r.ExamPoint).Text(200);
            RuleFor(r => r.IssuingAuthority).Text(200);
            RuleFor(r => r.ExamDate).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.PassDate).MustBeIsoDate().NotInFuture(today)
                .Must((r, pass) => !Dates(r.ExamDate, pass, out var exam, out var p) || p >= exam).WithMessage("cannot precede the exam date");
            RuleFor(r => r.IssuedOn).MustBeIsoDate().NotInFuture(today)
                .Must((r, issued) => !Dates(r.PassDate, issued, out var pass, out var i) || i >= pass).WithMessage("cannot precede the pass date");
            RuleFor(r => r.ValidFrom).MustBeIsoDate();
            RuleFor(r => r.ValidUntil).MustBeOptionalIsoDate()
                .Must((r, until) => !Dates(r.ValidFrom, until, out var from, out var u) || u > from).WithMessage("must be after validFrom");
            RuleFor(r => r.NextReviewDue).MustBeOptionalIsoDate()
                .Must((r, due) => !Dates(r.ValidFrom, due, out var from, out var d) || d > from).WithMessage("must be after validFrom");
        }

        private void KindRules(CertificateCatalog catalog)
        {
            RuleFor(r => r.Kind).Must(k => catalog.FindKind(k ?? "") is not null)
                .WithMessage($"must be one of {string.Join(", ", catalog.Kinds.Select(k => k.Code))}");
            RuleFor(r => r.WorkType).NotEmpty().When(r => r.Kind == CertificateKindCodes.SpecialOperation)
                .WithMessage("is required for a special operation certificate");
            RuleFor(r => r.WorkType).Must(w => catalog.FindWorkType(w!) is not null).When(r => !string.IsNullOrEmpty(r.WorkType))
                .WithMessage("is not a work type of the national special operation catalogue (GET /api/catalog/certificate-kinds)");
            RuleFor(r => r.Industry).Must(i => catalog.Industries.Contains(i!)).When(r => !string.IsNullOrEmpty(r.Industry))
                .WithMessage($"must be one of {string.Join(", ", catalog.Industries)}");
            RuleFor(r => r.Industry).NotEmpty().When(r => r.Kind == CertificateKindCodes.SafetyQualification)
                .WithMessage("is required for a safety qualification certificate");
        }

        private static bool Dates(string? first, string? second, out LocalDate a, out LocalDate b)
        {
            a = default;
            b = default;
            if (!RequestValidation.IsDate(first) || !RequestValidation.IsDate(second)) return false;
            a = RequestValidation.Date(first!);
            b = RequestValidation.Date(second!);
            return true;
        }
    }

    /// <param name="issuedBy">The actor issuing: an exam point's institution is recorded as the issuer, so it sees its candidates' certificates.</param>
    public IssueCertificate ToCommand(Guid certificateId, PersonalDataCipher cipher, Actor issuedBy) => new(
        certificateId, Number!.Trim(), Kind!, string.IsNullOrEmpty(WorkType) ? null : WorkType, string.IsNullOrEmpty(Industry) ? null : Industry,
        ExamPoint!.Trim(), RequestValidation.Date(ExamDate!), RequestValidation.Date(PassDate!), RequestValidation.Date(IssuedOn!),
        IssuingAuthority!.Trim(), RequestValidation.Date(ValidFrom!), RequestValidation.OptionalDate(ValidUntil), RequestValidation.OptionalDate(NextReviewDue),
        CertificateNumber.MayBeIdNumber(Number!)
            ? cipher.Seal(StreamIdentity.NormaliseCertificateNumber(Number!), CertificateNumber.SealPurpose, certificateId)
            : null,
        issuedBy.Role == ActorRole.ExamPoint ? issuedBy.InstitutionId : null);
}

public sealed record CertificateWritten(Guid CertificateId, string Number, long Version);

public static class IssueCertificateEndpoint
{
    [WolverinePost("/api/persons/{personId:guid}/certificates", Name = "IssueCertificate")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint)]
    public static async Task<IResult> Post(Guid personId, IssueCertificateRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids,
        PersonalDataCipher cipher, CertificateCatalog catalog, Ledger.Domain.Policies.PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new IssueCertificateRequest.Validator(clock.Today(), catalog));
        var holder = await session.LoadAsync<Person>(personId, ct) ?? throw new ResourceNotFoundException("person");
        var actor = ActorMiddleware.Required(http);
        var certificateId = await CertificateNumbers.ClaimAsync(session, ids, r.Number!, ct);
        var rules = CertificateRulesInForce.For(policies, await IssuingJurisdiction.OfAsync(session, actor, ct), RequestValidation.Date(r.ExamDate!));
        var revoked = await session.Query<Certificate>().Where(c => c.PersonId == personId && c.Standing == CertificateStanding.Revoked).ToListAsync(ct);
        var issued = CertificateDecider.Decide(r.ToCommand(certificateId, cipher, actor),
            CertificateHolder.Of(holder, revoked.Select(PriorRevocation.Of).OfType<PriorRevocation>()), catalog, rules);
        session.Events.StartStream<Certificate>(certificateId, issued);
        await session.SaveNewStreamAsync("certificate", certificateId, $"/api/certificates/{certificateId}", "a certificate with this number is already recorded", ct);
        return Results.Created($"/api/certificates/{certificateId}", new CertificateWritten(certificateId, issued.Number, 1));
    }
}

public static class IssuingJurisdiction
{
    /// <summary>Where the issuing authority answers, whose rules an issue is judged by: a bureau's own jurisdiction, an exam point's institution's.</summary>
    public static async Task<string?> OfAsync(IQuerySession session, Actor actor, CancellationToken ct) =>
        actor.Role == ActorRole.ExamPoint && actor.InstitutionId is { } id
            ? (await session.LoadAsync<Ledger.Domain.Institutions.Institution>(id, ct))?.Jurisdiction
            : actor.Jurisdiction;
}

public static class CertificateNumbers
{
    /// <summary>
    /// A certificate's stream id is a keyed hash of its number, so a number can be issued once: a second
    /// issue (even a concurrent one) collides on the stream id and is refused with 409.
    /// </summary>
    public static async Task<Guid> ClaimAsync(IDocumentSession session, StreamIdentity ids, string number, CancellationToken ct)
    {
        var certificateId = ids.ForCertificate(number);
        if (await session.Events.FetchStreamStateAsync(certificateId, ct) is not null)
            throw new DuplicateException("certificate", certificateId, $"/api/certificates/{certificateId}", "a certificate with this number is already recorded");
        return certificateId;
    }
}
