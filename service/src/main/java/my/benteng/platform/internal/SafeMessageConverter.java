package my.benteng.platform.internal;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m} of the plain log format with line breaks and control characters escaped ({@link LogSafe}); see logback-spring.xml. */
public class SafeMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogSafe.escape(super.convert(event));
    }
}
