using System.Text.Json;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Projections.Audit;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>The tamper-evidence screens: seal a digest (POST /api/audit/digests), verify the database against a kept digest, look up an inclusion proof.</summary>
public static class AuditPages
{
    [ActorRoles(ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static Task<IResult> Get(HttpContext http) => ConsoleErrors.PageAsync(http, page => Task.FromResult(page.Render(page.L("审计", "Audit"), H($"""
        <div class="columns">
        <section class="card">
          <h2>{page.L("生成摘要", "Seal a digest")}</h2>
          <p class="hint">{page.L("摘要封存目前已公证的全部事件。请将下载的摘要保存在本数据库之外：它是日后核验的信任锚。", "A digest seals every event notarised so far. Keep the downloaded digest outside this database: it is the trust anchor for later checks.")}</p>
          <form data-api="POST /api/audit/digests" data-show="#digest-result" data-save="ledger-digest.json">
            <button type="submit">{page.L("生成并下载摘要", "Seal and download a digest")}</button>
            <div class="form-error" role="alert" hidden></div>
          </form>
          <pre id="digest-result" class="result" hidden></pre>
        </section>
        <section class="card">
          <h2>{page.L("核验台账", "Verify the ledger")}</h2>
          <form data-api="POST /console/audit/verify" data-raw="digest" data-show="#verify-result">
            <label for="digest">{page.L("粘贴此前保存的摘要（JSON）", "Paste a digest you kept (JSON)")}</label>
            <textarea id="digest" name="digest" rows="6" required spellcheck="false"></textarea>
            <label for="digest-file">{page.L("或选择摘要文件", "or choose the digest file")}</label>
            <input id="digest-file" type="file" accept=".json,application/json" data-fill="#digest">
            <button type="submit">{page.L("核验", "Verify")}</button>
            <div class="form-error" role="alert" hidden></div>
          </form>
          <pre id="verify-result" class="result" hidden></pre>
        </section>
        <section class="card">
          <h2>{page.L("事件存在证明", "Inclusion proof")}</h2>
          <form data-api="GET /api/audit/proofs" data-show="#proof-result" class="grid">
            <label>{page.L("事件序号", "Event sequence")}<input name="sequence" required inputmode="numeric"></label>
            <label>{page.L("摘要序号", "Digest's last sequence")}<input name="digestSequence" required inputmode="numeric"></label>
            <button type="submit">{page.L("取得证明", "Get the proof")}</button>
            <div class="form-error" role="alert" hidden></div>
          </form>
          <pre id="proof-result" class="result" hidden></pre>
        </section>
        <section class="card">
          <h2>{page.L("导出", "Export")}</h2>
          <p class="hint">{page.L("离线核验用的导出文件包含事件原文（含未脱敏的个人信息），因此只在服务器上由运维人员生成，不经由浏览器下载：", "An export for offline verification carries the events' canonical content, personal data unmasked, so operators make it on the server rather than through a browser:")}</p>
          <pre translate="no">./ledger db export --digest ledger-digest.json --out ledger-export.ndjson
        ./ledger db verify --offline ledger-export.ndjson</pre>
        </section>
        </div>
        """))));

    /// <summary>Verifies the database against a digest the caller kept; the report names events by sequence only, no content.</summary>
    [ActorRoles(ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static async Task<IResult> Verify(HttpContext http, LedgerAudit audit, CancellationToken ct)
    {
        LedgerDigest? digest;
        try
        {
            digest = await JsonSerializer.DeserializeAsync<LedgerDigest>(http.Request.Body, LedgerAudit.ExportJson, ct);
        }
        catch (JsonException)
        {
            digest = null;
        }
        if (digest is null || digest.MerkleRoot is null || digest.GlobalChainHead is null)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["digest"] = ["must be the JSON of a digest from POST /api/audit/digests or the digest verb"],
            });
        return Results.Ok(await audit.VerifyAsync(digest, null, ct));
    }
}
