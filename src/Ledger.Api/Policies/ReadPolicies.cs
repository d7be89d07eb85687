using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Policies;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Policies;

public static partial class ReadPolicyEndpoints
{
    // Object values make the serializer write each rule's runtime type: value, rule id and note.
    private static Dictionary<string, object> Rules(PolicyParameters parameters) =>
        parameters.SetRules().ToDictionary(r => r.Key, r => (object)r.Value);
}
