using Shouldly;

namespace Ledger.Domain.Tests;

public sealed class DomainRuleViolationTests
{
    [Fact]
    public void carries_the_rule_id_and_message()
    {
        var violation = new DomainRuleViolation("HLJ-EDU-01", "Senior-secondary education is required for this work type.");

        violation.RuleId.ShouldBe("HLJ-EDU-01");
        violation.Message.ShouldBe("Senior-secondary education is required for this work type.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void refuses_a_blank_rule_id(string ruleId) =>
        Should.Throw<ArgumentException>(() => new DomainRuleViolation(ruleId, "message")).ParamName.ShouldBe("ruleId");
}
