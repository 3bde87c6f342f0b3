
namespace Hotline.Core.Team;

/// <summary>An operator's presence: the status, since when, when the shift started and when the last break ended.</summary>
public sealed record OperatorPresence(string Username, PresenceStatus Status, DateTimeOffset Since, DateTimeOffset ShiftStarted, DateTimeOffset LastBreakEnded);
