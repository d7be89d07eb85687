namespace Ledger.Api.Http;

/// <summary>
/// Paging for the registers that answer a plain array (the forgery leads, the issuance-deadline breaches, the institution
/// anomalies, the clawback queue): without page and pageSize the whole register, as before; with them one window of it,
/// cut after the caller's scope and the filters, so a short page is the last. The same bounds as the searches' pages.
/// </summary>
public readonly record struct ListWindow(int Page, int Size)
{
    public int Skip => (Page - 1) * Size;

    public static ListWindow? Parse(int? page, int? pageSize)
    {
        if (page is null && pageSize is null) return null;
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 100_000) errors["page"] = ["must be between 1 and 100000"];
        if (pageSize is < 1 or > Search.SearchEndpoints.MaxPageSize) errors["pageSize"] = [$"must be between 1 and {Search.SearchEndpoints.MaxPageSize}"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return new(page ?? 1, pageSize ?? Search.SearchEndpoints.DefaultPageSize);
    }

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip(Skip).Take(Size);
}

public static class ListPaging
{
    public static IEnumerable<T> Window<T>(this IEnumerable<T> items, ListWindow? window) => window is { } w ? w.Of(items) : items;

    public static async IAsyncEnumerable<T> Window<T>(this IAsyncEnumerable<T> items, ListWindow? window,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var (skip, take) = window is { } w ? (w.Skip, w.Size) : (0, int.MaxValue);
        var seen = 0;
        await foreach (var item in items.WithCancellation(ct))
        {
            if (seen++ < skip) continue;
            if (seen - skip > take) yield break;
            yield return item;
        }
    }

    /// <summary>A filter value that must be one of a few codes: 400 naming the parameter otherwise.</summary>
    public static string? OneOf(string? value, string field, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (!allowed.Contains(v, StringComparer.Ordinal))
            throw new RequestValidationException(new Dictionary<string, string[]> { [field] = [$"must be one of {string.Join(", ", allowed)}"] });
        return v;
    }
}
