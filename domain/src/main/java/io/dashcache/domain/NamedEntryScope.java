package io.dashcache.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One entry of an application's named cache: what {@code evict} and {@code put} bump, so a load
 * of that key begun before them stores nothing. Its key is the application's own text; it reaches
 * Redis only hashed ({@link KeyFormat#versionKey}) and a broadcast only in base64url.
 */
public record NamedEntryScope(String cache, String key) implements Scope {

    public NamedEntryScope {
        KeyFormat.requireCacheName(cache);
        Objects.requireNonNull(key, "key");
    }

    /** {@code app:orders:<base64url of the key>}: one line whatever the key holds. */
    @Override
    public String toString() {
        return NamedCacheScope.PREFIX + cache + ':'
                + Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
