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

public sealed record RecordBaselineRequest(string? RuleId, string? MeasuredOn, int? Numerator, int? Denominator, string? Source, string? Reason)
{
    public sealed class Validator : AbstractValidator<RecordBaselineRequest>
    {
        public Validator(ComplianceProgramme programme, LocalDate today)
        {
            var rules = ComplianceCatalog.For(programme).Where(t => t.Measure == TargetMeasure.TeamLeaderQualificationRise).Select(t => t.RuleId).Distinct().ToList();
            RuleFor(r => r.RuleId).Must(id => id is not null && rules.Contains(id.Trim()))
                .WithMessage(rules.Count == 0 ? $"{programme.Code} has no target measured against a baseline" : $"must be one of {string.Join(", ", rules)}");
            RuleFor(r => r.MeasuredOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Denominator).NotNull().WithMessage("is required").GreaterThan(0).WithMessage("must be at least 1");
            RuleFor(r => r.Numerator).NotNull().WithMessage("is required").GreaterThanOrEqualTo(0).WithMessage("cannot be negative")
                .Must((r, n) => r.Denominator is not { } d || n is not { } v || v <= d).WithMessage("cannot exceed the denominator");
            RuleFor(r => r.Source).Text(500);
            RuleFor(r => r.Reason).Text(500);
        }
    }
}

public sealed record ComplianceBaselineWritten(Guid BaselineId, string RuleId, LocalDate MeasuredOn, int Numerator, int Denominator);

public static partial class ComplianceReportEndpoints
{
    /// <summary>Records the baseline share a "+20 pp" target is measured against; the documents name none (rules.md 7.1), so the bureau states it.</summary>
    [WolverinePost("/api/reports/compliance/{jurisdiction}/baselines", Name = "RecordComplianceBaseline")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> RecordBaseline(string jurisdiction, RecordBaselineRequest? request, HttpContext http, IDocumentSession session,
        PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var programme = Programme(jurisdiction);
        var actor = ActorMiddleware.Required(http);
        Scope.ListJurisdiction(actor, policies, programme.Jurisdiction);
        var r = RequestValidation.Valid(request, new RecordBaselineRequest.Validator(programme, clock.Today()));
        var recorded = ComplianceSubmissionDecider.Decide(new RecordComplianceBaseline(Guid.NewGuid(), r.RuleId!.Trim(), RequestValidation.Date(r.MeasuredOn!),
            r.Numerator!.Value, r.Denominator!.Value, r.Source!.Trim(), r.Reason!.Trim(), clock.GetCurrentInstant()), programme, actor);
        var stream = BaselineStream(programme);
        if (await session.Events.FetchStreamStateAsync(stream, ct) is { } state) session.Events.Append(stream, state.Version + 1, recorded);
        else session.Events.StartStream(stream, recorded);
        return Results.Created($"/api/reports/compliance/{programme.Jurisdiction}",
            new ComplianceBaselineWritten(recorded.BaselineId, recorded.RuleId, recorded.MeasuredOn, recorded.Numerator, recorded.Denominator));
    }
}
