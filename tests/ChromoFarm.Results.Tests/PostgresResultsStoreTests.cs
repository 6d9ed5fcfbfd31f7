namespace ChromoFarm.Results.Tests;

/// <summary>Every results-store test again on the real PostgreSQL of 127.0.0.1, in a database of its own.</summary>
public sealed class PostgresResultsStoreTests() : ResultsStoreTests(new PostgresTestDatabase());
