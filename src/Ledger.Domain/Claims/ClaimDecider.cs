using Ledger.Domain.Actors;
using Ledger.Domain.Policies;
using NodaTime;

namespace Ledger.Domain.Claims;

public static class ClaimRules
{
    /// <summary>HLJ-SUB-03 and rules.md 5.4: submitted → attested → verified → approved → disbursed → reconciled.</summary>
    public const string WorkflowOrder = "HLJ-SUB-03";
    /// <summary>[I] Maker-checker: whoever submitted, attested or verified a claim does not approve or pay it.</summary>
    public const string MakerChecker = "NAT-SUB-01";
    public const string RoleRequired = "NAT-SUB-02";
    public const string JurisdictionRequired = "NAT-SUB-03";
    public const string AmountsReconcile = FraudPatterns.AmountsInconsistent;
}

public sealed record Approve(IReadOnlyList<LineDecision> Lines, LocalDate On);

public sealed record Disburse(string PaymentReference, string Payee, string PayeeAccount, decimal Amount, LocalDate On);

public sealed record OrderClawback(IReadOnlyList<int> LineNos, string Reason, IReadOnlyList<string> RuleIds, LocalDate On);

public static class ClaimDecider
{
    /// <param name="persons">The persons the claim's lines name; <paramref name="classes"/>, the institution's classes they attended.</param>
    public static InstitutionAttested Attest(Claim claim, Actor actor, string statement, LocalDate on, IReadOnlyDictionary<Guid, Persons.Person> persons,
        IReadOnlyDictionary<Guid, Training.TrainingClass> classes, PolicyCatalog policies)
    {
        Stage(claim, ClaimStage.Submitted, "attested");
        Role(actor, ActorRole.TrainingInstitution, "the training institution attests");
        NotSameAs(actor, claim.SubmittedBy, "the submitter");
        // The institution's opinion on the form is a printed sentence it seals; another text is not the opinion the form asks for.
        if (policies.For(claim.Form.Jurisdiction, claim.Form.ApplicationDate).Parameters.AuditFormWording is { } form
            && !AuditFormWording.Matches(statement, form.Value.Attestation))
            throw new DomainRuleViolation(form.RuleId, $"the institution's opinion is the form's own sentence: \"{form.Value.Attestation}\"");
        return new InstitutionAttested(claim.Id, statement, on, ClaimChecks.Attestation(claim, persons, classes), actor.UserId);
    }

    /// <param name="certificates">The certificates the claim's lines name.</param>
    public static CertificatesVerified Verify(Claim claim, Actor actor, string systemReference, LocalDate on,
        IReadOnlyDictionary<Guid, Certificates.Certificate> certificates, PolicyCatalog policies)
    {
        Stage(claim, ClaimStage.Attested, "verified");
        var who = Authorities(claim, policies);
        Role(actor, who.Value.Verifier, $"the {Describe(who.Value.Verifier)} verifies certificates ({who.RuleId})");
        NotSameAs(actor, claim.SubmittedBy, "the submitter");
        return new CertificatesVerified(claim.Id, ClaimChecks.Certificates(claim, certificates, on, policies), systemReference, on, actor.UserId);
    }

    /// <summary>Who verifies, decides, pays and audits this claim: policy data of the claim's jurisdiction on its application date.</summary>
    public static Rule<SubsidyAuthorities> Authorities(Claim claim, PolicyCatalog policies) =>
        policies.For(claim.Form.Jurisdiction, claim.Form.ApplicationDate).Parameters.SubsidyAuthorities
        ?? throw new DomainRuleViolation(ClaimRules.RoleRequired, $"no policy pack of {claim.Form.Jurisdiction} says who pays its subsidies");

    private static string Describe(ActorRole role) => role switch
    {
        ActorRole.Regulator => "emergency-management department",
        ActorRole.HrBureau => "HR bureau",
        ActorRole.FinanceBureau => "finance bureau",
        _ => role.ToString(),
    };

    public static VerificationOverridden Override(Claim claim, Actor actor, int lineNo, string reason, LocalDate on)
    {
        Stage(claim, ClaimStage.Verified, "overridden");
        Role(actor, ActorRole.Regulator, "only the verifying department overrides a verification");
        var line = claim.LineNo(lineNo) ?? throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"the claim has no line {lineNo}");
        if (line.Verified != false) throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"line {lineNo} did not fail verification");
        return new VerificationOverridden(claim.Id, lineNo, reason, on, actor.UserId);
    }

    public static ClaimApproved Approve(Claim claim, Actor actor, Approve command, PolicyCatalog policies)
    {
        Stage(claim, ClaimStage.Verified, "approved");
        DeciderOfTheJurisdiction(claim, actor, policies);
        NotSameAs(actor, claim.SubmittedBy, "the submitter");
        NotSameAs(actor, claim.VerifiedBy, "the verifier");
        NotSameAs(actor, claim.AttestedBy, "the attesting institution");
        var decisions = new List<LineDecision>();
        foreach (var line in claim.Lines)
        {
            var asked = command.Lines.FirstOrDefault(d => d.LineNo == line.Line.LineNo);
            if (asked is null || !asked.Approved)
            {
                decisions.Add(new LineDecision(line.Line.LineNo, false, 0m, asked?.Reason ?? "not approved"));
                continue;
            }
            // The refusal names why the line earns nothing: FR-01 for a duplicate, its blocking finding for an ineligible line.
            if (line.Line.Status != LineStatus.Eligible)
                throw new DomainRuleViolation(
                    line.Line.Status == LineStatus.Duplicate ? FraudPatterns.DuplicateClaim : line.AllFindings.FirstOrDefault(f => f.Blocking)?.RuleId ?? ClaimRules.AmountsReconcile,
                    $"line {line.Line.LineNo} is {line.Line.Status} and earns nothing");
            if (!line.VerifiedOrOverridden)
                throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"line {line.Line.LineNo} failed verification and was not overridden");
            var amount = asked.Amount == 0m ? line.Line.EntitledAmount : asked.Amount;
            if (amount > line.Line.EntitledAmount || amount < 0m)
                throw new DomainRuleViolation(ClaimRules.AmountsReconcile, $"line {line.Line.LineNo} may be approved for at most {line.Line.EntitledAmount:0.00} CNY");
            decisions.Add(new LineDecision(line.Line.LineNo, true, amount, asked.Reason));
        }
        foreach (var unknown in command.Lines.Where(d => claim.LineNo(d.LineNo) is null))
            throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"the claim has no line {unknown.LineNo}");
        var total = decisions.Sum(d => d.Amount);
        if (total == 0m) throw new DomainRuleViolation(ClaimRules.WorkflowOrder, "no line is approved: reject the claim instead");
        return new ClaimApproved(claim.Id, decisions, total, command.On, actor.UserId);
    }

    /// <summary>Approval gives back the entitlements of the lines it does not approve, so a rightful claim elsewhere can take them.</summary>
    /// <param name="entitlements">The entitlements of the claim's eligible lines, as they stand.</param>
    public static ClaimStep<ClaimApproved> Approve(Claim claim, Actor actor, Approve command, PolicyCatalog policies,
        IReadOnlyDictionary<Guid, Entitlement?> entitlements)
    {
        var approved = Approve(claim, actor, command, policies);
        var released = approved.Lines.Where(d => !d.Approved)
            .SelectMany(d => EntitlementDecider.Release(claim, d.LineNo, EntitlementOf(claim, d.LineNo, entitlements), d.Reason ?? "not approved", command.On))
            .ToList<IEntitlementEvent>();
        return new ClaimStep<ClaimApproved>(approved, released);
    }

    /// <summary>A rejected claim gives back every entitlement it holds.</summary>
    public static ClaimStep<ClaimRejected> Reject(Claim claim, Actor actor, string reason, LocalDate on, PolicyCatalog policies,
        IReadOnlyDictionary<Guid, Entitlement?> entitlements)
    {
        var rejected = Reject(claim, actor, reason, on, policies);
        var released = claim.Lines
            .SelectMany(l => EntitlementDecider.Release(claim, l.Line.LineNo, EntitlementOf(claim, l.Line.LineNo, entitlements), "claim rejected: " + reason, on))
            .ToList<IEntitlementEvent>();
        return new ClaimStep<ClaimRejected>(rejected, released);
    }

    /// <summary>The payment pays every approved line's entitlement.</summary>
    public static ClaimStep<SubsidyDisbursed> Disburse(Claim claim, Actor actor, Disburse command, PolicyCatalog policies,
        IReadOnlyDictionary<Guid, Entitlement?> entitlements)
    {
        var paid = Disburse(claim, actor, command, policies);
        var entitlementsPaid = claim.Lines.Where(l => l.Decision is { Approved: true })
            .Select(l => (IEntitlementEvent)EntitlementDecider.Pay(claim, l, EntitlementOf(claim, l.Line.LineNo, entitlements), paid))
            .ToList();
        return new ClaimStep<SubsidyDisbursed>(paid, entitlementsPaid);
    }

    /// <summary>The entitlements a step over this claim may move: those of its eligible lines.</summary>
    public static IReadOnlyList<Guid> EntitlementsOf(Claim claim) =>
        claim.Lines.Where(l => l.Line.Status == LineStatus.Eligible && l.Line.EntitlementId != Guid.Empty).Select(l => l.Line.EntitlementId).Distinct().ToList();

    private static Entitlement? EntitlementOf(Claim claim, int lineNo, IReadOnlyDictionary<Guid, Entitlement?> entitlements) =>
        claim.LineNo(lineNo)?.Line.EntitlementId is { } id ? entitlements.GetValueOrDefault(id) : null;

    public static ClaimRejected Reject(Claim claim, Actor actor, string reason, LocalDate on, PolicyCatalog policies)
    {
        if (claim.Stage is not (ClaimStage.Submitted or ClaimStage.Attested or ClaimStage.Verified))
            throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"a claim that is {claim.Stage} cannot be rejected");
        DeciderOfTheJurisdiction(claim, actor, policies);
        // A rejection is the same decision as an approval, so the same people stay out of it (NAT-SUB-01).
        NotSameAs(actor, claim.SubmittedBy, "the submitter");
        NotSameAs(actor, claim.VerifiedBy, "the verifier");
        NotSameAs(actor, claim.AttestedBy, "the attesting institution");
        return new ClaimRejected(claim.Id, reason, on, actor.UserId);
    }

    public static SubsidyDisbursed Disburse(Claim claim, Actor actor, Disburse command, PolicyCatalog policies)
    {
        Stage(claim, ClaimStage.Approved, "paid");
        var who = Authorities(claim, policies);
        Role(actor, who.Value.Payer, $"the {Describe(who.Value.Payer)} of the claim's jurisdiction pays ({who.RuleId})");
        OfTheJurisdiction(claim, actor, policies, "paying");
        if (policies.For(claim.Form.Jurisdiction, claim.Form.ApplicationDate).Parameters.SubsidyPaidByOwnLevel is { Value: true } ownLevel
            && actor.Jurisdiction != claim.Form.Jurisdiction)
            throw new DomainRuleViolation(ownLevel.RuleId,
                $"the subsidy of an enterprise of {claim.Form.Jurisdiction} is paid by the bureau of {claim.Form.Jurisdiction} itself, not by {actor.Jurisdiction}");
        NotSameAs(actor, claim.ApprovedBy, "the approver");
        NotSameAs(actor, claim.SubmittedBy, "the submitter");
        if (command.Amount != claim.ApprovedAmount)
            throw new DomainRuleViolation(ClaimRules.AmountsReconcile, $"the payment of {command.Amount:0.00} CNY differs from the approved {claim.ApprovedAmount:0.00} CNY");
        return new SubsidyDisbursed(claim.Id, command.PaymentReference, command.Payee, command.PayeeAccount, command.Amount, command.On, actor.UserId);
    }

    public static DisbursementReconciled Reconcile(Claim claim, Actor actor, string bankReference, LocalDate on, PolicyCatalog policies)
    {
        Stage(claim, ClaimStage.Disbursed, "reconciled");
        var who = Authorities(claim, policies);
        Role(actor, who.Value.Auditor, $"the {Describe(who.Value.Auditor)} audits the payout against the bank ({who.RuleId})");
        NotSameAs(actor, claim.PaidBy, "the payer");
        return new DisbursementReconciled(claim.Id, claim.PaymentReference!, bankReference, on);
    }

    public static ClawbackOrdered OrderClawback(Claim claim, Actor actor, OrderClawback command)
    {
        if (claim.Stage is not (ClaimStage.Disbursed or ClaimStage.Reconciled))
            throw new DomainRuleViolation(ClaimRules.WorkflowOrder, "only a paid claim can be clawed back");
        if (actor.Role is not (ActorRole.FinanceBureau or ActorRole.Regulator))
            throw new DomainRuleViolation(ClaimRules.RoleRequired, "a finance bureau or regulator orders a clawback");
        var amount = 0m;
        foreach (var lineNo in command.LineNos.Distinct())
        {
            var line = claim.LineNo(lineNo) ?? throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"the claim has no line {lineNo}");
            if (line.Decision is not { Approved: true } decision) throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"line {lineNo} was not paid");
            if (claim.Clawbacks.Any(c => c.LineNos.Contains(lineNo))) throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"line {lineNo} is already being clawed back");
            amount += decision.Amount;
        }
        return new ClawbackOrdered(claim.Id, command.LineNos.Distinct().ToList(), amount, command.Reason, command.RuleIds, command.On, actor.UserId);
    }

    public static ClawbackRepaid Repay(Claim claim, Actor actor, decimal amount, string reference, LocalDate on, PolicyCatalog policies)
    {
        var who = Authorities(claim, policies);
        Role(actor, who.Value.Auditor, $"the {Describe(who.Value.Auditor)} records repayments ({who.RuleId})");
        var outstanding = claim.Clawbacks.Sum(c => c.Amount - c.Repaid);
        if (amount <= 0m || amount > outstanding)
            throw new DomainRuleViolation(ClaimRules.AmountsReconcile, $"{outstanding:0.00} CNY is outstanding on this claim's clawbacks");
        return new ClawbackRepaid(claim.Id, amount, reference, on);
    }

    private static void Stage(Claim claim, ClaimStage expected, string step)
    {
        if (claim.Stage != expected)
            throw new DomainRuleViolation(ClaimRules.WorkflowOrder, $"a claim is {step} only when {expected}; this one is {claim.Stage}");
    }

    private static void Role(Actor actor, ActorRole role, string why)
    {
        if (actor.Role != role) throw new DomainRuleViolation(ClaimRules.RoleRequired, why);
    }

    private static void DeciderOfTheJurisdiction(Claim claim, Actor actor, PolicyCatalog policies)
    {
        var who = Authorities(claim, policies);
        Role(actor, who.Value.Approver, $"the {Describe(who.Value.Approver)} of the claim's jurisdiction decides claims ({who.RuleId})");
        OfTheJurisdiction(claim, actor, policies, "deciding");
    }

    private static void OfTheJurisdiction(Claim claim, Actor actor, PolicyCatalog policies, string step)
    {
        if (actor.Jurisdiction is null || !policies.IsWithin(claim.Form.Jurisdiction, actor.Jurisdiction))
            throw new DomainRuleViolation(ClaimRules.JurisdictionRequired,
                $"the bureau {step} must answer for {claim.Form.Jurisdiction} (X-Ledger-Jurisdiction)");
    }

    private static void NotSameAs(Actor actor, string? other, string who)
    {
        if (other is not null && string.Equals(actor.UserId, other, StringComparison.Ordinal))
            throw new DomainRuleViolation(ClaimRules.MakerChecker, $"{who} of this claim may not also take this step");
    }
}
