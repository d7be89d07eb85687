using JasperFx;
using Ledger.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedger();
var app = builder.Build();
app.UseLedger();

// A plain start (./ledger run, a service unit, the benchmark) runs the host directly: JasperFx's command line would
// first scan every extension assembly for verbs, and scanning Wolverine.RuntimeCompilation maps the Roslyn compiler
// into the process (~20 MB) although the pre-generated endpoint code never needs it.
if (args.Length == 0)
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

public partial class Program;
