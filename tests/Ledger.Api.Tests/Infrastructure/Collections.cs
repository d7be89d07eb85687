namespace Ledger.Api.Tests.Infrastructure;

[CollectionDefinition(nameof(PersonsCollection))]
public sealed class PersonsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(CertificatesCollection))]
public sealed class CertificatesCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(TrainingCollection))]
public sealed class TrainingCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(EnterprisesCollection))]
public sealed class EnterprisesCollection : ICollectionFixture<EnterprisesFixture>;

[CollectionDefinition(nameof(InstitutionsCollection))]
public sealed class InstitutionsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(ImportsCollection))]
public sealed class ImportsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(ClaimReportsCollection))]
public sealed class ClaimReportsCollection : ICollectionFixture<AppFixture>;

[CollectionDefinition(nameof(HostileInputCollection))]
public sealed class HostileInputCollection : ICollectionFixture<AppFixture>;
