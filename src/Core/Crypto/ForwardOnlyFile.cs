using System.Text.Json;

namespace Hotline.Core.Crypto;

/// <summary>
/// A small JSON value in a file outside Redis that a service moves only forward: the highest team key record it accepted,
/// the furthest audit head it vouched for. Whoever can write Redis cannot reach it, so it remembers what Redis could be
/// made to forget. Changes are made under an exclusive lock (several processes may share the folder) and written to a
/// temporary file that is then renamed over the old one, so a reader sees the old value or the new, never half of one.
/// </summary>
public sealed class ForwardOnlyFile<T>(string path) where T : class
{
    private readonly object gate = new();
    private (DateTime Written, long Length, T? Value)? cached;

    public string Path { get; } = path;

    /// <summary>The stored value, or null when there is none yet; re-read only when the file changed since the last read.</summary>
    public T? Read()
    {
        var info = new FileInfo(Path);
        if (!info.Exists) return null;
        lock (gate)
        {
            if (cached is { } c && c.Written == info.LastWriteTimeUtc && c.Length == info.Length) return c.Value;
            var value = Parse(File.ReadAllText(Path));
            cached = (info.LastWriteTimeUtc, info.Length, value);
            return value;
        }
    }

    /// <summary>
    /// Under the lock: reads the stored value, asks <paramref name="next"/> what to store instead (null: keep it), stores that,
    /// and returns what the file now holds. <paramref name="next"/> may throw to refuse; then nothing changes.
    /// </summary>
    public T? Update(Func<T?, T?> next)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        using var held = Lock();
        var current = File.Exists(Path) ? Parse(File.ReadAllText(Path)) : null;
        var replacement = next(current);
        if (replacement is null) return current;
        var temp = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, create))
        {
            JsonSerializer.Serialize(stream, replacement);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path, overwrite: true);
        return replacement;
    }

    // FileShare.None takes an exclusive advisory lock (flock) on Unix: other processes, and other streams of this one, wait.
    private FileStream Lock()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    // A file that does not parse is not "no value": failing closed is the point of keeping it.
    private T Parse(string text) =>
        JsonSerializer.Deserialize<T>(text) ?? throw new InvalidDataException($"{Path} does not hold what this service wrote there");
}
