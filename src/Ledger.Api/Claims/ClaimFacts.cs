using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;

namespace Ledger.Api.Claims;

/// <summary>The facts the workflow's deciders read about a claim's lines, each gathered in one round trip.</summary>
public static class ClaimFacts
{
    /// <summary>The persons the lines name, and the claim's institution's classes they attended.</summary>
    public static async Task<(IReadOnlyDictionary<Guid, Person> Persons, IReadOnlyDictionary<Guid, TrainingClass> Classes)> TrainingAsync(
        IQuerySession session, Claim claim, CancellationToken ct)
    {
        var personIds = claim.PersonIds.ToArray();
        var persons = personIds.Length == 0 ? [] : (await session.LoadManyAsync<Person>(ct, personIds)).ToDictionary(p => p.Id);
        var classIds = persons.Values.SelectMany(p => p.Attendance).Where(a => a.ProviderId == claim.Form.InstitutionId).Select(a => a.ClassId).Distinct().ToArray();
        var classes = classIds.Length == 0 ? [] : (await session.LoadManyAsync<TrainingClass>(ct, classIds)).ToDictionary(c => c.Id);
        return (persons, classes);
    }

    public static async Task<IReadOnlyDictionary<Guid, Certificate>> CertificatesAsync(IQuerySession session, Claim claim, CancellationToken ct)
    {
        var ids = claim.CertificateIds.ToArray();
        return ids.Length == 0 ? new Dictionary<Guid, Certificate>() : (await session.LoadManyAsync<Certificate>(ct, ids)).ToDictionary(c => c.Id);
    }
}
