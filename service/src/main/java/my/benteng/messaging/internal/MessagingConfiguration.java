package my.benteng.messaging.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditLog;
import my.benteng.messaging.Messaging;
import my.benteng.platform.Channel;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Wires the outbox, its channels and the dev outbox from {@link MessagingProperties}. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    RecipientHasher recipientHasher(MessagingProperties properties, LocalSecrets secrets) {
        return RecipientHasher.create(properties, secrets);
    }

    @Bean
    OutboxRepository outboxRepository(JdbcClient jdbc, DatabaseDialect dialect) {
        return new OutboxRepository(jdbc, dialect);
    }

    @Bean
    SuppressionList suppressionList(JdbcClient jdbc, RecipientHasher hasher, Clock clock) {
        return new SuppressionList(jdbc, hasher, clock);
    }

    @Bean
    SpendMeter spendMeter(JdbcClient jdbc, MessagingProperties properties, Clock clock) {
        return new SpendMeter(jdbc, properties, clock);
    }

    @Bean
    SpendReport spendReport(SpendMeter meter) {
        return new SpendReport(meter);
    }

    @Bean
    DevOutbox devOutbox(PlatformProperties platform, JsonMapper json, Clock clock) {
        return new DevOutbox(platform.dataDir(), json, clock);
    }

    @Bean
    OutboxDispatcher outboxDispatcher(OutboxRepository outbox, SuppressionList suppression, SpendMeter spend,
                                      MessagingProperties properties, DevOutbox devOutbox, ObjectProvider<JavaMailSender> mail,
                                      JsonMapper json, PlatformTransactionManager transactions, AuditLog audit,
                                      MeterRegistry meters, Clock clock) {
        Map<Channel, MessageSender> senders = new EnumMap<>(Channel.class);
        senders.put(Channel.SMS, properties.sms().mode() == MessagingProperties.Mode.DEV ? devOutbox.sender() : smsSender(properties, json));
        senders.put(Channel.EMAIL, properties.email().mode() == MessagingProperties.Mode.DEV ? devOutbox.sender() : emailSender(properties, mail));
        return new OutboxDispatcher(outbox, suppression, spend, senders, new TransactionTemplate(transactions), audit, meters,
                clock, properties.dispatcher(), UncertainDeliveryPolicy.from(properties));
    }

    @Bean
    DispatchLoop dispatchLoop(OutboxDispatcher dispatcher, MessagingProperties properties) {
        return new DispatchLoop(dispatcher, properties.dispatcher());
    }

    @Bean
    Messaging messaging(OutboxRepository outbox, SuppressionList suppression, RecipientHasher hasher, DispatchLoop loop,
                        Clock clock, SecureRandom random, MessagingProperties properties, SpendMeter spend) {
        return new OutboxMessaging(outbox, suppression, hasher, loop, clock, random, properties.defaultLanguage(), spend);
    }

    /** The dev outbox shows whole addresses and codes: reachable only while dev tools are on. */
    @Bean
    HttpAuthorizationRules messagingAuthorizationRules(PlatformProperties platform) {
        return rules -> {
            rules.requestMatchers("/api/v1/messaging/spend").hasRole("OPERATOR");
            if (platform.devTools()) {
                rules.requestMatchers("/dev/outbox").permitAll();
            } else {
                rules.requestMatchers("/dev/**").denyAll();
            }
        };
    }

    @Bean
    ProductionCheck messagingProductionCheck(MessagingProperties properties, Environment environment) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (properties.recipientKey().length() < 32) {
                problems.add("benteng.messaging.recipient-key must be set (at least 32 characters) in production");
            }
            if (properties.sms().mode() == MessagingProperties.Mode.DEV) {
                problems.add("benteng.messaging.sms.mode is dev: SMS would go to the dev outbox file");
            } else {
                if (properties.sms().http().url() == null || properties.sms().http().url().toString().isBlank()) {
                    problems.add("benteng.messaging.sms.http.url is not set");
                } else if (!"https".equalsIgnoreCase(properties.sms().http().url().getScheme())) {
                    problems.add("benteng.messaging.sms.http.url must be an https URL in production");
                }
                if (properties.sms().http().token().isBlank()) {
                    problems.add("benteng.messaging.sms.http.token is not set");
                }
                // a send still waiting for the gateway when its lease runs out is taken over by another dispatcher:
                // resent (a duplicate) or, for a one-time code, given up as UNCERTAIN although it may still succeed
                MessagingProperties.Http http = properties.sms().http();
                if (properties.dispatcher().lease().compareTo(http.connectTimeout().plus(http.readTimeout()).multipliedBy(2)) < 0) {
                    problems.add("benteng.messaging.dispatcher.lease must be at least twice sms.http.connect-timeout + read-timeout");
                }
            }
            if (properties.email().mode() == MessagingProperties.Mode.DEV) {
                problems.add("benteng.messaging.email.mode is dev: e-mail would go to the dev outbox file");
            } else if (environment.getProperty("spring.mail.host", "").isBlank()) {
                problems.add("spring.mail.host is not set (SMTP server for benteng.messaging.email.mode=provider)");
            }
            return problems;
        };
    }

    private static MessageSender smsSender(MessagingProperties properties, JsonMapper json) {
        MessagingProperties.Http http = properties.sms().http();
        if (http.url() == null || http.url().toString().isBlank()) {
            throw new IllegalStateException("benteng.messaging.sms.mode=provider needs benteng.messaging.sms.http.url");
        }
        return new HttpSmsSender(http.url(), http.token(), http.connectTimeout(), http.readTimeout(), json);
    }

    private static MessageSender emailSender(MessagingProperties properties, ObjectProvider<JavaMailSender> mail) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("benteng.messaging.email.mode=provider needs spring.mail.host (SMTP server)");
        }
        MessagingProperties.Email email = properties.email();
        return new SmtpEmailSender(sender, email.from(), email.fromName(), dkimSigner(email.dkim()));
    }

    /** simple-java-mail's utils-mail-dkim signs Jakarta Mail 2 messages; we do not sign by hand. */
    static DkimSigner dkimSigner(MessagingProperties.Dkim dkim) {
        if (!dkim.enabled()) {
            return null;
        }
        try {
            DkimSigner signer = new DkimSigner(dkim.domain(), dkim.selector(), new File(dkim.privateKeyFile()));
            signer.setCheckDomainKey(dkim.checkDnsKey());
            return signer;
        } catch (Exception e) {
            throw new IllegalStateException("DKIM is enabled but its key cannot be loaded from benteng.messaging.email.dkim.private-key-file", e);
        }
    }
}
