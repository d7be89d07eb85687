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

/// <summary>A programme as the console lists it: its targets and the reports it owes.</summary>
public sealed record ComplianceProgrammeView(ComplianceProgramme Programme, IReadOnlyList<ComplianceTarget> Targets, IReadOnlyList<ReportSchedule> Schedules);

public static partial class ComplianceReportEndpoints
{
    [WolverineGet("/api/reports/compliance", Name = "ListCompliancePrograms")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    public static IReadOnlyList<ComplianceProgrammeView> Programmes(HttpContext http, PolicyCatalog policies, IConfiguration configuration)
    {
        var actor = ActorMiddleware.Required(http);
        var schedules = ComplianceSchedules.From(configuration);
        return ComplianceCatalog.Programmes.Where(p => Scope.CoversJurisdiction(actor, policies, p.Jurisdiction))
            .Select(p => new ComplianceProgrammeView(p, ComplianceCatalog.For(p), ReportCalendar.For(p, schedules))).ToList();
    }
}
