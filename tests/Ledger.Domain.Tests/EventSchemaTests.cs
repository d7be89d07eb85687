using Ledger.Domain.Certificates;
using Shouldly;

namespace Ledger.Domain.Tests;

public sealed class EventSchemaTests
{
    [Fact]
    public void a_later_version_is_stored_under_its_own_name_and_shown_as_the_same_kind_of_record()
    {
        EventSchemas.All[typeof(CertificateRevoked)].ShouldBe(2);
        EventSchemas.TypeName(typeof(CertificateRevoked)).ShouldBe("certificate_revoked_v2");
        EventSchemas.StoredNames(typeof(CertificateRevoked)).ShouldBe(["certificate_revoked", "certificate_revoked_v2"]);
        EventSchemas.StoredNames(typeof(CertificateIssued)).ShouldBe(["certificate_issued"]);
        EventSchemas.Kind("certificate_revoked_v2").ShouldBe("certificate_revoked");
        EventSchemas.Kind("certificate_revoked").ShouldBe("certificate_revoked");
        // Only a numeric suffix is a version.
        EventSchemas.Kind("claim_submitted_via_form").ShouldBe("claim_submitted_via_form");
        EventSchemas.Kind("x_v").ShouldBe("x_v");
    }
}
