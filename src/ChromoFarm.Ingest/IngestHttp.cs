using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChromoFarm.Ingest;

/// <summary>The upload protocol shared by the ingest/api roles and `chromofarm ingest`.</summary>
/// <remarks>
/// HEAD /v1/objects/{sha256}: 200 when stored, 404 otherwise. PUT /v1/objects/{sha256}: the raw bytes; 400 when
/// they do not hash to the key. POST /v1/cells: a <see cref="CellUpload"/>; answers a <see cref="SubmissionResult"/>.
/// POST /v1/objects/missing: a JSON array of keys; answers the ones the store does not hold.
/// GET /v1/cells/done?case=C&amp;cell=N: 200 when the cell is queued or analysed (a resumed ingest skips it), else 404.
/// Every request needs X-Api-Key with an ingest key; 401/403 say why not.
/// </remarks>
public static class IngestHttp
{
    public const string Objects = "/v1/objects";

    public const string MissingObjects = "/v1/objects/missing";

    public const string Cells = "/v1/cells";

    public const string CellDone = "/v1/cells/done";

    /// <summary>Most keys one POST /v1/objects/missing may ask about (a cell has a few images, a crop set 46).</summary>
    public const int MaxKeysPerRequest = 1000;

    /// <summary>The credential header every request carries: an API key with the ingest (or admin) role.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
