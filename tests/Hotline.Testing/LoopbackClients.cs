using System.Net;
using System.Net.Sockets;

namespace Hotline.Testing;

/// <summary>
/// HTTP clients that connect from another loopback address (127.0.0.2, 127.0.0.3, …: Linux routes all of 127/8 to lo),
/// so a test can play several network addresses against a service listening on 127.0.0.1.
/// </summary>
public static class LoopbackClients
{
    public static HttpClient From(string localAddress, Uri baseAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }
}
