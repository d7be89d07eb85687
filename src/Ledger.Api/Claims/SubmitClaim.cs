using Ledger.Domain.Actors;
using FluentValidation;
using JasperFx;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Ledger.Projections.National;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record WorkTypeCountRequest(string? WorkType, int? Count);

public sealed record CommitmentRequest(string? Text, string? Signer, string? SignedOn);

public sealed record RosterLineRequest(int? LineNo, string? Name, string? WorkType, string? IdNumber, string? CertificateNumber, string? Kind, decimal? RequestedAmount);

/// <summary>The Heilongjiang audit form (申请安全技能提升补贴特种作业人员信息审核表), field by field; ID numbers travel only in the body.</summary>
public sealed record SubmitClaimRequest(
    Guid? ClaimId,
    Guid? EnterpriseId,
    string? HandlerName,
    string? HandlerMobile,
    Guid? InstitutionId,
    IReadOnlyList<WorkTypeCountRequest>? WorkTypes,
    string? TrainingFrom,
    string? TrainingUntil,
    int? CertifiedCount,
    decimal? RequestedAmount,
    CommitmentRequest? Commitment,
    string? ApplicationDate,
    IReadOnlyList<RosterLineRequest>? Roster)
{
    public sealed class Validator : AbstractValidator<SubmitClaimRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.EnterpriseId).NotNull().WithMessage("is required");
            RuleFor(r => r.HandlerName).Text(50);
            RuleFor(r => r.HandlerMobile).NotEmpty().WithMessage("is required").Matches("^1[3-9][0-9]{9}$").WithMessage("must be an 11-digit mainland mobile number");
            RuleFor(r => r.InstitutionId).NotNull().WithMessage("is required");
            RuleFor(r => r.WorkTypes).NotEmpty().WithMessage("must list each trained work type with its head count");
            RuleForEach(r => r.WorkTypes).ChildRules(w =>
            {
                w.RuleFor(x => x.WorkType).Must(t => catalog.FindWorkType(t ?? "") is not null).WithMessage("is not a work type of the national catalogue");
                w.RuleFor(x => x.Count).NotNull().GreaterThan(0).WithMessage("must be a positive head count");
            });
            RuleFor(r => r.TrainingFrom).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.TrainingUntil).MustBeIsoDate().NotInFuture(today)
                .Must((r, until) => !RequestValidation.IsDate(r.TrainingFrom) || !RequestValidation.IsDate(until)
                    || RequestValidation.Date(until!) >= RequestValidation.Date(r.TrainingFrom!)).WithMessage("cannot precede trainingFrom");
            RuleFor(r => r.CertifiedCount).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0);
            RuleFor(r => r.RequestedAmount).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0)
                .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("is in CNY with at most 2 decimals");
            RuleFor(r => r.Commitment).NotNull().WithMessage("the enterprise's written commitment (field 12) is required");
            RuleFor(r => r.Commitment!.Text).Text(2000).When(r => r.Commitment is not null).OverridePropertyName("commitment.text");
            RuleFor(r => r.Commitment!.Signer).Text(50).When(r => r.Commitment is not null).OverridePropertyName("commitment.signer");
            RuleFor(r => r.Commitment!.SignedOn).MustBeIsoDate().NotInFuture(today).When(r => r.Commitment is not null).OverridePropertyName("commitment.signedOn");
            RuleFor(r => r.ApplicationDate).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Roster).NotEmpty().WithMessage("must list at least one person").Must(r => r is null || r.Count <= 1000).WithMessage("holds at most 1000 lines");
            RuleFor(r => r.Roster).Must(r => r is null || r.Where(l => l.LineNo is not null).GroupBy(l => l.LineNo).All(g => g.Count() == 1))
                .WithMessage("line numbers must be unique");
            RuleForEach(r => r.Roster).ChildRules(l =>
            {
                l.RuleFor(x => x.LineNo).NotNull().GreaterThan(0).WithMessage("must be a positive serial number");
                l.RuleFor(x => x.Name).Text(50);
                l.RuleFor(x => x.WorkType).Must(t => catalog.FindWorkType(t ?? "") is not null).WithMessage("is not a work type of the national catalogue");
                // FR-24: the number itself is never echoed back.
                l.RuleFor(x => x.IdNumber).Custom((value, context) =>
                {
                    if (!ResidentIdNumber.TryParse(value, today, out _, out var error)) context.AddFailure(error ?? "is not a valid resident ID number");
                });
                l.RuleFor(x => x.CertificateNumber).Text(40);
                l.RuleFor(x => x.Kind).MustBeKebab<RosterLineRequest, SubsidyKind>();
                l.RuleFor(x => x.RequestedAmount).GreaterThanOrEqualTo(0);
            });
        }
    }
}

public sealed record ClaimWritten(Guid ClaimId, string Stage, long Version, decimal EntitledAmount, int Duplicates);

public static class SubmitClaimEndpoint
{
    private const int Attempts = 3;

    /// <summary>
    /// Submits a claim. Each eligible line takes its entitlement stream; a line whose entitlement another claim holds
    /// is recorded DUPLICATE with a pointer to the holder. When a concurrent submission takes an entitlement between
    /// our read and our commit, the commit fails on the stream version and the submission is judged again.
    /// </summary>
    [WolverinePost("/api/claims", Name = "SubmitClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Post(SubmitClaimRequest? request, HttpContext http, IDocumentStore store, StreamIdentity ids, PersonalDataCipher cipher,
        PolicyCatalog policies, CertificateCatalog catalog, IClock clock, NationalLink national, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new SubmitClaimRequest.Validator(today, catalog));
        var actor = ActorMiddleware.Required(http);
        Scope.OwnEnterprise(actor, r.EnterpriseId!.Value);
        var claimId = r.ClaimId ?? Guid.CreateVersion7();
        for (var attempt = 1; ; attempt++)
        {
            // Under an Idempotency-Key the claim commits with the key's record, in the request's transaction; a lost race
            // returns to this savepoint before it is judged again.
            var savepoint = await RequestTransaction.SavepointAsync(ct);
            await using var session = RequestTransaction.OpenSession(store);
            ActorStamp.Before(http, session);
            ClaimSubmitted submitted;
            Guid? reservation;
            try
            {
                (submitted, reservation) = await ClaimSubmissions.AppendAsync(session, Command(r, claimId, ids, cipher, today), actor, ids, policies, catalog,
                    national.Index, ct);
            }
            catch (NationalReservationContended)
            {
                if (attempt >= Attempts)
                    throw new ConflictException("national-index-contended", "roster", "a concurrent claim of this province holds an entitlement of this roster in the national index; retry");
                await savepoint.RollbackAsync(ct);
                // The province's concurrent claim is committing what it reserved; its entitlement streams then say DUPLICATE.
                await Task.Delay(50 * attempt, ct);
                continue;
            }
            try
            {
                await session.SaveChangesAsync(ct);
                return Results.Created($"/api/claims/{claimId}", new ClaimWritten(claimId, "submitted", 1, submitted.Lines.Sum(l => l.EntitledAmount),
                    submitted.Lines.Count(l => l.Status == LineStatus.Duplicate)));
            }
            catch (Exception e)
            {
                // The claim was not written, so what this attempt reserved nationally goes back; were that to fail too, the
                // reservation stays and blocks the entitlement elsewhere (the safe side) until the province releases it.
                if (reservation is { } reserved)
                    try { await national.Index!.CancelAsync(reserved, CancellationToken.None); }
                    catch (Exception cancel) when (cancel is Npgsql.NpgsqlException or TimeoutException) { }
                if (e is not (ConcurrencyException or ExistingStreamIdCollisionException) || attempt >= Attempts) throw;
                await savepoint.RollbackAsync(ct);
                if (await store.QuerySession().Events.FetchStreamStateAsync(claimId, ct) is not null)
                    throw new DuplicateException("claim", claimId, $"/api/claims/{claimId}", "a claim with this id was already submitted");
            }
        }
    }

    /// <summary>The form as the decider reads it: every roster line turned into the ledger's keys, the numbers themselves not kept.</summary>
    public static SubmitClaim Command(SubmitClaimRequest r, Guid claimId, StreamIdentity ids, PersonalDataCipher cipher, LocalDate clockToday) => new(
        claimId, r.EnterpriseId!.Value, r.InstitutionId!.Value, r.HandlerName!.Trim(), Masking.Mobile(r.HandlerMobile!),
        cipher.Seal(r.HandlerMobile!, PersonalDataCipher.HandlerMobilePurpose, claimId),
        r.WorkTypes!.Select(w => new WorkTypeCount(w.WorkType!, w.Count!.Value)).ToList(),
        RequestValidation.Date(r.TrainingFrom!), RequestValidation.Date(r.TrainingUntil!), r.CertifiedCount!.Value, r.RequestedAmount!.Value,
        new Commitment(r.Commitment!.Text!.Trim(), r.Commitment.Signer!.Trim(), RequestValidation.Date(r.Commitment.SignedOn!)),
        RequestValidation.Date(r.ApplicationDate!),
        r.Roster!.OrderBy(l => l.LineNo).Select(row =>
        {
            ResidentIdNumber.TryParse(row.IdNumber, clockToday, out var idNumber, out _);
            JsonNames.TryParseKebab<SubsidyKind>(row.Kind, out var kind);
            return new RosterLine(row.LineNo!.Value, row.Name!.Trim(), idNumber!.Masked, ids.ForPerson(idNumber), row.WorkType!, ids.ForCertificate(row.CertificateNumber!),
                CertificateNumber.Display(row.CertificateNumber!), kind, row.RequestedAmount);
        }).ToList());
}
