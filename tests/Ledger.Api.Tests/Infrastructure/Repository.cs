namespace Ledger.Api.Tests.Infrastructure;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Ledger.sln.</summary>
public static class Repository
{
    /// <summary>Null when the tests run outside a checkout (copied elsewhere).</summary>
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
        return null;
    }
}
