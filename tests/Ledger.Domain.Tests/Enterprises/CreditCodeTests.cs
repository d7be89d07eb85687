using Ledger.Domain.Enterprises;
using Shouldly;

namespace Ledger.Domain.Tests.Enterprises;

public sealed class CreditCodeTests
{
    // The GB 32100-2015 example and codes printed on published business licences.
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("914403001922038216")]
    [InlineData("9144030071526726XG")]
    [InlineData("91110108551385082Q")]
    [InlineData("91440300708461136T")]
    public void published_codes_parse(string value)
    {
        CreditCode.TryParse(value, out var code, out var error).ShouldBeTrue(error);
        code!.Value.ShouldBe(value);
        CreditCode.ComputeCheckCharacter(value[..17]).ShouldBe(value[17]);
    }

    [Fact]
    public void parts_are_read_from_their_positions()
    {
        CreditCode.TryParse("91350100M000100Y43", out var code, out _).ShouldBeTrue();
        code!.RegistrationAuthority.ShouldBe("9");
        code.DivisionCode.ShouldBe("350100");
    }

    [Fact]
    public void input_is_trimmed_and_upper_cased()
    {
        CreditCode.TryParse("  9144030071526726xg ", out var code, out _).ShouldBeTrue();
        code!.Value.ShouldBe("9144030071526726XG");
    }

    [Theory]
    [InlineData("12120225000000000")]
    [InlineData("51120225MJY12345A")]
    [InlineData("Y1120225ABCDEFGHJ")]
    public void a_computed_check_character_makes_a_code_that_parses(string first17)
    {
        var value = first17 + CreditCode.ComputeCheckCharacter(first17);
        CreditCode.TryParse(value, out var code, out var error).ShouldBeTrue(error);
        code!.Value.ShouldBe(value);
    }

    [Fact]
    public void the_check_character_can_be_0_when_the_sum_is_a_multiple_of_31()
    {
        CreditCode.ComputeCheckCharacter("00000000000000000").ShouldBe('0');
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("91350100M000100Y4", "18 characters")]
    [InlineData("91350100M000100Y433", "18 characters")]
    [InlineData("91350100M000100I43", "I, O, Z, S or V")]
    [InlineData("91350100M000100O43", "I, O, Z, S or V")]
    [InlineData("91350100M000100Z43", "I, O, Z, S or V")]
    [InlineData("91350100M000100S43", "I, O, Z, S or V")]
    [InlineData("91350100M000100V43", "I, O, Z, S or V")]
    [InlineData("91350100M000100-43", "digits and upper-case letters")]
    [InlineData("913501０0M000100Y43", "digits and upper-case letters")]
    [InlineData("91A50100M000100Y43", "administrative division")]
    [InlineData("91350100M000100Y44", "Check character")]
    [InlineData("914403001922038217", "Check character")]
    public void invalid_codes_are_refused_with_a_reason(string? value, string reason)
    {
        CreditCode.TryParse(value, out var code, out var error).ShouldBeFalse();
        code.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData("9135010")]
    [InlineData("91350100M000100I4")]
    public void computing_a_check_character_needs_17_valid_symbols(string first17)
    {
        Should.Throw<ArgumentException>(() => CreditCode.ComputeCheckCharacter(first17));
    }
}
