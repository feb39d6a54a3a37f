package com.hmall.console.services;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.hmall.starter.web.ApiException;

/**
 * The services the console shows and turns the knobs of, from configuration only
 * ({@code HMALL_CONSOLE_SERVICES}: {@code name=url} pairs, comma-separated, in the order shown):
 * one more service is one more entry, never code.
 */
@Component
public class ServiceDirectory {

    private final Map<String, URI> services;

    ServiceDirectory(@Value("${hmall.console.services}") String services) {
        this.services = parse(services);
    }

    static Map<String, URI> parse(String list) {
        Map<String, URI> parsed = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("hmall.console.services: '" + entry.trim()
                        + "' is not name=url (e.g. user-service=http://127.0.0.1:8081)");
            }
            String name = entry.substring(0, equals).trim();
            URI url = URI.create(entry.substring(equals + 1).trim().replaceAll("/+$", ""));
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new IllegalArgumentException("hmall.console.services: " + name + " needs an http(s) URL, not " + url);
            }
            parsed.put(name, url);
        }
        return Collections.unmodifiableMap(parsed);
    }

    public List<String> names() {
        return List.copyOf(services.keySet());
    }

    public URI url(String name) {
        URI url = services.get(name);
        if (url == null) {
            throw ApiException.notFound("Service", name);
        }
        return url;
    }

    public URI url(String name, String path) {
        return URI.create(url(name) + path);
    }
}
