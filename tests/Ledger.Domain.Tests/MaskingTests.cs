using Shouldly;

namespace Ledger.Domain.Tests;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("11010519491231002X", "110***********002X")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void an_ID_number_keeps_its_first_3_and_last_4_characters(string value, string masked) => Masking.IdNumber(value).ShouldBe(masked);

    [Fact]
    public void a_mobile_keeps_its_first_3_and_last_4_digits() => Masking.Mobile("13800138000").ShouldBe("138****8000");

    [Fact]
    public void a_name_keeps_only_its_surname() => (Masking.Name("欧阳娜娜"), Masking.Name("王"), Masking.Name("")).ShouldBe(("欧***", "*", ""));

    [Fact]
    public void an_account_keeps_its_last_4_digits() => (Masking.Account("6222021234567890123"), Masking.Account("123")).ShouldBe(("***************0123", "***"));
}
