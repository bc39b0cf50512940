package io.dashcache.bootstrap.e2e;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What dashcache asks the engine for one cached read: {@code GET /v1/{type}} with exactly the query
 * parameters of docs/contract.md ({@code userId}, {@code period}, {@code widget}).
 */
record EngineRead(String type, SortedMap<String, String> query) {

    EngineRead {
        query = new TreeMap<>(query);
    }

    static EngineRead of(String type, Map<String, String> query) {
        return new EngineRead(type, new TreeMap<>(query));
    }

    String path() {
        return "/v1/" + type;
    }

    /** Whether a logged request asked for exactly this: same path, same parameters, none more. */
    boolean isAskedBy(LoggedRequest request) {
        URI uri = URI.create(request.getUrl());
        return uri.getPath().equals(path()) && parameters(uri.getRawQuery()).equals(query);
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (parameters.put(name, value) != null) {
                parameters.put(name, "(given twice)");
            }
        }
        return parameters;
    }
}
