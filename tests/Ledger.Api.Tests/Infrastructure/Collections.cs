namespace Ledger.Api.Tests.Infrastructure;

[CollectionDefinition(nameof(PersonsCollection))]
public sealed class PersonsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(CertificatesCollection))]
public sealed class CertificatesCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(ImportsCollection))]
public sealed class ImportsCollection : ICollectionFixture<AppFixture>;
