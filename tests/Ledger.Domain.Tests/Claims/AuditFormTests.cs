using Ledger.Domain.Claims;
using Shouldly;

namespace Ledger.Domain.Tests.Claims;

/// <summary>The Heilongjiang audit form's arithmetic (FR-12): field 10 取证人数 counts the persons who obtained a certificate.</summary>
public sealed class AuditFormTests
{
    private static ClaimLine Line(int no, LineStatus status, Guid? certificate) => new(no, Guid.NewGuid(), "赵工", "110***********002X", "electrical.low-voltage",
        certificate, "T" + no, SubsidyKind.SpecialOperationInitial, "initial", Guid.NewGuid(), null, status == LineStatus.Eligible ? 1000m : 0m, status, null, []);

    [Fact]
    public void the_certified_count_is_compared_with_the_lines_holding_a_certificate_not_the_eligible_ones_FR_12()
    {
        // Two certified persons, one of them not eligible for the subsidy: 取证人数 2 is right.
        var lines = new[] { Line(1, LineStatus.Eligible, Guid.NewGuid()), Line(2, LineStatus.Ineligible, Guid.NewGuid()) };
        ClaimAssessor.FormFindings([new WorkTypeCount("electrical.low-voltage", 2)], 2, 1000m, lines).ShouldBeEmpty();

        // A line whose certificate the ledger does not hold is no certified person.
        var unknown = new[] { Line(1, LineStatus.Eligible, Guid.NewGuid()), Line(2, LineStatus.Ineligible, null) };
        ClaimAssessor.FormFindings([new WorkTypeCount("electrical.low-voltage", 2)], 2, 1000m, unknown)
            .ShouldHaveSingleItem().Evidence.ShouldContain("2 certified declared, 1 roster lines hold a certificate");
    }
}
