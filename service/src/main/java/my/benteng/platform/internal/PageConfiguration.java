package my.benteng.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;

/**
 * What every module's pages share (decision 0022): the language of the page ({@link LanguageResolver}, switched with
 * {@code ?lang=ms|en}), and a friendly bilingual 404 page for browsers. The layout ({@code templates/layout.html}) and
 * the house stylesheet ({@code /assets/site.css}) belong here too: every module may depend on the platform.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PageConfiguration implements WebMvcConfigurer {

    /** The bean name Spring MVC looks up. */
    @Bean
    LocaleResolver localeResolver() {
        return new LanguageResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        // a value that is not a locale at all is ignored (Malay stays), never a 500
        change.setIgnoreInvalidLocale(true);
        // the JSON API has no language and sets no cookie
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }

    /**
     * Unknown paths: a browser (it asks for {@code text/html} by name) gets the not-found page in its language; API
     * clients and anything else keep the same RFC 9457 problem as before. Ordered before the platform's problem advice.
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class NotFoundPages {

        private final Problems problems;

        NotFoundPages(Problems problems) {
            this.problems = problems;
        }

        @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
        ModelAndView notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (wantsPage(request)) {
                // nothing of the request (path, query) is put in the model: the page cannot echo it
                ModelAndView page = new ModelAndView("error/not-found");
                page.setStatus(HttpStatus.NOT_FOUND);
                return page;
            }
            problems.write(response, problems.generic(HttpStatus.NOT_FOUND, request));
            return null; // answered: the problem is written
        }

        static boolean wantsPage(HttpServletRequest request) {
            String path = request.getRequestURI();
            if (path == null || path.startsWith("/api/") || path.equals("/api")) {
                return false;
            }
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept == null || accept.length() > 1024) {
                return false;
            }
            try {
                // "*/*" alone (curl, most HTTP libraries) is not a browser: only an explicit text/html with q > 0 is
                return MediaType.parseMediaTypes(accept).stream()
                        .anyMatch(t -> "text".equals(t.getType()) && "html".equals(t.getSubtype()) && t.getQualityValue() > 0);
            } catch (InvalidMediaTypeException e) {
                return false;
            }
        }
    }
}
