package com.hmall.pay.client;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.core.convert.converter.Converter;

/**
 * Lets a downstream's instances be configured as plain URLs: {@code USER_SERVICE_URL} may be one URL,
 * as it always was, or a comma-separated list of them. Spring Boot's binder already splits a
 * comma-separated value into a list; all it lacks is how to turn one URL into the
 * {@link InstanceProperties} that Spring Cloud's SimpleDiscoveryClient lists and LoadBalancer chooses
 * from. That is this, and the check that each entry is usable: a bad entry fails the start here,
 * naming the property and the entry, instead of failing the first payment that draws it.
 */
class InstanceUrlConverter implements Converter<String, InstanceProperties> {

    @Override
    public InstanceProperties convert(String source) {
        String entry = source.trim();
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            throw invalid(entry, e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw invalid(entry, "it must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(entry, "it must name a host (and no user)");
        }
        // LoadBalancer calls the chosen instance's scheme, host and port with the client's own path:
        // a path, query or fragment here would be silently dropped, so it is refused.
        boolean rootPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!rootPath || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(entry, "it must be only scheme, host and port");
        }
        InstanceProperties instance = new InstanceProperties();
        instance.setUri(uri);
        if (uri.getPort() == -1) {
            // InstanceProperties would keep -1 and LoadBalancer would call port -1.
            instance.setPort("https".equals(uri.getScheme()) ? 443 : 80);
        }
        return instance;
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("'" + entry + "' is not a service instance URL (" + why
                + "); write http://host:port, or several, comma-separated: http://host:8081,http://host:8181");
    }
}
