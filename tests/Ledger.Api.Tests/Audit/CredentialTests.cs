using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Ledger.Api.Tests.Faults;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.WebConsole;
using Ledger.Projections.Audit;
using NodaTime;

namespace Ledger.Api.Tests.Audit;

/// <summary>
/// A certificate's QR code carries a signed credential that an inspector verifies with no network against the ledger's
/// published keys, and a signed status list, refreshed from an anonymous endpoint, that revokes and suspends it offline.
/// </summary>
[Collection(nameof(AuditCollection))]
public sealed class CredentialTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Fixture.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date.ToDateTimeUnspecified());

    private DateTimeOffset Now => Fixture.Clock.GetCurrentInstant().ToDateTimeOffset();

    private async Task<(Guid Id, string Number, string Credential, string VerifyUrl)> Certificate(string name = "张三丰")
    {
        var number = "T" + TestIds.NewIdNumber();
        var person = await Host.RegisterPerson(name: name);
        var id = await Host.IssueCertificate(person, number);
        var answer = await Host.Get($"/api/certificates/{id}/credential");
        return (id, number, answer.GetProperty("credential").GetString()!, answer.GetProperty("verifyUrl").GetString()!);
    }

    private async Task<string> StatusList()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/credentials/status-list");
            s.StatusCodeShouldBe(200);
            s.ContentTypeShouldBe("application/statuslist+jwt");
        });
        return await result.ReadAsTextAsync();
    }

    private static JsonNode Payload(string credential) => JsonNode.Parse(Base64Url.Decode(credential.Split('.')[1]))!;

    [Fact]
    public async Task a_credential_carries_masked_data_only_and_verifies_offline_with_the_published_keys()
    {
        var (_, number, credential, verifyUrl) = await Certificate();
        var claims = Payload(credential);
        claims["no"]!.GetValue<string>().ShouldBe(number[..3] + new string('*', number.Length - 7) + number[^4..]);
        claims["nm"]!.GetValue<string>().ShouldBe("张**");
        claims["wt"]!.GetValue<string>().ShouldBe("低压电工作业");
        claims["nh"]!.GetValue<string>().Length.ShouldBe(22);
        var text = Encoding.UTF8.GetString(Base64Url.Decode(credential.Split('.')[1]));
        text.ShouldNotContain(number);
        text.ShouldNotContain("张三丰");
        verifyUrl.ShouldEndWith("/api/credentials/verify?c=" + credential);

        // The keys as an inspector fetched them once (anonymous), then no network.
        var jwks = await (await Host.Scenario(s => s.Get.Url("/api/audit/keys"))).ReadAsTextAsync();
        var keys = LedgerPublicKeys.FromJwks(jwks);
        var alone = CertificateCredential.Verify(verifyUrl, keys, Today);
        alone.Valid.ShouldBeTrue(alone.ToString());
        alone.StatusListChecked.ShouldBeFalse();
        alone.ReasonZh.ShouldContain("未提供状态列表");
        var withList = CertificateCredential.Verify(credential, keys, Today, await StatusList(), Now, typedNumber: number.ToLowerInvariant());
        withList.Valid.ShouldBeTrue(withList.ToString());
        withList.StatusListChecked.ShouldBeTrue();
        CertificateCredential.Verify(credential, keys, Today, typedNumber: "T" + TestIds.NewIdNumber()).Status.ShouldBe("invalid");
    }

    [Fact]
    public async Task a_forged_credential_fails_offline()
    {
        var (_, _, credential, _) = await Certificate();
        var keys = Host.PublicKeys();
        var parts = credential.Split('.');

        // Extended validity with the ledger's signature left on.
        var payload = Payload(credential);
        payload["vu"] = "2099-12-31";
        var edited = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
        CertificateCredential.Verify(edited, keys, Today).Status.ShouldBe("invalid");

        // Signed by someone else's key under the ledger's key id.
        var impostor = new LedgerSigner([("development-signing-1", Convert.FromBase64String(LedgerSigner.NewKey()))]);
        var forged = CertificateCredential.Verify(CertificateCredential.Issue(payload.Deserialize<CredentialClaims>()!, impostor), keys, Today);
        forged.Status.ShouldBe("invalid");
        forged.Reason.ShouldContain("signature does not match");
        forged.ReasonZh.ShouldContain("签名无法通过账本公钥验证");

        var online = await Host.Scenario(s => s.Get.Url("/api/credentials/verify?c=" + edited));
        var answer = await online.ReadAsJsonAsync<JsonElement>();
        answer.GetProperty("valid").GetBoolean().ShouldBeFalse();
        answer.GetProperty("status").GetString().ShouldBe("invalid");
    }

    [Fact]
    public async Task a_revoked_or_suspended_certificate_fails_offline_once_the_status_list_is_refreshed()
    {
        var revoked = await Certificate("李四");
        var suspended = await Certificate("王五");
        var untouched = await Certificate("赵六");
        var keys = Host.PublicKeys();
        var before = await StatusList();

        await Host.Post($"/api/certificates/{revoked.Id}/revocations", new { on = "2026-02-28", ground = "deception", reason = "以欺骗手段取得", legalBasis = "Order 30 art. 40", version = 1 }, 200);
        await Host.Post($"/api/certificates/{suspended.Id}/suspensions", new { from = "2026-02-28", reason = "事故调查", version = 1 }, 200);
        var after = await StatusList();
        after.ShouldNotBe(before, "the list is rebuilt as soon as a certificate changes");

        CertificateCredential.Verify(revoked.Credential, keys, Today, before, Now).Valid.ShouldBeTrue("an inspector with yesterday's list cannot know yet");
        var refreshed = CertificateCredential.Verify(revoked.Credential, keys, Today, after, Now);
        refreshed.Status.ShouldBe("revoked");
        refreshed.ReasonZh.ShouldBe("证书已吊销或已被换发取代");
        CertificateCredential.Verify(suspended.Credential, keys, Today, after, Now).Status.ShouldBe("suspended");
        CertificateCredential.Verify(untouched.Credential, keys, Today, after, Now).Status.ShouldBe("valid");

        // A list past its expiry, or not the ledger's, is refused rather than trusted.
        CertificateCredential.Verify(untouched.Credential, keys, Today, after, Now.AddDays(2)).ReasonZh.ShouldContain("过期");
        var planted = after[..^4] + (after[^4] == 'A' ? "B" : "A") + after[^3..];
        CertificateCredential.Verify(untouched.Credential, keys, Today, planted, Now).Status.ShouldBe("invalid");

        var online = await (await Host.Scenario(s => s.Get.Url(revoked.VerifyUrl[revoked.VerifyUrl.IndexOf("/api/", StringComparison.Ordinal)..]))).ReadAsJsonAsync<JsonElement>();
        online.GetProperty("status").GetString().ShouldBe("revoked");
        online.GetProperty("reasonZh").GetString().ShouldBe("证书已吊销");
        online.GetProperty("holderNameMasked").GetString().ShouldBe("李*");
    }

    [Fact]
    public async Task the_cli_verifies_a_credential_offline_and_refuses_a_revoked_one_with_the_refreshed_list()
    {
        // The CLI reads the real clock; the list it is given must be fresh by that clock.
        Fixture.Clock.Reset(SystemClock.Instance.GetCurrentInstant());
        var (id, _, credential, verifyUrl) = await Certificate();
        var folder = AuditScenarios.ScratchFolder("credential");
        var keys = Path.Combine(folder, "keys.json");
        await File.WriteAllTextAsync(keys, Host.PublicKeys().ToJwks());
        var list = Path.Combine(folder, "status-list.jwt");
        await File.WriteAllTextAsync(list, await StatusList());
        // No database, no network: an unreachable connection string proves the verb needs neither.
        var offline = new Dictionary<string, string> { ["ConnectionStrings__Ledger"] = "Host=192.0.2.1;Database=none;Timeout=1" };

        var (valid, output) = await ApiProcess.RunVerbAsync(AppFixture.ConnectionString, Fixture.Schema, offline, "verify-credential", verifyUrl, "--keys", keys, "--status-list", list);
        valid.ShouldBe(0, output);
        output.ShouldContain("有效：签名有效，状态列表未见吊销或暂扣");

        await Host.Post($"/api/certificates/{id}/revocations", new { on = Today.ToString("yyyy-MM-dd"), ground = "deception", reason = "以欺骗手段取得", legalBasis = "Order 30 art. 40", version = 1 }, 200);
        await File.WriteAllTextAsync(list, await StatusList());
        var (revoked, refusal) = await ApiProcess.RunVerbAsync(AppFixture.ConnectionString, Fixture.Schema, offline, "verify-credential", credential, "--keys", keys, "--status-list", list);
        revoked.ShouldNotBe(0, refusal);
        refusal.ShouldContain("无效：证书已吊销或已被换发取代");
        refusal.ShouldContain("NOT valid: the certificate is revoked");
    }

    [Fact]
    public async Task the_certificate_page_s_qr_code_encodes_the_credential_url()
    {
        var (_, number, _, _) = await Certificate();
        var page = await (await Host.Scenario(s =>
        {
            s.Get.Url("/console/certificates?number=" + number);
            s.AsActor();
        })).ReadAsTextAsync();
        string Attribute(string pattern) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, pattern).Groups[1].Value);
        var credential = Attribute("data-credential=\"([^\"]+)\"");
        CertificateCredential.Verify(credential, Host.PublicKeys(), Today).Valid.ShouldBeTrue();
        var url = Attribute("<figcaption><a href=\"([^\"]+)\"");
        // The QR opens the public Chinese page, which checks the credential online (issue 15).
        url.ShouldBe($"http://localhost/verify?c={credential}");
        Attribute("<figure class=\"qr\"[^>]*>\\s*<img src=\"([^\"]+)\"").ShouldBe(CertificatePages.QrDataUri(url));
        page.ShouldNotContain("/api/certificates/verify?number=");
    }
}
