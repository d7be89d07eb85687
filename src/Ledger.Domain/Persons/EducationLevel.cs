namespace Ledger.Domain.Persons;

// Explicit values: events store enums as numbers unless told otherwise, so reordering must not change meaning.
public enum EducationLevel
{
    None = 0,
    Primary = 1,
    JuniorSecondary = 2,
    SeniorSecondary = 3,
    SecondaryVocational = 4,
    JuniorCollege = 5,
    Bachelor = 6,
    Master = 7,
    Doctorate = 8,
}

public static class EducationLevelExtensions
{
    /// <summary>
    /// The education gate for hazardous-chemicals special operations: "高中或者相当于高中及以上" (national rule, JZ-EDU-01),
    /// so secondary vocational school (中职) counts as equivalent to senior secondary.
    /// HLJ-EDU-01 writes only "高中及以上"; whether 中职 counts there is open (rules.md 7.3), and we read it as the national rule does.
    /// </summary>
    public static bool IsSeniorSecondaryOrAbove(this EducationLevel level) =>
        // Listed rather than compared by value, so an undefined number never passes the gate.
        level is EducationLevel.SeniorSecondary
            or EducationLevel.SecondaryVocational
            or EducationLevel.JuniorCollege
            or EducationLevel.Bachelor
            or EducationLevel.Master
            or EducationLevel.Doctorate;
}
