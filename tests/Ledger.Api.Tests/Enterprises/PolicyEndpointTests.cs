using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Enterprises;

[Collection(nameof(EnterprisesCollection))]
public sealed class PolicyEndpointTests(EnterprisesFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task jurisdictions_form_one_tree_under_the_national_root_including_configured_packs()
    {
        var roots = await Host.Get("/api/jurisdictions");

        roots.GetArrayLength().ShouldBe(1);
        var cn = roots[0];
        cn.GetProperty("code").GetString().ShouldBe("cn");
        cn.GetProperty("level").GetString().ShouldBe("national");
        var sd = Child(cn, "sd");
        sd.GetProperty("nameZh").GetString().ShouldBe("山东省");
        var jining = Child(sd, "sd-jining");
        var qufu = Child(jining, "sd-jining-qufu");
        qufu.GetProperty("parent").GetString().ShouldBe("sd-jining");
        qufu.GetProperty("nameZh").GetString().ShouldBe("曲阜市");
        Child(jining, EnterprisesFixture.ExtraJurisdiction).GetProperty("nameEn").GetString().ShouldBe("Yanzhou District");
        Child(Child(cn, "tj"), "tj-jizhou").GetProperty("level").GetString().ShouldBe("district");
    }

    [Fact]
    public async Task policies_list_every_version_with_its_parameters_and_rule_ids()
    {
        var versions = await Host.Get("/api/policies");

        versions.EnumerateArray().Select(v => v.GetProperty("id").GetString()).ShouldBe(
            ["cn-national", "hlj-2020", "nn-2020", "tz-2020", "jz-2020", "qf-2022", EnterprisesFixture.ExtraVersion], ignoreOrder: true);
        var qf = versions.EnumerateArray().Single(v => v.GetProperty("id").GetString() == "qf-2022");
        qf.GetProperty("effectiveFrom").GetString().ShouldBe("2022-08-18");
        qf.GetProperty("effectiveUntil").ValueKind.ShouldBe(JsonValueKind.Null);
        qf.GetProperty("source").GetString()!.ShouldContain("曲政办字〔2022〕26号");
        var parameters = qf.GetProperty("parameters");
        parameters.GetProperty("offPostRetrainMonths").GetProperty("value").GetInt32().ShouldBe(6);
        parameters.GetProperty("offPostRetrainMonths").GetProperty("ruleId").GetString().ShouldBe("QF-OFF-01");
        parameters.GetProperty("onlineHours").GetProperty("value").GetProperty("counting").GetString().ShouldBe("full");
        parameters.GetProperty("examPointMayTrain").GetProperty("value").GetString().ShouldBe("forbidden");
        parameters.GetProperty("internalTrainers").GetProperty("value").GetProperty("highRiskPerMille").GetInt32().ShouldBe(5);
        parameters.TryGetProperty("newHireMinHours", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task qufu_and_jizhou_answer_by_the_versions_in_force_on_the_date_asked()
    {
        var jizhou2021 = await Host.Get("/api/policies/effective?jurisdiction=tj-jizhou&on=2021-05-01");
        var qufu2021 = await Host.Get("/api/policies/effective?jurisdiction=sd-jining-qufu&on=2021-05-01");
        var jizhou2023 = await Host.Get("/api/policies/effective?jurisdiction=tj-jizhou&on=2023-05-01");
        var qufu2023 = await Host.Get("/api/policies/effective?jurisdiction=sd-jining-qufu&on=2023-05-01");

        OffPost(jizhou2021).ShouldBe((3, "JZ-OFF-02"));
        VersionIds(jizhou2021).ShouldBe(["jz-2020", "cn-national"]);
        jizhou2021.GetProperty("chain").EnumerateArray().Select(c => c.GetString()).ShouldBe(["tj-jizhou", "tj", "cn"]);
        jizhou2021.GetProperty("setBy").GetProperty("offPostRetrainMonths").GetString().ShouldBe("jz-2020");
        jizhou2021.GetProperty("setBy").GetProperty("lateEntryDays").GetString().ShouldBe("cn-national");
        jizhou2021.GetProperty("parameters").GetProperty("teamLeaderRotationDeadline").GetProperty("value").GetString().ShouldBe("2021-12-31");

        // Qufu's opinions date from 2022-08-18: before that only the national baseline applies there.
        OffPost(qufu2021).ShouldBe((12, "NAT-OFF-01"));
        VersionIds(qufu2021).ShouldBe(["cn-national"]);

        OffPost(jizhou2023).ShouldBe((12, "NAT-OFF-01"));
        OffPost(qufu2023).ShouldBe((6, "QF-OFF-01"));
        VersionIds(qufu2023).ShouldBe(["qf-2022", "cn-national"]);
        qufu2023.GetProperty("on").GetString().ShouldBe("2023-05-01");
        qufu2023.GetProperty("parameters").GetProperty("faceRecognitionRequired").GetProperty("ruleId").GetString().ShouldBe("QF-ONL-02");
    }

    [Fact]
    public async Task a_configured_pack_takes_effect_from_its_date()
    {
        var before = await Host.Get($"/api/policies/effective?jurisdiction={EnterprisesFixture.ExtraJurisdiction}&on=2023-12-31");
        var after = await Host.Get($"/api/policies/effective?jurisdiction={EnterprisesFixture.ExtraJurisdiction}&on=2024-01-01");

        OffPost(before).ShouldBe((12, "NAT-OFF-01"));
        OffPost(after).ShouldBe((2, "YZ-OFF-01"));
        VersionIds(after).ShouldBe([EnterprisesFixture.ExtraVersion, "cn-national"]);
    }

    [Fact]
    public async Task without_a_date_the_answer_is_for_today()
    {
        var today = await Host.Get("/api/policies/effective?jurisdiction=sd-jining-qufu");
        today.GetProperty("on").GetString().ShouldBe("2026-03-02");
    }

    [Theory]
    [InlineData("/api/policies/effective?jurisdiction=tj-nowhere&on=2021-05-01", "jurisdiction")]
    [InlineData("/api/policies/effective?jurisdiction=TJ-JIZHOU&on=2021-05-01", "jurisdiction")]
    [InlineData("/api/policies/effective?on=2021-05-01", "jurisdiction")]
    [InlineData("/api/policies/effective?jurisdiction=tj-jizhou&on=2021-02-30", "on")]
    [InlineData("/api/policies/effective?jurisdiction=tj-jizhou&on=01/05/2021", "on")]
    public async Task an_unknown_jurisdiction_or_a_bad_date_is_400_naming_the_parameter(string url, string field)
    {
        var problem = await Host.Get(url, 400);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    private static JsonElement Child(JsonElement node, string code) =>
        node.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static (int, string?) OffPost(JsonElement effective)
    {
        var rule = effective.GetProperty("parameters").GetProperty("offPostRetrainMonths");
        return (rule.GetProperty("value").GetInt32(), rule.GetProperty("ruleId").GetString());
    }

    private static List<string?> VersionIds(JsonElement effective) =>
        effective.GetProperty("versionIds").EnumerateArray().Select(v => v.GetString()).ToList();
}
