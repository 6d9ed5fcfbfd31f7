using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using ChromoFarm.Results.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChromoFarm.Api.Tests;

/// <summary>
/// Bearer tokens from a lab's identity provider: a small OpenID provider on loopback (discovery document and signing
/// key) that the API reads as it would read the lab's, and tokens signed by it.
/// </summary>
public sealed class JwtBearerTests() : DatabaseTests(new SqliteTestDatabase())
{
    private const string Audience = "chromofarm";

    [SkippableFact]
    public async Task A_token_with_a_known_role_reads_and_the_wrong_audience_an_unknown_role_or_another_signer_are_refused()
    {
        using var signing = RSA.Create(2048);
        var key = new RsaSecurityKey(signing) { KeyId = "lab-key-1" };
        await using var provider = await StartProviderAsync(key);
        var issuer = LocalApiServer.Address(provider).GetLeftPart(UriPartial.Authority);
        var auth = new AuthOptions { Jwt = new JwtOptions { Authority = issuer, Audience = Audience, RequireHttpsMetadata = false } };
        await using var server = await TestServer.StartAsync(Options, auth);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1");

        Assert.Equal(HttpStatusCode.OK, await GetAsync(server, Token(key, issuer, Audience, "reader", "dr.bianchi"), "/v1/cells"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(server, Token(key, issuer, Audience, "visitor", "dr.bianchi"), "/v1/cells"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(server, Token(key, issuer, "another-service", "reader", "dr.bianchi"), "/v1/cells"));
        using var stranger = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(server, Token(new RsaSecurityKey(stranger) { KeyId = "lab-key-1" }, issuer, Audience, "reader", "x"), "/v1/cells"));

        // A reviewer's token corrects, and the audit names the person from the token.
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(key, issuer, Audience, "reviewer", "dr.bianchi"));
        Assert.Equal(HttpStatusCode.OK, (await TestServer.ReviewAsync(client, "case", "c1", new { action = "accept" })).StatusCode);
        var audit = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/cases/case/cells/c1/audit");
        Assert.Equal("dr.bianchi", audit.EnumerateArray().Last().GetProperty("actor").GetString());
    }

    private static async Task<HttpStatusCode> GetAsync(TestServer server, string token, string path)
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static string Token(SecurityKey key, string issuer, string audience, string role, string name) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", name), new Claim("preferred_username", name), new Claim("roles", role)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    // The two documents a JWT bearer handler reads from an OpenID provider.
    private static async Task<WebApplication> StartProviderAsync(RsaSecurityKey key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}";
            return Microsoft.AspNetCore.Http.Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["jwks_uri"] = $"{issuer}/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/jwks", () => Microsoft.AspNetCore.Http.Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await app.StartAsync();
        return app;
    }
}
