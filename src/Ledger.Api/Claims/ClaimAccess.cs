using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Projections;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;

namespace Ledger.Api.Claims;

/// <summary>
/// Every read of one claim passes here: the caller's scope is checked, an auditor's read is recorded, and a submitter (the
/// enterprise, or the institution it names) gets the claim as <see cref="ClaimDisclosure"/> lets it see it.
/// </summary>
public static class ClaimAccess
{
    public static async Task<Claim> ReadAsync(HttpContext http, IQuerySession session, IDocumentStore store, PolicyCatalog policies, IClock clock,
        Guid claimId, CancellationToken ct)
    {
        var reason = AuditorReadLog.Reason(http);
        var claim = await session.LoadAsync<Claim>(claimId, ct) ?? throw new ResourceNotFoundException("claim");
        var actor = ActorMiddleware.Required(http);
        Scope.Claim(actor, policies, claim);
        await AuditorReadLog.RecordAsync(http, store, clock, reason, "claim", claimId, ct);
        return ClaimDisclosure.For(actor, claim);
    }
}

/// <summary>
/// What a claim's submitter may learn from it. A roster line may name someone the enterprise never employed (a mistake, or
/// a probe), and the checks behind a finding read other records: the holder's employer, hire date, certificate dates, other
/// claims. A bureau sees all of that as evidence. A submitter sees each line as it wrote it, its status and amounts, and
/// for each finding the rule it broke and what to check, never the evidence itself or the ledger's ids of persons,
/// certificates, entitlements and other claims.
/// </summary>
public static class ClaimDisclosure
{
    public static bool SeesEvidence(Actor actor) => Scope.IsBureau(actor);

    public static Claim For(Actor actor, Claim claim) => SeesEvidence(actor) ? claim : claim with
    {
        Form = claim.Form with { Lines = claim.Form.Lines.Select(Redacted).ToList() },
        Lines = claim.Lines.Select(l => l with
        {
            Line = Redacted(l.Line),
            VerificationReasons = l.VerificationReasons.Count == 0 ? [] : [VerificationText],
            LaterFindings = Redacted(l.LaterFindings),
        }).ToList(),
    };

    private static ClaimLine Redacted(ClaimLine line) => line with
    {
        PersonId = Guid.Empty,
        CertificateId = null,
        EntitlementId = Guid.Empty,
        HeldByClaim = null,
        Findings = Redacted(line.Findings),
    };

    public const string VerificationText = "证书核验未通过：请核对该职工的证书编号、姓名和证书状态；核验依据由核验部门掌握。";

    /// <summary>The rule broken and what to check, in the console's language; the evidence stays with the bureaus.</summary>
    public static string SubmitterText(string ruleId) =>
        $"此行未通过规则 {ruleId} 的核查：请核对该职工的身份证号、证书编号与状态、劳动关系和培训记录；具体核查依据由审核部门掌握。";

    private static IReadOnlyList<Finding> Redacted(IReadOnlyList<Finding> findings) =>
        findings.Select(f => f with { Evidence = SubmitterText(f.RuleId) }).ToList();

    /// <summary>A claim event as its submitter may read it on the claim's history: a flag's evidence is left out.</summary>
    public static RecordedEvent Describe(Actor actor, JasperFx.Events.IEvent e)
    {
        var described = EventFacts.Describe(e);
        if (SeesEvidence(actor) || e.Data is not ClaimLineFlagged flagged) return described;
        var text = $"第 {flagged.LineNo} 行：{SubmitterText(flagged.Finding.RuleId)}";
        return described with { Summary = text, SummaryZh = text };
    }
}
