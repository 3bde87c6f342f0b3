using System.Net;
using System.Net.Sockets;

namespace Hotline.Testing;

public static class FreePort
{
    // Just below the range the kernel takes client ports from (ip_local_port_range, from 32768 by default). A port the OS
    // picks for a listener (port 0) is from that range, so between the test picking it and a service binding it, or while a
    // killed service restarts on it, a client connection could take it as its own end, or a client reconnecting to the
    // stopped service could connect to itself on it; the service then cannot bind. Counted up from a random start, so the
    // same process never hands out one port twice.
    private static readonly int Below = EphemeralStart();
    private static int next = Random.Shared.Next(0, Span);
    private const int Span = 10_000;

    /// <summary>A 127.0.0.1 port nobody listens on right now, outside the client ports' range (a caller that loses a race retries).</summary>
    public static int Next()
    {
        for (var i = 0; i < Span; i++)
        {
            var port = Below - Span + (int)((uint)Interlocked.Increment(ref next) % Span);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: the next one.
            }
        }
        throw new InvalidOperationException($"No free port between {Below - Span} and {Below - 1}");
    }

    private static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(range[0], out var low) && low > Span + 1024) return low;
        }
        catch (IOException)
        {
        }
        return 32768;
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1 at this port.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
