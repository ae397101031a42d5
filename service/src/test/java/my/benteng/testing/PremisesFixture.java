package my.benteng.testing;

import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;

import java.net.http.HttpResponse;
import java.security.SecureRandom;

import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Registers premises and citizens over HTTP with minted verification tokens, for premises and check-in tests. */
public final class PremisesFixture {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClient api;
    private final TestVerificationTokens tokens;

    public PremisesFixture(ApiClient api, TestVerificationTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /** A registered premises as its owner sees it. */
    public record Registered(String premisesId, String qrUrl, String ownerSession, Contact owner) {
        public String token() {
            return qrUrl.substring(qrUrl.lastIndexOf("/c/") + 3);
        }
    }

    public static Contact newPhone() {
        return Contact.of(PhoneNumber.parse(String.format("+60113%07d", RANDOM.nextInt(10_000_000))));
    }

    public static String body(String token, String name) {
        return "{\"verificationToken\":" + q(token) + ",\"name\":" + q(name) + ",\"address\":\"No. 1, Jalan Ampang\","
                + "\"postcode\":\"50450\",\"state\":\"KUALA_LUMPUR\",\"category\":\"FOOD_AND_BEVERAGE\"}";
    }

    public HttpResponse<String> registerRaw(Contact owner, String name) {
        return api.post("/api/v1/premises", body(tokens.issue(owner, "PREMISES_OWNER"), name));
    }

    public Registered register(String name) {
        return register(newPhone(), name);
    }

    public Registered register(Contact owner, String name) {
        HttpResponse<String> r = registerRaw(owner, name);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var body = json(r);
        return new Registered(body.path("premisesId").asString(), body.path("qrUrl").asString(), body.path("sessionToken").asString(), owner);
    }

    /** A new citizen's session token. */
    public String citizen() {
        HttpResponse<String> r = api.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(newPhone(), "SIGN_UP"))
                + ",\"name\":\"Aminah binti Ali\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).path("sessionToken").asString();
    }
}
