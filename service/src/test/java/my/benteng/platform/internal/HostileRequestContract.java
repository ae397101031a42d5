package my.benteng.platform.internal;

import my.benteng.testing.ApiClient;
import my.benteng.testing.RawHttp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the service maps (read from the handler mapping, so a new route is covered without editing this test)
 * against each class of hostile request from the hardening issue: a multipart body without a boundary, a query string that
 * is not UTF-8 or that carries a forged log line, an overlong UTF-8 form, a control or non-ASCII byte in each header the
 * service reads, a bad escape or a space in the request target (refused by Tomcat before any servlet runs). Each answer
 * is a 4xx problem with a request id, does not echo the input, and costs at most one log line; no forged line appears.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class HostileRequestContract {

    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 413, 415);
    private static final List<String> READ_HEADERS = List.of("X-Device-Id", "X-Ekyc-Key", "X-Ekyc-Signature", "X-Ekyc-Nonce",
            "X-Ekyc-Timestamp", "X-Helpdesk-Inbound-Secret", "Authorization", "X-Forwarded-For");
    /** A line the logging layer wrote for a request: from a request thread, or a continuation line (a stack trace). */
    private static final Pattern LOG_ENTRY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T");
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A hostile request for a route: its name and the bytes, given the method, the path and a marker it must not echo. */
    private record Hostile(String name, boolean needsBody, Function<Route, byte[]> bytes) {
    }

    private record Route(String method, String path, String marker, String clientIp) {
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRefusesEveryHostileClassWithAProblem(CapturedOutput output) {
        List<Hostile> classes = hostileClasses();
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] route : routes()) {
            for (Hostile hostile : classes) {
                if (hostile.needsBody() && !Set.of("POST", "PUT", "PATCH").contains(route[0])) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(hostile.name() + " " + route[0] + " " + route[1], () -> {
                    Route r = new Route(route[0], route[1], marker(),
                            new ApiClient(port).clientIp());
                    refusedCleanly(output, r, hostile.bytes().apply(r));
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    @Test
    void aTruncatedMultipartBodyIsABadRequest(CapturedOutput output) {
        String marker = marker();
        byte[] body = RawHttp.latin1("--b0undary\r\nContent-Disposition: form-data; name=\"" + marker + "\"\r\n\r\nabc");
        refusedCleanly(output, new Route("POST", "/api/v1/ekyc/sessions", marker, new ApiClient(port).clientIp()),
                RawHttp.request("POST /api/v1/ekyc/sessions HTTP/1.1", body,
                        "Content-Type: multipart/form-data; boundary=b0undary", "X-Forwarded-For: " + new ApiClient(port).clientIp()));
    }

    @Test
    void overlongUtf8InAJsonBodyIsMalformedNotASlash(CapturedOutput output) {
        // C0 AF is an overlong '/': a lenient decoder (Jackson's own) reads it as '/', after a filter looked for '/' in vain
        byte[] body = RawHttp.latin1("{\"category\":\"GENERAL\",\"subject\":\"a\u00c0\u00afb\"}");
        RawHttp.Answer r = postJson(body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(ApiClient.JSON.readTree(r.body()).path("type").asString()).isEqualTo("urn:benteng:problem:malformed-body");
    }

    @Test
    void aJsonBodyInUtf16OrWithARawControlCharacterIsMalformed() {
        // Jackson detects UTF-16 without a BOM and would parse it; a proxy reading UTF-8 sees NUL-interleaved text
        for (byte[] body : List.of("{\"category\":\"GENERAL\"}".getBytes(StandardCharsets.UTF_16LE),
                "{\"category\":\"GEN\u0000ERAL\"}".getBytes(StandardCharsets.UTF_8))) {
            RawHttp.Answer r = postJson(body);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(ApiClient.JSON.readTree(r.body()).path("type").asString()).isEqualTo("urn:benteng:problem:malformed-body");
        }
    }

    @Test
    void aJsonBodyDeclaredInAnotherCharsetIsRefused() {
        RawHttp.Answer r = RawHttp.send(port, RawHttp.request("POST /api/v1/helpdesk/tickets HTTP/1.1",
                RawHttp.latin1("{\"category\":\"GENERAL\",\"subject\":\"caf\u00e9\"}"),
                "Content-Type: application/json; charset=ISO-8859-1", "X-Forwarded-For: 198.51.100.77"));
        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aDuplicateJsonKeyIsMalformedNotLastOneWins() {
        RawHttp.Answer r = postJson("{\"category\":\"GENERAL\",\"category\":\"GENERAL\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(ApiClient.JSON.readTree(r.body()).path("type").asString()).isEqualTo("urn:benteng:problem:malformed-body");
    }

    @Test
    void aNumberOrBooleanWhereTheContractSaysStringIsMalformedNotCoerced() {
        for (String value : List.of("5", "5.5", "true")) {
            RawHttp.Answer r = postJson(("{\"category\":" + value + "}").getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(value + " " + r.body()).isEqualTo(400);
            assertThat(ApiClient.JSON.readTree(r.body()).path("type").asString()).as(value)
                    .isEqualTo("urn:benteng:problem:malformed-body");
        }
    }

    @Test
    void whatTheContainerRefusesForTheProtocolIsAProblemThatDoesNotBlameTheServer() {
        RawHttp.Answer version = RawHttp.send(port, RawHttp.request("GET /actuator/health HTTP/9.9", null));
        assertThat(version.status()).isEqualTo(505);
        assertThat(version.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ApiClient.JSON.readTree(version.body()).path("type").asString()).isEqualTo("urn:benteng:problem:http-version-not-supported");
        RawHttp.Answer coding = RawHttp.send(port, RawHttp.request("GET /actuator/health HTTP/1.1", null, "Transfer-Encoding: gzip"));
        assertThat(coding.status()).isEqualTo(501);
        assertThat(ApiClient.JSON.readTree(coding.body()).path("type").asString()).isEqualTo("urn:benteng:problem:not-implemented");
        assertThat(coding.header("X-Request-Id")).matches("[0-9a-f]{24}");
    }

    @Test
    void aRequestTheContainerSendsToTheErrorPageStillGetsARequestId(CapturedOutput output) {
        // Tomcat refuses TRACE itself and dispatches straight to the error page, where no filter ran
        refusedCleanly(output, new Route("TRACE", "/api/v1/helpdesk/tickets", marker(), new ApiClient(port).clientIp()),
                RawHttp.request("TRACE /api/v1/helpdesk/tickets HTTP/1.1", null));
    }

    private RawHttp.Answer postJson(byte[] body) {
        // the helpdesk ticket form is anonymous JSON: the body is parsed before anything else is checked
        return RawHttp.send(port, RawHttp.request("POST /api/v1/helpdesk/tickets HTTP/1.1", body, "Content-Type: application/json",
                "X-Forwarded-For: " + new ApiClient(port).clientIp()));
    }

    private void refusedCleanly(CapturedOutput output, Route route, byte[] request) {
        int before = output.getAll().length();
        RawHttp.Answer r = RawHttp.send(port, request);
        String what = route.method() + " " + route.path() + " -> " + r.status() + " " + r.body();
        assertThat(r.status()).as(what).isIn(REFUSALS);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
        String id = r.header("X-Request-Id");
        assertThat(id).as(what).matches("[0-9a-f]{24}");
        JsonNode problem = ApiClient.JSON.readTree(r.body());
        assertThat(problem.path("requestId").asString()).as(what).isEqualTo(id);
        assertThat(problem.path("type").asString()).as(what).startsWith("urn:benteng:problem:");
        assertThat(r.body()).as(what).doesNotContain(route.marker()).doesNotContain("Exception").doesNotContain("<html");
        List<String> lines = output.getAll().substring(Math.min(before, output.getAll().length())).lines().toList();
        assertThat(lines).as(what).noneMatch(line -> line.startsWith(route.marker()) || line.startsWith("FORGED"));
        assertThat(lines.stream().filter(l -> !l.isBlank() && (!LOG_ENTRY.matcher(l).find() || l.contains(id) || l.contains("handler-"))))
                .as(what + " log lines").hasSizeLessThanOrEqualTo(1);
    }

    private static String marker() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "mk" + HexFormat.of().formatHex(bytes);
    }

    /** Method and path (path variables filled in) of every handler method of the service, the error page aside. */
    private List<String[]> routes() {
        Set<String> seen = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<RequestMethod> effective = methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/error") || pattern.startsWith("/api/test/")) {
                    continue; // the error page; the test-only probes (PlatformProbeController), which fail on purpose
                }
                String path = pattern.replaceAll("\\{[^}]*}", "a1").replace("/**", "/x").replace("*", "x");
                effective.forEach(m -> seen.add(m.name() + " " + path));
            }
        }
        seen.add("GET /actuator/health");
        seen.add("GET /actuator/info");
        return seen.stream().map(s -> s.split(" ", 2)).toList();
    }

    private static List<Hostile> hostileClasses() {
        List<Hostile> classes = new ArrayList<>();
        classes.add(new Hostile("multipart/form-data without a boundary", true, r -> RawHttp.request(line(r, ""),
                RawHttp.latin1("--" + r.marker() + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + r.marker() + "--\r\n"),
                "Content-Type: multipart/form-data", xff(r))));
        classes.add(new Hostile("multipart/mixed without a boundary, no body", true, r -> RawHttp.request(line(r, ""), new byte[0],
                "Content-Type: multipart/mixed", xff(r))));
        classes.add(new Hostile("form body that is not UTF-8", true, r -> RawHttp.request(line(r, ""),
                RawHttp.latin1("x=%ff%fe" + r.marker() + "&_csrf=%c0%af"), "Content-Type: application/x-www-form-urlencoded", xff(r))));
        classes.add(new Hostile("JSON body with an overlong '/' and a duplicate key", true, r -> RawHttp.request(line(r, ""),
                RawHttp.latin1("{\"a\":\"\u00c0\u00af" + r.marker() + "\",\"a\":1}"), "Content-Type: application/json", xff(r))));
        for (String parameter : List.of("status", "page", "size", "limit", "state", "x")) {
            classes.add(new Hostile("invalid UTF-8 in ?" + parameter, false,
                    r -> RawHttp.request(line(r, "?" + parameter + "=%ff%fe" + r.marker()), body(r), xff(r))));
        }
        classes.add(new Hostile("invalid escape and a line feed in the query (a forged log line)", false, r -> RawHttp.request(
                line(r, "?x=%ff%0a" + r.marker() + "%20audit%20event=authn_login_success%20actor=staff:admin%0aFORGED"), body(r), xff(r))));
        classes.add(new Hostile("bad percent-escape in the query", false,
                r -> RawHttp.request(line(r, "?x=%zz" + r.marker()), body(r), xff(r))));
        classes.add(new Hostile("overlong UTF-8 in the query", false,
                r -> RawHttp.request(line(r, "?x=%c0%af" + r.marker()), body(r), xff(r))));
        for (String header : READ_HEADERS) {
            classes.add(new Hostile("C1 byte in " + header, false,
                    r -> RawHttp.request(line(r, ""), body(r), header + ": " + r.marker() + "\u0085FORGED", header.equals("X-Forwarded-For") ? "X-Trace: 1" : xff(r))));
            classes.add(new Hostile("non-ASCII byte in " + header, false,
                    r -> RawHttp.request(line(r, ""), body(r), header + ": " + r.marker() + "\u00e9\u00ff", header.equals("X-Forwarded-For") ? "X-Trace: 1" : xff(r))));
        }
        classes.add(new Hostile("bad percent-escape in the path (refused by Tomcat)", false,
                r -> RawHttp.request(r.method() + " " + r.path() + "%zz" + r.marker() + " HTTP/1.1", body(r))));
        classes.add(new Hostile("NUL in the path (refused by Tomcat)", false,
                r -> RawHttp.request(r.method() + " " + r.path() + "%00" + r.marker() + " HTTP/1.1", body(r))));
        classes.add(new Hostile("a header section over the limit (refused by Tomcat)", false,
                r -> RawHttp.request(line(r, ""), body(r), "X-Padding: " + r.marker() + "a".repeat(20_000))));
        classes.add(new Hostile("a space in the request target (refused by Tomcat)", false,
                r -> RawHttp.request(r.method() + " " + r.path() + " " + r.marker() + " HTTP/1.1", body(r))));
        return classes;
    }

    private static String line(Route r, String query) {
        return r.method() + " " + r.path() + query + " HTTP/1.1";
    }

    private static byte[] body(Route r) {
        return Set.of("POST", "PUT", "PATCH").contains(r.method()) ? new byte[0] : null;
    }

    private static String xff(Route r) {
        return "X-Forwarded-For: " + r.clientIp();
    }
}
