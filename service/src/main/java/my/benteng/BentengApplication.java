package my.benteng;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** Benteng: one deployable service, one top-level package per module (see DESIGN.md). */
// no generated default user or password: staff authenticate through the account module only
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class BentengApplication {

    public static void main(String[] args) {
        SpringApplication.run(BentengApplication.class, args);
    }
}
