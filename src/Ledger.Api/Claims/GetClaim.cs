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

/// <summary>The claim as served: its form (the handler's mobile masked), every line with its checks and decisions, who decided each step and the money.</summary>
public sealed record ClaimView(
    Guid Id,
    string Stage,
    long Version,
    ClaimSubmitted Form,
    IReadOnlyList<ClaimLineState> Lines,
    string SubmittedBy,
    string? AttestedBy,
    string? VerifiedBy,
    string? ApprovedBy,
    string? PaidBy,
    decimal RequestedAmount,
    decimal EntitledAmount,
    decimal ApprovedAmount,
    decimal DisbursedAmount,
    string? PaymentReference,
    string? Payee,
    LocalDate? PaidOn,
    string? BankReference,
    IReadOnlyList<Clawback> Clawbacks,
    decimal ClawedBack,
    string? RejectionReason)
{
    public static ClaimView Of(Claim claim) => new(
        claim.Id, JsonNames.Kebab(claim.Stage), claim.Version,
        claim.Form with { HandlerMobile = Masking.Mobile(claim.Form.HandlerMobile), HandlerMobileSealed = null },
        claim.Lines, claim.SubmittedBy, claim.AttestedBy, claim.VerifiedBy, claim.ApprovedBy, claim.PaidBy,
        claim.Form.RequestedAmount, claim.EntitledAmount, claim.ApprovedAmount, claim.DisbursedAmount,
        claim.PaymentReference, claim.Payee, claim.PaidOn, claim.BankReference, claim.Clawbacks, claim.ClawedBack, claim.RejectionReason);
}

public static partial class ClaimWorkflowEndpoints
{
    /// <summary>The claim's audit file: the form, every line with its checks, decisions and deciders.</summary>
    [WolverineGet("/api/claims/{claimId:guid}", Name = "GetClaim")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<ClaimView> Get(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var claim = await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct);
        return ClaimView.Of(claim);
    }
}
