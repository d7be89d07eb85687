using NodaTime;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Operations;

namespace Ledger.Api.Http;

public static class LedgerClock
{
    /// <summary>Business dates are China Standard Time (rules.md 6.11).</summary>
    public static readonly DateTimeZone China = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static LocalDate Today(this IClock clock) => clock.GetCurrentInstant().InZone(China).Date;
}
