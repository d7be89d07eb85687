namespace Ledger.Api.WebConsole;

/// <summary>
/// The web console: server-rendered pages under /console, served by the API itself. Each page handler declares the same
/// roles as the JSON endpoint it reads and calls that endpoint's own method with the signed-in actor, so the console can
/// never show more than the API would.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Static assets (stylesheet, scripts, the ECharts bundle) are public, like the sign-in page; every page needs a role.</summary>
    public static void UseConsoleAssets(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/console") || context.Request.Path.StartsWithSegments(PublicVerifyPages.Path))
            {
                var headers = context.Response.Headers;
                // ECharts sets inline styles on the elements it draws, hence 'unsafe-inline' for styles only; QR codes are data: images.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                // Console URLs carry certificate numbers; they should not travel to another site in a Referer header.
                // (Not no-referrer: that makes browsers send "Origin: null" on form posts, which sign-in refuses.)
                headers["Referrer-Policy"] = "same-origin";
                headers.CacheControl = context.Request.Path.StartsWithSegments("/console/sign-in") || !Path.HasExtension(context.Request.Path.Value)
                    ? "no-store"
                    : "public, max-age=300";
            }
            await next(context);
        });
        app.UseStaticFiles();
    }

    public static void MapConsole(this WebApplication app)
    {
        SignInPages.Map(app);
        PublicVerifyPages.Map(app);
        ConsoleAuditReason.Map(app);
        var console = app.MapGroup("/console").ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/console", (Func<HttpContext, Task<IResult>>)HomePage.Get).ExcludeFromDescription();
        console.MapGet("/certificates", CertificatePages.Lookup);
        console.MapGet("/certificates/new", CertificateForms.Issue);
        console.MapGet("/persons", (Func<HttpContext, Task<IResult>>)PersonPages.Search);
        console.MapPost("/persons/found", PersonPages.FindByName);
        console.MapGet("/persons/new", PersonForms.New);
        console.MapGet("/persons/{personId:guid}", PersonPages.File);
        console.MapGet("/enterprises", EnterprisePages.Pick);
        console.MapGet("/enterprises/new", RegistrationForms.Enterprise);
        console.MapGet("/institutions/new", RegistrationForms.Institution);
        console.MapGet("/institutions", InstitutionPages.List);
        console.MapGet("/institutions/{institutionId:guid}", InstitutionPages.File);
        console.MapGet("/enterprises/go", EnterprisePages.Go);
        console.MapGet("/enterprises/{enterpriseId:guid}", EnterprisePages.Compliance);
        console.MapGet("/claims", ClaimPages.Queue);
        console.MapGet("/claims/go", ClaimPages.Go);
        console.MapGet("/claims/new", ClaimSubmissionPage.Get);
        console.MapGet("/claims/{claimId:guid}", ClaimPages.AuditFile);
        console.MapGet("/claims/{claimId:guid}/audit-form", AuditFormPage.Get);
        console.MapGet("/claims/{claimId:guid}/knowledge", ClaimKnowledgePage.Get);
        console.MapGet("/classes", ClassPages.List);
        console.MapGet("/classes/{classId:guid}", ClassPages.Class);
        console.MapGet("/payouts", PayoutPages.Ledger);
        console.MapGet("/payouts/duplicates", PayoutPages.Duplicates);
        console.MapGet("/imports", (Func<HttpContext, Task<IResult>>)ImportPage.Get);
        console.MapGet("/reports", ReportPages.Index);
        console.MapGet("/reports/{jurisdiction}", ReportPages.Report);
        console.MapGet("/audit", (Func<HttpContext, Task<IResult>>)AuditPages.Get);
        console.MapPost("/audit/verify", AuditPages.Verify);
        RegisterPages.Map(console);
        EnforcementPages.Map(console);
    }
}
