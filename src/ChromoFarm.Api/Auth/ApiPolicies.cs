using ChromoFarm.Results;

namespace ChromoFarm.Api;

/// <summary>What each endpoint needs: readers read, reviewers correct, ingest uploads, admin does everything.</summary>
public static class ApiPolicies
{
    public const string Read = "read";
    public const string Review = "review";
    public const string Ingest = "ingest";
    public const string Admin = "admin";

    /// <summary>The claim naming the API key a request was made with (keys' names need not be unique).</summary>
    public const string KeyIdClaim = "chromofarm:key_id";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Read] = [ApiRoles.Reader, ApiRoles.Reviewer, ApiRoles.Admin],
        [Review] = [ApiRoles.Reviewer, ApiRoles.Admin],
        [Ingest] = [ApiRoles.Ingest, ApiRoles.Admin],
        [Admin] = [ApiRoles.Admin],
    };
}
