package my.benteng.messaging.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditLog;
import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.platform.Channel;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import my.benteng.platform.SpendLevel;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outbox behaviour that must hold on every database; run by one subclass per database. */
abstract class MessagingOutboxContract {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @Autowired
    Messaging messaging;
    @Autowired
    OutboxDispatcher contextDispatcher;
    @Autowired
    OutboxRepository outbox;
    @Autowired
    SuppressionList suppression;
    @Autowired
    RecipientHasher hasher;
    @Autowired
    MessagingProperties properties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JsonMapper json;

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension smtp =
            new com.icegreen.greenmail.junit5.GreenMailExtension(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());

    SmsGatewayStub gateway;
    OutboxDispatcher dispatcher;
    TransactionTemplate tx;

    @BeforeEach
    void pointTheSmsChannelAtALocalGateway() throws Exception {
        tx = new TransactionTemplate(transactions);
        freshGateway();
        // Every message an earlier test left (any class; enqueued at the real time, or waiting for a retry on this class's
        // pinned timeline) is delivered first, far in the future: otherwise it falls due in the middle of a test, takes
        // the gateway answers the test scripted and spends the day's budget the test measures.
        TestClock.INSTANCE.set(Instant.parse("2100-01-01T00:00:00Z"));
        drain(dispatcher);
        gateway.close();
        freshGateway();
        smtp.purgeEmailFromAllMailboxes(); // the leftover e-mails went to this test's SMTP server
        TestClock.INSTANCE.set(Instant.parse("2026-11-22T02:00:00Z"));
    }

    private void freshGateway() {
        gateway = new SmsGatewayStub();
        dispatcher = contextDispatcher.withSenders(Map.of(Channel.SMS, new HttpSmsSender(gateway.url(), "test-token",
                Duration.ofSeconds(2), Duration.ofSeconds(5), json), Channel.EMAIL, contextDispatcherEmail()));
    }

    @AfterEach
    void resetClockAndGateway() {
        TestClock.INSTANCE.reset();
        gateway.close();
    }

    @Test
    void messageEnqueuedInARolledBackTransactionIsNeverSent() {
        PhoneNumber phone = newPhone();
        UUID id = tx.execute(s -> {
            UUID enqueued = messaging.enqueue(Template.OTP_CODE, Contact.of(phone), otp("482913"));
            s.setRollbackOnly();
            return enqueued;
        });

        drain(dispatcher);

        assertThat(gateway.received()).extracting(SmsGatewayStub.Received::reference).doesNotContain(id.toString());
        assertThat(gateway.received()).extracting(SmsGatewayStub.Received::to).doesNotContain(phone.e164());
        assertThat(messaging.status(id)).isEmpty();
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> messaging.enqueue(Template.OTP_CODE, Contact.of(newPhone()), otp("482913")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void dispatchDeliversWithTheOutboxIdAsReference() {
        PhoneNumber phone = newPhone();
        UUID id = enqueue(phone, otp("731905"));
        assertThat(messaging.status(id)).contains(DeliveryStatus.PENDING);

        drain(dispatcher);

        assertThat(gateway.received()).singleElement().satisfies(r -> {
            assertThat(r.reference()).isEqualTo(id.toString());
            assertThat(r.to()).isEqualTo(phone.e164());
            assertThat(r.text()).contains("731905").startsWith("Benteng: Kod pengesahan anda ialah 731905.");
            assertThat(r.authorization()).isEqualTo("Bearer test-token");
        });
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
    }

    @Test
    void aHeldMessageWaitsForItsTimeAndCanBeCancelledUnsentUntilThen() {
        PhoneNumber sent = newPhone();
        PhoneNumber cancelled = newPhone();
        String key = "prefix:test" + NUMBERS.incrementAndGet();
        UUID held = tx.execute(s -> messaging.enqueueHeld(Template.OTP_CODE, Contact.of(sent), otp("120001"), Duration.ofSeconds(20), key));
        UUID other = tx.execute(s -> messaging.enqueueHeld(Template.OTP_CODE, Contact.of(cancelled), otp("120002"), Duration.ofSeconds(20),
                key + "x"));

        drain(dispatcher);
        TestClock.INSTANCE.advance(Duration.ofMillis(19_999));
        drain(dispatcher);
        assertThat(gateway.received()).isEmpty();
        assertThat(messaging.cancelHeld(key + "x")).isEqualTo(1);
        assertThat(messaging.cancelHeld(key + "x")).isZero();
        TestClock.INSTANCE.advance(Duration.ofMillis(1));
        drain(dispatcher);

        assertThat(gateway.received()).extracting(SmsGatewayStub.Received::to).containsExactly(sent.e164());
        assertThat(messaging.status(held)).contains(DeliveryStatus.SENT);
        assertThat(messaging.status(other)).contains(DeliveryStatus.CANCELLED);
        // a cancelled message keeps neither its recipient nor its code
        assertThat(jdbc.sql("SELECT recipient, parameters FROM messaging_outbox WHERE id = :id").param("id", other.toString())
                .query((rs, n) -> (rs.getString(1) == null ? "" : rs.getString(1)) + (rs.getString(2) == null ? "" : rs.getString(2)))
                .single()).isEmpty();
        // and a message already sent cannot be cancelled any more
        assertThat(messaging.cancelHeld(key)).isZero();
        assertThat(messaging.status(held)).contains(DeliveryStatus.SENT);
    }

    @Test
    void aHoldNeedsAKeyAndANonNegativeDuration() {
        assertThatThrownBy(() -> tx.execute(s -> messaging.enqueueHeld(Template.OTP_CODE, Contact.of(newPhone()), otp("120003"),
                Duration.ofSeconds(5), " "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx.execute(s -> messaging.enqueueHeld(Template.OTP_CODE, Contact.of(newPhone()), otp("120004"),
                Duration.ofSeconds(-5), "prefix:1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gatewayErrorIsRetriedWithExponentialBackoffUnderTheSameReference() {
        gateway.answer(503, 503);
        double retriedBefore = counter("retried");
        UUID id = enqueue(newPhone(), otp("550012"));

        drain(dispatcher);
        assertThat(messaging.status(id)).contains(DeliveryStatus.PENDING);
        TestClock.INSTANCE.advance(Duration.ofMillis(4_999));
        drain(dispatcher);
        assertThat(gateway.referencesFor(id)).hasSize(1);          // base delay 5 s not over yet
        TestClock.INSTANCE.advance(Duration.ofMillis(1));
        drain(dispatcher);
        assertThat(gateway.referencesFor(id)).hasSize(2);
        TestClock.INSTANCE.advance(Duration.ofMillis(9_999));
        drain(dispatcher);
        assertThat(gateway.referencesFor(id)).hasSize(2);          // second delay doubled to 10 s
        TestClock.INSTANCE.advance(Duration.ofMillis(1));
        drain(dispatcher);

        assertThat(gateway.referencesFor(id)).containsExactly(id.toString(), id.toString(), id.toString());
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        assertThat(counter("retried") - retriedBefore).isEqualTo(2.0);
    }

    @Test
    void retriesStopAfterTheLastAllowedAttempt() {
        int max = properties.dispatcher().maxAttempts();
        int[] failures = new int[max];
        java.util.Arrays.fill(failures, 503);
        gateway.answer(failures);
        UUID id = enqueue(newPhone(), otp("550013"));

        for (int i = 0; i < max + 2; i++) {
            drain(dispatcher);
            TestClock.INSTANCE.advance(properties.dispatcher().maxDelay());
        }

        assertThat(gateway.referencesFor(id)).hasSize(max);
        assertThat(messaging.status(id)).contains(DeliveryStatus.FAILED);
        assertThat(auditEvents("messaging_delivery_failed", id)).isEqualTo(1);
    }

    @Test
    void gatewayRejectionFailsAtOnceAndIsAudited() {
        gateway.answer(400);
        UUID id = enqueue(newPhone(), otp("550014"));

        drain(dispatcher);
        TestClock.INSTANCE.advance(Duration.ofHours(1));
        drain(dispatcher);

        assertThat(gateway.referencesFor(id)).hasSize(1);
        assertThat(messaging.status(id)).contains(DeliveryStatus.FAILED);
        assertThat(auditEvents("messaging_delivery_failed", id)).isEqualTo(1);
    }

    @Test
    void oneTimeCodeWhoseDispatcherDiedAfterTheGatewayAcceptedItIsNeverResentAndIsMarkedUncertain() {
        double uncertainBefore = counter("uncertain");
        UUID id = enqueue(newPhone(), otp("640222"));

        dispatchAndDieAfterTheGatewayAccepts(id);
        assertThat(gateway.referencesFor(id)).hasSize(1);
        assertThat(row(id).get("status")).isEqualTo("SENDING");
        drain(dispatcher); // while the lease runs, no other dispatcher touches it
        assertThat(gateway.referencesFor(id)).hasSize(1);

        TestClock.INSTANCE.advance(properties.dispatcher().lease());
        drain(dispatcher);
        TestClock.INSTANCE.advance(properties.dispatcher().maxDelay());
        drain(dispatcher);

        assertThat(gateway.referencesFor(id)).as("a code is sent at most once").hasSize(1);
        assertThat(row(id).get("status")).isEqualTo("UNCERTAIN");
        assertThat(messaging.status(id)).contains(DeliveryStatus.UNCERTAIN);
        assertThat(counter("uncertain") - uncertainBefore).isEqualTo(1.0);
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isEqualTo(1);
        assertThat(row(id).get("parameters")).as("the code does not stay in the table").isNull();
        assertThat(row(id).get("charged")).as("possibly delivered, so possibly paid for: it stays in the spend").isIn(1, 1L);
    }

    @Test
    void contactNotificationWhoseDispatcherDiedAfterTheGatewayAcceptedItIsSentAgainWithTheSameReference() {
        double uncertainBefore = counter("uncertain");
        UUID id = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(newPhone()), TemplateParameters.none()));

        dispatchAndDieAfterTheGatewayAccepts(id);
        drain(dispatcher);
        assertThat(gateway.referencesFor(id)).hasSize(1);
        assertThat(row(id).get("status")).isEqualTo("SENDING");

        TestClock.INSTANCE.advance(properties.dispatcher().lease());
        drain(dispatcher);

        assertThat(gateway.referencesFor(id)).as("at least once, under one reference").containsExactly(id.toString(), id.toString());
        assertThat(gateway.received()).filteredOn(r -> r.reference().equals(id.toString())).extracting(SmsGatewayStub.Received::text)
                .containsOnly(gateway.received().stream().filter(r -> r.reference().equals(id.toString())).findFirst().orElseThrow().text());
        assertThat(row(id).get("status")).isEqualTo("SENT");
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isZero();
        assertThat(counter("uncertain")).isEqualTo(uncertainBefore);
    }

    @Test
    void oneTimeCodeClaimedByADispatcherThatDiedBeforeSendingIsSentOnceWhenTheLeaseRunsOut() {
        UUID id = enqueue(newPhone(), otp("640223"));
        // the claim commits, then the node dies before admitting (charging) the message: it never reached a sender
        assertThat(dispatcher.claim().send()).extracting(OutboxMessage::id).contains(id);

        TestClock.INSTANCE.advance(properties.dispatcher().lease());
        drain(dispatcher);

        assertThat(gateway.referencesFor(id)).hasSize(1);
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isZero();
    }

    @Test
    void oneTimeCodeIsSentAgainAfterACrashWhenTheGatewayDeduplicatesByReference() {
        UUID id = enqueue(newPhone(), otp("640224"));
        OutboxDispatcher idempotentGateway = dispatcher.withUncertainDeliveryPolicy(new UncertainDeliveryPolicy(true));

        dispatchAndDieAfterTheGatewayAccepts(idempotentGateway, id);
        TestClock.INSTANCE.advance(properties.dispatcher().lease());
        drain(idempotentGateway);

        assertThat(gateway.referencesFor(id)).containsExactly(id.toString(), id.toString());
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isZero();
    }

    @Test
    void oneTimeCodeTheGatewayTookButNeverAnsweredIsNotSentAgainAndIsMarkedUncertain() {
        double uncertainBefore = counter("uncertain");
        gateway.answer(SmsGatewayStub.NO_ANSWER);
        UUID id = enqueue(newPhone(), otp("640226"));

        drain(impatient());
        TestClock.INSTANCE.advance(properties.dispatcher().maxDelay());
        drain(impatient());

        assertThat(gateway.referencesFor(id)).hasSize(1);
        assertThat(messaging.status(id)).contains(DeliveryStatus.UNCERTAIN);
        assertThat(counter("uncertain") - uncertainBefore).isEqualTo(1.0);
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isEqualTo(1);
    }

    @Test
    void contactNotificationTheGatewayTookButNeverAnsweredIsRetriedUnderTheSameReference() {
        gateway.answer(SmsGatewayStub.NO_ANSWER);
        UUID id = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(newPhone()), TemplateParameters.none()));

        drain(impatient());
        assertThat(messaging.status(id)).contains(DeliveryStatus.PENDING);
        TestClock.INSTANCE.advance(properties.dispatcher().baseDelay());
        drain(impatient());

        assertThat(gateway.referencesFor(id)).containsExactly(id.toString(), id.toString());
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        assertThat(auditEvents("messaging_delivery_uncertain", id)).isZero();
    }

    /** The test dispatcher with a short read timeout: the gateway that never answers is given up on quickly. */
    private OutboxDispatcher impatient() {
        return dispatcher.withSenders(Map.of(Channel.SMS, new HttpSmsSender(gateway.url(), "test-token", Duration.ofSeconds(2),
                Duration.ofMillis(300), json)));
    }

    @Test
    void dispatchInsideATransactionIsRefusedBecauseTheClaimMustCommitBeforeSending() {
        UUID id = enqueue(newPhone(), otp("640225"));

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> dispatcher.dispatchDue())).isInstanceOf(IllegalStateException.class);

        assertThat(gateway.referencesFor(id)).isEmpty();
        assertThat(messaging.status(id)).contains(DeliveryStatus.PENDING);
    }

    @Test
    void aLateResultOfADeadDispatcherCannotOverwriteTheNewerClaim() {
        UUID id = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(newPhone()), TemplateParameters.none()));
        OutboxMessage mine = dispatcher.claim().send().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();

        TestClock.INSTANCE.advance(properties.dispatcher().lease());
        drain(dispatcher);

        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        Boolean overwritten = tx.execute(s -> outbox.finish(mine, DeliveryStatus.FAILED, "late", 0));
        assertThat(overwritten).isFalse();
    }

    /**
     * Runs the real dispatcher against the real gateway stub and kills it (as {@code kill -9} would) right after
     * the gateway accepted {@code id}: nothing after the HTTP call is recorded, the row stays SENDING under its lease.
     */
    void dispatchAndDieAfterTheGatewayAccepts(UUID id) {
        dispatchAndDieAfterTheGatewayAccepts(dispatcher, id);
    }

    void dispatchAndDieAfterTheGatewayAccepts(OutboxDispatcher base, UUID id) {
        HttpSmsSender sms = new HttpSmsSender(gateway.url(), "test-token", Duration.ofSeconds(2), Duration.ofSeconds(5), json);
        MessageSender dying = message -> {
            SendResult result = sms.send(message);
            assertThat(result).isInstanceOf(SendResult.Accepted.class);
            throw new NodeKilled();
        };
        OutboxDispatcher doomed = base.withSenders(Map.of(Channel.SMS, dying));
        try {
            doomed.dispatchDue();
        } catch (NodeKilled expected) {
            // the process is gone: nothing after the send ran
        }
        assertThat(gateway.referencesFor(id)).as("the gateway got it before the crash").isNotEmpty();
    }

    /** An Error, not an exception: the dispatcher must not get to handle it, as it would not after kill -9. */
    static final class NodeKilled extends Error {
        NodeKilled() {
            super("node killed", null, false, false);
        }
    }

    @Test
    void emailIsDeliveredThroughSmtpWithTheOutboxIdAsMessageId() throws Exception {
        var address = my.benteng.platform.EmailAddress.parse("citizen@example.com");
        UUID id = tx.execute(s -> messaging.enqueue(Template.HELPDESK_ACKNOWLEDGEMENT, Contact.of(address),
                my.benteng.messaging.Language.EN, TemplateParameters.of("reference", my.benteng.messaging.TicketReference.of("HD-7K3Q9XZ2"))));

        drain(dispatcher);

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo("<" + id + "@benteng.example>");
        assertThat(received[0].getSubject()).isEqualTo("We have received your request (HD-7K3Q9XZ2)");
        assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly("citizen@example.com");
        assertThat(messaging.status(id)).contains(DeliveryStatus.SENT);
        assertThat(row(id).get("recipient")).isNull();
    }

    @Test
    void suppressedRecipientGetsNoNoticesButStillGetsSecurityCodes() {
        PhoneNumber phone = newPhone();
        messaging.suppress(Contact.of(phone), "user_request");
        assertThat(messaging.isSuppressed(Contact.of(phone))).isTrue();
        assertThat(messaging.isSuppressed(Contact.of(newPhone()))).isFalse();

        UUID notice = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(phone), TemplateParameters.none()));
        UUID code = enqueue(phone, otp("100200"));
        drain(dispatcher);

        assertThat(gateway.referencesFor(notice)).isEmpty();
        assertThat(messaging.status(notice)).contains(DeliveryStatus.SUPPRESSED);
        assertThat(gateway.referencesFor(code)).hasSize(1);
        assertThat(messaging.status(code)).contains(DeliveryStatus.SENT);
    }

    @Test
    void aSuppressionStoredInTheLegacyFormKeepsSuppressing() {
        PhoneNumber phone = newPhone();
        Contact email = Contact.of(my.benteng.platform.EmailAddress.parse("Legacy." + UUID.randomUUID() + "@Contoh.my"));
        legacySuppression(Contact.of(phone));
        legacySuppression(email);

        assertThat(messaging.isSuppressed(Contact.of(phone))).isTrue();
        assertThat(messaging.isSuppressed(Contact.of(my.benteng.platform.EmailAddress.parse(email.value().toLowerCase(java.util.Locale.ROOT)))))
                .as("the legacy form ignored an address's case too").isTrue();
        UUID notice = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(phone), TemplateParameters.none()));
        UUID code = enqueue(phone, otp("100300"));
        drain(dispatcher);

        assertThat(messaging.status(notice)).contains(DeliveryStatus.SUPPRESSED);
        assertThat(gateway.referencesFor(notice)).isEmpty();
        assertThat(messaging.status(code)).as("security codes still go out").contains(DeliveryStatus.SENT);
    }

    @Test
    void aMessageQueuedInTheLegacyFormIsSuppressedByASuppressionInEitherForm() {
        PhoneNumber suppressedNow = newPhone();
        PhoneNumber suppressedBefore = newPhone();
        legacySuppression(Contact.of(suppressedBefore));
        // queued before the upgrade: the row holds the legacy hash
        UUID first = legacyQueued(suppressedNow);
        UUID second = legacyQueued(suppressedBefore);
        messaging.suppress(Contact.of(suppressedNow), "user_request");

        drain(dispatcher);

        assertThat(messaging.status(first)).contains(DeliveryStatus.SUPPRESSED);
        assertThat(messaging.status(second)).contains(DeliveryStatus.SUPPRESSED);
        assertThat(gateway.referencesFor(first)).isEmpty();
        assertThat(gateway.referencesFor(second)).isEmpty();
    }

    @Test
    void newSuppressionsAndMessagesAreStoredInTheCurrentForm() {
        PhoneNumber phone = newPhone();
        messaging.suppress(Contact.of(phone), "user_request");
        UUID id = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(phone), TemplateParameters.none()));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_suppression WHERE recipient_hash = :h")
                .param("h", hasher.hash(Contact.of(phone))).query(Long.class).single()).isEqualTo(1L);
        assertThat(outbox.recipientHash(id)).isEqualTo(hasher.hash(Contact.of(phone)));
    }

    /** A suppression as stored before the current form: by the legacy hash. */
    private void legacySuppression(Contact recipient) {
        jdbc.sql("""
                        INSERT INTO messaging_suppression (recipient_hash, channel, recipient_masked, reason, created_at)
                        VALUES (:hash, :channel, :masked, 'complaint', 0)""")
                .param("hash", hasher.legacyHash(recipient)).param("channel", recipient.channel().name())
                .param("masked", recipient.masked()).update();
    }

    /** A notification queued before the current form: its row holds the legacy hash. */
    private UUID legacyQueued(PhoneNumber phone) {
        return tx.execute(s -> {
            UUID id = messaging.enqueue(Template.CONTACT_NOTIFICATION, Contact.of(phone), TemplateParameters.none());
            jdbc.sql("UPDATE messaging_outbox SET recipient_hash = :h WHERE id = :id")
                    .param("h", hasher.legacyHash(Contact.of(phone))).param("id", id.toString()).update();
            return id;
        });
    }

    @Test
    void spendCapReachedCapsMessagesAndSendsNothingMore() {
        TestClock.INSTANCE.set(Instant.parse("2030-03-03T01:00:00Z")); // a day no other test spends on
        MessagingProperties.Sms sms = properties.sms();
        MessagingProperties tight = new MessagingProperties(properties.defaultLanguage(), properties.recipientKey(),
                properties.spendZone(), properties.nearCapShare(), properties.dispatcher(),
                new MessagingProperties.Sms(sms.mode(), sms.http(), Map.of("MY", new BigDecimal("0.05")), new BigDecimal("0.20"),
                        new BigDecimal("0.10"), new BigDecimal("100")),
                properties.email());
        OutboxDispatcher capped = new OutboxDispatcher(outbox, suppression, new SpendMeter(jdbc, tight, TestClock.INSTANCE),
                Map.of(Channel.SMS, new HttpSmsSender(gateway.url(), "t", Duration.ofSeconds(2), Duration.ofSeconds(5), json)),
                tx, audit, meters, TestClock.INSTANCE, properties.dispatcher());
        double cappedBefore = counter("capped");
        SpendMeter meter = new SpendMeter(jdbc, tight, TestClock.INSTANCE);
        assertThat(meter.level(Channel.SMS)).isEqualTo(SpendLevel.NORMAL);

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(enqueue(newPhone(), otp("90000" + i)));
            drain(capped);
        }

        assertThat(ids).extracting(id -> messaging.status(id).orElseThrow())
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.CAPPED, DeliveryStatus.CAPPED);
        assertThat(gateway.referencesFor(ids.get(2))).isEmpty();
        assertThat(gateway.referencesFor(ids.get(3))).isEmpty();
        assertThat(jdbc.sql("SELECT spent_micros FROM messaging_spend WHERE channel = 'SMS' AND period = '2030-03-03'")
                .query(Long.class).single()).isEqualTo(100_000L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'messaging_spend_cap_reached' AND details LIKE '%2030-03-03%'")
                .query(Long.class).single()).as("one alert per period").isEqualTo(1L);
        assertThat(counter("capped") - cappedBefore).isEqualTo(2.0);
        TestClock.INSTANCE.advance(Duration.ofSeconds(1)); // a level is reused for up to a second (the cap itself is exact)
        assertThat(meter.level(Channel.SMS)).as("what the shield is told before the next code").isEqualTo(SpendLevel.OVER_CAP);
    }

    @Test
    void aBurnRateThatHitsTheDailyCapBeforeTheDayEndsRaisesOneAlertWithTheTime() {
        // 10:00 in Kuala Lumpur, a day no other test spends on; one SMS costs 0.05, the day's cap is 1.00
        TestClock.INSTANCE.set(Instant.parse("2030-03-05T02:00:00Z"));
        MessagingProperties.Sms sms = properties.sms();
        MessagingProperties budget = new MessagingProperties(properties.defaultLanguage(), properties.recipientKey(),
                properties.spendZone(), 0.7, properties.dispatcher(),
                new MessagingProperties.Sms(sms.mode(), sms.http(), Map.of("MY", new BigDecimal("0.05")), new BigDecimal("0.20"),
                        new BigDecimal("1.00"), new BigDecimal("100")),
                properties.email());
        SpendMeter meter = new SpendMeter(jdbc, budget, TestClock.INSTANCE);
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, suppression, meter,
                Map.of(Channel.SMS, new HttpSmsSender(gateway.url(), "t", Duration.ofSeconds(2), Duration.ofSeconds(5), json)),
                tx, audit, meters, TestClock.INSTANCE, properties.dispatcher());
        String alerts = "SELECT COUNT(*) FROM audit_entry WHERE event = 'messaging_spend_forecast_over_cap' AND details LIKE '%2030-03-05%'";

        // one SMS is 5 % of the cap: too early in the day's spend to say anything
        enqueue(newPhone(), otp("700001"));
        drain(dispatcher);
        assertThat(jdbc.sql(alerts).query(Long.class).single()).isZero();
        // half an hour later a second one: 10 % spent at 0.10 an hour → the cap would fall at 19:30, before the day ends:
        // the alert; two more make it 0.20 an hour with 0.80 left, the cap at 14:30
        TestClock.INSTANCE.advance(Duration.ofMinutes(30));
        for (int i = 0; i < 3; i++) {
            enqueue(newPhone(), otp("70001" + i));
            drain(dispatcher);
        }
        SpendMeter.Forecast f = meter.forecast(Channel.SMS);
        assertThat(f.spentMicros()).isEqualTo(200_000L);
        assertThat(f.perHourMicros()).isEqualTo(200_000L);
        assertThat(f.capAt()).contains(Instant.parse("2030-03-05T06:30:00Z"));
        assertThat(f.firstContactMicros()).isEqualTo(700_000L);
        assertThat(jdbc.sql(alerts).query(Long.class).single()).as("one alert a day").isEqualTo(1L);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE event = 'messaging_spend_forecast_over_cap' AND details LIKE '%2030-03-05%'")
                .query(String.class).single()).contains("19:30");
        // more spending the same day raises no second one
        TestClock.INSTANCE.advance(Duration.ofMinutes(2));
        enqueue(newPhone(), otp("700020"));
        drain(dispatcher);
        assertThat(jdbc.sql(alerts).query(Long.class).single()).isEqualTo(1L);
        // an hour later with nothing spent, the rate of the last 60 minutes falls off with the old hour's weight
        TestClock.INSTANCE.advance(Duration.ofMinutes(88)); // 12:00 KL: the 10:00 hour is out of the window
        assertThat(meter.forecast(Channel.SMS).perHourMicros()).isZero();
        assertThat(meter.forecast(Channel.SMS).capAt()).isEmpty();
    }

    @Test
    void parametersAndRecipientAreWipedOnceAMessageIsTerminal() {
        gateway.answer(503);
        UUID sent = enqueue(newPhone(), otp("271828"));
        drain(dispatcher);
        assertThat(row(sent).get("parameters")).as("kept while a retry needs it").isNotNull();

        TestClock.INSTANCE.advance(Duration.ofMinutes(1));
        drain(dispatcher);

        Map<String, Object> row = row(sent);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("parameters")).isNull();
        assertThat(row.get("recipient")).isNull();
        assertThat(row.get("recipient_masked").toString()).contains("*");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE parameters LIKE '%271828%'").query(Long.class).single()).isZero();
    }

    @Test
    void concurrentDispatchersNeverSendAMessageTwice() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            ids.addAll(tx.execute(s -> {
                List<UUID> made = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    made.add(messaging.enqueue(Template.OTP_CODE, Contact.of(newPhone()), otp("123456")));
                }
                return made;
            }));
        }

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(dispatcher));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(dispatcher));
        CompletableFuture.allOf(first, second).get();

        List<String> references = gateway.received().stream().map(SmsGatewayStub.Received::reference).toList();
        assertThat(references).doesNotHaveDuplicates();
        assertThat(references).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
    }

    /** Mail in these shared contexts goes to the dev outbox; here it goes to a real SMTP server (GreenMail). */
    private MessageSender contextDispatcherEmail() {
        org.springframework.mail.javamail.JavaMailSenderImpl mail = new org.springframework.mail.javamail.JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        return new SmtpEmailSender(mail, "donotreply@benteng.example", "Benteng", null);
    }

    UUID enqueue(PhoneNumber phone, TemplateParameters parameters) {
        return tx.execute(s -> messaging.enqueue(Template.OTP_CODE, Contact.of(phone), parameters));
    }

    static TemplateParameters otp(String code) {
        return TemplateParameters.of("code", OtpCode.of(code), "minutes", Minutes.of(5));
    }

    static PhoneNumber newPhone() {
        return PhoneNumber.parse(String.format("+6012%07d", NUMBERS.incrementAndGet() + (int) (ProcessHandle.current().pid() % 1000) * 1000));
    }

    static void drain(OutboxDispatcher d) {
        while (d.dispatchDue() > 0) {
            // until nothing is due
        }
    }

    Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT status, parameters, recipient, recipient_masked, charged FROM messaging_outbox WHERE id = :id")
                .param("id", id.toString()).query().singleRow();
    }

    long auditEvents(String name, UUID reference) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = :name AND details LIKE :ref")
                .param("name", name).param("ref", "%" + reference + "%").query(Long.class).single();
    }

    double counter(String outcome) {
        var c = meters.find("benteng.messages").tags("channel", "sms", "template", "otp_code", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
