namespace Ledger.Domain;

/// <summary>
/// Every masking rule of the ledger, in one place: what of a personal value a screen, export, log or stored event may show
/// when it must not show the value itself.
/// </summary>
public static class Masking
{
    /// <summary>
    /// An ID number (or anything shaped like one, such as a certificate number that is an ID number): first 3 and last 4
    /// characters kept, enough to tell two people apart on a screen or in a log, not enough to reconstruct the number.
    /// </summary>
    public static string IdNumber(string value) =>
        value.Length <= 7 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));

    /// <summary>A mobile number: the first 3 and last 4 digits, as carriers print them.</summary>
    public static string Mobile(string mobile) =>
        mobile.Length <= 7 ? new string('*', mobile.Length) : mobile[..3] + new string('*', mobile.Length - 7) + mobile[^4..];

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
