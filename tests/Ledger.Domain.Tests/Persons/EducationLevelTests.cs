using Ledger.Domain.Persons;
using Shouldly;

namespace Ledger.Domain.Tests.Persons;

public sealed class EducationLevelTests
{
    [Theory]
    [InlineData(EducationLevel.SeniorSecondary)]
    [InlineData(EducationLevel.SecondaryVocational)]   // "相当于高中" (JZ-EDU-01); HLJ-EDU-01 ambiguity 7.3 read the same way
    [InlineData(EducationLevel.JuniorCollege)]
    [InlineData(EducationLevel.Bachelor)]
    [InlineData(EducationLevel.Master)]
    [InlineData(EducationLevel.Doctorate)]
    public void senior_secondary_or_equivalent_and_above_pass_the_jz_edu_01_gate(EducationLevel level) =>
        level.IsSeniorSecondaryOrAbove().ShouldBeTrue();

    [Theory]
    [InlineData(EducationLevel.None)]
    [InlineData(EducationLevel.Primary)]
    [InlineData(EducationLevel.JuniorSecondary)]
    [InlineData((EducationLevel)99)]
    [InlineData((EducationLevel)(-1))]
    public void lower_or_undefined_levels_fail_the_jz_edu_01_gate(EducationLevel level) =>
        level.IsSeniorSecondaryOrAbove().ShouldBeFalse();
}
