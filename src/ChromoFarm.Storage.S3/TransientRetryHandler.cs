using System.Net;

namespace ChromoFarm.Storage;

/// <summary>
/// Retries, beneath the Minio SDK (which retries nothing by default), a request that met a dropped connection, a
/// timeout or a 5xx/429 "slow down": four more tries after 0.1, 0.2, 0.4, 0.8 s (±50%). The SDK turns a transport
/// failure into a NullReferenceException when it parses the missing response, so the failure is retried here, where
/// it is still seen, and the last one is kept in <see cref="Failure"/> for the store's error message.
/// </summary>
internal sealed class TransientRetryHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int Attempts = 5;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Set by the store around one operation; the handler leaves the last transport failure in it.</summary>
    public static readonly AsyncLocal<TransportFailure?> Failure = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (attempt >= Attempts || !IsTransient(response.StatusCode))
                {
                    return response;
                }

                response.Dispose();
            }
            catch (Exception error) when (IsTransport(error, cancellationToken))
            {
                if (Failure.Value is { } box)
                {
                    box.Error = error;
                }

                if (attempt >= Attempts)
                {
                    throw;
                }
            }

            var delay = FirstDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    // A timeout surfaces as a cancellation the caller did not ask for.
    private static bool IsTransport(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or IOException
        || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    internal sealed class TransportFailure
    {
        public Exception? Error { get; set; }
    }
}
