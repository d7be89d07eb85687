using System.Text;
using System.Text.RegularExpressions;
using Ledger.Domain.Policies;
using NodaTime;
using Shouldly;

namespace Ledger.Domain.Tests.Policies;

public sealed class PolicyCatalogTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Default;

    [Fact]
    public void a_district_chain_runs_through_its_city_and_province_to_the_national_root()
    {
        Catalog.ChainOf("sd-jining-qufu").Select(j => j.Code).ShouldBe(["sd-jining-qufu", "sd-jining", "sd", "cn"]);
        Catalog.ChainOf("tj-jizhou").Select(j => j.Code).ShouldBe(["tj-jizhou", "tj", "cn"]);
        Catalog.ChainOf("cn").Select(j => j.Code).ShouldBe(["cn"]);
        Catalog.ChainOf("nowhere").ShouldBeEmpty();

        Catalog.IsWithin("sd-jining-qufu", "sd").ShouldBeTrue();
        Catalog.IsWithin("sd-jining-qufu", "sd-jining-qufu").ShouldBeTrue();
        Catalog.IsWithin("tj-jizhou", "sd").ShouldBeFalse();
        Catalog.IsWithin("sd", "sd-jining").ShouldBeFalse();
    }

    [Fact]
    public void the_jurisdictions_are_the_five_source_regions_under_one_national_root()
    {
        Catalog.Jurisdictions.Select(j => j.Code).ShouldBe(
            ["cn", "tj", "zj", "hlj", "sd", "gx", "zj-taizhou", "sd-jining", "gx-nanning", "tj-jizhou", "sd-jining-qufu"], ignoreOrder: true);
        var qufu = Catalog.Find("sd-jining-qufu").ShouldNotBeNull();
        qufu.NameZh.ShouldBe("曲阜市");
        qufu.Level.ShouldBe(JurisdictionLevel.District);
        Catalog.Find("cn").ShouldNotBeNull().Parent.ShouldBeNull();
        Catalog.Find("SD").ShouldBeNull();
    }

    [Fact]
    public void qufu_returns_after_6_months_off_post_where_jizhou_returns_after_3()
    {
        var qufu = Catalog.For("sd-jining-qufu", new LocalDate(2023, 3, 1));
        var jizhou = Catalog.For("tj-jizhou", new LocalDate(2021, 5, 1));

        qufu.Parameters.OffPostRetrainMonths.ShouldBe(new Rule<int>(6, "QF-OFF-01", qufu.Parameters.OffPostRetrainMonths!.Note));
        jizhou.Parameters.OffPostRetrainMonths!.Value.ShouldBe(3);
        jizhou.Parameters.OffPostRetrainMonths.RuleId.ShouldBe("JZ-OFF-02");
    }

    [Fact]
    public void unset_parameters_fall_through_to_the_national_baseline()
    {
        var qufu = Catalog.For("sd-jining-qufu", new LocalDate(2023, 3, 1));

        qufu.VersionIds.ShouldBe(["qf-2022", "cn-national"]);
        qufu.Parameters.NewHireMinHours!.RuleId.ShouldBe("NAT-TRN-01");
        qufu.Parameters.NewHireMinHours.Value.ShouldBe(72);
        qufu.Parameters.ExamPointMayTrain!.Value.ShouldBe(ExamPointTraining.Forbidden);
        qufu.Parameters.OnlineHours!.Value.ShouldBe(new OnlineHoursRule(OnlineHoursCounting.Full, null));
        qufu.Parameters.FaceRecognitionRequired!.Value.ShouldBeTrue();
        qufu.Parameters.InternalTrainers!.Value.ShouldBe(new InternalTrainerRatio(5, 3, 3));
        qufu.Parameters.LateEntryDays!.Value.ShouldBe(30);
    }

    [Fact]
    public void jizhou_in_2021_follows_its_plan_and_in_2023_after_the_window_the_national_12_months()
    {
        var during = Catalog.For("tj-jizhou", new LocalDate(2021, 12, 31));
        var after = Catalog.For("tj-jizhou", new LocalDate(2023, 6, 1));

        during.VersionIds.ShouldBe(["jz-2020", "cn-national"]);
        during.Parameters.OffPostRetrainMonths!.Value.ShouldBe(3);
        during.Parameters.TeamLeaderRotationDeadline!.Value.ShouldBe(new LocalDate(2021, 12, 31));
        after.VersionIds.ShouldBe(["cn-national"]);
        after.Parameters.OffPostRetrainMonths!.Value.ShouldBe(12);
        after.Parameters.OffPostRetrainMonths.RuleId.ShouldBe("NAT-OFF-01");
        after.Parameters.TeamLeaderRotationDeadline.ShouldBeNull();
    }

    [Fact]
    public void a_window_includes_both_of_its_ends()
    {
        var jz = Catalog.Versions.Single(v => v.Id == "jz-2020");

        jz.InForceOn(new LocalDate(2020, 4, 1)).ShouldBeFalse();
        jz.InForceOn(new LocalDate(2020, 4, 2)).ShouldBeTrue();
        jz.InForceOn(new LocalDate(2021, 12, 31)).ShouldBeTrue();
        jz.InForceOn(new LocalDate(2022, 1, 1)).ShouldBeFalse();
        Catalog.Versions.Single(v => v.Id == "qf-2022").InForceOn(new LocalDate(2099, 1, 1)).ShouldBeTrue();
    }

    [Fact]
    public void a_published_rule_change_judges_earlier_dates_by_the_old_version_and_later_ones_by_the_new()
    {
        var old = Catalog.Versions.Single(v => v.Id == "qf-2022");
        var change = old with
        {
            Id = "qf-2025",
            EffectiveFrom = new LocalDate(2025, 1, 1),
            Source = "test: a later Qufu document",
            Parameters = old.Parameters with { OffPostRetrainMonths = new Rule<int>(4, "QF-OFF-02", null) },
        };
        var changed = Catalog.With(change);

        var before = changed.For("sd-jining-qufu", new LocalDate(2024, 12, 31));
        var after = changed.For("sd-jining-qufu", new LocalDate(2025, 1, 1));

        before.Parameters.OffPostRetrainMonths!.Value.ShouldBe(6);
        before.VersionIds.ShouldBe(["qf-2022", "cn-national"]);
        after.Parameters.OffPostRetrainMonths!.Value.ShouldBe(4);
        after.Parameters.OffPostRetrainMonths.RuleId.ShouldBe("QF-OFF-02");
        after.VersionIds.ShouldBe(["qf-2025", "cn-national"]);
        after.Parameters.ExamPointMayTrain!.Value.ShouldBe(ExamPointTraining.Forbidden);
        Catalog.Versions.ShouldNotContain(v => v.Id == "qf-2025");
    }

    [Fact]
    public void a_province_pack_reaches_its_cities_and_districts()
    {
        var catalog = Catalog.With(new PolicyVersion("sd-2024", "sd", new LocalDate(2024, 1, 1), null, "test: a Shandong pack",
            new PolicyParameters(NewHireMinHours: new Rule<int>(80, "SD-TRN-01", "[I] test value"))));

        var qufu = catalog.For("sd-jining-qufu", new LocalDate(2024, 6, 1));

        qufu.VersionIds.ShouldBe(["qf-2022", "sd-2024", "cn-national"]);
        qufu.Parameters.NewHireMinHours!.Value.ShouldBe(80);
        qufu.Parameters.OffPostRetrainMonths!.Value.ShouldBe(6);
    }

    [Fact]
    public void each_pack_sets_the_values_of_its_source_document()
    {
        var hlj = Catalog.For("hlj", new LocalDate(2021, 1, 1)).Parameters;
        hlj.NewHireMinHours!.Value.ShouldBe(72);
        hlj.OffPostRetrainMonths!.Value.ShouldBe(3);
        hlj.RetrainOnFourNew!.RuleId.ShouldBe("HLJ-OFF-02");
        hlj.AnnualAllStaffAssessment!.Value.ShouldBeTrue();
        hlj.VideoRetentionCoversCertificateValidity!.RuleId.ShouldBe("HLJ-ARC-02");
        hlj.QaReplacingPracticalForbidden!.RuleId.ShouldBe("HLJ-INS-01");
        hlj.OnlineHours!.Value.Counting.ShouldBe(OnlineHoursCounting.Proportion);
        hlj.OnlineHours.Note.ShouldNotBeNull().ShouldContain("[I]");

        var jizhou = Catalog.For("tj-jizhou", new LocalDate(2021, 1, 1)).Parameters;
        jizhou.AnnualAllStaffAssessment!.Value.ShouldBeFalse();
        jizhou.KeySkillFailFailsAssessment!.RuleId.ShouldBe("JZ-EXM-02");
        jizhou.RetrainOnFourNew!.RuleId.ShouldBe("NAT-TRN-02");

        var taizhou = Catalog.For("zj-taizhou", new LocalDate(2020, 6, 1));
        taizhou.VersionIds.ShouldBe(["tz-2020", "cn-national"]);
        taizhou.Parameters.OnlineHours!.RuleId.ShouldBe("TZ-ONL-02");

        var nanning = Catalog.For("gx-nanning", new LocalDate(2021, 6, 1)).Parameters;
        nanning.InternalTrainersPerWorkType!.Value.ShouldBe(1);
        nanning.FailedAssessmentTakesOffPost!.RuleId.ShouldBe("NN-TRN-01");
        nanning.PracticalOnPostByInternalTrainer!.RuleId.ShouldBe("NN-TRN-02");
        Catalog.For("gx-nanning", new LocalDate(2020, 12, 10)).VersionIds.ShouldBe(["cn-national"]);
    }

    [Fact]
    public void every_rule_id_is_in_the_rule_catalog_format_and_names_its_packs_jurisdiction()
    {
        var prefixes = new Dictionary<string, string>
        {
            ["cn"] = "NAT", ["tj-jizhou"] = "JZ", ["zj-taizhou"] = "TZ", ["hlj"] = "HLJ", ["sd-jining-qufu"] = "QF", ["gx-nanning"] = "NN",
        };
        var format = new Regex("^(NAT|LGR|JZ|TZ|HLJ|QF|NN)-(SCP|TGT|PLN|TRN|OFF|EDU|CRT|EXM|SUB|ARC|ONL|INT|INS|FEE|ENF|RPT|GOV)-[0-9]{2}$");

        Catalog.Versions.Count.ShouldBe(6);
        foreach (var version in Catalog.Versions)
        {
            var rules = version.Parameters.SetRules();
            rules.ShouldNotBeEmpty();
            foreach (var (name, rule) in rules)
            {
                if (rule.RuleId.StartsWith("FR-", StringComparison.Ordinal))
                {
                    rule.RuleId.ShouldMatch("^FR-[0-9]{2}$");
                    continue;
                }
                rule.RuleId.ShouldMatch(format.ToString(), $"{version.Id}.{name}");
                // LGR-… ids are the ledger's own policies where no document speaks (docs/rule-catalog.md), marked [P] in the note.
                if (rule.RuleId.StartsWith("LGR-", StringComparison.Ordinal))
                {
                    rule.Note.ShouldNotBeNull().ShouldStartWith("[P]", customMessage: $"{version.Id}.{name}");
                    continue;
                }
                rule.RuleId.ShouldStartWith(prefixes[version.Jurisdiction] + "-", customMessage: $"{version.Id}.{name}");
            }
        }
    }

    [Fact]
    public void merge_keeps_what_is_set_and_fills_the_rest_from_the_fallback()
    {
        var near = new PolicyParameters(OffPostRetrainMonths: new Rule<int>(3, "JZ-OFF-02", null));
        var far = new PolicyParameters(OffPostRetrainMonths: new Rule<int>(12, "NAT-OFF-01", null), NewHireMinHours: new Rule<int>(72, "NAT-TRN-01", null));

        var merged = near.Merge(far);

        merged.OffPostRetrainMonths!.Value.ShouldBe(3);
        merged.NewHireMinHours!.Value.ShouldBe(72);
        merged.LateEntryDays.ShouldBeNull();
    }

    [Fact]
    public void an_unknown_jurisdiction_is_refused()
    {
        Should.Throw<ArgumentException>(() => Catalog.For("xx", new LocalDate(2021, 1, 1)));
        Should.Throw<InvalidDataException>(() => Catalog.With(new PolicyVersion("xx-2021", "xx", new LocalDate(2021, 1, 1), null, "test", new PolicyParameters())));
    }

    [Theory]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null},{"code":"tj","nameZh":"天津市","nameEn":"T","level":"province","parent":"xx"}],"versions":[]}""", "unknown parent")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"tj","effectiveFrom":"2020-01-01","effectiveUntil":null,"source":"s","parameters":{}}]}""", "unknown jurisdiction")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"cn","effectiveFrom":"2020-01-01","effectiveUntil":null,"source":"s","parameters":{"lateEntryDays":{"value":30}}}]}""", "ruleId")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"cn","effectiveFrom":"2020-01-01","effectiveUntil":null,"source":"s","parameters":{"lateEntryDays":{"value":30,"ruleId":"late entry"}}}]}""", "rule id")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"cn","effectiveFrom":"2020-01-01","effectiveUntil":"2019-01-01","source":"s","parameters":{}}]}""", "before it starts")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"cn","effectiveFrom":"2020-01-01","effectiveUntil":null,"source":"s","parameters":{"offPostMonths":{"value":3,"ruleId":"NAT-OFF-01"}}}]}""", "offPostMonths")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"cn","nameZh":"全国","nameEn":"N","level":"national","parent":null}],"versions":[{"id":"v","jurisdiction":"cn","effectiveFrom":"2020-01-01","effectiveUntil":null,"source":"s","parameters":{"examPointMayTrain":{"value":"maybe","ruleId":"FR-16"}}}]}""", "maybe")]
    [InlineData("""{"source":"s","jurisdictions":[{"code":"tj","nameZh":"天津市","nameEn":"T","level":"province","parent":null}],"versions":[]}""", "national")]
    public void loading_is_strict(string json, string expected)
    {
        var error = Should.Throw<InvalidDataException>(() => PolicyCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void an_extra_pack_adds_jurisdictions_below_existing_ones_and_their_versions()
    {
        const string json = """
            {"source":"operator pack","jurisdictions":[{"code":"sd-jining-yanzhou","nameZh":"兖州区","nameEn":"Yanzhou District","level":"district","parent":"sd-jining"}],
             "versions":[{"id":"yz-2024","jurisdiction":"sd-jining-yanzhou","effectiveFrom":"2024-01-01","effectiveUntil":null,"source":"test",
               "parameters":{"offPostRetrainMonths":{"value":2,"ruleId":"YZ-OFF-01","note":"test"}}}]}
            """;

        var extended = Catalog.WithPack(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        extended.ChainOf("sd-jining-yanzhou").Select(j => j.Code).ShouldBe(["sd-jining-yanzhou", "sd-jining", "sd", "cn"]);
        extended.For("sd-jining-yanzhou", new LocalDate(2024, 2, 1)).Parameters.OffPostRetrainMonths!.Value.ShouldBe(2);
        Should.Throw<InvalidDataException>(() => extended.WithPack(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }
}
