package my.benteng.shield.internal;

import my.benteng.platform.LocalSecrets;

import java.nio.charset.StandardCharsets;

/**
 * The shield's two secrets: the key signing PoW challenges and the key hashing destinations. Production
 * configures both (the production check insists); the embedded default generates each once into the data
 * directory through {@link LocalSecrets}.
 */
record ShieldKeys(String powKey, byte[] destinationKey) {

    static final int MIN_LENGTH = LocalSecrets.MIN_LENGTH;

    static ShieldKeys load(String configuredPowKey, String configuredDestinationKey, LocalSecrets secrets) {
        String pow = new String(secrets.secret(configuredPowKey, "shield-pow.key"), StandardCharsets.UTF_8);
        return new ShieldKeys(pow, secrets.secret(configuredDestinationKey, "shield-destination.key"));
    }

    @Override
    public String toString() {
        return "ShieldKeys[redacted]";
    }
}
