using Hotline.Core.Transcripts;

namespace Hotline.Operator.Approvals;

public sealed record ExportBundle(string CaseId, string ConversationId, IReadOnlyList<TranscriptEntry> Transcript, IReadOnlyList<TranscriptEntry> Notes);
