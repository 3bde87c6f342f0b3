using System.Text.Json.Serialization;
using Hotline.Core.Transcripts;

namespace Hotline.Core.Storage;

/// <summary>
/// Serialization code generated at build time for the JSON written and read on every message (transcript entries, the
/// events' flat fields), with the same default options as the reflection-based serializer, so the stored text is
/// unchanged: no converter is built from reflection, and writing goes straight to the writer.
/// </summary>
[JsonSerializable(typeof(TranscriptEntry))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoredJson : JsonSerializerContext;
