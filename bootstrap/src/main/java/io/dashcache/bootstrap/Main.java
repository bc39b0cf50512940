package io.dashcache.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar dashcache.jar}: reads the environment, starts one instance, runs until stopped. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        DashcacheConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("dashcache: configuration error: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            Dashcache instance = Dashcache.start(config);
            LOG.info("dashcache {} ready on http://localhost:{} (engine: {}, key prefix: {})", config.instanceId(),
                    instance.port(), config.engineUrl().map(Object::toString).orElse("embedded demo"),
                    config.keyPrefix());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("dashcache: could not start: " + root.getMessage());
            LOG.debug("start-up failure", e);
            System.exit(1);
        }
    }
}
