using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Exports;

/// <summary>A grid of cells for export: text, numbers (decimal, int) or empty (null).</summary>
public sealed class Table
{
    public List<object?[]> Rows { get; } = [];

    public Table Row(params object?[] cells)
    {
        Rows.Add(cells);
        return this;
    }
}
