using System.Net;
using System.Net.Sockets;
using ChromoFarm.Storage;

namespace ChromoFarm.Storage.Tests;

/// <summary>The object store's retry beneath the SDK, against a real HTTP listener on loopback.</summary>
public sealed class TransientRetryHandlerTests
{
    [Fact]
    public async Task Two_slow_down_answers_are_retried_and_the_third_answer_is_returned()
    {
        var (url, served) = Serve(503, 503, 200);
        using var client = new HttpClient(new TransientRetryHandler(new SocketsHttpHandler()));

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, await served);
    }

    [Fact]
    public async Task A_not_found_answer_is_not_retried()
    {
        var (url, served) = Serve(404);
        using var client = new HttpClient(new TransientRetryHandler(new SocketsHttpHandler()));

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await served);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_after_five_tries_and_the_cause_is_kept()
    {
        // A port nobody listens on: every try is refused.
        var box = new TransientRetryHandler.TransportFailure();
        TransientRetryHandler.Failure.Value = box;
        using var client = new HttpClient(new TransientRetryHandler(new SocketsHttpHandler()));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{FreePort()}/bucket/key")));

        Assert.Same(error, box.Error);
    }

    // Answers one request per status, in order, then stops; the task gives the number of requests served.
    private static (Uri Url, Task<int> Served) Serve(params int[] statuses)
    {
        var port = FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = Task.Run(async () =>
        {
            using (listener)
            {
                foreach (var status in statuses)
                {
                    var context = await listener.GetContextAsync();
                    context.Response.StatusCode = status;
                    context.Response.Close();
                }
            }

            return statuses.Length;
        });
        return (new Uri($"http://127.0.0.1:{port}/bucket/key"), served);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
