using System.Text;
using System.Text.Json;
using SpineKit.Detection.Reporting;

namespace SpineKit.Cli;

/// <summary>
/// The one JSON document that <c>analyze --json</c> and <c>segment --json</c> print on the output stream instead of
/// their lines (camelCase keys, like <c>spinekit.analysis/1</c>; documented in <c>docs/cli-json.md</c>): what ran,
/// one entry per input processed, one per input that failed with its reason, the counts and the exit code.
/// </summary>
internal sealed class BatchJsonReport
{
    private readonly List<Action<Utf8JsonWriter>> _results = [];

    /// <summary>Adds the entry of one processed input; <paramref name="writeFields"/> writes its fields inside the entry's object.</summary>
    public void Add(Action<Utf8JsonWriter> writeFields) => _results.Add(writeFields);

    /// <summary>The whole document (indented UTF-8 text).</summary>
    /// <param name="schema">The document's schema identifier (<c>spinekit.analyze-run/1</c>, ...).</param>
    /// <param name="models">Every model used, with its role and SHA-256 (null when it was not loaded from a file).</param>
    /// <param name="outputFolder">Where the files were written.</param>
    /// <param name="outcome">How the batch went.</param>
    public string Write(string schema, IEnumerable<(string Role, string File, string? Sha256)> models, string outputFolder, BatchOutcome outcome)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", schema);
            json.WriteString("spinekit", SpineKitApp.Version);
            json.WriteString("notice", AnalysisProvenance.Notice);
            json.WriteStartArray("models");
            foreach (var (role, file, sha256) in models)
            {
                json.WriteStartObject();
                json.WriteString("role", role);
                json.WriteString("file", file);
                json.WriteString("sha256", sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("outputFolder", outputFolder);
            json.WriteStartArray("results");
            foreach (var writeFields in _results)
            {
                json.WriteStartObject();
                writeFields(json);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("failures");
            foreach (var (name, reason) in outcome.Failures)
            {
                json.WriteStartObject();
                json.WriteString("input", name);
                json.WriteString("reason", reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("processed", outcome.Done);
            json.WriteNumber("failed", outcome.Failed);
            json.WriteNumber("skipped", outcome.Skipped);
            json.WriteNumber("exitCode", outcome.ExitCode);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
