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

public sealed record SubmitComplianceReportRequest(string? Period, string? SubmittedOn, string? Notes)
{
    public sealed class Validator : AbstractValidator<SubmitComplianceReportRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Period).Must(p => ReportPeriod.TryParse(p, out _)).WithMessage($"is required, written {ReportPeriod.Formats}");
            RuleFor(r => r.SubmittedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Notes).Text(2000);
        }
    }
}

public sealed record ComplianceSubmissionWritten(Guid SubmissionId, string RuleId, string Period, LocalDate SubmittedOn, LocalDate DueOn, string Status);

public static partial class ComplianceReportEndpoints
{
    /// <summary>Records that the bureau submitted a period's report (JZ-RPT-01 …): one submission per report and period.</summary>
    [WolverinePost("/api/reports/compliance/{jurisdiction}/submissions", Name = "SubmitComplianceReport")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> Submit(string jurisdiction, SubmitComplianceReportRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IConfiguration configuration, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, programme.Jurisdiction);
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new SubmitComplianceReportRequest.Validator(today));
        ReportPeriod.TryParse(r.Period, out var period);
        var stream = SubmissionStream(programme);
        var state = await session.Events.FetchStreamStateAsync(stream, ct);
        var decision = ComplianceSubmissionDecider.Decide(
            new SubmitComplianceReport(Guid.NewGuid(), period, RequestValidation.Date(r.SubmittedOn!), r.Notes!.Trim(), clock.GetCurrentInstant()),
            programme, ComplianceSchedules.From(configuration), await SubmissionsAsync(session, programme, ct), actor);
        switch (decision)
        {
            case ComplianceSubmissionDecision.NotOwed n:
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["period"] = [$"{programme.Code} owes {string.Join(", ", n.Owed.Select(s => $"{s.RuleId} {Kind(s.Frequency)}"))}, from {n.FirstPeriodFrom:uuuu-MM-dd}"],
                });
            case ComplianceSubmissionDecision.BeforePeriod b:
                throw new RequestValidationException(new Dictionary<string, string[]> { ["submittedOn"] = [$"cannot precede the period's first day {b.PeriodFrom:uuuu-MM-dd}"] });
            case ComplianceSubmissionDecision.AlreadySubmitted a:
                throw new DuplicateException("submission", a.Existing.SubmissionId, $"/api/reports/compliance/{programme.Jurisdiction}/calendar",
                    $"the {a.Existing.RuleId} report for {a.Existing.Period} was recorded as submitted on {a.Existing.SubmittedOn:uuuu-MM-dd}");
        }
        var recorded = (ComplianceSubmissionDecision.Recorded)decision;
        var submitted = recorded.Submitted;
        // The expected version makes two racing submissions of one period collide (409) instead of both landing.
        if (state is null) session.Events.StartStream(stream, submitted);
        else session.Events.Append(stream, state.Version + 1, submitted);
        return Results.Created($"/api/reports/compliance/{programme.Jurisdiction}/calendar",
            new ComplianceSubmissionWritten(submitted.SubmissionId, submitted.RuleId, submitted.Period, submitted.SubmittedOn, recorded.DueOn, JsonNames.Kebab(recorded.Status)));
    }
}
