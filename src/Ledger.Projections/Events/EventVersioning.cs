using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Marten;
using Marten.Services.Json.Transformations;

namespace Ledger.Projections.Events;

/// <summary>
/// Every event type registered under the stored name of its current schema version (<see cref="EventSchemas"/>), and the
/// upcasters that read older shapes. A shape is changed by adding version n+1 (its own type name) and an upcaster here from
/// version n's name to the new type; the old events stay as written, and read as the new type.
/// </summary>
public static class EventVersioning
{
    public static void Configure(StoreOptions options, PersonalDataCipher cipher)
    {
        foreach (var (type, _) in EventSchemas.All.OrderBy(e => e.Key.FullName, StringComparer.Ordinal))
        {
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, EventSchemas.TypeName(type));
        }
        LegacyEventUpcasters.Register(options, cipher);
    }
}

/// <summary>
/// Version 0: the two shapes written before personal data was sealed (56bd6a6, 2026-11-23, three hours after the first
/// person events), under the same type names as version 1. A <c>person_registered</c> whose <c>idNumber</c> is a string
/// holds the plain number and mobile; a <c>claim_submitted</c> without <c>handlerMobileSealed</c> holds the handler's plain
/// mobile in <c>handlerMobile</c>. Read, they are sealed under the current key (deterministically, so every rebuild
/// gives the same snapshot) and masked, as registration does now; the stored events keep what they hold, as events do.
/// Any other event of those names is read as it is.
/// </summary>
public static class LegacyEventUpcasters
{
    public static void Register(StoreOptions options, PersonalDataCipher cipher)
    {
        options.Events.Upcast(typeof(PersonRegistered), EventSchemas.TypeName(typeof(PersonRegistered)), Transformation(typeof(PersonRegistered), node => PersonRegistered(node, cipher)));
        options.Events.Upcast(typeof(ClaimSubmitted), EventSchemas.TypeName(typeof(ClaimSubmitted)), Transformation(typeof(ClaimSubmitted), node => ClaimSubmitted(node, cipher)));
        options.Events.Upcast(typeof(CertificateRevoked), EventSchemas.TypeName(typeof(CertificateRevoked), 1), Transformation(typeof(CertificateRevoked), CertificateRevokedV1));
    }

    /// <summary>Version 1 → 2: revocations were recorded without their ground (Order No. 30 art. 30); they read as unstated, which bars nothing.</summary>
    public static void CertificateRevokedV1(JsonObject e) => e["ground"] ??= nameof(RevocationGround.Unstated);

    private static JsonTransformation Transformation(Type type, Action<JsonObject> upcast)
    {
        object Read(ISerializer serializer, string json)
        {
            if (JsonNode.Parse(json) is JsonObject node)
            {
                upcast(node);
                json = node.ToJsonString();
            }
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            return serializer.FromJson(type, stream);
        }

        return new JsonTransformation(
            (serializer, reader, index) => Read(serializer, reader.GetString(index)),
            async (serializer, reader, index, ct) => Read(serializer, await reader.GetFieldValueAsync<string>(index, ct)));
    }

    /// <summary>Version 0 → 1: idNumber and mobile were plain strings, with no masked forms beside them.</summary>
    public static void PersonRegistered(JsonObject e, PersonalDataCipher cipher)
    {
        if (e["idNumber"] is not JsonValue plain || !plain.TryGetValue<string>(out var idNumber)) return;
        var personId = e["personId"]!.GetValue<Guid>();
        e["idNumber"] = Sealed(cipher.SealDeterministic(idNumber, PersonalDataCipher.IdNumberPurpose, personId));
        e["idNumberMasked"] = Masking.IdNumber(idNumber);
        var mobile = e["mobile"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : null;
        e["mobile"] = mobile is null ? null : Sealed(cipher.SealDeterministic(mobile, PersonalDataCipher.MobilePurpose, personId));
        e["mobileMasked"] = mobile is null ? null : Masking.Mobile(mobile);
    }

    /// <summary>Version 0 → 1: handlerMobile held the plain mobile and handlerMobileSealed did not exist.</summary>
    public static void ClaimSubmitted(JsonObject e, PersonalDataCipher cipher)
    {
        if (e["handlerMobileSealed"] is not null || e["handlerMobile"] is not JsonValue m || !m.TryGetValue<string>(out var mobile) || mobile.Contains('*')) return;
        e["handlerMobileSealed"] = Sealed(cipher.SealDeterministic(mobile, PersonalDataCipher.HandlerMobilePurpose, e["claimId"]!.GetValue<Guid>()));
        e["handlerMobile"] = Masking.Mobile(mobile);
    }

    private static JsonObject Sealed(SealedValue value) => new() { ["keyId"] = value.KeyId, ["ciphertext"] = value.Ciphertext };
}
