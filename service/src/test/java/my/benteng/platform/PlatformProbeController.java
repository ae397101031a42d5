package my.benteng.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Test-only endpoints that exercise the platform's error handling from a real request. */
@RestController
class PlatformProbeController {

    record ProbeRequest(@NotBlank @Size(max = 20) String name, String phone) {
    }

    @PostMapping(path = "/api/test/probe", consumes = "application/json")
    Map<String, String> probe(@Valid @RequestBody ProbeRequest request) {
        PhoneNumber phone = request.phone() == null ? null : PhoneNumber.parse(request.phone());
        return Map.of("name", request.name(), "phone", String.valueOf(phone));
    }

    @PostMapping(path = "/api/test/explode", consumes = "application/json")
    Map<String, String> explode() {
        throw new IllegalStateException("secret-token-4242 leaked into a message");
    }

    /** What a transaction gets when SQLite's write lock stayed taken past the busy timeout (or the pool is exhausted). */
    @PostMapping(path = "/api/test/busy", consumes = "application/json")
    Map<String, String> busy() {
        throw new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new java.sql.SQLException("[SQLITE_BUSY] The database file is locked (database is locked)"));
    }

    /** What a commit gets when SQLite refuses it with SQLITE_BUSY (seen under heavy write load). */
    @PostMapping(path = "/api/test/busy-commit", consumes = "application/json")
    Map<String, String> busyCommit() {
        throw new org.springframework.transaction.TransactionSystemException("JDBC commit failed",
                new org.sqlite.SQLiteException("[SQLITE_BUSY] The database file is locked (database is locked)", org.sqlite.SQLiteErrorCode.SQLITE_BUSY));
    }
}
