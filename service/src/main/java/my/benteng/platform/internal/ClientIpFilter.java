package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.ClientIp;
import my.benteng.platform.PlatformProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Resolves {@link ClientIp} once per request and leaves it as a request attribute. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ClientIpFilter extends OncePerRequestFilter {

    private final ClientIpResolver resolver;

    ClientIpFilter(PlatformProperties properties) {
        this.resolver = new ClientIpResolver(properties.trustedProxies());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ClientIp.ATTRIBUTE, resolver.resolve(request.getRemoteAddr(),
                request.getHeaders("Forwarded"), request.getHeaders("X-Forwarded-For")));
        chain.doFilter(request, response);
    }
}
