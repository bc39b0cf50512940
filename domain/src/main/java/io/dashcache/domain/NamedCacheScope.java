package io.dashcache.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Every entry of one application's named cache: what {@code clear} bumps. */
public record NamedCacheScope(String cache) implements Scope {

    static final String PREFIX = "app:";

    public NamedCacheScope {
        KeyFormat.requireCacheName(cache);
    }

    /** {@code app:orders}. */
    @Override
    public String toString() {
        return PREFIX + cache;
    }

    /** Reads {@code app:orders} or {@code app:orders:<base64url of the key>}. */
    static Scope parse(String text) {
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return new NamedCacheScope(rest);
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(rest.substring(colon + 1)), StandardCharsets.UTF_8);
            return new NamedEntryScope(rest.substring(0, colon), key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scope", "'" + InvalidInputException.excerpt(text) + "' is not a scope");
        }
    }
}
