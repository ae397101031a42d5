package my.benteng;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
                // until the contact hashes are unified (issue 14 item 2)
                .and().doNotHaveFullyQualifiedName("my.benteng.shield.internal.DestinationHasher")
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
}
