package my.benteng.helpdesk;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import my.benteng.account.internal.StaffService;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.shield.PowChallenge;
import my.benteng.testing.AltchaSolver;
import my.benteng.testing.ApiClient;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import tools.jackson.databind.JsonNode;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What citizens, agents and the MTA do, over real HTTP: solve a proof of work and submit a ticket from a chosen
 * client address, sign up, sign in as an agent with password + TOTP, post a raw message as the MTA.
 */
final class HelpdeskFixture {

    static final String AGENT_PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final TestVerificationTokens tokens;

    HelpdeskFixture(int port, TestVerificationTokens tokens) {
        this.port = port;
        this.tokens = tokens;
    }

    /** A synthetic Malaysian mobile number (+60 11-2xxx xxxx). */
    static String newPhone() {
        return String.format("+60112%07d", RANDOM.nextInt(10_000_000));
    }

    /** A synthetic address at example.org. */
    static String newEmail() {
        return "citizen-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + "@example.org";
    }

    /** A documentation address of its own (2001:db8::/32), so tests do not share per-address limits. */
    static String newIp() {
        return String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xfff));
    }

    static Contact contact(String value) {
        return value.startsWith("+") ? Contact.of(PhoneNumber.parse(value)) : Contact.of(EmailAddress.parse(value));
    }

    String solvePow() {
        JsonNode c = ApiClient.json(send(request("/api/v1/pow/challenge", newIp(), null).GET()));
        return AltchaSolver.solve(new PowChallenge(c.get("algorithm").asString(), c.get("challenge").asString(), c.get("maxnumber").asLong(),
                c.get("salt").asString(), c.get("signature").asString()));
    }

    String ticketJson(String category, String subject, String message, String contact, String pow, String verificationToken) {
        StringBuilder b = new StringBuilder("{\"category\":").append(ApiClient.q(category)).append(",\"subject\":").append(ApiClient.q(subject))
                .append(",\"message\":").append(ApiClient.q(message));
        if (contact != null) {
            b.append(",\"contact\":").append(ApiClient.q(contact));
        }
        if (pow != null) {
            b.append(",\"pow\":").append(ApiClient.q(pow));
        }
        if (verificationToken != null) {
            b.append(",\"verificationToken\":").append(ApiClient.q(verificationToken));
        }
        return b.append('}').toString();
    }

    /** An anonymous ticket with a solved proof of work, from {@code ip}. */
    HttpResponse<String> submit(String contact, String subject, String message, String ip) {
        return post("/api/v1/helpdesk/tickets", ticketJson("GENERAL", subject, message, contact, solvePow(), null), ip, null);
    }

    /** An anonymous ticket whose contact was verified just now with a CONTACT_VERIFICATION token. */
    HttpResponse<String> submitVerified(String contact, String subject, String message) {
        String token = tokens.issue(contact(contact), "CONTACT_VERIFICATION");
        return post("/api/v1/helpdesk/tickets", ticketJson("ACCOUNT", subject, message, contact, solvePow(), token), newIp(), null);
    }

    /** Signs up a citizen with this contact; the session token. */
    String citizenSession(String contact) {
        String token = tokens.issue(contact(contact), "SIGN_UP");
        HttpResponse<String> r = post("/api/v1/citizens", "{\"verificationToken\":" + ApiClient.q(token) + ",\"name\":\"Siti Aminah\"}",
                newIp(), null);
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-up answered " + r.statusCode() + ": " + r.body());
        }
        return ApiClient.json(r).path("sessionToken").asString();
    }

    /** A new member of staff with the given roles, signed in with password and the current TOTP; the session token. */
    Agent agent(StaffService staff, String... roles) {
        String username = "agent-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        StaffService.CreatedStaff created = staff.create(username, List.of(roles), AGENT_PASSWORD, "test", null);
        String totp = totp(secretOf(created.otpauthUri()));
        HttpResponse<String> r = post("/api/v1/staff/sessions", "{\"username\":" + ApiClient.q(username) + ",\"password\":"
                + ApiClient.q(AGENT_PASSWORD) + ",\"totp\":" + ApiClient.q(totp) + "}", newIp(), null);
        if (r.statusCode() != 200) {
            throw new AssertionError("staff sign-in answered " + r.statusCode() + ": " + r.body());
        }
        return new Agent(created.id(), ApiClient.json(r).path("sessionToken").asString());
    }

    record Agent(String id, String session) {
    }

    HttpResponse<String> post(String path, String json, String ip, String bearer) {
        return send(request(path, ip, bearer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postBytes(String path, byte[] body, String contentType, String ip, String bearer) {
        return send(request(path, ip, bearer).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> inbound(String secret, String rawMessage) {
        HttpRequest.Builder b = request("/api/v1/helpdesk/inbound", "127.0.0.1", null).header("Content-Type", "message/rfc822");
        if (secret != null) {
            b.header("X-Helpdesk-Inbound-Secret", secret);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(rawMessage)));
    }

    HttpResponse<String> postInbound(byte[] raw) {
        return send(request("/api/v1/helpdesk/inbound", "127.0.0.1", null).header("Content-Type", "message/rfc822")
                .header("X-Helpdesk-Inbound-Secret", my.benteng.testing.GreenMailSmtp.INBOUND_SECRET)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)));
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(request(path, newIp(), bearer).GET());
    }

    private HttpRequest.Builder request(String path, String ip, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Forwarded-For", ip);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String totp(byte[] secret) {
        try {
            return new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                    .generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), TestClock.INSTANCE.instant());
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] secretOf(String otpauthUri) {
        for (String part : URI.create(otpauthUri).getRawQuery().split("&")) {
            if (part.startsWith("secret=")) {
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int buffer = 0;
                int bits = 0;
                for (char c : part.substring(7).toUpperCase(Locale.ROOT).toCharArray()) {
                    buffer = (buffer << 5) | alphabet.indexOf(c);
                    bits += 5;
                    if (bits >= 8) {
                        out.write((buffer >>> (bits - 8)) & 0xff);
                        bits -= 8;
                    }
                }
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("no secret in the URI");
    }
}
