package io.dashcache.adapters.spring.cache;

import java.nio.charset.StandardCharsets;

/**
 * Turns one cache's values into the bytes dashcache stores, and back. Never Java serialization:
 * bytes in a shared Redis must not be able to name classes to instantiate.
 */
public interface ValueSerializer {

    byte[] serialize(Object value);

    Object deserialize(byte[] bytes);

    /** Values that are {@code byte[]} already, stored as they are. */
    static ValueSerializer bytes() {
        return new ValueSerializer() {
            @Override
            public byte[] serialize(Object value) {
                if (value instanceof byte[] bytes) {
                    return bytes;
                }
                throw new IllegalArgumentException("this cache holds byte[], not " + value.getClass().getName());
            }

            @Override
            public Object deserialize(byte[] bytes) {
                return bytes;
            }
        };
    }

    /** {@code String} values, as UTF-8. */
    static ValueSerializer strings() {
        return new ValueSerializer() {
            @Override
            public byte[] serialize(Object value) {
                if (value instanceof String text) {
                    return text.getBytes(StandardCharsets.UTF_8);
                }
                throw new IllegalArgumentException("this cache holds String, not " + value.getClass().getName());
            }

            @Override
            public Object deserialize(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
