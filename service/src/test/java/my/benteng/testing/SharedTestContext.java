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
        // and leak investigations (InvestigationAnalyser.analyseDue()), so a test reads its findings when it has asked for them
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.forensics.analyse-in-background=false");
        // no periodic job (retention purges, audit checkpoints, clean-ups) runs behind the tests' backs: a purge run while
        // another test has moved the clock deletes that test's data, and a long one holds SQLite's write lock past the
        // busy timeout of a test's parallel requests; the tests of each job call it directly
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.scheduled-jobs.enabled=false");
        // loopback is the trusted proxy, so each test journey can come from an address of its own (CodeJourney)
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.trusted-proxies=127.0.0.1/32,::1/128");
        // the shared contexts carry hundreds of unrelated tests whose codes mostly go unverified, all in the few
        // prefixes of CodeJourney.newMobile(): the conversion monitor and the first-contact quarantine would (rightly)
        // call that an attack. They are tested alone (DefaultShieldTest) and end to end on a context of their own
        // (ShieldQuarantineIntegrationTest).
        // Quiet hours (00:00-06:00 in Kuala Lumpur) ask a first contact for the high proof-of-work difficulty: with the
        // clock at system time, the suite would pass or fail by the hour it runs (16:00-22:00 UTC failed). The policy is
        // tested with a fixed clock (SimplePoliciesTest, DefaultShieldTest); the shared contexts switch it off.
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "benteng.shield.first-contact-hold=PT0S",
                "benteng.shield.conversion-min-sample=1000000",
                // the pumping signal too: hundreds of unverified first codes are no attack here (tested in DefaultShieldTest)
                "benteng.shield.pumping.min-sample=1000000", "benteng.shield.pumping.range-min-sample=1000000",
                "benteng.shield.quiet-hours-start-hour=0", "benteng.shield.quiet-hours-end-hour=0");
    }
}
