using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enforcement;

/// <param name="InformantContact">A way to reach the informant for a reward (a phone number, say), only if they chose to leave one; never their name.</param>
public sealed record ReceiveTipRequest(string? Jurisdiction, Guid? EnterpriseId, string? EnterpriseName, string? Subject, string? Allegation, string? Channel,
    string? ReceivedOn, string? InformantContact)
{
    public sealed class Validator : AbstractValidator<ReceiveTipRequest>
    {
        public Validator(LocalDate today, PolicyCatalog policies)
        {
            RuleFor(r => r.Jurisdiction).Must(j => policies.Find(j!.Trim()) is not null).When(r => !string.IsNullOrWhiteSpace(r.Jurisdiction))
                .WithMessage("is not a known jurisdiction");
            RuleFor(r => r.EnterpriseName).Text(200).When(r => r.EnterpriseId is null);
            RuleFor(r => r.EnterpriseId).NotEqual(Guid.Empty).WithMessage("must not be the empty UUID");
            RuleFor(r => r.Subject).MustBeKebab<ReceiveTipRequest, TipSubject>();
            RuleFor(r => r.Allegation).Text(2000);
            RuleFor(r => r.Channel).MustBeKebab<ReceiveTipRequest, TipChannel>();
            RuleFor(r => r.ReceivedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.InformantContact).MaximumLength(60).WithMessage("is at most 60 characters")
                .Must(t => t is null || RequestValidation.IsPlainText(t)).WithMessage("must not contain control characters, direction overrides or invisible characters");
        }
    }
}

public static partial class EnforcementEndpoints
{
    /// <summary>
    /// A tip-off (举报) taken by a regulator. The informant's identity is not asked for; a contact they leave for a reward is sealed in the event
    /// and shown only masked, to the regulators of the tip's jurisdiction.
    /// </summary>
    [WolverinePost("/api/tip-offs", Name = "ReceiveTip")]
    [ActorRoles(ActorRole.Regulator)]
    public static async Task<IResult> ReceiveTip(ReceiveTipRequest? request, HttpContext http, IDocumentSession session, PolicyCatalog policies, PersonalDataCipher cipher,
        IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new ReceiveTipRequest.Validator(clock.Today(), policies));
        var actor = ActorMiddleware.Required(http);
        string jurisdiction, name;
        if (r.EnterpriseId is { } enterpriseId)
        {
            var enterprise = await session.LoadAsync<Enterprise>(enterpriseId, ct) ?? throw new ResourceNotFoundException("enterprise");
            Scope.Organisation(actor, policies, "enterprise", enterprise.Jurisdiction, enterprise.Id, null);
            (jurisdiction, name) = (enterprise.Jurisdiction, enterprise.Name);
        }
        else
        {
            jurisdiction = string.IsNullOrWhiteSpace(r.Jurisdiction) ? actor.Jurisdiction ?? Scope.National : r.Jurisdiction.Trim();
            Scope.BureauJurisdiction(actor, policies, "tip-off", jurisdiction);
            name = r.EnterpriseName!.Trim();
        }
        JsonNames.TryParseKebab<TipSubject>(r.Subject, out var subject);
        JsonNames.TryParseKebab<TipChannel>(r.Channel, out var channel);
        var tipId = Guid.CreateVersion7();
        var contact = string.IsNullOrWhiteSpace(r.InformantContact) ? null : r.InformantContact.Trim();
        var received = EnforcementDecider.Receive(new ReceiveTip(tipId, jurisdiction, r.EnterpriseId, name, subject, r.Allegation!.Trim(), channel,
            RequestValidation.Date(r.ReceivedOn!), contact is null ? null : cipher.Seal(contact, TipOffRules.InformantContactPurpose, tipId),
            contact is null ? null : Masking.Mobile(contact)), actor, policies);
        session.Events.StartStream<TipOff>(tipId, received);
        await session.SaveNewStreamAsync("tip-off", tipId, $"/api/tip-offs/{tipId}", "a tip-off with this id already exists", ct);
        return Results.Created($"/api/tip-offs/{tipId}", new TipWritten(tipId, 1));
    }
}
