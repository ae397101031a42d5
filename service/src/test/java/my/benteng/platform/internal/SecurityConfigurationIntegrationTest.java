package my.benteng.platform.internal;

import jakarta.servlet.Filter;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.session.SessionManagementFilter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two filter chains: the bearer-token API without CSRF/session machinery, everything else with CSRF. */
@SqliteIntegrationTest
class SecurityConfigurationIntegrationTest {

    @Autowired
    FilterChainProxy chains;

    @LocalServerPort
    int port;

    private List<Class<?>> filtersOf(String path) {
        return chains.getFilters(path).stream().<Class<?>>map(Filter::getClass).toList();
    }

    @Test
    void apiRequestsRunNoCsrfSessionRequestCacheOrLogoutFilters() {
        List<Class<?>> api = filtersOf("/api/v1/checkins");
        // the servlet-API wrapper stays: controllers' Authentication arguments come from getUserPrincipal()
        assertThat(api).contains(BearerTokenFilter.class, HeaderWriterFilter.class, ExceptionTranslationFilter.class, AuthorizationFilter.class,
                SecurityContextHolderAwareRequestFilter.class);
        assertThat(api).doesNotContain(CsrfFilter.class, SessionManagementFilter.class, RequestCacheAwareFilter.class, LogoutFilter.class,
                DisableEncodeUrlFilter.class);
    }

    @Test
    void pagesKeepCsrfProtection() {
        assertThat(filtersOf("/c/some-token")).contains(CsrfFilter.class, BearerTokenFilter.class, AuthorizationFilter.class);
    }

    @Test
    void anApiRequestWithoutASessionIsA401ProblemWithTheSecurityHeadersAndSetsNoCookie() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/checkins"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"qr\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
}
