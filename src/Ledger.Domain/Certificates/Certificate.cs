using NodaTime;

namespace Ledger.Domain.Certificates;

/// <summary>What was posted against a certificate; expiry and review-overdue are never posted, they follow from dates.</summary>
public enum CertificateStanding
{
    Active,
    Suspended,
    ReviewFailed,
    Revoked,
    Superseded,
}

/// <summary>The answer to "what is this certificate on day D", as an inspector needs it.</summary>
public enum CertificateStatus
{
    Valid,
    ReviewOverdue,
    ReviewFailed,
    Suspended,
    Revoked,
    Expired,
    Superseded,
    NotYetValid,
}

/// <summary>One posted change, keyed by its business date so status can be asked for any day.</summary>
public sealed record CertificateChange(LocalDate EffectiveOn, CertificateStanding Standing, LocalDate? NextReviewDue);

public sealed record Certificate(
    Guid Id,
    Guid PersonId,
    string Number,
    string Kind,
    string? WorkType,
    string? Industry,
    string HolderName,
    string IssuingAuthority,
    LocalDate PassDate,
    LocalDate IssuedOn,
    LocalDate ValidFrom,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    CertificateStanding Standing,
    IReadOnlyList<CertificateChange> Changes,
    Guid? Supersedes,
    Guid? SupersededBy)
{
    public long Version { get; init; }

    /// <summary>The exam point institution that issued the certificate, when one did (its candidates' certificates are what it sees).</summary>
    public Guid? IssuedByInstitution { get; init; }

    /// <summary>Whether the certificate renewed (换证) or replaced (补证) the one it supersedes: a renewal is a review where a pack says so (TZ-SUB-04).</summary>
    public SupersessionKind? SupersessionKind { get; init; }

    /// <summary>The ground of its revocation, when revoked: two of them bar the holder from a new certificate for 3 years (NAT-CRT-10).</summary>
    public RevocationGround? RevokedFor { get; init; }

    /// <summary>The day it was revoked, when it was.</summary>
    public LocalDate? RevocationDate() => Standing == CertificateStanding.Revoked ? Changes[^1].EffectiveOn : null;

    public static Certificate Create(CertificateIssued e) => new(
        e.CertificateId, e.PersonId, e.Number, e.Kind, e.WorkType, e.Industry, e.HolderName, e.IssuingAuthority,
        e.PassDate, e.IssuedOn, e.ValidFrom, e.ValidUntil, e.NextReviewDue, CertificateStanding.Active,
        [new CertificateChange(e.ValidFrom, CertificateStanding.Active, e.NextReviewDue)], e.Supersedes, null)
    {
        IssuedByInstitution = e.IssuedByInstitution,
        SupersessionKind = e.SupersessionKind,
    };

    public Certificate Apply(CertificateReviewed e)
    {
        var standing = CertificateTransitions.After(e);
        var due = e.Passed ? e.NextReviewDue : NextReviewDue;
        return this with { Standing = standing, NextReviewDue = due, Changes = [.. Changes, new(e.ReviewedOn, standing, due)] };
    }

    public Certificate Apply(CertificateSuspended e) => Post(e.From, CertificateTransitions.After(e));

    public Certificate Apply(CertificateReinstated e) => Post(e.On, CertificateTransitions.After(e));

    public Certificate Apply(CertificateRevoked e) => Post(e.On, CertificateTransitions.After(e)) with { RevokedFor = e.Ground };

    public Certificate Apply(CertificateSuperseded e) => Post(e.On, CertificateTransitions.After(e)) with { SupersededBy = e.NewCertificateId };

    private Certificate Post(LocalDate on, CertificateStanding standing) =>
        this with { Standing = standing, Changes = [.. Changes, new(on, standing, NextReviewDue)] };

    /// <summary>
    /// Status on a business date, from the changes whose effective date is on or before it. Changes are
    /// applied in the order they were recorded; a change recorded later but effective earlier still counts
    /// from its effective date, which is how a back-dated suspension shows up in an as-of check.
    /// </summary>
    public CertificateStatus StatusOn(LocalDate date)
    {
        if (date < ValidFrom) return CertificateStatus.NotYetValid;
        var standing = CertificateStanding.Active;
        var due = Changes.Count > 0 ? Changes[0].NextReviewDue : NextReviewDue;
        foreach (var change in Changes.Where(c => c.EffectiveOn <= date).OrderBy(c => c.EffectiveOn))
        {
            standing = change.Standing;
            due = change.NextReviewDue;
        }
        return standing switch
        {
            CertificateStanding.Revoked => CertificateStatus.Revoked,
            CertificateStanding.Superseded => CertificateStatus.Superseded,
            CertificateStanding.Suspended => CertificateStatus.Suspended,
            _ when ValidUntil is { } until && date > until => CertificateStatus.Expired,
            CertificateStanding.ReviewFailed => CertificateStatus.ReviewFailed,
            _ when due is { } d && date > d => CertificateStatus.ReviewOverdue,
            _ => CertificateStatus.Valid,
        };
    }
}

/// <summary>
/// The standing each lifecycle event leaves a certificate in: the one transition table that the aggregate, its as-of folds
/// and the regulators' register all apply, so no view can disagree with the certificate on its standing.
/// </summary>
public static class CertificateTransitions
{
    public static CertificateStanding After(CertificateReviewed e) => e.Passed ? CertificateStanding.Active : CertificateStanding.ReviewFailed;

    public static CertificateStanding After(CertificateSuspended _) => CertificateStanding.Suspended;

    public static CertificateStanding After(CertificateReinstated _) => CertificateStanding.Active;

    public static CertificateStanding After(CertificateRevoked _) => CertificateStanding.Revoked;

    public static CertificateStanding After(CertificateSuperseded _) => CertificateStanding.Superseded;
}
