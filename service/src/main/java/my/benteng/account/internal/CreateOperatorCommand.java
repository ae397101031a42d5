package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RefusedException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * The command that creates the first operator, so that no deployment ever has a default password:
 * <pre>
 * BENTENG_BOOTSTRAP_OPERATOR_PASSWORD='…' java -jar benteng-service-exec.jar --benteng.account.create-operator=alice
 * </pre>
 * It prints the {@code otpauth://} URI for the operator's authenticator app once on stdout (not through the
 * logger, so it never reaches log files) and exits 0; it exits {@value #REFUSED} without creating anything when
 * an active operator exists or the username or password breaks the rules. The password comes from the
 * environment, not the command line, where other users of the machine could read it.
 */
@Component
@ConditionalOnExpression("'${" + CreateOperatorEnvironment.SWITCH + ":}'.trim() != ''")
class CreateOperatorCommand implements ApplicationRunner {

    static final String PASSWORD_ENV = "BENTENG_BOOTSTRAP_OPERATOR_PASSWORD";
    static final int CREATED = 0;
    static final int REFUSED = 2;

    private final StaffService staff;
    private final AccountProperties properties;
    private final ConfigurableApplicationContext context;

    CreateOperatorCommand(StaffService staff, AccountProperties properties, ConfigurableApplicationContext context) {
        this.staff = staff;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int status = execute(properties.createOperator(), System.getenv(PASSWORD_ENV), System.out, System.err);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Creates the operator and prints the URI to {@code out}; refusals go to {@code err}. Returns the exit status. */
    int execute(String username, String password, PrintStream out, PrintStream err) {
        if (password == null || password.isEmpty()) {
            err.println("create-operator: set the password in the environment variable " + PASSWORD_ENV);
            return REFUSED;
        }
        try {
            StaffService.CreatedStaff created = staff.createFirstOperator(username, password);
            out.println("Operator '" + created.username() + "' created (id " + created.id() + ").");
            out.println("Add this to the operator's authenticator app now; it is not shown again:");
            out.println(created.otpauthUri());
            out.flush();
            return CREATED;
        } catch (InvalidValueException e) {
            err.println("create-operator: refused: " + e.getMessage()); // names the field and rule, never the value
            return REFUSED;
        } catch (IllegalStateException e) {
            err.println("create-operator: refused: an active operator already exists; operators create further staff");
            return REFUSED;
        } catch (RefusedException e) {
            err.println("create-operator: refused: " + (e.refusal() instanceof AccountRefusal.UsernameTaken
                    ? "the username is taken" : e.getMessage()));
            return REFUSED;
        }
    }
}
