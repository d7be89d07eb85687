using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Certificates;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public sealed record ReportForgeryRequest(string? Number, string? HolderName, string? WhereFound, string? ReportedOn, string? Reason)
{
    public sealed class Validator : AbstractValidator<ReportForgeryRequest>
    {
        public Validator(LocalDate today)
        {
            RuleFor(r => r.Number).Text(40);
            RuleFor(r => r.HolderName).MaximumLength(50);
            RuleFor(r => r.WhereFound).MaximumLength(200);
            RuleFor(r => r.ReportedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Reason).Text(500);
        }
    }
}

public sealed record ForgeryReportWritten(Guid WatchId);

public static class ReportForgeryEndpoint
{
    [WolverinePost("/api/forgery-reports", Name = "ReportForgedCertificate")]
    [ActorRoles(ActorRole.Regulator)]
    public static IResult Post(ReportForgeryRequest? request, IDocumentSession session, StreamIdentity ids, IClock clock)
    {
        var r = RequestValidation.Valid(request, new ReportForgeryRequest.Validator(clock.Today()));
        var number = StreamIdentity.NormaliseCertificateNumber(r.Number!);
        var watchId = ids.ForForgeryWatch(number);
        session.Events.Append(watchId, ForgeryWatch.Decide(new ReportForgedCertificate(watchId, ids.ForCertificate(number), number, r.HolderName?.Trim(),
            r.WhereFound?.Trim(), RequestValidation.Date(r.ReportedOn!), r.Reason!.Trim())));
        return Results.Accepted($"/api/reports/possible-forgeries", new ForgeryReportWritten(watchId));
    }
}
