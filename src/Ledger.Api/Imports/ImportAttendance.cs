using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Imports;

public static partial class ImportEndpoints
{
    [WolverinePost("/api/imports/attendance", Name = "ImportAttendance")]
    [DisableRequestSizeLimit, CommitsOwnBatches]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.SystemAdministrator)]
    public static Task<IResult> PostAttendance(HttpContext context, IDocumentStore store, StreamIdentity ids, CertificateCatalog catalog, IClock clock,
        IOptions<ImportOptions> options, PolicyCatalog policies, CancellationToken ct) =>
        ImportAsync(context, options.Value, (body, actor, correlation) =>
            ImportPolicy.Importer(context.RequestServices, options.Value)
                .ImportAttendanceAsync(body, actor, correlation, ct, c => Scope.CoversClass(actor, policies, c), (p, c) => Scope.MayCreditAttendance(actor, p, c)));
}
