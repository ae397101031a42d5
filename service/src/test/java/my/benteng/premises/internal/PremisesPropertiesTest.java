package my.benteng.premises.internal;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PremisesPropertiesTest {

    private static PremisesProperties fromEnvironment(Map<String, Object> env) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", env));
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("benteng.premises", PremisesProperties.class);
    }

    @Test
    void keysRotateThroughEnvironmentVariables() {
        PremisesProperties p = fromEnvironment(Map.of("BENTENG_PREMISES_QRKEYID", "2",
                "BENTENG_PREMISES_QRKEYS_1", "a2V5LW9uZQ==", "BENTENG_PREMISES_QRKEYS_2", "a2V5LXR3bw=="));
        assertThat(p.qrKeyId()).isEqualTo(2);
        assertThat(p.qrKeys()).containsOnlyKeys(1, 2);
        assertThat(p.toString()).doesNotContain("a2V5");
    }

    @Test
    void defaultsAreOneGeneratedKeyAndTheDailyLimits() {
        PremisesProperties p = fromEnvironment(Map.of());
        assertThat(p.qrKeyId()).isEqualTo(1);
        assertThat(p.qrKeys()).isEmpty();
        assertThat(p.maxPerOwnerPerDay()).isEqualTo(5);
        assertThat(p.maxPerIpPerDay()).isEqualTo(20);
    }

    @Test
    void aCurrentKeyIdWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("BENTENG_PREMISES_QRKEYID", "3", "BENTENG_PREMISES_QRKEYS_1", "a2V5")))
                .isInstanceOf(BindException.class);
    }
}
