package my.benteng.premises;

import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad, oversized and hostile registration input: always a 4xx problem naming the field, never a 500, never an echo. */
@SqliteIntegrationTest
class PremisesHostileInputSqliteIntegrationTest {

    private static final String MARKER = "EVILMARKER";

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String body(Map<String, String> overrides) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("verificationToken", tokens.issue(PremisesFixture.newPhone(), "PREMISES_OWNER"));
        fields.put("name", "Kedai Makan Pak Ali");
        fields.put("address", "Lot 5, Jalan Tun Razak");
        fields.put("postcode", "50400");
        fields.put("state", "KUALA_LUMPUR");
        fields.put("category", "FOOD_AND_BEVERAGE");
        fields.putAll(overrides);
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(q(k)).append(':').append(v == null ? "null" : q(v)));
        return b.append('}').toString();
    }

    @Test
    void everyFieldRefusesHostileTextByName() {
        Map<String, List<String>> cases = Map.of(
                "name", List.of(MARKER + "\r\nSet-Cookie: x=1", MARKER + "\u0000", MARKER.repeat(200), "<script>" + MARKER + "</script>",
                        MARKER + "\u202e", "   ", "\"" + MARKER + "\"", "!!!"),
                "address", List.of(MARKER + "\nLine 2", MARKER.repeat(100), "<b>" + MARKER + "</b>", "", MARKER + "\t"),
                "postcode", List.of("1234", "123456", "12a45", "５００００", " 50400", "50400\n", MARKER, ""),
                "state", List.of("johor", "JOHOR ", "SINGAPORE", MARKER, "", "W.P. KUALA LUMPUR", "KUALA_LUMPUR\r\n"),
                "category", List.of("retail", "CASINO", MARKER + "\r\n", "", "OTHER;DROP TABLE premises"));
        cases.forEach((field, values) -> {
            for (String value : values) {
                HttpResponse<String> r = api.post("/api/v1/premises", body(Map.of(field, value)));
                assertProblem(r, 400, "invalid-request");
                assertThat(r.body()).as(field + " " + value).contains("\"field\":\"" + field + "\"").doesNotContain(MARKER)
                        .doesNotContain("script").doesNotContain("DROP");
            }
            HttpResponse<String> missing = api.post("/api/v1/premises", body(java.util.Collections.singletonMap(field, null)));
            assertProblem(missing, 400, "invalid-request");
        });
    }

    @Test
    void wrongJsonTypesAndShapesAre400() {
        for (String body : List.of("{\"verificationToken\":[1],\"name\":\"A\"}", body(Map.of()).replace("\"50400\"", "{\"x\":1}"),
                body(Map.of()).replace("\"KUALA_LUMPUR\"", "7"), body(Map.of()).replace("}", ",\"ownerId\":\"" + MARKER + "\"}"),
                "[]", "\"" + MARKER + "\"", "{", "null", body(Map.of()).replace("}", ""))) {
            HttpResponse<String> r = api.post("/api/v1/premises", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).doesNotContain(MARKER).doesNotContain("Exception");
        }
        HttpResponse<String> notJson = api.post("/api/v1/premises", "name=" + MARKER);
        assertThat(notJson.statusCode()).isBetween(400, 499);
    }

    @Test
    void hostileVerificationTokensGetTheGenericRefusal() {
        for (String token : List.of(MARKER + "\r\n", MARKER.repeat(500), "", "../../" + MARKER, "' OR 1=1 --" + MARKER)) {
            HttpResponse<String> r = api.post("/api/v1/premises", body(Map.of("verificationToken", token)));
            assertProblem(r, 401, "verification-failed");
            assertThat(r.body()).doesNotContain(MARKER);
        }
    }

    @Test
    void aRefusedFieldDoesNotSpendTheVerificationToken() {
        String token = tokens.issue(PremisesFixture.newPhone(), "PREMISES_OWNER");
        assertThat(api.post("/api/v1/premises", body(Map.of("verificationToken", token, "postcode", "1"))).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/v1/premises", body(Map.of("verificationToken", token))).statusCode()).isEqualTo(201);
    }

    @Test
    void shopNamesInAnyScriptWithDigitsAndPunctuationAreAccepted() {
        for (String name : List.of("7-Eleven (Jalan Ampang)", "Restoran Ali & Sons", "好运来茶餐室", "Kedai No. 12, Tingkat 1", "A".repeat(120))) {
            assertThat(api.post("/api/v1/premises", body(Map.of("name", name))).statusCode()).as(name).isEqualTo(201);
        }
        assertProblem(api.post("/api/v1/premises", body(Map.of("name", "A".repeat(121)))), 400, "invalid-request");
    }
}
