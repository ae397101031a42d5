package my.benteng.messaging.internal;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default's "provider": one JSON line per message in {@code dev-outbox.jsonl} under the data
 * directory, shown newest first at {@code GET /dev/outbox}, so every flow can be completed without a
 * phone. It holds whole addresses and codes, which is why it exists only with dev tools on.
 */
public final class DevOutbox {

    static final String FILE = "dev-outbox.jsonl";

    private final Path file;
    private final JsonMapper json;
    private final Clock clock;

    DevOutbox(Path dataDir, JsonMapper json, Clock clock) {
        this.file = dataDir.resolve(FILE);
        this.json = json;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    MessageSender sender() {
        return message -> {
            append(message);
            return new SendResult.Accepted();
        };
    }

    synchronized void append(OutboundMessage message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("reference", message.reference().toString());
        line.put("at", Instant.ofEpochMilli(clock.millis()).toString());
        line.put("channel", message.channel().name());
        line.put("to", message.to());
        line.put("template", message.template().name());
        line.put("language", message.language().name());
        line.put("subject", message.content().subject());
        line.put("text", message.content().text());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev outbox", e);
        }
    }

    /** The newest {@code limit} messages, newest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> recent(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
                if (!lines.get(i).isBlank()) {
                    out.add(json.readValue(lines.get(i), Map.class));
                }
            }
            return Collections.unmodifiableList(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dev outbox", e);
        }
    }
}
