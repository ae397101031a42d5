package my.benteng.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every integration-test context gets besides the clock (see SharedTestContext). */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    /** Remove once the otp module implements VerificationTokens (tests then issue tokens through it). */
    @Bean
    TestVerificationTokens testVerificationTokens() {
        return new TestVerificationTokens();
    }
}
