using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record ClawbackCandidate(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    string EnterpriseName,
    LocalDate? PaidOn,
    string? PaymentReference,
    int LineNo,
    string CertificateNumber,
    decimal PaidAmount,
    IReadOnlyList<ReviewFlag> Flags,
    long Version);

public static partial class ClaimReportEndpoints
{
    /// <summary>
    /// Paid lines that a later finding (a revoked or suspended certificate, say) calls into question and that no clawback
    /// covers yet: the finance bureau's recovery work list.
    /// </summary>
    [WolverineGet("/api/claims/clawback-queue", Name = "GetClawbackQueue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ClawbackCandidate>> ClawbackQueue(string? jurisdiction, string? enterprise, int? page, int? pageSize, HttpContext http,
        IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        var window = ListWindow.Parse(page, pageSize);
        return [.. (await ClawbackRegister(jurisdiction, enterprise, http, session, policies, ct)).Window(window)];
    }

    /// <summary>The whole queue in the caller's scope, by enterprise name or credit code; the console's register reads the same.</summary>
    public static async Task<IReadOnlyList<ClawbackCandidate>> ClawbackRegister(string? jurisdiction, string? enterprise, HttpContext http, IQuerySession session,
        PolicyCatalog policies, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(enterprise) ? null : enterprise.Trim();
        if (text is { Length: > 100 } || (text is not null && !RequestValidation.StorableText(text)))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["enterprise"] = ["is at most 100 characters of text"] });
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction);
        var query = session.Query<Claim>().Where(c => c.Stage == ClaimStage.Disbursed || c.Stage == ClaimStage.Reconciled);
        if (Within(jurisdiction, policies) is { } codes) query = query.Where(c => c.Form.Jurisdiction.IsOneOf(codes));
        if (text is not null) query = query.Where(c => c.Form.EnterpriseName.Contains(text) || c.Form.EnterpriseCreditCode == text.ToUpperInvariant());
        var claims = await query.ToListAsync(ct);
        return claims.SelectMany(c => c.Lines
                .Where(l => l.Decision is { Approved: true } && l.LaterFindings.Any(f => f.Severity == Severity.High)
                    && !c.Clawbacks.Any(b => b.LineNos.Contains(l.Line.LineNo)))
                .Select(l => new ClawbackCandidate(c.Id, c.Stage, c.Form.Jurisdiction, c.Form.EnterpriseName, c.PaidOn, c.PaymentReference, l.Line.LineNo,
                    l.Line.CertificateNumber, l.Decision!.Amount,
                    l.LaterFindings.OrderByDescending(f => f.Severity).Select(f => new ReviewFlag(l.Line.LineNo, f.RuleId, f.Severity, f.Blocking, f.Evidence)).ToList(),
                    c.Version)))
            .OrderBy(c => c.PaidOn).ThenBy(c => c.ClaimId).ThenBy(c => c.LineNo).ToList();
    }
}
