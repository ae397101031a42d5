package my.benteng.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every integration-test context gets: the movable clock and the stand-in for the otp module's tokens. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    /** Remove once the otp module implements VerificationTokens (tests then issue tokens through it). */
    @Bean
    TestVerificationTokens testVerificationTokens() {
        return new TestVerificationTokens();
    }
}
