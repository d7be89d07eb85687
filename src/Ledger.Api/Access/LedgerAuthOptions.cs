using System.Security.Claims;
using System.Text.Encodings.Web;
using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

public sealed class LedgerAuthOptions
{
    public const string Section = "Ledger:Auth";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    /// <summary>
    /// Base64 HMAC-SHA256 keys, at least 32 bytes each. The first signs development tokens; every one validates, so a new
    /// key is put first while the old one stays listed until the last token it signed has expired.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>
    /// The longest validity a token may have (expiry minus issue time). A stolen token is useful only until it expires,
    /// so a token an identity provider mints for a year is refused rather than trusted for a year.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The key shipped in appsettings.Development.json; refused outside Development.</summary>
    public const string DevelopmentSigningKey = "bGVkZ2VyLWRldmVsb3BtZW50LXNpZ25pbmcta2V5LTA=";

    public IReadOnlyList<SymmetricSecurityKey> Keys(IHostEnvironment environment)
    {
        if (Issuer.Trim().Length == 0 || Audience.Trim().Length == 0)
            throw new InvalidOperationException("Ledger:Auth:Issuer and Ledger:Auth:Audience are required");
        if (SigningKeys.Length == 0) throw new InvalidOperationException("Ledger:Auth:SigningKeys needs at least one base64 key");
        var keys = new List<SymmetricSecurityKey>();
        for (var i = 0; i < SigningKeys.Length; i++)
        {
            if (SigningKeys[i] == DevelopmentSigningKey && !environment.IsDevelopment())
                throw new InvalidOperationException("Ledger:Auth:SigningKeys holds the development key; configure secret keys outside Development");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(SigningKeys[i]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"Ledger:Auth:SigningKeys:{i} is not base64");
            }
            // HS256 with a shorter key is refused by the token handler at the first request; fail at startup instead.
            if (bytes.Length < 32) throw new InvalidOperationException($"Ledger:Auth:SigningKeys:{i} is shorter than 32 bytes");
            keys.Add(new SymmetricSecurityKey(bytes) { KeyId = $"k{i}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..8]}" });
        }
        return keys;
    }
}
