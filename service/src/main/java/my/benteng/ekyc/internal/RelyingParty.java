package my.benteng.ekyc.internal;

import java.time.Period;
import java.util.List;
import java.util.Set;

/** A registered relying party (bank, telco, merchant). Holds no secret. */
public record RelyingParty(String id, String name, Set<String> purposes, Period retention, List<SourceNetwork> allowedNetworks,
                    String keyId, boolean disabled) {

    boolean allows(java.net.InetAddress source) {
        return allowedNetworks.stream().anyMatch(n -> n.contains(source));
    }
}
