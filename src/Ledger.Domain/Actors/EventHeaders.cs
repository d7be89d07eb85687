namespace Ledger.Domain.Actors;

/// <summary>
/// The headers every event carries about who appended it. Written by the API (and the staged import, the recheck
/// subscription), read by timelines and hashed into the audit chain, so each name is spelt here once.
/// </summary>
public static class EventHeaders
{
    public const string User = "actor-user";
    public const string Organisation = "actor-org";
    public const string Role = "actor-role";
    public const string Jurisdiction = "actor-jurisdiction";
    public const string Enterprise = "actor-enterprise";
    public const string Institution = "actor-institution";
}
