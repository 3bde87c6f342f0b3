namespace Hotline.Operator.Live;

/// <summary>
/// The relay's case rows, sent to the staff consoles several at once: one SignalR send, so one backplane PUBLISH, for the
/// rows owed together instead of one a case. Rows asked for while a read's signals are being taken up (<see cref="Hold"/>)
/// wait for the end of it (or for <see cref="Limit"/> of them); rows asked for while a send is out go with the next one.
/// So a lone urgent case's row goes out at once, and under load one send carries the rows of a read or of several.
/// </summary>
public sealed class CaseRows(ConsoleNotifier notifier)
{
    /// <summary>Rows that go out without waiting for the read to be taken up (its partitions hold their slots meanwhile).</summary>
    public const int Limit = 16;

    private readonly Lock gate = new();
    private List<(string CaseId, TaskCompletionSource Sent)> waiting = [];
    private int holds;
    private bool sending;

    /// <summary>The case's row, sent with the others owed now; throws when that send failed.</summary>
    public Task SendAsync(string caseId)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((caseId, sent));
            if (!StartsSending()) return sent.Task;
        }
        _ = SendWaitingAsync();
        return sent.Task;
    }

    /// <summary>Rows asked for until disposed wait for it: a read's rows go in one send.</summary>
    public IDisposable Hold()
    {
        lock (gate) holds++;
        return new Release(this);
    }

    private sealed class Release(CaseRows rows) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            lock (rows.gate)
            {
                rows.holds--;
                if (!rows.StartsSending()) return;
            }
            _ = rows.SendWaitingAsync();
        }
    }

    /// <summary>Whether a send is due now and none is out: the caller starts it. Under the gate.</summary>
    private bool StartsSending()
    {
        if (sending || waiting.Count == 0 || (holds > 0 && waiting.Count < Limit)) return false;
        sending = true;
        return true;
    }

    private async Task SendWaitingAsync()
    {
        while (true)
        {
            List<(string CaseId, TaskCompletionSource Sent)> batch;
            lock (gate)
            {
                if (waiting.Count == 0 || (holds > 0 && waiting.Count < Limit))
                {
                    sending = false;
                    return;
                }
                batch = waiting;
                waiting = [];
            }
            try
            {
                await notifier.CasesChangedAsync([.. batch.Select(b => b.CaseId).Distinct(StringComparer.Ordinal)]).ConfigureAwait(false);
                foreach (var (_, sent) in batch) sent.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, sent) in batch) sent.TrySetException(e);
            }
        }
    }
}
