using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChromoFarm.Ingest;

/// <summary>The upload protocol shared by the ingest/api roles and `chromofarm ingest`.</summary>
/// <remarks>
/// HEAD /v1/objects/{sha256}: 200 when stored, 404 otherwise. PUT /v1/objects/{sha256}: the raw bytes; 400 when
/// they do not hash to the key. POST /v1/cells: a <see cref="CellUpload"/>; answers a <see cref="SubmissionResult"/>.
/// </remarks>
public static class IngestHttp
{
    public const string Objects = "/v1/objects";

    public const string Cells = "/v1/cells";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
