package my.benteng.testing;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** What both shared test contexts add to the application: the controllable clock and test-driven dispatch. */
final class SharedTestContext {

    private SharedTestContext() {
    }

    static void apply(ConfigurableApplicationContext context) {
        if (!(context instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("test context cannot take the test clock");
        }
        // primary: every Clock injection point gets the test clock; the platform's own bean stays defined
        RootBeanDefinition clock = new RootBeanDefinition(TestClock.class, () -> TestClock.INSTANCE);
        clock.setPrimary(true);
        registry.registerBeanDefinition("testClock", clock);
        // tests drive the outbox dispatcher themselves (OutboxDispatcher.dispatchDue()), so that no
        // background poll races with what they assert; messages still go to the dev outbox
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.messaging.dispatcher.enabled=false");
        // the same for the contact notifier (ContactNotifier.notifyDue()), which turns exposures into outbox messages
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.tracing.notify-in-background=false");
        // loopback is the trusted proxy, so each test journey can come from an address of its own (CodeJourney)
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.trusted-proxies=127.0.0.1/32,::1/128");
        // the shared contexts carry hundreds of unrelated tests whose codes mostly go unverified, all in the few
        // prefixes of CodeJourney.newMobile(): the conversion monitor and the first-contact quarantine would (rightly)
        // call that an attack. They are tested alone (DefaultShieldTest) and end to end on a context of their own
        // (ShieldQuarantineIntegrationTest).
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.shield.first-contact-hold=PT0S",
                "benteng.shield.conversion-min-sample=1000000");
        // and quiet hours (00:00-06:00 Kuala Lumpur = 16:00-22:00 UTC) would ask every first contact for the high-difficulty
        // proof of work, which CodeJourney does not solve: every code journey failed for six hours a day. QuietHoursPolicy
        // is tested alone (SimplePoliciesTest, DefaultShieldTest); equal start and end hours switch it off.
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.shield.quiet-hours-start-hour=0",
                "benteng.shield.quiet-hours-end-hour=0");
    }
}
