namespace ChromoFarm.Results;

/// <summary>What a credential may do. Readers read; reviewers also correct; ingest uploads; admin does all of it.</summary>
public static class ApiRoles
{
    public const string Reader = "reader";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
    public const string Ingest = "ingest";

    public static readonly IReadOnlyList<string> All = [Reader, Reviewer, Admin, Ingest];
}
