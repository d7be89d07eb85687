namespace Ledger.Api.Tests.Infrastructure;

[CollectionDefinition(nameof(PersonsCollection))]
public sealed class PersonsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(CertificatesCollection))]
public sealed class CertificatesCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(InstitutionsCollection))]
public sealed class InstitutionsCollection : ICollectionFixture<AppFixture>;
