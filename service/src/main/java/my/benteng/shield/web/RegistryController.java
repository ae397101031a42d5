package my.benteng.shield.web;

import my.benteng.platform.ApiProblem;
import my.benteng.shield.Registry;
import my.benteng.shield.RegistryEntry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Operators' registry of allowed and denied numbers and prefixes. */
@RestController
@RequestMapping("/api/v1/shield/registry")
@PreAuthorize("hasRole('OPERATOR')") // the path rule says the same; this keeps it true if a path rule is ever lost
class RegistryController {

    private final Registry registry;

    RegistryController(Registry registry) {
        this.registry = registry;
    }

    /** A request to add an entry; validation happens in the registry, which knows the clock. */
    record AddEntry(RegistryEntry.Action action, RegistryEntry.Match match, String digits, String reason, Instant expiresAt) {
    }

    @GetMapping
    List<RegistryEntry> list() {
        return registry.list();
    }

    @PostMapping
    ResponseEntity<RegistryEntry> add(@RequestBody AddEntry request, Authentication operator) {
        RegistryEntry entry = registry.add(new RegistryEntry.Draft(request.action(), request.match(), request.digits(),
                request.reason(), request.expiresAt()), operator.getName());
        return ResponseEntity.created(URI.create("/api/v1/shield/registry/" + entry.id())).body(entry);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id, Authentication operator) {
        if (!registry.remove(id, operator.getName())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no such resource.");
        }
        return ResponseEntity.noContent().build();
    }
}
