package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.SuiteEnvironment;

/**
 * The local launcher's services listen on 127.0.0.1 only (HMALL_BIND's default): from this machine
 * they answer, from the machine's own network address, as anyone on the classroom network would
 * reach them, nothing listens.
 */
class LocalBindingIT extends EndToEndTest {

    @Test
    void shouldListenOnLoopbackOnlyByDefault() throws IOException {
        List<InetAddress> network = networkAddresses();
        assertThat(network).as("this machine has a network address to try from").isNotEmpty();

        for (String service : List.of("user-service", "trade-service", "pay-service", "notify-service",
                "points-service")) {
            int port = SuiteEnvironment.port(service);
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            }
            for (InetAddress address : network) {
                assertThatThrownBy(() -> {
                    try (Socket outside = new Socket()) {
                        outside.connect(new InetSocketAddress(address, port), 2_000);
                    }
                }).as("%s on %s:%d", service, address.getHostAddress(), port).isInstanceOf(IOException.class);
            }
        }
    }

    private static List<InetAddress> networkAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address)
                .toList();
    }
}
