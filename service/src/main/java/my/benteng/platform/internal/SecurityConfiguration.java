package my.benteng.platform.internal;

import my.benteng.platform.BearerAuthenticator;
import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.PageSessions;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.RequestAdmission;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two security filter chains with the same authorization rules: the bearer-token JSON API ({@code /api/**}, stateless,
 * no CSRF/session filters) and everything else (pages, forms, probes; CSRF protection kept for browser forms).
 * Sessions are bearer tokens, added by the account module; no form login, no HTTP basic, no generated password (the
 * user-details auto-configuration is excluded).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * No observations of Spring Security's own filters and authorization decisions: with an observation registry
     * present (actuator) every filter of the chain was wrapped in an observation with its own timers, about 5 % of
     * the CPU of a check-in request in the JFR profile (docs/decisions/0007-checkin-group-commit.md) for figures nobody reads.
     * The HTTP request metrics ({@code http.server.requests}) stay; security outcomes are in the audit log.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * "100 Continue" only when a handler starts reading the body (Tomcat's default sends it as soon as the headers are
     * in): a client that asks first ({@code Expect: 100-continue}, as curl does for large uploads) and is refused by the
     * admission or authorization filters is never invited to send the body at all.
     */
    @Bean
    TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> continueOnlyWhenTheBodyIsRead() {
        return protocol -> protocol.setContinueResponseTiming("onRead");
    }

    /**
     * The JSON API ({@code /api/**}): every request carries its credential in {@code Authorization: Bearer} and nothing
     * else — no cookie, no server session, nothing a browser attaches by itself — so CSRF cannot apply, and the chain
     * has no CSRF, session-management, request-cache or logout filters at all (rather than disabled ones that still run
     * per request: the API is the hot path, check-in at national scale). The servlet-API wrapper stays: controllers
     * take {@code Authentication} arguments, which Spring MVC reads from {@code getUserPrincipal()}. Authorization
     * rules, headers and error answers are the same as on the other chain.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<HttpAuthorizationRules> contributions,
                                               ObjectProvider<BearerAuthenticator> authenticators,
                                               ObjectProvider<RequestAdmission> admissions,
                                               PlatformProperties platform, Problems problems, Refusals refusals) throws Exception {
        http.securityMatcher("/api/**");
        common(http, contributions, authenticators, admissions, platform, problems, refusals);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                // the request attribute is all the context needs: it is rebuilt from the bearer token on every request
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        return http.build();
    }

    /** Everything else: browser pages and forms (CSRF with a cookie token, the session cookie), probes. */
    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<HttpAuthorizationRules> contributions,
                                            ObjectProvider<BearerAuthenticator> authenticators,
                                            ObjectProvider<RequestAdmission> admissions,
                                            PlatformProperties platform, Problems problems, Refusals refusals,
                                            PageSessions pageSessions) throws Exception {
        common(http, contributions, authenticators, admissions, platform, problems, refusals);
        // pages carry the account session in a cookie (decision 0027); only this chain reads it, and it enforces CSRF
        http.addFilterBefore(new SessionCookieFilter(authenticators.orderedStream().toList(), pageSessions),
                AnonymousAuthenticationFilter.class);
        // a browser without a live session is sent to sign in (htmx: HX-Redirect), not shown a JSON 401
        http.exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
            if (!SignInRedirect.send(req, res)) {
                problems.write(res, problems.generic(HttpStatus.UNAUTHORIZED, req));
            }
        }));
        // no server sessions, and no session-management filter: it took every request authenticated by the session
        // cookie for a fresh sign-in and rotated the CSRF token each time (a form rendered before a parallel request
        // was then refused); the context is rebuilt from the cookie or bearer token on every request, as on the API
        http.sessionManagement(s -> s.disable())
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // probes carry no ambient credentials, so CSRF does not apply to them; the token lives in a cookie
                // rather than a server session so that the service stays stateless (the API has its own chain)
                .csrf(c -> c.ignoringRequestMatchers("/api/**", "/actuator/**")
                        .csrfTokenRepository(new CookieCsrfTokenRepository()));
        return http.build();
    }

    private static void common(HttpSecurity http, ObjectProvider<HttpAuthorizationRules> contributions,
                               ObjectProvider<BearerAuthenticator> authenticators, ObjectProvider<RequestAdmission> admissions,
                               PlatformProperties platform, Problems problems, Refusals refusals) throws Exception {
        http.addFilterBefore(new BearerTokenFilter(authenticators.orderedStream().toList(), problems), AnonymousAuthenticationFilter.class);
        // credentials that are not a bearer session (signed requests, the MTA's secret) are checked here, after the
        // authorization rules and before the dispatcher servlet resolves a multipart body or binds a request body:
        // an anonymous caller must not make the server read or parse a body (bearer routes are refused by the
        // authorization filter, which also runs before any body is read)
        http.addFilterAfter(new AdmissionFilter(admissions.orderedStream().toList(), problems, refusals), AuthorizationFilter.class);
        http.httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h
                        // pages (decision 0022) load scripts and styles from this origin only: no inline script, no
                        // inline style, no CDN; htmx is told not to inject its indicator <style> (layout.html)
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, problems.generic(HttpStatus.UNAUTHORIZED, req)))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, problems.generic(HttpStatus.FORBIDDEN, req))))
                .authorizeHttpRequests(rules -> {
                    contributions.orderedStream().forEach(c -> c.configure(rules));
                    rules.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll();
                    rules.requestMatchers("/actuator/**").denyAll();
                    if (platform.devTools()) {
                        rules.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll();
                    } else {
                        rules.requestMatchers("/swagger-ui/**", "/swagger-ui.html").denyAll();
                        rules.requestMatchers("/v3/api-docs/**").permitAll();
                    }
                    // unknown paths fall through so that they answer 404; every module guards its own paths
                    rules.anyRequest().permitAll();
                });
    }
}
