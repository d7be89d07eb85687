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

public static partial class ReadCertificateEndpoints
{
    /// <summary>
    /// The regulator's register of issuance-deadline breaches (TZ-CRT-04/05), from the async register projection, for the
    /// caller's jurisdiction (or one within it): a certificate lies where its holder was employed. Only breached entries are
    /// read (an indexed column), streamed into the answer; a bureau's are judged a page of holders at a time.
    /// </summary>
    [WolverineGet("/api/reports/issuance-deadline-breaches", Name = "GetIssuanceDeadlineBreaches")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Auditor)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<IReadOnlyList<CertificateRegisterEntry>>(StatusCodes.Status200OK)]
    public static IResult Breaches(string? jurisdiction, IQuerySession session, IDocumentStore store, PolicyCatalog policies, HttpContext http,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var list = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        return new StreamedJsonArray<CertificateRegisterEntry>(ct => InScope(session.Query<CertificateRegisterEntry>().Where(e => e.AnyDeadlineBreached).OrderBy(e => e.IssuedOn)
            .ThenBy(e => e.Id).ToAsyncEnumerable(ct), list, store, policies, (page, holders) => Task.FromResult(page.Where(e => Scope.InList(policies, list!, holders.GetValueOrDefault(e.PersonId, [])))),
            e => [e.PersonId], ct), json.Value.SerializerOptions);
    }
}
