using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record AttestRequest(string? Statement, string? AttestedOn, long? Version)
{
    public const string FormText = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程";

    public sealed class Validator : AbstractValidator<AttestRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Statement).Text(500);
            RuleFor(r => r.AttestedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record VerifyRequest(string? SystemReference, string? VerifiedOn, long? Version)
{
    public sealed class Validator : AbstractValidator<VerifyRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.SystemReference).Text(200);
            RuleFor(r => r.VerifiedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record OverrideRequest(int? LineNo, string? Reason, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<OverrideRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.LineNo).NotNull().WithMessage("is required");
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record LineDecisionRequest(int? LineNo, bool? Approved, decimal? Amount, string? Reason);

public sealed record ApproveRequest(IReadOnlyList<LineDecisionRequest>? Lines, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ApproveRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Lines).NotEmpty().WithMessage("must decide at least one line");
            RuleForEach(r => r.Lines).ChildRules(l =>
            {
                l.RuleFor(x => x.LineNo).NotNull().WithMessage("is required");
                l.RuleFor(x => x.Approved).NotNull().WithMessage("is required");
                l.RuleFor(x => x.Amount).GreaterThanOrEqualTo(0);
                l.RuleFor(x => x.Reason).NotEmpty().When(x => x.Approved == false).WithMessage("is required when a line is not approved");
            });
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record RejectRequest(string? Reason, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<RejectRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record DisburseRequest(string? PaymentReference, string? Payee, string? PayeeAccount, decimal? Amount, string? PaidOn, long? Version)
{
    public sealed class Validator : AbstractValidator<DisburseRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.PaymentReference).Text(64);
            RuleFor(r => r.Payee).Text(200);
            RuleFor(r => r.PayeeAccount).NotEmpty().WithMessage("is required").Matches("^[0-9]{8,32}$").WithMessage("must be 8 to 32 digits");
            RuleFor(r => r.Amount).NotNull().WithMessage("is required").GreaterThan(0);
            RuleFor(r => r.PaidOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record ReconcileRequest(string? BankReference, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ReconcileRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.BankReference).Text(64);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record ClawbackRequest(IReadOnlyList<int>? LineNos, string? Reason, IReadOnlyList<string>? RuleIds, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<ClawbackRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.LineNos).NotEmpty().WithMessage("must name the lines to recover");
            RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.RuleIds).NotEmpty().WithMessage("must name the rule or fraud pattern found");
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

public sealed record RepayRequest(decimal? Amount, string? Reference, string? On, long? Version)
{
    public sealed class Validator : AbstractValidator<RepayRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Amount).NotNull().WithMessage("is required").GreaterThan(0);
            RuleFor(r => r.Reference).Text(64);
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

/// <summary>A workflow step's answer: the claim, the stage it reached and its new version, with what the step found.</summary>
public sealed record ClaimStepWritten(Guid ClaimId, string Stage, long Version, IReadOnlyList<int>? Flagged = null, IReadOnlyList<int>? FailedLines = null,
    decimal? ApprovedAmount = null, decimal? Amount = null);

public static class ClaimWorkflowEndpoints
{
    private static ClaimStepWritten Written(Guid claimId, ClaimStage stage, long version) => new(claimId, JsonNames.Kebab(stage), version);

    [WolverinePost("/api/claims/{claimId:guid}/attestation", Name = "AttestClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Attest(Guid claimId, AttestRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new AttestRequest.Validator(clock.Today()));
        InstitutionAttested? attested = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var (persons, classes) = await ClaimFacts.TrainingAsync(session, claim, ct);
            attested = ClaimDecider.Attest(claim, ActorMiddleware.Required(http), r.Statement!.Trim(), RequestValidation.Date(r.AttestedOn!), persons, classes);
            return [attested];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Attested, written.Version) with { Flagged = attested!.Findings.Select(f => f.LineNo).ToList() });
    }

    /// <summary>Checks every line's certificate against the ledger itself, the provincial system this ledger stands for (HLJ-SUB-03).</summary>
    [WolverinePost("/api/claims/{claimId:guid}/verification", Name = "VerifyClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Verify(Guid claimId, VerifyRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new VerifyRequest.Validator(clock.Today()));
        CertificatesVerified? verified = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            verified = ClaimDecider.Verify(claim, ActorMiddleware.Required(http), r.SystemReference!.Trim(), RequestValidation.Date(r.VerifiedOn!),
                await ClaimFacts.CertificatesAsync(session, claim, ct), policies);
            return [verified];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Verified, written.Version) with
        {
            FailedLines = verified!.Lines.Where(l => !l.Verified).Select(l => l.LineNo).ToList(),
        });
    }

    [WolverinePost("/api/claims/{claimId:guid}/verification-overrides", Name = "OverrideClaimVerification")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Override(Guid claimId, OverrideRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new OverrideRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Override(claim, ActorMiddleware.Required(http), r.LineNo!.Value, r.Reason!.Trim(), RequestValidation.Date(r.On!)), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version));
    }

    [WolverinePost("/api/claims/{claimId:guid}/approval", Name = "ApproveClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Approve(Guid claimId, ApproveRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ApproveRequest.Validator(clock.Today()));
        var command = new Approve(r.Lines!.Select(l => new LineDecision(l.LineNo!.Value, l.Approved!.Value, l.Amount ?? 0m, l.Reason)).ToList(), RequestValidation.Date(r.On!));
        ClaimApproved? approved = null;
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Approve(claim, ActorMiddleware.Required(http), command, policies, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            approved = step.Claim;
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Approved, written.Version) with { ApprovedAmount = approved!.ApprovedAmount });
    }

    [WolverinePost("/api/claims/{claimId:guid}/rejection", Name = "RejectClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Reject(Guid claimId, RejectRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RejectRequest.Validator(clock.Today()));
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Reject(claim, ActorMiddleware.Required(http), r.Reason!.Trim(), RequestValidation.Date(r.On!), policies, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Rejected, written.Version));
    }

    [WolverinePost("/api/claims/{claimId:guid}/disbursement", Name = "DisburseClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Disburse(Guid claimId, DisburseRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new DisburseRequest.Validator(clock.Today()));
        var command = new Disburse(r.PaymentReference!.Trim(), r.Payee!.Trim(), r.PayeeAccount!, r.Amount!.Value, RequestValidation.Date(r.PaidOn!));
        var written = await session.DecideManyAsync<Claim>(claimId, r.Version!.Value, "claim", async claim =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var step = ClaimDecider.Disburse(claim, ActorMiddleware.Required(http), command, policies, entitlements.States);
            entitlements.Append(step.Entitlements.Select(e => (e.EntitlementId, (object)e)));
            return [step.Claim];
        }, ct);
        return Results.Ok(Written(claimId, ClaimStage.Disbursed, written.Version));
    }

    [WolverinePost("/api/claims/{claimId:guid}/reconciliation", Name = "ReconcileClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Reconcile(Guid claimId, ReconcileRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReconcileRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Reconcile(claim, ActorMiddleware.Required(http), r.BankReference!.Trim(), RequestValidation.Date(r.On!), policies), ct);
        return Results.Ok(Written(claimId, ClaimStage.Reconciled, written.Version));
    }

    [WolverinePost("/api/claims/{claimId:guid}/clawbacks", Name = "OrderClawback")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Clawback(Guid claimId, ClawbackRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ClawbackRequest.Validator(clock.Today()));
        ClawbackOrdered? ordered = null;
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim", claim => ordered = ClaimDecider.OrderClawback(claim,
            ActorMiddleware.Required(http), new OrderClawback(r.LineNos!, r.Reason!.Trim(), r.RuleIds!, RequestValidation.Date(r.On!))), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version) with { Amount = ordered!.Amount });
    }

    [WolverinePost("/api/claims/{claimId:guid}/clawback-repayments", Name = "RepayClawback")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IResult> Repay(Guid claimId, RepayRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RepayRequest.Validator(clock.Today()));
        var written = await session.DecideAsync<Claim>(claimId, r.Version!.Value, "claim",
            claim => ClaimDecider.Repay(claim, ActorMiddleware.Required(http), r.Amount!.Value, r.Reference!.Trim(), RequestValidation.Date(r.On!), policies), ct);
        return Results.Ok(Written(claimId, written.Before.Stage, written.Version));
    }

    /// <summary>The claim's audit file: the form, every line with its checks, decisions and deciders.</summary>
    [WolverineGet("/api/claims/{claimId:guid}", Name = "GetClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var claim = await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
        return Results.Ok(ClaimView.Of(claim));
    }

    [WolverineGet("/api/claims/{claimId:guid}/history", Name = "GetClaimHistory")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> History(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
        var events = await session.Events.FetchStreamAsync(claimId, token: ct);
        if (events.Count == 0) throw new ResourceNotFoundException("claim");
        var actor = ActorMiddleware.Required(http);
        return Results.Ok(new { claimId, events = events.Select(e => ClaimDisclosure.Describe(actor, e)).ToList() });
    }
}

/// <summary>The claim as served: the handler's mobile and the payee account masked.</summary>
public static class ClaimView
{
    public static object Of(Claim claim) => new
    {
        claim.Id,
        stage = JsonNames.Kebab(claim.Stage),
        claim.Version,
        form = claim.Form with { HandlerMobile = Masking.Mobile(claim.Form.HandlerMobile), HandlerMobileSealed = null },
        lines = claim.Lines,
        claim.SubmittedBy,
        claim.AttestedBy,
        claim.VerifiedBy,
        claim.ApprovedBy,
        claim.PaidBy,
        requestedAmount = claim.Form.RequestedAmount,
        entitledAmount = claim.EntitledAmount,
        claim.ApprovedAmount,
        claim.DisbursedAmount,
        claim.PaymentReference,
        claim.Payee,
        claim.PaidOn,
        claim.BankReference,
        claim.Clawbacks,
        clawedBack = claim.ClawedBack,
        claim.RejectionReason,
    };
}

public static class InstitutionAnomalyEndpoint
{
    /// <summary>Institutions certifying beyond their filed weekly capacity, or with pass rates far from the others', in a period.</summary>
    [WolverineGet("/api/reports/institution-anomalies", Name = "GetInstitutionAnomalies")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> Get(string? from, string? to, string? minAssessments, string? passRateGap, string? jurisdiction, IQuerySession session,
        PolicyCatalog policies, HttpContext http, CancellationToken ct)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var errors = new Dictionary<string, string[]>();
        var minimum = RequestValidation.OptionalInt(minAssessments, nameof(minAssessments), errors);
        var gap = RequestValidation.OptionalDecimal(passRateGap, nameof(passRateGap), errors);
        if (!RequestValidation.IsDate(from)) errors["from"] = [RequestValidation.DateMessage];
        if (!RequestValidation.IsDate(to)) errors["to"] = [RequestValidation.DateMessage];
        if (minimum is < 1 or > 1_000_000) errors["minAssessments"] = ["must be between 1 and 1000000"];
        if (gap is < 0 or > 1) errors["passRateGap"] = ["must be between 0 and 1"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var (first, last) = (RequestValidation.Date(from!), RequestValidation.Date(to!));

        // Dates are compared in memory: the serialised LocalDate is not a queryable column yet (province scale needs one).
        var certificates = (await session.Query<Certificate>().Where(c => c.Kind == CertificateKindCodes.SpecialOperation && c.Supersedes == null).ToListAsync(ct))
            .Where(c => c.IssuedOn >= first && c.IssuedOn <= last).ToList();
        var persons = (await session.LoadManyAsync<Person>(ct, certificates.Select(c => c.PersonId).Distinct().ToArray())).ToDictionary(p => p.Id);
        var certified = new List<Ledger.Domain.Institutions.CertifiedTrainee>();
        foreach (var certificate in certificates)
        {
            if (!persons.TryGetValue(certificate.PersonId, out var person)) continue;
            var trainedAt = person.Attendance.Where(a => a.WorkType == certificate.WorkType && a.Kind == TrainingKind.SpecialOperationInitial && a.Date <= certificate.IssuedOn)
                .OrderBy(a => a.Date).LastOrDefault();
            if (trainedAt is not null) certified.Add(new(trainedAt.ProviderId, certificate.Id, certificate.IssuedOn));
        }
        // Pass rates count every trainee assessed, certified or not: failures never reach a certificate.
        var assessedPersons = await session.Query<Person>().Where(p => p.Assessments.Any()).ToListAsync(ct);
        var assessed = assessedPersons.SelectMany(p => p.Assessments).Where(a => a.ClassId is not null && a.AssessedOn >= first && a.AssessedOn <= last).ToList();
        var classes = assessed.Count == 0 ? [] : await session.LoadManyAsync<TrainingClass>(ct, assessed.Select(a => a.ClassId!.Value).Distinct().ToArray());
        var providerOf = classes.Where(c => c.ProviderKind == TrainingProviderKind.Institution).ToDictionary(c => c.Id, c => c.ProviderId);
        var assessments = assessed.Where(a => providerOf.ContainsKey(a.ClassId!.Value))
            .Select(a => new Ledger.Domain.Institutions.ClassAssessment(providerOf[a.ClassId!.Value], a.Passed)).ToList();
        var institutionIds = certified.Select(c => c.InstitutionId).Concat(assessments.Select(a => a.InstitutionId)).Distinct().ToArray();
        var institutions = (await session.LoadManyAsync<Ledger.Domain.Institutions.Institution>(ct, institutionIds)).ToDictionary(i => i.Id);
        // Peers' pass rates are the whole ledger's, so an institution is judged alike whoever asks; only the answer is the caller's jurisdiction's.
        var anomalies = Ledger.Domain.Institutions.InstitutionAnomalies.Evaluate(institutions, certified, assessments, minimum ?? 20, gap ?? 0.3m)
            .Where(a => list is null || (institutions.TryGetValue(a.InstitutionId, out var i) && Scope.InList(policies, list, [i.Jurisdiction]))).ToList();
        return Results.Ok(new { from = first, to = last, anomalies });
    }
}
