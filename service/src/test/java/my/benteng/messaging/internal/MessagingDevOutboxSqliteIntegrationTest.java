package my.benteng.messaging.internal;

import my.benteng.messaging.Messaging;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.SqliteTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default: both channels go to the dev outbox file, shown at GET /dev/outbox. */
@SqliteIntegrationTest
class MessagingDevOutboxSqliteIntegrationTest {

    @Autowired
    Messaging messaging;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    PlatformTransactionManager transactions;
    @LocalServerPort
    int port;

    @Test
    void enqueuedMessagesAreWrittenToTheDevOutboxFileAndListedNewestFirst() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        UUID sms = tx.execute(s -> messaging.enqueue(Template.OTP_CODE, Contact.of(PhoneNumber.parse("012-345 6701")),
                TemplateParameters.of("code", OtpCode.of("246810"), "minutes", Minutes.of(5))));
        drain(); // one at a time: messages of one batch are sent in parallel, in no particular order
        UUID mail = tx.execute(s -> messaging.enqueue(Template.CONTACT_NOTIFICATION,
                Contact.of(EmailAddress.parse("citizen@example.com")), TemplateParameters.none()));

        drain();

        String file = Files.readString(SqliteTestDatabase.dataDir().resolve(DevOutbox.FILE));
        assertThat(file).contains(sms.toString()).contains(mail.toString()).contains("246810");

        List<Map<String, Object>> listed = RestClient.create("http://127.0.0.1:" + port).get().uri("/dev/outbox?limit=50")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(listed).extracting(m -> m.get("reference")).contains(sms.toString(), mail.toString());
        Map<String, Object> otp = listed.stream().filter(m -> sms.toString().equals(m.get("reference"))).findFirst().orElseThrow();
        assertThat(otp).containsEntry("channel", "SMS").containsEntry("to", "+60123456701").containsEntry("template", "OTP_CODE");
        assertThat(otp.get("text").toString()).contains("246810");
        assertThat(listed.indexOf(otp)).as("newest first").isGreaterThan(
                listed.indexOf(listed.stream().filter(m -> mail.toString().equals(m.get("reference"))).findFirst().orElseThrow()));
    }

    private void drain() {
        while (dispatcher.dispatchDue() > 0) {
            // the shared test contexts dispatch on demand
        }
    }

    @Test
    void limitBoundsTheList() {
        List<?> listed = RestClient.create("http://127.0.0.1:" + port).get().uri("/dev/outbox?limit=1")
                .retrieve().body(List.class);
        assertThat(listed).hasSizeLessThanOrEqualTo(1);
    }
}
