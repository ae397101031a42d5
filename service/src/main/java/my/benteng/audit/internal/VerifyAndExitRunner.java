package my.benteng.audit.internal;

import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;

/**
 * The command {@code java -jar benteng-service-exec.jar --benteng.audit.verify-and-exit}: verifies the chain,
 * prints the report as one line of JSON on stdout and exits with {@value #INTACT} when intact and
 * {@value #BROKEN} when not (any other status means the check itself could not run).
 */
@Component
@ConditionalOnProperty(VerifyAndExitEnvironment.SWITCH)
class VerifyAndExitRunner implements ApplicationRunner {

    static final int INTACT = 0;
    static final int BROKEN = 3;

    private final AuditChain chain;
    private final JsonMapper json;
    private final ConfigurableApplicationContext context;

    VerifyAndExitRunner(AuditChain chain, JsonMapper json, ConfigurableApplicationContext context) {
        this.chain = chain;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int status = report(System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Prints the report and returns the exit status it calls for. */
    int report(PrintStream out) {
        AuditVerification verification = chain.verify();
        out.println(json.writeValueAsString(verification));
        out.flush();
        return verification.intact() ? INTACT : BROKEN;
    }
}
