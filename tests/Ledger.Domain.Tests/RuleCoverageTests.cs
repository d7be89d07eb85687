using System.Text;
using System.Text.RegularExpressions;
using Shouldly;

namespace Ledger.Domain.Tests;

/// <summary>
/// The coverage ledger (issue 20): every rule id of docs/rule-catalog.md and every id the code uses, each enforced (a test names it),
/// or classified in the catalog (covered, reported, gap, out of scope), or at least used in code; docs/rule-coverage.md is this
/// test's output and must be current. Run once with LEDGER_WRITE_COVERAGE=1 to rewrite it after a change.
/// </summary>
public sealed partial class RuleCoverageTests
{
    private const string WriteVariable = "LEDGER_WRITE_COVERAGE";

    [GeneratedRegex(@"\b(?:(?:JZ|TZ|HLJ|QF|NN|NAT|LGR)-[A-Z]{3}-\d{2}|FR-\d{2})\b")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"(?:JZ|TZ|HLJ|QF|NN|NAT|LGR)_[A-Z]{3}_\d{2}|FR_\d{2}")]
    private static partial Regex RuleIdInName();

    [GeneratedRegex(@"\b(?:Task|void)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^\| ((?:(?:JZ|TZ|HLJ|QF|NN|NAT|LGR)-[A-Z]{3}-\d{2}|FR-\d{2})) \| (.*?) \| (.*?) \|$")]
    private static partial Regex CatalogRow();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record CatalogEntry(string Id, string Title, string Status);

    private static IEnumerable<string> Files(string root, string folder, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains("Internal" + Path.DirectorySeparatorChar + "Generated"))
            .Order(StringComparer.Ordinal);

    private static bool IsComment(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith("*", StringComparison.Ordinal);
    }

    private static string Generate(out List<string> missingFromCatalog, out List<string> unclassified)
    {
        var root = Root();
        var catalog = File.ReadLines(Path.Combine(root, "docs", "rule-catalog.md")).Select(l => CatalogRow().Match(l)).Where(m => m.Success)
            .Select(m => new CatalogEntry(m.Groups[1].Value, m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim())).ToList();
        catalog.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("an id listed twice in docs/rule-catalog.md");

        // Where the code uses each id: code lines, and comment lines apart (a comment alone enforces nothing).
        var inCode = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var inComments = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Files(root, "src", ".cs", ".json"))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var line in File.ReadLines(file))
                foreach (Match m in RuleId().Matches(line))
                {
                    var into = IsComment(line) ? inComments : inCode;
                    if (!into.TryGetValue(m.Value, out var set)) into[m.Value] = set = new(StringComparer.Ordinal);
                    set.Add(relative);
                }
        }
        // The tests that name each id in their method name (HLJ_SUB_03 for HLJ-SUB-03).
        var tests = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Files(root, "tests", ".cs"))
        {
            var type = Path.GetFileNameWithoutExtension(file);
            foreach (Match method in TestMethod().Matches(File.ReadAllText(file)))
                foreach (Match id in RuleIdInName().Matches(method.Groups[1].Value))
                {
                    var key = id.Value.Replace('_', '-');
                    if (!tests.TryGetValue(key, out var set)) tests[key] = set = new(StringComparer.Ordinal);
                    set.Add($"{type}.{method.Groups[1].Value}");
                }
        }

        // The test files that assert an id as a value (a refusal's ruleId, a finding's), where no test method is named after it.
        var asserted = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Files(root, "tests", ".cs").Where(f => !f.EndsWith(nameof(RuleCoverageTests) + ".cs", StringComparison.Ordinal)))
        {
            var type = Path.GetFileNameWithoutExtension(file);
            foreach (Match m in RuleId().Matches(File.ReadAllText(file)))
            {
                if (!asserted.TryGetValue(m.Value, out var set)) asserted[m.Value] = set = new(StringComparer.Ordinal);
                set.Add(type);
            }
        }

        var known = catalog.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        missingFromCatalog = inCode.Keys.Concat(inComments.Keys).Concat(tests.Keys).Where(id => !known.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList();
        unclassified = [];

        var rows = new List<(string Id, string Title, string Status, string Evidence)>();
        foreach (var e in catalog)
        {
            string status, evidence;
            if (tests.TryGetValue(e.Id, out var named))
            {
                status = "enforced";
                evidence = string.Join("; ", named.Take(3).Select(t => $"`{t}`")) + (named.Count > 3 ? $" and {named.Count - 3} more" : "");
                if (e.Status.Length > 0) evidence += $" ({e.Status})";
            }
            else if (e.Status.Length > 0)
            {
                var colon = e.Status.IndexOf(':', StringComparison.Ordinal);
                status = colon > 0 ? e.Status[..colon] : e.Status;
                evidence = colon > 0 ? e.Status[(colon + 1)..].Trim() : "";
            }
            else if (asserted.TryGetValue(e.Id, out var testFiles) && inCode.ContainsKey(e.Id))
            {
                status = "asserted by tests";
                evidence = string.Join(", ", testFiles.Take(3).Select(f => $"`{f}`")) + (testFiles.Count > 3 ? $" and {testFiles.Count - 3} more" : "");
            }
            else if (inCode.TryGetValue(e.Id, out var files))
            {
                status = "in code, no test names it";
                evidence = string.Join(", ", files.Take(4).Select(f => $"`{f}`")) + (files.Count > 4 ? $" and {files.Count - 4} more" : "");
            }
            else
            {
                unclassified.Add(e.Id);
                status = "UNCLASSIFIED";
                evidence = inComments.TryGetValue(e.Id, out var comments) ? "named in comments only: " + string.Join(", ", comments.Take(3)) : "";
            }
            rows.Add((e.Id, e.Title, status, evidence));
        }

        var text = new StringBuilder();
        text.AppendLine("# Rule coverage");
        text.AppendLine();
        text.AppendLine("Generated by `RuleCoverageTests` from `docs/rule-catalog.md`, the code under `src/` and the test names under `tests/`; do not edit by hand");
        text.AppendLine($"(`{WriteVariable}=1 ./ledger test -- --filter-class '*RuleCoverageTests*'` rewrites it). A rule is **enforced** when a test names it");
        text.AppendLine("(`HLJ_SUB_03` for HLJ-SUB-03), else it carries the catalog's classification; a rule used in code and written in a test file is");
        text.AppendLine("**asserted by tests** (the test files that name it); the rest list the files that use it.");
        text.AppendLine();
        text.AppendLine("| Status | Rules |");
        text.AppendLine("|---|---|");
        foreach (var g in rows.GroupBy(r => r.Status).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            text.AppendLine($"| {g.Key} | {g.Count()} |");
        text.AppendLine($"| **all** | {rows.Count} |");
        text.AppendLine();
        text.AppendLine("| Id | Rule | Status | Evidence |");
        text.AppendLine("|---|---|---|---|");
        foreach (var r in rows) text.AppendLine($"| {r.Id} | {r.Title} | {r.Status} | {r.Evidence} |");
        return text.ToString();
    }

    [Fact]
    public void every_rule_id_the_code_uses_is_in_the_catalog_and_every_catalog_id_is_classified()
    {
        Generate(out var missing, out var unclassified);
        missing.ShouldBeEmpty("ids used in src/ or named by tests but missing from docs/rule-catalog.md");
        unclassified.ShouldBeEmpty("catalog ids neither named by a test, nor classified in docs/rule-catalog.md, nor used in code");
    }

    [Fact]
    public void the_coverage_ledger_is_current()
    {
        var generated = Generate(out _, out _);
        var path = Path.Combine(Root(), "docs", "rule-coverage.md");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1") File.WriteAllText(path, generated);
        File.Exists(path).ShouldBeTrue($"docs/rule-coverage.md is missing; run with {WriteVariable}=1");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(generated.ReplaceLineEndings("\n"), $"docs/rule-coverage.md is stale; run with {WriteVariable}=1");
    }
}
