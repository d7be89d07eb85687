using Ledger.Domain;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Reports;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Reports;

public sealed record ComplianceCalendarView(string Programme, string Jurisdiction, LocalDate From, LocalDate To, LocalDate AsOf, IReadOnlyList<CalendarEntry> Entries);

public static partial class ComplianceReportEndpoints
{
    [WolverineGet("/api/reports/compliance/{jurisdiction}/calendar", Name = "GetComplianceCalendar")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<ComplianceCalendarView> Calendar(string jurisdiction, string? from, string? to, string? asOf, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, programme.Jurisdiction);
        var (first, last, day) = CalendarRange(from, to, asOf, clock.Today());
        return new ComplianceCalendarView(programme.Code, programme.Jurisdiction, first, last, day,
            ReportCalendar.Entries(programme, ComplianceSchedules.From(configuration), await SubmissionsAsync(session, programme, ct), first, last, day));
    }

    /// <summary>Every programme's calendar the caller's jurisdiction covers (all five for a national bureau), for one overview.</summary>
    [WolverineGet("/api/reports/compliance/calendar", Name = "GetComplianceCalendars")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ComplianceCalendarView>> Calendars(string? from, string? to, string? asOf, HttpContext http, IQuerySession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, null);
        var (first, last, day) = CalendarRange(from, to, asOf, clock.Today());
        var schedules = ComplianceSchedules.From(configuration);
        var views = new List<ComplianceCalendarView>();
        foreach (var programme in ComplianceCatalog.Programmes.Where(p => Scope.CoversJurisdiction(actor, policies, p.Jurisdiction)))
            views.Add(new ComplianceCalendarView(programme.Code, programme.Jurisdiction, first, last, day,
                ReportCalendar.Entries(programme, schedules, await SubmissionsAsync(session, programme, ct), first, last, day)));
        return views;
    }

    private static (LocalDate From, LocalDate To, LocalDate AsOf) CalendarRange(string? from, string? to, string? asOf, LocalDate today)
    {
        var errors = new Dictionary<string, string[]>();
        var first = OptionalDay(from, "from", errors) ?? new LocalDate(today.Year, 1, 1);
        var last = OptionalDay(to, "to", errors) ?? new LocalDate(today.Year, 12, 31);
        var day = OptionalDay(asOf, "asOf", errors) ?? today;
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        if (errors.Count == 0 && Period.Between(first, last, PeriodUnits.Years).Years >= 20) errors["to"] = ["the calendar spans at most 20 years"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return (first, last, day);
    }
}
