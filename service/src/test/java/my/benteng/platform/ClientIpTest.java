package my.benteng.platform;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpTest {

    @Test
    void subnetIsSlash24ForIpv4AndSlash48ForIpv6() throws Exception {
        assertThat(new ClientIp(InetAddress.getByName("203.0.113.77")).subnet()).isEqualTo("203.0.113.0/24");
        assertThat(new ClientIp(InetAddress.getByName("2001:db8:1:2:3::9")).subnet()).isEqualTo("2001:db8:1:0:0:0:0:0/48");
    }
}
