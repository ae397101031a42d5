package my.benteng;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import java.util.Random;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * One way to make an id or a secret: {@code platform.RandomIds} over the injected {@code SecureRandom}; one way to make a
 * keyed hash: {@code platform.KeyedHash}.
 */
class VocabularyRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("my.benteng");

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
                .and().doNotHaveFullyQualifiedName("my.benteng.account.internal.ContactHasher")
                .and().doNotHaveFullyQualifiedName("my.benteng.messaging.internal.RecipientHasher")
                .should().callMethod(Mac.class, "getInstance", String.class)
                .orShould().callMethod(Mac.class, "getInstance", String.class, String.class)
                .orShould().callMethod(Mac.class, "getInstance", String.class, java.security.Provider.class)
                .because("keyed hashes come from platform.KeyedHash").check(MAIN);
    }
}
