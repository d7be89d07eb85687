namespace Ledger.Domain;

/// <summary>
/// A command broke a business rule. The API maps it to 422 with <see cref="RuleId"/> as the problem's code,
/// so the id must be stable: a rules.md id such as <c>HLJ-EDU-01</c> or a kebab-case code.
/// </summary>
public sealed class DomainRuleViolation(string ruleId, string message) : Exception(message)
{
    public string RuleId { get; } = string.IsNullOrWhiteSpace(ruleId)
        ? throw new ArgumentException("A rule violation needs a rule id.", nameof(ruleId))
        : ruleId;
}
