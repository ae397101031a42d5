package my.benteng;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

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
                        "helpdesk", "tracing", "ekyc");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules")).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
