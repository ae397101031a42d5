package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the HTTP SMS sender reads a real gateway's answers, above all the ones that leave delivery uncertain. */
class MessagingHttpSmsSenderTest {

    private final SmsGatewayStub gateway = new SmsGatewayStub();

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    @Test
    void aGatewayThatTakesTheRequestAndNeverAnswersLeavesDeliveryUncertain() {
        gateway.answer(SmsGatewayStub.NO_ANSWER);
        UUID reference = UUID.randomUUID();

        SendResult result = sender(gateway.url()).send(message(reference));

        assertThat(result).isEqualTo(new SendResult.Uncertain("io"));
        assertThat(gateway.referencesFor(reference)).hasSize(1);
    }

    @Test
    void aGatewayThatRefusesTheConnectionCannotHaveTheMessageSoItIsRetried() {
        URI down;
        try (SmsGatewayStub stopped = new SmsGatewayStub()) {
            down = stopped.url();
        }

        assertThat(sender(down).send(message(UUID.randomUUID()))).isEqualTo(new SendResult.Retry("io_connect"));
    }

    @Test
    void aServerErrorAfterTheRequestArrivedLeavesDeliveryUncertain() {
        gateway.answer(500, 502, 504);
        for (int status : new int[]{500, 502, 504}) {
            assertThat(sender(gateway.url()).send(message(UUID.randomUUID()))).isEqualTo(new SendResult.Uncertain("http_" + status));
        }
    }

    @Test
    void answersAreReadAsBefore() {
        gateway.answer(503, 400);
        assertThat(sender(gateway.url()).send(message(UUID.randomUUID()))).isEqualTo(new SendResult.Retry("http_503"));
        assertThat(sender(gateway.url()).send(message(UUID.randomUUID()))).isEqualTo(new SendResult.Rejected("http_400"));
        assertThat(sender(gateway.url()).send(message(UUID.randomUUID()))).isEqualTo(new SendResult.Accepted());
    }

    private static HttpSmsSender sender(URI url) {
        // the gateway never answers in one test: the read timeout is what ends it, however fast the machine
        return new HttpSmsSender(url, "t", Duration.ofSeconds(2), Duration.ofMillis(300), JsonMapper.builder().build());
    }

    private static OutboundMessage message(UUID reference) {
        return new OutboundMessage(reference, Channel.SMS, Template.CONTACT_NOTIFICATION, Language.EN, "+60123456789", "+60 12-*** **89",
                new RenderedMessage(null, "Benteng: check your risk status in the app.", null));
    }
}
