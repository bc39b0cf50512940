package io.dashcache.adapters.spring.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * JSON through the application's {@link ObjectMapper}, read back as the one type declared for the
 * cache. The type comes from the code, never from the stored bytes (no default typing), so what
 * Redis holds cannot choose what gets instantiated.
 */
public final class JacksonValueSerializer implements ValueSerializer {

    private final ObjectMapper mapper;
    private final JavaType type;

    public JacksonValueSerializer(ObjectMapper mapper, Class<?> type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = mapper.constructType(Objects.requireNonNull(type, "type"));
    }

    @Override
    public byte[] serialize(Object value) {
        if (!type.getRawClass().isInstance(value)) {
            throw new IllegalArgumentException("this cache holds " + type.getRawClass().getName() + ", not "
                    + value.getClass().getName());
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a " + value.getClass().getName() + " as JSON", e);
        }
    }

    @Override
    public Object deserialize(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a cached " + type.getRawClass().getName(), e);
        }
    }
}
