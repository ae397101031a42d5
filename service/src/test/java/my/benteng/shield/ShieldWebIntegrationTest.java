package my.benteng.shield;

import my.benteng.platform.Contact;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The operator registry and PoW endpoints over the real security chain, on the embedded default. */
@SqliteIntegrationTest
class ShieldWebIntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Shield shield;

    @Autowired
    Registry registry;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private static String entry(String digits, String reason, Instant expiresAt) {
        return """
                {"action":"DENY","match":"PREFIX","digits":"%s","reason":"%s","expiresAt":"%s"}""".formatted(digits, reason, expiresAt);
    }

    @Test
    void anOperatorAddsListsAndRemovesEntries() throws Exception {
        String body = mvc.perform(post("/api/v1/shield/registry").with(user("op").roles("OPERATOR"))
                        .contentType(MediaType.APPLICATION_JSON).content(entry("6019", "pumping from this range", Instant.now().plus(Duration.ofDays(1)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.createdBy").value("op"))
                .andReturn().getResponse().getContentAsString();
        String id = body.replaceAll(".*\"id\":\"([0-9a-f]{32})\".*", "$1");
        mvc.perform(get("/api/v1/shield/registry").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(id)));
        String challenge = mvc.perform(get("/api/v1/pow/challenge")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        tools.jackson.databind.JsonNode c = tools.jackson.databind.json.JsonMapper.builder().build().readTree(challenge);
        String solution = my.benteng.testing.AltchaSolver.solve(new PowChallenge(c.get("algorithm").asString(), c.get("challenge").asString(),
                c.get("maxnumber").asLong(), c.get("salt").asString(), c.get("signature").asString()));
        // the proof of work comes first (nothing about the registry is told for free); with it, the deny entry refuses
        assertThat(shield.assess(Attempt.of(new Contact.Phone(my.benteng.platform.PhoneNumber.parse("+60191234567")), "SIGN_UP",
                new my.benteng.platform.ClientIp(java.net.InetAddress.getLoopbackAddress())).withPow(solution)).reason())
                .isEqualTo("shield.registry.denied");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'shield_registry_entry_added'").query(Long.class).single())
                .isPositive();
        mvc.perform(delete("/api/v1/shield/registry/" + id).with(user("op").roles("OPERATOR"))).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/shield/registry/" + id).with(user("op").roles("OPERATOR"))).andExpect(status().isNotFound());
    }

    @Test
    void otherRolesAreForbiddenAndAnonymousCallersUnauthenticated() throws Exception {
        mvc.perform(get("/api/v1/shield/registry")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/shield/registry").with(user("agent").roles("HELPDESK_AGENT"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/shield/registry").with(user("agent").roles("HEALTH_OFFICER"))
                        .contentType(MediaType.APPLICATION_JSON).content(entry("6019", "x", Instant.now().plusSeconds(60))))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/shield/registry/" + "a".repeat(32))).andExpect(status().isUnauthorized());
    }

    @Test
    void invalidEntriesAreValidationProblemsThatDoNotEchoTheInput() throws Exception {
        String[][] cases = {
                {entry("60<script>", "r", Instant.now().plusSeconds(60)), "digits"},
                {entry("6019", "y".repeat(201), Instant.now().plusSeconds(60)), "reason"},
                {entry("6019", "", Instant.now().plusSeconds(60)), "reason"},
                {entry("6019", "r", Instant.now().minusSeconds(60)), "expiresAt"},
                {entry("6019", "r", Instant.now().plus(Duration.ofDays(4000))), "expiresAt"},
        };
        for (String[] c : cases) {
            String body = mvc.perform(post("/api/v1/shield/registry").with(user("op").roles("OPERATOR"))
                            .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json")))
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("script").doesNotContain("yyyy");
        }
        mvc.perform(post("/api/v1/shield/registry").with(user("op").roles("OPERATOR")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"NUKE\",\"match\":\"PREFIX\",\"digits\":\"6019\",\"reason\":\"r\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anyoneMayFetchAChallengeThatIsNotCached() throws Exception {
        mvc.perform(get("/api/v1/pow/challenge"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(jsonPath("$.algorithm").value("SHA-256"))
                .andExpect(jsonPath("$.maxnumber").value(50_000))
                .andExpect(jsonPath("$.signature").isString());
    }

    @Test
    void aVerifiedDestinationIsRememberedAsAKeyedHashOnly() {
        Contact.Email email = new Contact.Email(my.benteng.platform.EmailAddress.parse("aminah@example.my"));
        shield.recordVerified(email);
        shield.recordVerified(email);
        assertThat(jdbc.sql("SELECT destination_hash FROM shield_verified_destination").query(String.class).list())
                .isNotEmpty().allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}").doesNotContain("aminah"));
    }

    @Test
    void anOperatorSeesTheShieldStateAndNobodyElseDoes() throws Exception {
        mvc.perform(get("/api/v1/shield/state").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andExpect(jsonPath("$.minimumLevel").value("NORMAL"))
                .andExpect(jsonPath("$.scopes[?(@.scope == 'global')].level").value("NORMAL"))
                .andExpect(jsonPath("$.blockedPrefixes").isArray())
                .andExpect(jsonPath("$.levels[0].level").value("NORMAL"))
                .andExpect(jsonPath("$.levels[2].level").value("SEVERE"))
                .andExpect(jsonPath("$.levels[2].difficulty").isNumber());
        mvc.perform(get("/api/v1/shield/state")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/shield/state").with(user("agent").roles("HELPDESK_AGENT"))).andExpect(status().isForbidden());
        // the spend the state's budget reserve refers to: today's spend, the first-contact share and the forecast
        mvc.perform(get("/api/v1/messaging/spend").with(user("op").roles("OPERATOR"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.channel == 'SMS')].firstContactShare").isNotEmpty())
                .andExpect(jsonPath("$[?(@.channel == 'SMS')].reservedForReturning").isNotEmpty());
        mvc.perform(get("/api/v1/messaging/spend")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/messaging/spend").with(user("agent").roles("HELPDESK_AGENT"))).andExpect(status().isForbidden());
    }
}
