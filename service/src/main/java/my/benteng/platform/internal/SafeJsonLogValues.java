package my.benteng.platform.internal;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The JSON log formats (ecs, logstash, gelf) escape CR, LF and the other C0 characters themselves, so a value cannot end
 * the line; this escapes what JSON leaves as it is (C1 such as NEL, U+2028/U+2029, bidi overrides) in every string value.
 * Configured by {@code logging.structured.json.customizer}.
 */
public class SafeJsonLogValues implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogSafe::escapeBeyondJson));
    }
}
