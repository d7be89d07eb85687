using System.Text.RegularExpressions;
using Ledger.Domain.Persons;

namespace Ledger.Domain.Certificates;

/// <summary>
/// A certificate number as personal data. Special-operation certificates are commonly numbered with the holder's ID
/// number (证号即身份证号), so a number that has the shape of one (15 digits, or 17 digits and a digit or X) is treated as
/// one whatever its check character: stored and shown masked like an ID number, sealed when kept in full, never put in a
/// URL, never stored raw from an anonymous request. Other numbers (an authority's serial such as T2020-0001) are shown as
/// they are. Lookups never need the number itself: the keyed stream id (<see cref="StreamIdentity.ForCertificate"/>) finds it.
/// </summary>
public static partial class CertificateNumber
{
    /// <summary>The purpose a full ID-shaped number is sealed under (PersonalDataCipher), bound to the certificate id.</summary>
    public const string SealPurpose = "certificate-number";

    public static bool MayBeIdNumber(string number) => IdShape().IsMatch(StreamIdentity.NormaliseCertificateNumber(number));

    /// <summary>What screens, exports, events and logs hold: the number masked like an ID number when it may be one.</summary>
    public static string Display(string number)
    {
        var normalised = StreamIdentity.NormaliseCertificateNumber(number);
        return MayBeIdNumber(normalised) ? Masking.IdNumber(normalised) : normalised;
    }

    [GeneratedRegex("^([0-9]{15}|[0-9]{17}[0-9X])$")]
    private static partial Regex IdShape();
}
