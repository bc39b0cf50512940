package io.dashcache.spring.boot;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application a team writes: {@code @EnableCaching} and annotated methods, no cache wiring. */
final class Shop {

    private Shop() {
    }

    record Book(String id, String title) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class App {
        @Bean
        Books books() {
            return new Books();
        }
    }

    /** Without {@code @EnableCaching}. */
    @Configuration(proxyBeanMethods = false)
    static class PlainApp {
        @Bean
        Books books() {
            return new Books();
        }
    }

    static class Books {
        private final AtomicInteger loads = new AtomicInteger();

        /** How often a method ran (a method: the bean is a subclass proxy, its fields are not the target's). */
        public int loads() {
            return loads.get();
        }

        @Cacheable("books")
        public Book find(String id) {
            loads.incrementAndGet();
            return id.startsWith("missing") ? null : new Book(id, "title of " + id);
        }

        @CacheEvict("books")
        public void evict(String id) {
        }

        @Cacheable(cacheNames = "titles", sync = true)
        public String title(String id) {
            loads.incrementAndGet();
            return "title of " + id;
        }
    }
}
