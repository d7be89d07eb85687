using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Projections;
using Marten;
using NodaTime;
using QRCoder;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>特种作业操作证 lookup: the certificate as GET /api/certificates/{id} answers, its history as …/history, and a QR code for public verification.</summary>
public static class CertificatePages
{
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static Task<IResult> Lookup(string? number, string? on, HttpContext http, IQuerySession session, StreamIdentity ids, IClock clock, CancellationToken ct) =>
        ConsoleErrors.PageAsync(http, async page =>
        {
            var search = H($"""
                <form method="get" action="/console/certificates" class="search" role="search">
                  <label for="number">{page.L("证书编号", "Certificate number")}</label>
                  <input id="number" name="number" value="{number ?? ""}" required maxlength="40" autofocus autocomplete="off">
                  <label for="on">{page.L("状态日期", "Status on")}</label>
                  <input id="on" name="on" {DateInput(page)} value="{on ?? ""}">
                  <button type="submit">{page.L("查询", "Look up")}</button>
                </form>
                {When(page.Is(ActorRole.Regulator, ActorRole.ExamPoint), H($"<p><a class=\"button\" href=\"/console/certificates/new\">{page.L("发证登记", "Issue a certificate")}</a></p>"))}
                """);
            var title = page.L("特种作业操作证查询", "Special-operation certificate lookup");
            if (string.IsNullOrWhiteSpace(number)) return page.Render(title, search);
            if (number.Length > 40)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["number"] = ["is at most 40 characters"] });

            var normalised = StreamIdentity.NormaliseCertificateNumber(number);
            var certificateId = ids.ForCertificate(normalised);
            var view = Value<CertificateView>(await ReadCertificateEndpoints.Get(certificateId, null, on, session, clock, ct));
            var events = (await ReadCertificateEndpoints.History(certificateId, session, ct)).Events;
            var certificate = (await session.LoadAsync<Certificate>(certificateId, ct))!;
            var holder = certificate.HolderName;
            // The QR code carries the ledger's signed credential (masked number and name, kind, validity, status index): the
            // CLI verifies it with no network, and the link checks it online. Full number and name no longer travel in it.
            var baseUrl = Ledger.Api.Audit.CredentialEndpoints.BaseUrl(http);
            var credential = await http.RequestServices.GetRequiredService<Ledger.Api.Audit.CertificateCredentials>()
                .IssueAsync(certificate, baseUrl, clock.GetCurrentInstant().ToDateTimeOffset(), ct);
            // The QR opens the public Chinese page (/verify?c=…), which checks the credential online; the JSON check stays at
            // /api/credentials/verify for programs, and the credential itself is what offline verifiers read.
            var verifyUrl = $"{baseUrl}{PublicVerifyPages.Path}?c={credential}";
            var personLink = page.Is(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)
                ? H($"<a href=\"/console/persons/{view.PersonId}\">{page.L("查看一人一档", "Open the person file")}</a>")
                : Empty;
            var body = H($"""
                {search}
                <section class="card certificate" aria-labelledby="cert-title">
                  <figure class="qr" data-credential="{credential}">
                    <img src="{QrDataUri(verifyUrl)}" width="240" height="240" alt="{page.L("公开核验二维码（含账本签名凭证，可离线核验）", "QR code for public verification (the ledger's signed credential, verifiable offline)")}">
                    <figcaption><a href="{verifyUrl}" rel="noopener">{page.L("公开核验", "Public verification")}</a></figcaption>
                  </figure>
                  <h2 id="cert-title">{ConsolePage.Ident(view.Number)} {Status(page, view.Status)}</h2>
                  <dl class="facts">
                    {Field(page.L("持证人", "Holder"), Masking.Name(holder))}
                    {Field(page.L("证书类别", "Kind"), page.Named(DisplayNames.CertificateKind(view.Kind), view.Kind))}
                    {Field(page.L("作业类别/工种", "Work type"), view.WorkType is null ? H($"—") : page.Named(DisplayNames.WorkType(view.WorkType), view.WorkType))}
                    {Field(page.L("发证机关", "Issuing authority"), view.IssuingAuthority)}
                    {Field(page.L("发证日期", "Issued on"), Date(view.IssuedOn))}
                    {Field(page.L("有效期", "Valid"), $"{Date(view.ValidFrom)} — {Date(view.ValidUntil)}")}
                    {Field(page.L("下次复审", "Next review due"), Date(view.NextReviewDue))}
                    {Field(page.L("状态日期", "Status on"), Date(view.StatusOn))}
                    {Field(page.L("核验结果", "Verification answers"), Status(page, view.Status))}
                  </dl>
                  <p>{personLink}</p>
                </section>
                {CertificateForms.Lifecycle(page, certificate, clock.Today())}
                <section class="card">
                  <h2>{page.L("证书履历", "History")}</h2>
                  {Timeline(page, events)}
                </section>
                """);
            return page.Render(title, body);
        });

    public static string QrDataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }
}
