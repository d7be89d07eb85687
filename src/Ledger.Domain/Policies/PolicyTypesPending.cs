namespace Ledger.Domain.Policies;

public enum OnlineHoursCounting
{
    Proportion,
    Full,
}

public sealed record OnlineHoursRule(OnlineHoursCounting Counting, decimal? MaxShare);
