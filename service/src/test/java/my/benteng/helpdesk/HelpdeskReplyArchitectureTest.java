package my.benteng.helpdesk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import my.benteng.messaging.AgentReplyText;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one free-text template value, {@link AgentReplyText}, may be made only by the helpdesk's agent-reply path
 * (and read back by messaging itself). A new caller elsewhere — a notification, a tracing message — fails the build.
 */
class HelpdeskReplyArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("my.benteng");

    @Test
    void onlyTheAgentDeskAndMessagingTouchAgentReplyText() {
        noClasses().that().resideOutsideOfPackages("my.benteng.messaging..")
                .and().doNotHaveFullyQualifiedName("my.benteng.helpdesk.internal.AgentDesk")
                .should().dependOnClassesThat().haveFullyQualifiedName(AgentReplyText.class.getName())
                .check(MAIN);
    }

    @Test
    void theRuleLooksAtRealClasses() {
        assertThat(MAIN.contain("my.benteng.helpdesk.internal.AgentDesk")).isTrue();
        assertThat(MAIN.get("my.benteng.helpdesk.internal.AgentDesk").getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getName().equals(AgentReplyText.class.getName()));
    }
}
