package my.benteng.testing;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.shield.PowChallenge;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a citizen's phone and browser do, over real HTTP: fetch and solve a proof-of-work challenge, ask
 * for a code, read the SMS from the dev outbox, verify. Each journey comes from its own documentation
 * address (2001:db8::/32 via X-Forwarded-For from the trusted loopback proxy), so tests do not share
 * per-IP limits.
 */
public final class CodeJourney {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6,8})\\b");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;
    private final OutboxDispatcher dispatcher;
    private final String clientIp;

    public CodeJourney(int port, OutboxDispatcher dispatcher) {
        this.port = port;
        this.dispatcher = dispatcher;
        this.clientIp = String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xfff));
    }

    /** A synthetic Malaysian mobile number (+60 11-2xxx xxxx); nothing is ever sent to it but the dev outbox. */
    public static String newMobile() {
        return String.format("+60112%07d", RANDOM.nextInt(10_000_000));
    }

    public String clientIp() {
        return clientIp;
    }

    /** Asks for a code with a solved challenge; returns the raw response. */
    public HttpResponse<String> requestCode(String channel, String destination, String purpose) {
        String pow = solveChallenge();
        return post("/api/v1/otp/requests", "{\"channel\":\"" + channel + "\",\"destination\":\"" + destination
                + "\",\"purpose\":\"" + purpose + "\",\"pow\":\"" + pow + "\"}", null);
    }

    /** Asks for a code without a proof of work. */
    public HttpResponse<String> requestCodeWithoutPow(String channel, String destination, String purpose) {
        return post("/api/v1/otp/requests", "{\"channel\":\"" + channel + "\",\"destination\":\"" + destination
                + "\",\"purpose\":\"" + purpose + "\"}", null);
    }

    public String solveChallenge() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/pow/challenge")).header("X-Forwarded-For", clientIp).GET().build());
        JsonNode c = json.readTree(r.body());
        return AltchaSolver.solve(new PowChallenge(c.get("algorithm").asString(), c.get("challenge").asString(), c.get("maxnumber").asLong(),
                c.get("salt").asString(), c.get("signature").asString()));
    }

    /** Delivers what is due and returns the newest code the dev outbox holds for {@code destination}. */
    public String readCode(String destination) {
        while (dispatcher.dispatchDue() > 0) {
            // drain
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/dev/outbox?limit=200")).GET().build());
        for (JsonNode message : json.readTree(r.body())) {
            if (destination.equals(message.get("to").asString()) && "OTP_CODE".equals(message.get("template").asString())) {
                Matcher m = CODE.matcher(message.get("text").asString());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no code in the dev outbox for the destination");
    }

    public HttpResponse<String> verify(String requestId, String code) {
        return post("/api/v1/otp/requests/" + requestId + "/verify", "{\"code\":\"" + code + "\"}", null);
    }

    /** Request, read, verify: the verification token for {@code purpose}. */
    public String verificationToken(String destination, String purpose) {
        HttpResponse<String> requested = requestCode("SMS", destination, purpose);
        if (requested.statusCode() != 202) {
            throw new AssertionError("code request answered " + requested.statusCode() + ": " + requested.body());
        }
        String requestId = field(requested, "requestId");
        HttpResponse<String> verified = verify(requestId, readCode(destination));
        if (verified.statusCode() != 200) {
            throw new AssertionError("verification answered " + verified.statusCode());
        }
        return field(verified, "verificationToken");
    }

    public HttpResponse<String> post(String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp).POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", clientIp).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public String field(HttpResponse<String> response, String name) {
        JsonNode node = json.readTree(response.body()).get(name);
        if (node == null) {
            throw new AssertionError("no field " + name + " in the response");
        }
        return node.isNumber() ? node.asString() : node.asString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
