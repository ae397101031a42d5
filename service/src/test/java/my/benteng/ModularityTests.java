package my.benteng;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the module boundaries of DESIGN.md: no module reaches into another's internals, no cycles. The
 * module list is asserted too, so that the check cannot pass by looking at packages that do not exist.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(BentengApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void theModulesOfTheDesignExist() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder("platform", "audit", "messaging", "shield", "account", "otp", "premises", "checkin",
                        "helpdesk", "tracing", "ekyc", "detection", "site", "forensics");
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        // the Documenter orders lines differently from run to run: the committed copies under docs/modules change only
        // when what they say changes, so a test run leaves the work tree clean
        try (var files = Files.list(GENERATED)) {
            for (Path generated : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Path committed = COMMITTED.resolve(generated.getFileName());
                if (!Files.exists(committed) || !sortedLines(committed).equals(sortedLines(generated))) {
                    Files.createDirectories(COMMITTED);
                    Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static final Path GENERATED = Path.of("target", "spring-modulith-docs");
    private static final Path COMMITTED = Path.of("..", "docs", "modules");

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }
}
