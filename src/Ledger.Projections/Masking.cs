namespace Ledger.Projections;

public static class Masking
{
    public static string Mobile(string mobile) => Domain.Persons.PersonRegistered.MaskMobile(mobile);

    /// <summary>Public verification shows only the surname: enough to confirm a match the caller already knows.</summary>
    public static string Name(string name) => name.Length switch
    {
        0 => "",
        1 => "*",
        _ => name[..1] + new string('*', name.Length - 1),
    };

    /// <summary>A bank account shows its last four digits only: enough to tell accounts apart in a report.</summary>
    public static string Account(string account) => account.Length <= 4 ? new string('*', account.Length) : new string('*', account.Length - 4) + account[^4..];
}
