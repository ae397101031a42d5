package my.benteng.platform;

import my.benteng.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static my.benteng.testing.RawHttp.assertProblem;

/**
 * Every authenticated route refuses a request without valid credentials before anything reads its body: the
 * requests below send only their head (announcing a body just under the 64 KB cap) and ask first with
 * {@code Expect: 100-continue}; the refusal must come without the server ever asking for the body. The eKYC
 * relying-party routes have their own contract (EkycAdmissionContract).
 */
abstract class AuthenticationBeforeBodyContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long BODY = 60_000;

    @LocalServerPort
    int port;

    @Test
    void theMtaInboundRouteRefusesAMissingSecretBeforeTheMessage() {
        assertProblem(head("POST", "/api/v1/helpdesk/inbound", "message/rfc822", Map.of()), 401, "unauthenticated");
    }

    @Test
    void theMtaInboundRouteRefusesAWrongSecretBeforeTheMessage() {
        assertProblem(head("POST", "/api/v1/helpdesk/inbound", "message/rfc822", Map.of("X-Helpdesk-Inbound-Secret", token())),
                401, "unauthenticated");
    }

    @Test
    void aBearerRouteRefusesARequestWithoutATokenBeforeItsJsonBody() {
        assertProblem(head("POST", "/api/v1/cases/batch", "application/json", Map.of()), 401, "unauthenticated");
    }

    @Test
    void aBearerRouteRefusesAnUnknownTokenBeforeItsJsonBody() {
        assertProblem(head("POST", "/api/v1/cases/batch", "application/json", Map.of("Authorization", "Bearer " + token())),
                401, "invalid-token");
    }

    @Test
    void aStaffRouteRefusesAMultipartBodyWithoutAToken() {
        assertProblem(head("POST", "/api/v1/ekyc/relying-parties", "multipart/form-data; boundary=x" + token(), Map.of()),
                401, "unauthenticated");
    }

    @Test
    void aDeleteWithAFormBodyIsRefusedWithoutATokenBeforeTheFormIsParsed() {
        // Spring's form-content filter would parse a PUT/PATCH/DELETE form ahead of the security filters
        assertProblem(head("DELETE", "/api/v1/ekyc/consents/" + java.util.UUID.randomUUID(), "application/x-www-form-urlencoded",
                Map.of()), 401, "unauthenticated");
    }

    @Test
    void aPutWithAFormBodyIsRefusedWithoutATokenBeforeTheFormIsParsed() {
        assertProblem(head("PUT", "/api/v1/shield/registry/x", "application/x-www-form-urlencoded", Map.of()), 401, "unauthenticated");
    }

    private RawHttp.Answer head(String method, String path, String contentType, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", contentType);
        headers.put("X-Forwarded-For", String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff),
                1 + RANDOM.nextInt(0xfff)));
        return RawHttp.headOnly(port, method, path, headers, BODY, true);
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
