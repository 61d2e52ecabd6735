using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Reporting.Results;

/// <summary>How results documents are written: camelCase fields, enums as snake_case words, CPT codes as strings.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // results.json is read by people and tools, not embedded in HTML: keep '§', '&' and apostrophes literal.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new CptCodeConverter() },
    };

    private sealed class CptCodeConverter : JsonConverter<CptCode>
    {
        public override CptCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            CptCode.Parse(reader.GetString()).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, CptCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
