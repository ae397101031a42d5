package my.benteng.testing;

import my.benteng.account.VerificationTokens;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans every integration-test context gets besides the clock (see SharedTestContext). */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    /**
     * Lets account tests mint tokens without the SMS round trip; every other token goes to the real otp
     * implementation, so end-to-end tests exercise the real path.
     */
    @Bean
    @Primary
    TestVerificationTokens testVerificationTokens(@Qualifier("otpVerificationTokens") VerificationTokens otp) {
        return new TestVerificationTokens(otp);
    }
}
