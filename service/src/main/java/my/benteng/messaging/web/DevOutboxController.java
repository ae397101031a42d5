package my.benteng.messaging.web;

import my.benteng.messaging.internal.DevOutbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code GET /dev/outbox}: what the dev outbox "sent", newest first. Registered only with dev tools on. */
@RestController
@ConditionalOnBooleanProperty("benteng.dev-tools")
class DevOutboxController {

    private static final int MAX_LIMIT = 500;

    private final DevOutbox devOutbox;

    DevOutboxController(DevOutbox devOutbox) {
        this.devOutbox = devOutbox;
    }

    @GetMapping(path = "/dev/outbox", produces = "application/json")
    List<Map<String, Object>> recent(@RequestParam(defaultValue = "20") int limit) {
        return devOutbox.recent(Math.max(1, Math.min(limit, MAX_LIMIT)));
    }
}
