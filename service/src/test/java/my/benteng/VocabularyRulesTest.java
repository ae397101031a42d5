package my.benteng;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.Refusal;
import my.benteng.platform.RefusalProblems;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import javax.crypto.Mac;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One way to make an id or a secret: {@code platform.RandomIds} over the injected {@code SecureRandom}; one way to make a
 * keyed hash: {@code platform.KeyedHash}. One contact vocabulary: {@code platform.Contact}, {@code Channel} and
 * {@code SpendLevel}, never a module's own copy.
 */
class VocabularyRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("my.benteng");

    /** The names the contact vocabulary had in its copies (shield, messaging, account) before it moved to platform. */
    private static final Set<String> CONTACT_VOCABULARY = Set.of("Contact", "Channel", "SpendLevel", "Destination", "Recipient",
            "SpendStatus", "ContactChannel");

    /** The constants of platform's enums: a renamed copy of Channel or SpendLevel still has them. */
    private static final List<Set<String>> VOCABULARY_ENUMS = List.of(Set.of("SMS", "EMAIL"), Set.of("NORMAL", "NEAR_CAP", "OVER_CAP"));

    @Test
    void idsComeFromRandomIdsNotUuidRandomUuid() {
        // UUID.randomUUID() hides where the randomness comes from (tests and reviews cannot see or replace it)
        noClasses().should().callMethod(UUID.class, "randomUUID").because("ids come from platform.RandomIds").check(MAIN);
    }

    @Test
    void nothingUsesAPredictableRandom() {
        // anything that grants access or names a row must not be guessable
        noClasses().should().callConstructor(Random.class).orShould().callConstructor(Random.class, long.class)
                .because("randomness comes from the injected SecureRandom").check(MAIN);
    }

    @Test
    void keyedHashesComeFromThePlatform() {
        // one audited implementation of HMAC (key handling, domain separation, nothing printed) instead of a copy per module
        noClasses().that().resideOutsideOfPackage("my.benteng.platform..")
                .should().callMethod(Mac.class, "getInstance", String.class)
                .orShould().callMethod(Mac.class, "getInstance", String.class, String.class)
                .orShould().callMethod(Mac.class, "getInstance", String.class, java.security.Provider.class)
                .because("keyed hashes come from platform.KeyedHash").check(MAIN);
    }

    @Test
    void theContactVocabularyIsDeclaredOnlyInPlatform() {
        // a module that needs a variant extends the platform type; a copy brings back the translation code between them
        classes().that().resideOutsideOfPackage("my.benteng.platform..")
                .should(new ArchCondition<JavaClass>("not be named like or shaped like a platform contact type") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (CONTACT_VOCABULARY.contains(type.getSimpleName())) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " copies a platform type's name"));
                        }
                        if (type.isEnum() && VOCABULARY_ENUMS.contains(Set.copyOf(type.getEnumConstants().stream()
                                .map(JavaEnumConstant::name).toList()))) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " copies platform.Channel or platform.SpendLevel"));
                        }
                    }
                })
                .because("Contact, Channel and SpendLevel are platform types every module uses").check(MAIN);
    }

    @Test
    void servicesDoNotBuildProblemDetails() {
        // services return outcomes or throw RefusedException; only a module's web layer (and the platform, which answers
        // for all of them) decides statuses and words, so an HTTP change never reaches into a service (HttpStatusCode
        // stays allowed: a client of someone else's HTTP API, the SMS gateway's, reads the status it gets)
        noClasses().that().resideOutsideOfPackages("my.benteng.*.web..", "my.benteng.platform..")
                .should().dependOnClassesThat().belongToAnyOf(ApiProblem.class, ProblemWords.class, ProblemDetail.class, HttpStatus.class)
                .because("services refuse with a module Refusal; the web layer words it").check(MAIN);
    }

    @Test
    void refusalWordsLiveInTheWebLayer() {
        classes().that().implement(RefusalProblems.class).should().resideInAPackage("my.benteng.*.web")
                .because("only web/ speaks HTTP").check(MAIN);
        // and the refusals themselves beside the services that refuse, so a service never needs its web layer
        classes().that().implement(Refusal.class).should().resideOutsideOfPackage("my.benteng.*.web..")
                .because("services refuse, the web layer words").check(MAIN);
    }

    /** What a refusal's text components are filled with: words that quoted it would quote the client's input. */
    private static final String CANARY = "input-the-client-sent-7f3a";

    @Test
    void everyRefusalHasItsWords() throws ReflectiveOperationException {
        // boot-free: every RefusalProblems bean is made by hand, every refusal (each enum constant, each record with made-up
        // components) is worded by exactly one of them, of its own module, in words that do not quote what it carries
        List<RefusalProblems<?>> problems = new ArrayList<>();
        for (JavaClass type : MAIN.stream().filter(c -> c.isAssignableTo(RefusalProblems.class) && !c.isInterface()).toList()) {
            Constructor<?> constructor = type.reflect().getDeclaredConstructor();
            constructor.setAccessible(true);
            problems.add((RefusalProblems<?>) constructor.newInstance());
        }
        Set<String> modules = new TreeSet<>();
        for (JavaClass type : MAIN.stream().filter(c -> c.isAssignableTo(Refusal.class) && !c.isInterface()).toList()) {
            Class<?> refusalType = type.reflect();
            List<RefusalProblems<?>> claimants = problems.stream().filter(p -> p.refusalType().isAssignableFrom(refusalType)).toList();
            assertThat(claimants).as("the RefusalProblems that word %s", refusalType.getName()).hasSize(1);
            RefusalProblems<?> claimant = claimants.getFirst();
            assertThat(moduleOf(claimant.getClass())).as("the module of %s's words", refusalType.getName()).isEqualTo(moduleOf(refusalType));
            modules.add(moduleOf(refusalType));
            for (Refusal refusal : instancesOf(refusalType)) {
                ProblemWords words = wordsOf(claimant, refusal);
                assertThat(words).as("the words for %s", refusal).isNotNull();
                assertThat(words.status().isError()).as("%s is an error status", words.status()).isTrue();
                assertThat(words.slug()).matches("[a-z0-9]+(-[a-z0-9]+)*");
                assertThat(words.title()).isNotBlank().doesNotContain(CANARY);
                assertThat(words.detail()).isNotBlank().doesNotContain(CANARY);
            }
        }
        // not vacuous: the modules that refuse through the platform were all looked at
        assertThat(modules).contains("account", "checkin", "premises", "tracing", "helpdesk", "ekyc");
    }

    private static String moduleOf(Class<?> type) {
        return type.getPackageName().split("\\.")[2];
    }

    @SuppressWarnings("unchecked")
    private static <R extends Refusal> ProblemWords wordsOf(RefusalProblems<R> problems, Refusal refusal) {
        return problems.words((R) refusal);
    }

    private static List<Refusal> instancesOf(Class<?> type) throws ReflectiveOperationException {
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(Refusal.class::cast).toList();
        }
        assertThat(type.isRecord()).as("%s is a record or an enum", type.getName()).isTrue();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> c = components[i].getType();
            if (c == String.class) {
                values[i] = CANARY;
            } else if (c == Duration.class) {
                values[i] = Duration.ofSeconds(7);
            } else if (c == long.class || c == int.class) {
                values[i] = c == long.class ? (Object) 7L : (Object) 7;
            } else {
                throw new AssertionError("teach everyRefusalHasItsWords a value of " + c.getName() + " for " + type.getName());
            }
        }
        Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        return List.of((Refusal) canonical.newInstance(values));
    }
}
