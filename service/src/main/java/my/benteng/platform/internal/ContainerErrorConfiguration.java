package my.benteng.platform.internal;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.PrintWriter;
import java.security.SecureRandom;

/**
 * Requests Tomcat refuses before any servlet runs (a malformed request line, a bad percent-escape or a NUL in the path, a
 * header section too large) are answered by the host's error report valve, which writes an HTML page naming the server.
 * Here that valve writes the same RFC 9457 problem as everything else, with a request id of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
class ContainerErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve(Problems problems, SecureRandom random) {
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            host.getPipeline().addValve(new ProblemErrorReportValve(problems, random));
            if (host instanceof StandardHost standard) {
                // the host adds a valve of this class only when it has none: ours, so Tomcat's HTML page is never written
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report valve, writing problem JSON instead of an HTML page (no server version, no stack trace). */
    static final class ProblemErrorReportValve extends ErrorReportValve {

        private final Problems problems;
        private final SecureRandom random;

        ProblemErrorReportValve(Problems problems, SecureRandom random) {
            this.problems = problems;
            this.random = random;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // the same guard as Tomcat's: not an error, a body already written (the /error page ran), or reported already
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                RequestIdFilter.ensure(request, response, random);
                String body = problems.json(problems.generic(Problems.statusOf(status), request));
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (Exception | LinkageError e) {
                // nothing more can be said to this client; Tomcat closes the connection
                response.setStatus(status == 0 ? HttpStatus.BAD_REQUEST.value() : status);
            }
        }
    }
}
